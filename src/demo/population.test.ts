import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/databases.js';
import { ROOT } from '../app.js';
import { generatePopulationMonth } from '../modules/population/generator/index.js';
import { demoFileStyle, demoPopulationMonths, seedPopulation } from './population.js';
import { seedDemo } from './seed.js';
import { DEMO_VILLAGES } from './villages.js';

const NOW = new Date('2026-11-15T02:00:00Z');

describe('demo population months', () => {
  it('are the 24 months before now’s month in Taipei, oldest first', () => {
    const months = demoPopulationMonths(NOW);
    expect(months).toHaveLength(24);
    expect([months[0], months[23]]).toEqual(['2024-11', '2026-10']);
    // 1 January 00:30 in Taipei is still 31 December in UTC
    expect(demoPopulationMonths(new Date('2025-12-31T16:30:00Z')).at(-1)).toBe('2025-12');
  });

  it('mix every file style into every kind over the 24 months', () => {
    for (const kind of ['households', 'ages', 'events'] as const) {
      const styles = new Set(Array.from({ length: 24 }, (_, i) => JSON.stringify(demoFileStyle(i, kind))));
      expect(styles.size).toBe(7);
    }
  });
});

forEachDatabase((get) => {
  describe('seedPopulation', () => {
    let countyId = 0;
    let took = 0;
    beforeAll(async () => {
      const database = get();
      await seedDemo(database, ROOT, NOW);
      countyId = (await database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
      const t = performance.now();
      await seedPopulation(database, { countyId, now: NOW });
      took = performance.now() - t;
    }, 60_000);

    it('imports 24 months of households, single ages and events, one current raw file each', async () => {
      const { db } = get();
      const files = await db.selectFrom('stat_file').select(['kind', 'month', 'source', 'replaced_by', 'format', 'encoding']).execute();
      expect(files).toHaveLength(72);
      expect(files.every((f) => f.source === 'demo' && f.replaced_by === null)).toBe(true);
      for (const kind of ['households', 'ages', 'events'] as const) {
        expect(new Set(files.filter((f) => f.kind === kind).map((f) => f.month))).toEqual(new Set(demoPopulationMonths(NOW)));
      }
      expect(new Set(files.map((f) => `${f.format}/${f.encoding}`))).toEqual(new Set(['csv/utf-8', 'csv/big5', 'json/utf-8']));
      // timed, not asserted: on a shared, busy machine a time limit only makes the test flaky
      console.info(`[population seed] 72 files in ${Math.round(took)} ms`);
    });

    it('stores every village every month, with the figures the generator gave', async () => {
      const { db } = get();
      const rows = await db.selectFrom('pop_village_month').selectAll().where('county_id', '=', countyId).execute();
      expect(rows).toHaveLength(24 * DEMO_VILLAGES.length);
      const last = generatePopulationMonth('2026-10');
      for (const g of last.households) {
        const r = rows.find((x) => x.month === '2026-10' && x.village_code === g.code)!;
        expect([r.households, r.people, r.male, r.female]).toEqual([g.households, g.people, g.male, g.female]);
      }
      const ages = await db.selectFrom('pop_age').select(['month']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('month').execute();
      expect(ages).toHaveLength(24);
      expect(ages.every((a) => Number(a.n) === 101 * DEMO_VILLAGES.length)).toBe(true);
      const events = await db.selectFrom('pop_events').selectAll().where('month', '=', '2026-10').execute();
      expect(events).toHaveLength(DEMO_VILLAGES.length);
      const g = last.events.find((e) => e.code === '10004120007')!;
      expect(events.find((e) => e.village_code === '10004120007')).toMatchObject({ births_m: g.birthsM, births_f: g.birthsF, moved_in: g.movedIn, moved_out: g.movedOut });
      const towns = await db.selectFrom('stat_town').select(['code', 'name_zh']).orderBy('code').execute();
      expect(towns).toEqual([
        { code: '10004010', name_zh: '竹北市' },
        { code: '10004120', name_zh: '尖石鄉' },
      ]);
    });
  });
});
