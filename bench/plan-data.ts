/**
 * bench/plan's data: the thirteen offices of Hsinchu County with a year
 * (2026) of generated activity — Zhubei alone over 100,000 tickets, 20,000
 * bookings, 5,000 cases, 2,000 petitions and 20,000 questionnaires — a 湖西
 * plan for each office (Zhubei's with the demo's year of hand values,
 * meetings, actions and registers), and the ceiling: the figures the pack
 * shows, by plain SQL over the raw tables.
 *
 * The county is built as bench/county builds it (county-data.ts: the same
 * townships, the same copies of Zhubei).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type Database, writeTransaction } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { type ActivityCounts, activityOffices, generateActivity } from '../src/demo/activity.js';
import { seedPlan } from '../src/demo/plan.js';
import { figuresOf, rebuild } from '../src/modules/figures/index.js';
import { createPlan } from '../src/modules/plan/create.js';
import { findPlan } from '../src/modules/plan/model.js';
import type { Tally } from '../src/platform/figures/index.js';
import { county } from './county-data.js';
import type { BenchKind } from './plan-db.js';

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

export interface Prepared {
  /** office ids and their plans' ids, in OFFICES order */
  ids: number[];
  planIds: number[];
  /** null when an earlier run's county was reused */
  made: { gen: { one: ActivityCounts; others: ActivityCounts }; genMs: number; rebuildMs: number; plansMs: number } | null;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

/** The plans an earlier run left, when it got as far as making every one of them (the last step). */
async function madeBefore(db: Database['db']): Promise<Pick<Prepared, 'ids' | 'planIds'> | null> {
  const plansMade = await db.selectFrom('plan').select(['id', 'office_id']).where('year', '=', YEAR).where('office_id', 'is not', null).execute();
  if (plansMade.length < OFFICES.length) return null;
  const offices = await db.selectFrom('office').select(['id', 'code']).execute();
  const ids = OFFICES.map((o) => offices.find((r) => r.code === o.code)?.id ?? -1);
  const planIds = ids.map((id) => plansMade.find((p) => p.office_id === id)?.id ?? -1);
  return planIds.includes(-1) ? null : { ids, planIds };
}

/** Migrated, then the county with its year, rolled up, with a plan per office; what an earlier run left when there is a whole one. */
export async function prepare(database: Database, kind: BenchKind, scale: number): Promise<Prepared> {
  await migrateToLatest(database);
  const before = await madeBefore(database.db);
  if (before) {
    console.log(`[${kind}] the county an earlier run generated, kept (migrated to the latest)`);
    await sql`analyze`.execute(database.db);
    return { ...before, made: null };
  }
  if ((await database.db.selectFrom('office').select('id').limit(1).execute()).length > 0) throw new Error(`[${kind}] the kept database holds a half-made county: run with --drop first`);
  const ids = await county(database, OFFICES, NOW);
  console.log(`[${kind}] generating ${YEAR} for ${ids.length} offices… (load average ${loadavg()[0]?.toFixed(1)})`);
  const [gen, genMs] = await timed(() => generateYear(database, ids, scale, (m, c) => process.stdout.write(`  ${m}: ${c.tickets.toLocaleString()} tickets\r`)));
  console.log(`\n[${kind}] generated in ${(genMs / 1000).toFixed(1)} s: Zhubei ${JSON.stringify(gen.one)}; the others ${JSON.stringify(gen.others)}`);
  await sql`analyze`.execute(database.db);
  const [, rebuildMs] = await timed(() => rebuild(database, `${YEAR}-01-01`, `${YEAR}-12-31`, NOW));
  const [planIds, plansMs] = await timed(() => plans(database, ids));
  console.log(`[${kind}] rolled up in ${(rebuildMs / 1000).toFixed(1)} s, ${planIds.length} plans in ${(plansMs / 1000).toFixed(1)} s`);
  return { ids, planIds, made: { gen, genMs, rebuildMs, plansMs } };
}

/** The year for Zhubei at the one office's proportions, then for the twelve others at the county benchmark's. */
async function generateYear(database: Database, ids: number[], scale: number, progress: (m: string, c: ActivityCounts) => void): Promise<{ one: ActivityCounts; others: ActivityCounts }> {
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
async function plans(database: Database, ids: number[]): Promise<number[]> {
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
