import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { bookingRow, clearDemoQuestionnaires, type DemoIds, demoCounty, demoIds, insertCase, insertPetition, insertResponse, insertRows, searchRow, type TicketSpec, taipei, ticketRow } from '../../../test/figures-rows.js';
import type { Database } from '../../db/index.js';
import { computeIndicator, type IndicatorOffice, type IndicatorPeriod, indicatorDef } from '../../platform/indicators/index.js';
import '../booking/index.js';
import '../content/index.js';
import { monthPeriod, rebuild } from '../figures/index.js';
import '../petitions/index.js';
import '../surveys/index.js';

/**
 * Every indicator the modules register (the plan's own registers aside) on
 * one hand-counted data set. Z = Zhubei, the office asked about; J =
 * Jianshi, whose rows must never count for Z; times in Taipei. Calendar
 * 2026: 10-03/04, 10-09 (補假), 10-10/11, 10-17/18, 10-24/25, 10-26 (補假),
 * 10-31 and 11-01 are days off.
 */
const NOW = new Date('2026-12-03T02:00:00Z');
const OCT = monthPeriod(2026, 10);
const NOV = monthPeriod(2026, 11);
const SEP = monthPeriod(2026, 9);
const AUG = monthPeriod(2026, 8);
const min = (m: number) => m * 60_000;

const TICKETS: TicketSpec[] = [
  // Z October: 6 tickets, 2 by booking; waits 2 4 8 15 20 (15:00 is within 15)
  { office: 'zhubei', day: '2026-10-05', at: '09:10', waitMs: min(2) },
  { office: 'zhubei', day: '2026-10-05', at: '09:40', channel: 'booking', waitMs: min(15) },
  { office: 'zhubei', day: '2026-10-05', at: '10:20', waitMs: min(20) },
  { office: 'zhubei', day: '2026-10-06', at: '14:00', channel: 'booking', waitMs: min(4) },
  { office: 'zhubei', day: '2026-10-06', at: '14:30', waitMs: min(8) },
  { office: 'zhubei', day: '2026-10-06', at: '15:00', status: 'cancelled' },
  // Z November: 4 tickets, 1 by booking; waits 5 10 12 40
  { office: 'zhubei', day: '2026-11-10', at: '09:00', channel: 'booking', waitMs: min(5) },
  { office: 'zhubei', day: '2026-11-10', at: '09:30', waitMs: min(10) },
  { office: 'zhubei', day: '2026-11-11', at: '10:00', waitMs: min(12) },
  { office: 'zhubei', day: '2026-11-11', at: '10:30', waitMs: min(40) },
  { office: 'jianshi', day: '2026-10-05', at: '09:00', channel: 'booking', waitMs: min(1) },
];

async function insertOperations(db: Database['db'], ids: DemoIds) {
  await insertRows(db, 'ticket', TICKETS.map((t) => ticketRow(ids, t)));
  const peak = (office: number, at: string) => ({ office_id: office, kind: 'support_open', at, waiting: 12, oldest_wait_min: 20, counter_id: null, staff_id: null, detail: null });
  await db.insertInto('peak_event').values([peak(ids.office.zhubei, taipei('2026-10-05', '10:00')), peak(ids.office.zhubei, taipei('2026-10-20', '15:00')), peak(ids.office.jianshi, taipei('2026-10-05', '10:00'))]).execute();
  const home = (day: string, createdAt: string, status: 'served' | 'booked' = 'served', office: 'zhubei' | 'jianshi' = 'zhubei') => bookingRow(ids, { office, service: 'home-visit', day, status, byStaff: true, createdAt });
  await insertRows(db, 'booking', [
    bookingRow(ids, { office: 'zhubei', day: '2026-10-05', status: 'served', createdAt: taipei('2026-10-01') }),
    bookingRow(ids, { office: 'zhubei', day: '2026-10-06', status: 'checked_in', createdAt: taipei('2026-10-02') }),
    bookingRow(ids, { office: 'zhubei', day: '2026-10-07', status: 'no_show', createdAt: taipei('2026-10-02') }),
    bookingRow(ids, { office: 'zhubei', day: '2026-10-08', status: 'cancelled', createdAt: taipei('2026-10-02') }),
    home('2026-10-08', taipei('2026-10-05')), // Mon → Thu: 06 07 08, within
    home('2026-10-13', taipei('2026-10-07')), // Wed → Tue: 08 (09–11 off) 12 13, within
    home('2026-10-20', taipei('2026-10-14')), // Wed → Tue: 15 16 19 20, four: late
    home('2026-10-23', '2026-10-19T17:00:00.000Z'), // asked 01:00 on 10-20 in Taipei: 21 22 23, within
    home('2026-10-28', taipei('2026-10-22')), // Thu → Wed: 23 (24–26 off) 27 28, within
    home('2026-10-27', taipei('2026-10-20'), 'booked'), // not yet served
    home('2026-10-30', taipei('2026-10-01'), 'served', 'jianshi'),
  ]);
  const closed = (at: string) => ({ closedAt: at, updatedAt: at });
  await insertCase(db, ids, { office: 'zhubei', receivedOn: '2026-10-05', dueOn: '2026-10-08', limitDays: 3, ...closed(taipei('2026-10-07')) }); // 2 wd, on time
  await insertCase(db, ids, { office: 'zhubei', receivedOn: '2026-10-01', dueOn: '2026-10-08', limitDays: 5, notices: 1, ...closed(taipei('2026-10-14')) }); // 02 05 06 07 08 12 13 14: 8 wd, late
  await insertCase(db, ids, { office: 'zhubei', receivedOn: '2026-10-19', dueOn: '2026-10-20', limitDays: 1, notices: 2, ...closed(taipei('2026-10-20')) }); // 1 wd, on time
  await insertCase(db, ids, { office: 'zhubei', receivedOn: '2026-10-21', dueOn: '2026-10-22', limitDays: 1, updatedAt: taipei('2026-10-21') }); // open
  await insertCase(db, ids, { office: 'jianshi', receivedOn: '2026-10-05', dueOn: '2026-10-06', limitDays: 1, ...closed(taipei('2026-10-09')) });
  const p = (receivedOn: string, dueOn: string, repliedOn: string | null, rating: number | null, office: 'zhubei' | 'jianshi' = 'zhubei') =>
    insertPetition(db, ids, { office, receivedOn, dueOn, repliedOn, rating, updatedAt: taipei(repliedOn ?? receivedOn, '16:00') });
  await p('2026-10-02', '2026-10-08', '2026-10-07', 5); // on time, satisfied
  await p('2026-10-02', '2026-10-08', '2026-10-13', 2); // late
  await p('2026-10-15', '2026-10-22', '2026-10-20', 3); // on time, not satisfied
  await p('2026-10-20', '2026-10-27', null, null); // not answered
  await p('2025-10-06', '2025-10-10', '2025-10-08', 3); // a year earlier: 1 of 2 satisfied
  await p('2025-10-07', '2025-10-13', '2025-10-09', 5);
  await p('2026-10-05', '2026-10-12', '2026-10-06', 1, 'jianshi');
}

async function insertAnswers(db: Database['db'], ids: DemoIds) {
  const r = (office: 'zhubei' | 'jianshi', day: string, scores: (number | null)[], kind: 'service' | 'staff' = 'service') => insertResponse(db, ids, { office, kind, day, createdAt: taipei(day, '17:00'), scores });
  await r('zhubei', '2026-10-05', [5, 4, 4, 3, 5]); // 4 of 5
  await r('zhubei', '2026-10-06', [2, 3, 4, null, 5]); // 2 of 4
  await r('zhubei', '2025-10-10', [4, 4, 4, 4, 2]); // a year earlier: 4 of 5
  await r('jianshi', '2026-10-05', [5, 5, 5, 5, 5]);
  // staff, October: 3 + 1 + 3 + 0 + 2 = 9 of 14 answers, five people (the questionnaire's smallest group)
  for (const s of [[5, 5, 4], [4, 3, 2], [5, 4, 4], [1, 2, 3], [4, 4, null]]) await r('zhubei', '2026-10-12', s, 'staff');
  // staff, November: two people, too few to show
  for (const s of [[5, 5, 5], [4, 4, 4]]) await r('zhubei', '2026-11-12', s, 'staff');
  const call = (office: number, calledAt: string, score: number) => ({ office_id: office, called_at: calledAt, answered_by: '王', checks: '[]', score, note: null, recorded_by: ids.staffId, created_at: calledAt });
  await db.insertInto('phone_test').values([
    call(ids.office.zhubei, '2026-09-30T16:30:00.000Z', 83), // 00:30 on 10-01 in Taipei
    call(ids.office.zhubei, taipei('2026-10-05'), 100),
    call(ids.office.zhubei, taipei('2026-10-20', '15:00'), 67),
    call(ids.office.zhubei, '2026-10-31T16:30:00.000Z', 0), // 00:30 on 11-01
    call(ids.office.jianshi, taipei('2026-10-05'), 50),
  ]).execute();
  await insertRows(db, 'search_log', [searchRow(taipei('2026-10-05', '09:00'), 3), searchRow('2026-10-05T20:00:00.000Z', 0), searchRow('2026-10-31T16:30:00.000Z', 0)]);
}

interface ItemSpec { office: number | null; kind: string; created: string; status?: string; from?: string | null; until?: string | null; cat?: number; review?: string; votes?: [day: string, yes: number, no: number][] }

async function insertPublicInformation(db: Database['db'], ids: DemoIds) {
  await db.deleteFrom('content_text').execute();
  await db.deleteFrom('content_revision').execute();
  await db.deleteFrom('content_feedback').execute();
  await db.deleteFrom('content_item').execute();
  const [Z, J] = [ids.office.zhubei, ids.office.jianshi];
  const items: ItemSpec[] = [
    { office: Z, kind: 'opengov', created: '2026-01-10T01:00:00.000Z', cat: 1, review: '2026-10-15' }, // O1
    { office: null, kind: 'opengov', created: '2026-02-01T01:00:00.000Z', cat: 3, review: '2027-03-01' }, // O2, county-wide
    { office: Z, kind: 'opengov', created: '2026-02-01T01:00:00.000Z', cat: 3, review: '2026-10-31' }, // O3, due on October's last day
    { office: Z, kind: 'opengov', created: '2026-02-01T01:00:00.000Z', status: 'draft', cat: 5, review: '2026-09-01' }, // O4, a draft
    { office: Z, kind: 'opengov', created: '2026-02-01T01:00:00.000Z', until: taipei('2026-10-20', '00:00'), cat: 6, review: '2027-03-01' }, // O5, window closed 10-20
    { office: J, kind: 'opengov', created: '2026-02-01T01:00:00.000Z', cat: 7, review: '2026-01-01' }, // O6, another office
    { office: Z, kind: 'opengov', created: taipei('2026-10-25'), from: taipei('2026-11-05'), cat: 8, review: '2027-03-01' }, // O7, live from 11-05
    { office: Z, kind: 'opengov', created: taipei('2026-11-20'), cat: 9 }, // O8, made in November
    // answers by day: October's are 10-01 and 10-31, September's last and November's first day fall outside
    { office: Z, kind: 'faq', created: '2026-03-01T01:00:00.000Z', votes: [['2026-09-30', 4, 0], ['2026-10-01', 5, 1], ['2026-10-31', 3, 1], ['2026-11-01', 2, 0]] },
    { office: null, kind: 'faq', created: '2026-03-01T01:00:00.000Z', votes: [['2026-10-15', 3, 3]] }, // county-wide
    { office: Z, kind: 'faq', created: '2026-03-01T01:00:00.000Z', status: 'draft', votes: [['2026-09-15', 9, 0]] }, // answered while it was live in September
    { office: J, kind: 'faq', created: '2026-03-01T01:00:00.000Z', votes: [['2026-10-10', 0, 5]] }, // another office
    { office: Z, kind: 'news', created: taipei('2026-09-20'), from: '2026-09-30T16:00:00.000Z' }, // N1: 00:00 on 10-01
    { office: null, kind: 'news', created: taipei('2026-10-15'), from: taipei('2026-10-15') }, // N2, county-wide
    { office: Z, kind: 'news', created: taipei('2026-10-20'), status: 'draft', from: taipei('2026-10-20') }, // N3, a draft
    { office: Z, kind: 'news', created: '2026-10-31T16:30:00.000Z' }, // N4: no start, made 00:30 on 11-01
    { office: J, kind: 'news', created: taipei('2026-10-10'), from: taipei('2026-10-10') }, // N5, another office
    { office: Z, kind: 'news', created: taipei('2026-09-01'), from: '2026-09-30T15:59:00.000Z' }, // N6: 23:59 on 09-30
  ];
  for (const i of items) {
    const row = { office_id: i.office, kind: i.kind, category: i.kind === 'opengov' ? 'opengov' : 'notice', status: i.status ?? 'published', publish_from: i.from ?? null, publish_until: i.until ?? null, guide_code: null, opengov_category: i.cat ?? null, owner: null, review_on: i.review ?? null };
    const votes = i.votes ?? [];
    const yes = votes.reduce((n, v) => n + v[1], 0);
    const no = votes.reduce((n, v) => n + v[2], 0);
    const { id } = await db.insertInto('content_item').values({ ...row, helpful_yes: yes, helpful_no: no, file_name: null, file_mime: null, file_size: null, file: null, created_at: i.created, updated_at: i.created, updated_by: null }).returning('id').executeTakeFirstOrThrow();
    if (votes.length) await db.insertInto('content_feedback').values(votes.map(([day, y, n]) => ({ item_id: id, day, yes: y, no: n }))).execute();
  }
  const media = (office: number, seen: string, clarified: string | null) => ({ office_id: office, seen_on: seen, source: '地方報', title: '報導', url: null, facts: '事實', clarification: clarified ? '澄清' : null, clarified_on: clarified, created_by: ids.staffId, created_at: NOW.toISOString() });
  await db.insertInto('media_log').values([
    media(Z, '2026-10-03', '2026-10-05'), // 2 days
    media(Z, '2026-10-20', '2026-10-20'), // 0
    media(Z, '2026-10-30', '2026-11-03'), // 4, clarified in November
    media(Z, '2026-10-28', null),
    media(Z, '2026-09-28', '2026-10-01'), // seen in September, clarified in October: 3
    media(J, '2026-10-10', '2026-10-20'),
  ]).execute();
}

// October, Z, each counted by hand from the rows above
const OCTOBER: Record<string, unknown> = {
  'queue.waitP50': { value: 8, base: 5 }, // 2 4 [8] 15 20
  'queue.waitP90': { value: 20, base: 5 }, // rank ⌈4.5⌉ = 5th
  'queue.within15': { value: 80, base: 5 },
  'queue.supportOpened': { value: 2 },
  'booking.onlineShare': { value: 33.3, base: 6 },
  'booking.onlineShareGrowth': { value: null }, // September has no tickets
  'booking.noShowRate': { value: 12.5, base: 8 }, // 1 no-show; came: served, checked in, five home visits served
  'cases.onTime': { value: 66.7, base: 3 },
  'cases.daysOfLimit': { value: 122.2, base: 3 }, // (2 + 8 + 1) ÷ (3 + 5 + 1)
  'cases.oneNotice': { value: 50, base: 2 },
  'petitions.onTime': { value: 66.7, base: 3 },
  'petitions.handlingSatisfaction': { value: 33.3, base: 3 }, // 5 2 3
  'petitions.handlingSatisfactionGrowth': { value: -16.7 }, // 33.3 − 50
  'surveys.satisfaction': { value: 66.7, base: 9, interval: { low: 35.4, high: 87.9 } }, // 6 of 9 answers, Wilson by calculator
  'surveys.satisfactionGrowth': { value: -13.3 }, // 66.7 − 80
  'search.noResultShare': { value: 50, base: 2 },
  'surveys.staffSatisfaction': { value: 64.3, base: 14, interval: { low: 38.8, high: 83.7 } },
  'surveys.phoneCourtesy': { value: 83.3, base: 3 }, // (83 + 100 + 67) ÷ 3
  'content.opengovCategories': { value: 2, base: 3 }, // O1 (1), O2 and O3 (3)
  'content.reviewsOverdue': { value: 3 }, // O1, O3 (due 10-31), O4
  'content.faqHelpful': { value: 68.8, base: 16 }, // (5 + 3 + 3) ÷ (6 + 4 + 6): October's days, Z's and the county's
  'content.newsPublished': { value: 2 }, // N1, N2
  'petitions.mediaItems': { value: 4 },
  'petitions.mediaClarifyDays': { value: 1.7, base: 3 }, // (2 + 0 + 3) ÷ 3
  'booking.homeVisitWithin3': { value: 80, base: 5 },
};
const NOVEMBER: Record<string, unknown> = {
  'queue.waitP50': { value: 10, base: 4 },
  'queue.waitP90': { value: 40, base: 4 },
  'queue.supportOpened': { value: 0 }, // tickets but no support counter: 0, not「無資料」
  'booking.onlineShare': { value: 25, base: 4 },
  'booking.onlineShareGrowth': { value: -8.3 }, // 25 − 33.3
  'search.noResultShare': { value: 100, base: 1 },
  'surveys.staffSatisfaction': { value: null }, // two people: fewer than five
  'surveys.phoneCourtesy': { value: 0, base: 1 },
  'content.opengovCategories': { value: 4, base: 5 }, // 1 3 8 9
  'content.reviewsOverdue': { value: 3 },
  'content.newsPublished': { value: 1 }, // N4
  'petitions.mediaItems': { value: 0 },
  'petitions.mediaClarifyDays': { value: 4, base: 1 },
};
const SEPTEMBER: Record<string, unknown> = {
  'content.opengovCategories': { value: 3, base: 4 }, // 1 3 6
  'content.reviewsOverdue': { value: 1 }, // O4
  'content.newsPublished': { value: 1 }, // N6
  'petitions.mediaItems': { value: 1 },
  'content.faqHelpful': { value: 100, base: 13 }, // 4 on 09-30, 9 on the draft while it was live
};
// nothing happened in August: every share, mean and median is「無資料」; support counters too, with no ticket at all
const AUGUST_NULL = Object.keys(OCTOBER).filter((k) => !['content.opengovCategories', 'content.reviewsOverdue', 'content.newsPublished', 'petitions.mediaItems'].includes(k));

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the modules' plan indicators on a hand-counted data set`, () => {
    let database: Database & { dispose(): Promise<void> };
    let Z: IndicatorOffice;
    const at = (key: string, period: IndicatorPeriod) => computeIndicator(database.db, key, Z, period);

    beforeAll(async () => {
      database = await demoCounty(kind, NOW);
      const ids = await demoIds(database.db);
      const office = await database.db.selectFrom('office').select(['id', 'code', 'county_id']).where('id', '=', ids.office.zhubei).executeTakeFirstOrThrow();
      Z = { id: office.id, code: office.code, countyId: office.county_id };
      await clearDemoQuestionnaires(database.db);
      await insertOperations(database.db, ids);
      await insertAnswers(database.db, ids);
      await insertPublicInformation(database.db, ids);
      await rebuild(database, '2025-10-01', '2025-10-31', NOW);
      await rebuild(database, '2026-08-01', '2026-11-30', NOW);
    }, 60_000);
    afterAll(async () => database?.dispose());

    it('works out every indicator for October', async () => {
      for (const [key, expected] of Object.entries(OCTOBER)) expect({ key, ...(await at(key, OCT)) }).toEqual({ key, ...(expected as object) });
    });

    it('November: growth on October, a zero that is a count, staff answers too few to show', async () => {
      for (const [key, expected] of Object.entries(NOVEMBER)) expect({ key, ...(await at(key, NOV)) }).toEqual({ key, ...(expected as object) });
    });

    it('September: what was live, due and published by its end', async () => {
      for (const [key, expected] of Object.entries(SEPTEMBER)) expect({ key, ...(await at(key, SEP)) }).toEqual({ key, ...(expected as object) });
    });

    it('a period with nothing in it gives no value (「無資料」), counts give 0', async () => {
      for (const key of AUGUST_NULL) expect({ key, ...(await at(key, AUG)) }).toEqual({ key, value: null });
      expect(await at('content.newsPublished', AUG)).toEqual({ value: 0 });
      expect(await at('content.faqHelpful', monthPeriod(2026, 2))).toEqual({ value: null }); // before any FAQ existed
    });

    it('links each indicator to where it is worked out', () => {
      expect(indicatorDef('queue.waitP50')?.href(Z, OCT)).toBe('/staff/figures/office?office=zhubei&period=2026-10&figure=waitP50');
      expect(indicatorDef('booking.homeVisitWithin3')?.href(Z, OCT)).toBe('/staff/figures/office?office=zhubei&period=2026-10&figure=homeVisitDays');
      expect(indicatorDef('search.noResultShare')?.href(Z, OCT)).toBe('/staff/figures/county?period=2026-10&sort=searchesNone');
      expect(indicatorDef('petitions.mediaItems')?.href(Z, OCT)).toBe('/staff/petitions/media?office=zhubei');
    });
  });
}
