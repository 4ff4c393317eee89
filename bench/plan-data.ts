/**
 * bench/plan's data: the thirteen offices of Hsinchu County with a year
 * (2026) of generated activity — Zhubei alone over 100,000 tickets, 20,000
 * bookings, 5,000 cases, 2,000 petitions and 20,000 questionnaires — a 湖西
 * plan for each office (Zhubei's with the demo's year of hand values,
 * meetings, actions and registers), and the ceiling: the figures the pack
 * shows, by plain SQL over the raw tables.
 *
 * The county is built as bench/county builds it (the same townships, the
 * same copies of Zhubei); its `county()` is copied here because importing
 * bench/county.ts runs that benchmark.
 */
import { sql } from 'kysely';
import { ROOT } from '../src/app.js';
import { type Database, writeTransaction } from '../src/db/index.js';
import { type ActivityCounts, activityOffices, generateActivity } from '../src/demo/activity.js';
import { seedPlan } from '../src/demo/plan.js';
import { seedDemo } from '../src/demo/seed.js';
import { figuresOf } from '../src/modules/figures/index.js';
import { createPlan } from '../src/modules/plan/create.js';
import { findPlan } from '../src/modules/plan/model.js';
import type { Tally } from '../src/platform/figures/index.js';

export const NOW = new Date('2027-01-05T02:00:00Z');
export const TODAY = '2027-01-05';
export const YEAR = 2026;
/** the pack timed: the year's last month, so its year-to-date and trend run over all twelve */
export const MONTH = '2026-12';
/** the demo plan's year of work is seeded as on this day (hand values and meetings up to November) */
const PLAN_SEEDED = new Date('2026-12-31T02:00:00Z');

/** The county's townships, tickets on an ordinary working day (bench/county's, Zhubei sized to the one office). */
export const OFFICES: { code: string; zh: string; en: string; perDay: number }[] = [
  { code: 'zhubei', zh: '竹北市', en: 'Zhubei City', perDay: 450 },
  { code: 'jianshi', zh: '尖石鄉', en: 'Jianshi Township', perDay: 75 },
  { code: 'zhudong', zh: '竹東鎮', en: 'Zhudong Township', perDay: 670 },
  { code: 'hukou', zh: '湖口鄉', en: 'Hukou Township', perDay: 560 },
  { code: 'xinfeng', zh: '新豐鄉', en: 'Xinfeng Township', perDay: 410 },
  { code: 'xinpu', zh: '新埔鎮', en: 'Xinpu Township', perDay: 240 },
  { code: 'guanxi', zh: '關西鎮', en: 'Guanxi Township', perDay: 205 },
  { code: 'qionglin', zh: '芎林鄉', en: 'Qionglin Township', perDay: 160 },
  { code: 'baoshan', zh: '寶山鄉', en: 'Baoshan Township', perDay: 130 },
  { code: 'hengshan', zh: '橫山鄉', en: 'Hengshan Township', perDay: 110 },
  { code: 'beipu', zh: '北埔鄉', en: 'Beipu Township', perDay: 85 },
  { code: 'emei', zh: '峨眉鄉', en: 'Emei Township', perDay: 65 },
  { code: 'wufeng', zh: '五峰鄉', en: 'Wufeng Township', perDay: 55 },
];
/** The one office's proportions: per ticket, twice the county benchmark's petitions and questionnaires (the 2,000 and 20,000). */
const ONE_OFFICE_RATES = { bookings: 0.21, petitions: 0.022, surveys: 0.21 };
const OTHER_RATES = { petitions: 0.011 };

/** The demo county, then eleven more offices built like Zhubei (hours, services, counters, booking services) with a clerk each — as bench/county. */
export async function county(database: Database): Promise<number[]> {
  await seedDemo(database, ROOT, NOW);
  const db = database.db;
  const model = await db.selectFrom('office').selectAll().where('code', '=', 'zhubei').executeTakeFirstOrThrow();
  const staff = await db.selectFrom('staff').selectAll().where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow();
  const hours = await db.selectFrom('office_hours').selectAll().where('office_id', '=', model.id).execute();
  const services = await db.selectFrom('service').selectAll().where('office_id', '=', model.id).execute();
  const counters = await db.selectFrom('counter').selectAll().where('office_id', '=', model.id).execute();
  const links = await db.selectFrom('counter_service').selectAll().where('counter_id', 'in', counters.map((c) => c.id)).execute();
  const bookingServices = await db.selectFrom('booking_service').selectAll().where('office_id', '=', model.id).execute();
  const bookingHours = await db.selectFrom('booking_hours').selectAll().where('booking_service_id', 'in', bookingServices.map((s) => s.id)).execute();
  for (const o of OFFICES.filter((x) => x.code !== 'zhubei' && x.code !== 'jianshi')) {
    const { id: _id, ...row } = model;
    const office = await db
      .insertInto('office')
      .values({ ...row, code: o.code, kind: 'township', name_zh: `新竹縣${o.zh}戶政事務所`, name_en: `${o.en} Household Registration Office` })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const { id: _h, ...h } of hours) await db.insertInto('office_hours').values({ ...h, office_id: office.id }).execute();
    const serviceIds = new Map<number, number>();
    for (const { id, ...s } of services) serviceIds.set(id, (await db.insertInto('service').values({ ...s, office_id: office.id }).returning('id').executeTakeFirstOrThrow()).id);
    for (const { id, ...c } of counters) {
      const counter = await db.insertInto('counter').values({ ...c, office_id: office.id }).returning('id').executeTakeFirstOrThrow();
      for (const l of links.filter((x) => x.counter_id === id)) await db.insertInto('counter_service').values({ counter_id: counter.id, service_id: serviceIds.get(l.service_id)! }).execute();
    }
    for (const { id, ...s } of bookingServices) {
      const svc = await db.insertInto('booking_service').values({ ...s, office_id: office.id }).returning('id').executeTakeFirstOrThrow();
      for (const { id: _b, ...h } of bookingHours.filter((x) => x.booking_service_id === id)) await db.insertInto('booking_hours').values({ ...h, booking_service_id: svc.id }).execute();
    }
    const { id: _s, ...clerk } = staff;
    await db.insertInto('staff').values({ ...clerk, username: `clerk.${o.code}`, email: `clerk.${o.code}@example.gov.tw`, office_id: office.id }).execute();
  }
  const rows = await db.selectFrom('office').select(['id', 'code']).execute();
  return OFFICES.map((o) => rows.find((r) => r.code === o.code)!.id);
}

/** The year for Zhubei at the one office's proportions, then for the twelve others at the county benchmark's. */
export async function generateYear(database: Database, ids: number[], scale: number, progress: (m: string, c: ActivityCounts) => void): Promise<{ one: ActivityCounts; others: ActivityCounts }> {
  const offices = await activityOffices(
    database.db,
    OFFICES.map((o, i) => ({ id: ids[i]!, ticketsPerDay: o.perDay })),
  );
  const [first, ...rest] = offices;
  const run = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, scale, progress };
  const one = await generateActivity(database, { ...run, offices: [first!], seed: YEAR, rates: ONE_OFFICE_RATES });
  const others = await generateActivity(database, { ...run, offices: rest, seed: YEAR + 1, rates: OTHER_RATES });
  return { one, others };
}

/** A 湖西 plan for every office: Zhubei's as the demo seeds it (with its year's work), the others fresh from the template. Plan ids in OFFICES order. */
export async function plans(database: Database, ids: number[]): Promise<number[]> {
  await seedPlan(database, PLAN_SEEDED);
  const countyId = (await database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
  const director = await database.db.selectFrom('staff').select(['id', 'display_name']).where('username', '=', 'county').executeTakeFirstOrThrow();
  return writeTransaction(database, async (trx) => {
    const out: number[] = [];
    for (const officeId of ids) {
      const have = await findPlan(trx, officeId, countyId, YEAR);
      out.push(have?.id ?? (await createPlan(trx, { countyId, officeId, year: YEAR, source: { template: 'huxi103' } }, { id: director.id, name: director.display_name }, NOW)));
    }
    return out;
  });
}

/** The rows one office's year holds (what the thresholds count). */
export async function officeRows(database: Database, officeId: number): Promise<Record<string, number>> {
  const from = `${YEAR}-01-01`;
  const to = `${YEAR}-12-31`;
  const n = async (q: Promise<{ n: unknown }[]>) => Number((await q)[0]?.n ?? 0);
  const db = database.db;
  return {
    tickets: await n(db.selectFrom('ticket').select((eb) => eb.fn.countAll().as('n')).where('office_id', '=', officeId).where('day', '>=', from).where('day', '<=', to).execute()),
    bookings: await n(db.selectFrom('booking').select((eb) => eb.fn.countAll().as('n')).where('office_id', '=', officeId).where('day', '>=', from).where('day', '<=', to).execute()),
    cases: await n(db.selectFrom('case_file').select((eb) => eb.fn.countAll().as('n')).where('office_id', '=', officeId).where('received_on', '>=', from).where('received_on', '<=', to).execute()),
    petitions: await n(db.selectFrom('petition').select((eb) => eb.fn.countAll().as('n')).where('office_id', '=', officeId).where('received_on', '>=', from).where('received_on', '<=', to).execute()),
    questionnaires: await n(db.selectFrom('survey_response').select((eb) => eb.fn.countAll().as('n')).where('office_id', '=', officeId).where('day', '>=', from).where('day', '<=', to).execute()),
  };
}

/** The pack's figures that come from the raw tables (registry key → the figures page's key). */
export const CEILING_FIGURES: [string, string][] = [
  ['queue.waitP50', 'waitP50'],
  ['queue.waitP90', 'waitP90'],
  ['queue.within15', 'within15'],
  ['booking.onlineShare', 'onlineShare'],
  ['booking.noShowRate', 'bookingNoShowRate'],
  ['cases.onTime', 'caseOnTime'],
  ['petitions.onTime', 'petitionOnTime'],
  ['surveys.satisfaction', 'satisfaction'],
];

/** office → month ('YYYY-MM', or 'year') → the figures; what the ceiling hands back. */
export type RawFigures = Map<number, Map<string, Record<string, number | null>>>;

/** Each office's counts by month, in the roll-up's tally keys, so the figures come out of one definition (headline.ts). */
class MonthTallies {
  readonly by = new Map<number, Map<string, Tally>>();
  add(office: unknown, month: string, key: string, n: unknown): void {
    const o = Number(office);
    const months = this.by.get(o) ?? new Map<string, Tally>();
    this.by.set(o, months);
    const t = months.get(month) ?? {};
    t[key] = (t[key] ?? 0) + Number(n ?? 0);
    months.set(month, t);
  }
}

/**
 * The ceiling: the pack's figures for every month of the year and the
 * year to date, by plain SQL over the raw tables grouped by office and
 * month, one statement per table on one connection. A case's month is its
 * closing day in Taipei, folded from UTC hours here (portable SQL has no
 * time zones). Medians come from the same tenth-of-a-minute histogram the
 * roll-up keeps. The figures are then worked out from those counts.
 */
export async function rawFigures(db: Database['db'], officeIds: number[]): Promise<RawFigures> {
  const from = `${YEAR}-01-01`;
  const to = `${YEAR}-12-31`;
  const start = new Date(`${from}T00:00:00+08:00`).toISOString();
  const end = new Date(`${YEAR + 1}-01-01T00:00:00+08:00`).toISOString();
  const only = (col: string) => sql`and ${sql.ref(col)} in (${sql.join(officeIds)})`;
  const m = new MonthTallies();
  const q = await sql<{ o: unknown; m: string; n: unknown; waited: unknown; within15: unknown; booked: unknown }>`
    select office_id as o, substr(day, 1, 7) as m, count(*) as n, sum(case when waited_ms is null then 0 else 1 end) as waited,
      sum(case when waited_ms is not null and waited_ms <= 900000 then 1 else 0 end) as within15,
      sum(case when channel = 'booking' then 1 else 0 end) as booked
    from ticket where day >= ${from} and day <= ${to} ${only('office_id')} group by office_id, substr(day, 1, 7)`.execute(db);
  for (const r of q.rows) for (const [k, v] of [['q.tickets', r.n], ['q.waited', r.waited], ['q.within15', r.within15], ['q.ch.booking', r.booked]] as const) m.add(r.o, r.m, k, v);
  const hist = await sql<{ o: unknown; m: string; b: unknown; n: unknown }>`
    select office_id as o, substr(day, 1, 7) as m, (waited_ms + 3000) / 6000 as b, count(*) as n from ticket
    where day >= ${from} and day <= ${to} and waited_ms is not null ${only('office_id')} group by office_id, substr(day, 1, 7), (waited_ms + 3000) / 6000`.execute(db);
  for (const r of hist.rows) m.add(r.o, r.m, `q.wait.${Number(r.b)}`, r.n);
  const b = await sql<{ o: unknown; m: string; no_show: unknown; came: unknown }>`
    select office_id as o, substr(day, 1, 7) as m, sum(case when status = 'no_show' then 1 else 0 end) as no_show,
      sum(case when status in ('checked_in', 'served') then 1 else 0 end) as came
    from booking where day >= ${from} and day <= ${to} and status not in ('applied', 'not_drawn') ${only('office_id')} group by office_id, substr(day, 1, 7)`.execute(db);
  for (const r of b.rows) for (const [k, v] of [['b.noShow', r.no_show], ['b.came', r.came]] as const) m.add(r.o, r.m, k, v);
  // on time: closed by the end of the due day in Taipei (16:00 UTC that date)
  const c = await sql<{ o: unknown; h: string; n: unknown; on_time: unknown }>`
    select office_id as o, substr(closed_at, 1, 13) as h, count(*) as n, sum(case when closed_at < due_on || 'T16:00:00.000Z' then 1 else 0 end) as on_time
    from case_file where closed_at >= ${start} and closed_at < ${end} ${only('office_id')} group by office_id, substr(closed_at, 1, 13)`.execute(db);
  for (const r of c.rows) {
    const month = new Date(Date.parse(`${r.h}:00:00Z`) + 8 * 3600_000).toISOString().slice(0, 7);
    m.add(r.o, month, 'c.closed', r.n);
    m.add(r.o, month, 'c.onTime', r.on_time);
  }
  const p = await sql<{ o: unknown; m: string; replied: unknown; on_time: unknown }>`
    select office_id as o, substr(received_on, 1, 7) as m, sum(case when replied_on is null then 0 else 1 end) as replied, sum(case when replied_on <= due_on then 1 else 0 end) as on_time
    from petition where received_on >= ${from} and received_on <= ${to} ${only('office_id')} group by office_id, substr(received_on, 1, 7)`.execute(db);
  for (const r of p.rows) for (const [k, v] of [['p.replied', r.replied], ['p.onTime', r.on_time]] as const) m.add(r.o, r.m, k, v);
  const s = await sql<{ o: unknown; m: string; score: unknown; n: unknown }>`
    select r.office_id as o, substr(r.day, 1, 7) as m, a.score as score, count(*) as n
    from survey_response r join survey s on s.id = r.survey_id join survey_answer a on a.response_id = r.id
    where s.kind = 'service' and r.day >= ${from} and r.day <= ${to} and a.score is not null ${only('r.office_id')} group by r.office_id, substr(r.day, 1, 7), a.score`.execute(db);
  for (const r of s.rows) m.add(r.o, r.m, `s.sc.service.${Number(r.score)}`, r.n);
  return figuresByMonth(m, officeIds);
}

function figuresByMonth(m: MonthTallies, officeIds: number[]): RawFigures {
  const out: RawFigures = new Map();
  for (const o of officeIds) {
    const months = m.by.get(o) ?? new Map<string, Tally>();
    const year: Tally = {};
    const figures = new Map<string, Record<string, number | null>>();
    for (const [month, t] of months) {
      figures.set(month, figuresOf(t));
      for (const [k, v] of Object.entries(t)) year[k] = (year[k] ?? 0) + v;
    }
    figures.set('year', figuresOf(year));
    out.set(o, figures);
  }
  return out;
}

/** The raw figures a pack measure shows for a month: null where nothing was counted, as the registry says 「無資料」. */
export function rawValue(raw: RawFigures, officeId: number, month: string, figure: string): number | null {
  return raw.get(officeId)?.get(month)?.[figure] ?? null;
}
