import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/databases.js';
import { writeTransaction } from '../../db/index.js';
import { isAppError } from '../../platform/errors.js';
import { createPlan } from './create.js';
import { leaves, readPlan } from './model.js';

const now = new Date('2026-12-01T02:00:00Z');
const by = { id: null, name: 'test' };

forEachDatabase((get) => {
  async function office() {
    const { db } = get();
    const county = await db.insertInto('county').values({ code: `c${Math.random().toString(36).slice(2, 8)}`, name_zh: '測試縣', name_en: 'Test', website: null }).returning('id').executeTakeFirstOrThrow();
    return { countyId: county.id };
  }

  it('starts the county plan from the 湖西 template: 100 points, five 實施要項, 16 scored items, nested three deep', async () => {
    const database = get();
    const { countyId } = await office();
    const id = await writeTransaction(database, (trx) => createPlan(trx, { countyId, officeId: null, year: 2027, source: { template: 'huxi103' } }, by, now));
    const tree = await readPlan(database.db, id);
    expect(tree?.total10).toBe(1000);
    expect(tree?.items.map((i) => [i.code, i.points10])).toEqual([
      ['一', 50],
      ['二', 300],
      ['三', 300],
      ['四', 300],
      ['五', 50],
    ]);
    expect(leaves(tree!)).toHaveLength(17);
    expect(Math.max(...tree!.flat.map((i) => i.depth))).toBe(3);
    expect(tree?.plan.title).toBe('116年提升服務品質執行計畫');
    expect(tree?.flat.find((i) => i.title === '便捷性')?.deadline).toBe('2027-12-31');
    const rev = await database.db.selectFrom('plan_revision').select(['revision', 'reason']).where('plan_id', '=', id).execute();
    expect(rev).toEqual([{ revision: 1, reason: 'created' }]);
  });

  it("copies another plan (next year's from this one) and refuses a second plan for the same year", async () => {
    const database = get();
    const { countyId } = await office();
    const first = await writeTransaction(database, (trx) => createPlan(trx, { countyId, officeId: null, year: 2026, source: { template: 'gsqa' } }, by, now));
    const next = await writeTransaction(database, (trx) => createPlan(trx, { countyId, officeId: null, year: 2027, source: { plan: first } }, by, now));
    const [a, b] = [await readPlan(database.db, first), await readPlan(database.db, next)];
    expect(b?.total10).toBe(a?.total10);
    expect(b?.flat.map((i) => [i.code, i.title, i.points10, i.measures.length])).toEqual(a?.flat.map((i) => [i.code, i.title, i.points10, i.measures.length]));
    expect(b?.flat[1]?.deadline).toBe('2027-12-31');
    const again = await writeTransaction(database, (trx) => createPlan(trx, { countyId, officeId: null, year: 2027, source: { blank: true } }, by, now)).catch((e) => e);
    expect(isAppError(again) && again.code).toBe('conflict');
  });
});
