import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { registerCatalog } from '../../platform/i18n/index.js';
import { indicatorDef, registerIndicators } from '../../platform/indicators/index.js';
import { talliesFor } from '../figures/index.js';
import { createPlan } from './create.js';

/**
 * The review's hand-counted test fixture, shared by pack.test.ts and
 * review-routes.test.ts (and usable by a demo or a bench): never imported
 * by the running application.
 */

/**
 * Two indicators of this test's own, read from the roll-up's month rows
 * the way the figures indicators are: served tickets (a count that adds
 * up, so its year-to-date target is the monthly one times the months) and
 * the share served within 15 minutes (a level).
 */
export function registerReviewTestIndicators(): void {
  if (indicatorDef('reviewtest.served')) return;
  registerCatalog({ 'zh-Hant': { 'reviewtest.served': '服務人次', 'reviewtest.within15': '15分鐘內受理比率' }, en: { 'reviewtest.served': 'Served', 'reviewtest.within15': 'Served within 15 minutes' } });
  registerIndicators([
    {
      key: 'reviewtest.served',
      titleKey: 'reviewtest.served',
      unit: 'count',
      better: 'higher',
      additive: true,
      href: (o, p) => `/staff/figures/office?office=${o.code}&period=${p.key}`,
      async compute(db, o, p) {
        const t = (await talliesFor(db, [o.id], p)).get(o.id) ?? {};
        return { value: t['q.tickets'] ? (t['q.done'] ?? 0) : null };
      },
    },
    {
      key: 'reviewtest.within15',
      titleKey: 'reviewtest.within15',
      unit: 'percent',
      better: 'higher',
      href: (o, p) => `/staff/figures/office?office=${o.code}&period=${p.key}`,
      async compute(db, o, p) {
        const t = (await talliesFor(db, [o.id], p)).get(o.id) ?? {};
        const waited = t['q.waited'] ?? 0;
        return waited ? { value: Math.round(((t['q.within15'] ?? 0) / waited) * 1000) / 10, base: waited } : { value: null };
      },
    },
  ]);
}

export async function putMonth(db: Executor, officeId: number, month: string, data: Record<string, number>) {
  const row = { data: JSON.stringify(data), computed_at: '2026-12-01T00:00:00.000Z' };
  await db
    .insertInto('figure_month')
    .values({ office_id: officeId, month, ...row })
    .onConflict((oc) => oc.columns(['office_id', 'month']).doUpdateSet(row))
    .execute();
}

/**
 * The fixture, counted by hand (plan year 2026; today 2026-12-03):
 *   item 一 服務流程: A 服務人次 (reviewtest.served, count, target 100 a month, adds up)
 *                     C 15分鐘內受理比率 (reviewtest.within15, percent, no target)
 *   item 二 顧客關係: B 滿意度調查分數 (hand-entered score, target 85: at risk within 8.5)
 *   roll-up month rows  done  waited  within15        hand B
 *     2025-12            90     50      40
 *     2026-01           120    100      80   (80%)     88
 *     2026-02            95     80      60   (75%)     80
 *     2026-03            70     40      36   (90%)     —
 *   so A: Jan 120 on track, Feb 95 at risk (gap 5 ≤ 10), Mar 70 off track; Dec 90 at risk.
 *      A year to date: Jan 120/100 on track, Feb 215/200 on track, Mar 285/300 at risk (gap 15 ≤ 30).
 *   B: Jan 88 on track, Feb 80 at risk (gap 5 ≤ 8.5), Mar no data; year to date Mar: 80 (Feb's, the latest) at risk.
 *   C: Jan 80, Feb 75, Mar 90, Dec 80; year to date Feb 140/180 = 77.8, Mar 176/220 = 80; never a status but no_target.
 */
export async function reviewFixture(database: Database, officeCode: string, opts: { officeId?: number; countyId?: number; year?: number } = {}) {
  registerReviewTestIndicators();
  const { db } = database;
  const year = opts.year ?? 2026;
  let { officeId, countyId } = opts;
  if (officeId === undefined || countyId === undefined) {
    const county = await db.insertInto('county').values({ code: `c${officeCode}`, name_zh: '測試縣', name_en: 'Test', website: null }).returning('id').executeTakeFirstOrThrow();
    const office = await db
      .insertInto('office')
      .values({ county_id: county.id, code: officeCode, kind: 'township', name_zh: '測試鄉戶政事務所', name_en: 'Test', address_zh: '', address_en: '', phone: '', fax: null, email: null, director_name: null, updated_at: '2026-01-01T00:00:00Z', parent_id: null, map_url: null, closed_at: null, successor_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    countyId = county.id;
    officeId = office.id;
  }
  const planId = await writeTransaction(database, (trx) => createPlan(trx, { countyId: countyId!, officeId: officeId!, year, source: { blank: true } }, { id: null, name: 'test' }, new Date('2026-01-02T00:00:00Z')));
  const item = async (position: number, code: string, title: string) =>
    (
      await db
        .insertInto('plan_item')
        .values({ plan_id: planId, parent_id: null, position, code, title, strategy: '', points10: 50, deadline: null, lead_unit: '', co_units: '', benefit: '' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const one = await item(1, '一', '服務流程');
  const two = await item(2, '二', '顧客關係');
  const measure = async (itemId: number, position: number, key: string | null, label: string, unit: string, target: number | null) =>
    (
      await db
        .insertInto('plan_measure')
        .values({ plan_id: planId, item_id: itemId, position, indicator_key: key, label, unit, better: 'higher', target })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const a = await measure(one, 1, 'reviewtest.served', '服務人次', 'count', 100);
  const c = await measure(one, 2, 'reviewtest.within15', '', 'percent', null);
  const b = await measure(two, 1, null, '滿意度調查分數', 'score', 85);
  const y = (n: number) => `${year + n}`;
  await putMonth(db, officeId!, `${y(-1)}-12`, { 'q.tickets': 100, 'q.done': 90, 'q.waited': 50, 'q.within15': 40 });
  await putMonth(db, officeId!, `${y(0)}-01`, { 'q.tickets': 130, 'q.done': 120, 'q.waited': 100, 'q.within15': 80 });
  await putMonth(db, officeId!, `${y(0)}-02`, { 'q.tickets': 100, 'q.done': 95, 'q.waited': 80, 'q.within15': 60 });
  await putMonth(db, officeId!, `${y(0)}-03`, { 'q.tickets': 75, 'q.done': 70, 'q.waited': 40, 'q.within15': 36 });
  for (const [month, value] of [
    [`${y(0)}-01`, 88],
    [`${y(0)}-02`, 80],
  ] as const) {
    await db.insertInto('plan_hand_value').values({ measure_id: b, month, value, note: '', file_id: null, entered_by: null, entered_at: '2026-03-01T00:00:00Z' }).execute();
  }
  return { planId, officeId: officeId!, countyId: countyId!, items: { one, two }, measures: { a, b, c } };
}

