/**
 * bench/county: the thirteen offices of Hsinchu County with a year (2026) of
 * generated activity — at least 1,000,000 queue tickets, 200,000 bookings,
 * 50,000 cases, 10,000 petitions and 100,000 questionnaires — on SQLite (a
 * temp file) and on PostgreSQL (a throwaway database on 127.0.0.1:5432,
 * dropped at the end). Measures the generation, the full roll-up rebuild,
 * the roll-up of one day, the county dashboard's read of a year and one
 * office's year (medians of 20), and beside them, in the same run, the
 * ceilings: the same headline figures computed by raw SQL over the raw
 * tables (medians of 5). Prints each figure from both paths (they must
 * agree) and the issue's limits: dashboard year ≤ 300 ms, one office's
 * year ≤ 100 ms.
 *
 *   npm run bench:county [-- sqlite|postgres|both]
 */
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { activityOffices, generateActivity } from '../src/demo/activity.js';
import { figuresOf, rebuild, recomputeDays, seriesFor, talliesFor, yearPeriod } from '../src/modules/figures/index.js';
import { histogramPercentile, share, sumOf, type Tally } from '../src/platform/figures/index.js';
import { createThrowawayPostgres } from '../test/databases.js';
import { county, isMain } from './county-data.js';

const NOW = new Date('2027-01-05T02:00:00Z');
const YEAR = yearPeriod(2026);
const ONE_DAY = '2026-06-16';
const LIMITS = { dashboard: 300, office: 100 };

/** The county's townships, tickets on an ordinary working day (by population; the two demo offices first). */
const OFFICES: { code: string; zh: string; en: string; perDay: number }[] = [
  { code: 'zhubei', zh: '竹北市', en: 'Zhubei City', perDay: 1400 },
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}
async function medianOf(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(fn))[1]);
  return median(times);
}

/** The headline figures the ceiling computes, from a tally. */
function headline(t: Tally) {
  const f = figuresOf(t);
  return {
    tickets: f.tickets,
    waitP50: f.waitP50,
    waitP90: f.waitP90,
    within15: f.within15,
    bookings: f.bookings,
    bookingNoShowRate: f.bookingNoShowRate,
    caseOnTime: f.caseOnTime,
    petitionOnTime: f.petitionOnTime,
    satisfaction: f.satisfaction,
  };
}

/**
 * The ceiling: the same figures by plain SQL over the raw tables for the
 * year, no roll-up, one statement after another on one connection. Medians
 * and P90 come from the same tenth-of-a-minute histogram the roll-up keeps
 * (folded here in a few lines, as a report would).
 */
async function rawHeadline(db: Database['db'], officeIds: number[] | null): Promise<ReturnType<typeof headline>> {
  const { from, to } = YEAR;
  const start = new Date(`${from}T00:00:00+08:00`).toISOString();
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
  const only = (col: string) => (officeIds ? sql`and ${sql.ref(col)} in (${sql.join(officeIds)})` : sql``);
  const q = await sql<{ n: unknown; waited: unknown; within15: unknown }>`
    select count(*) as n, sum(case when waited_ms is null then 0 else 1 end) as waited,
      sum(case when waited_ms is not null and waited_ms <= 900000 then 1 else 0 end) as within15
    from ticket where day >= ${from} and day <= ${to} ${only('office_id')}`.execute(db);
  const hist = await sql<{ b: unknown; n: unknown }>`
    select (waited_ms + 3000) / 6000 as b, count(*) as n from ticket
    where day >= ${from} and day <= ${to} and waited_ms is not null ${only('office_id')} group by (waited_ms + 3000) / 6000`.execute(db);
  const b = await sql<{ n: unknown; no_show: unknown; came: unknown }>`
    select count(*) as n, sum(case when status = 'no_show' then 1 else 0 end) as no_show,
      sum(case when status in ('checked_in', 'served') then 1 else 0 end) as came
    from booking where day >= ${from} and day <= ${to} and status not in ('applied', 'not_drawn') ${only('office_id')}`.execute(db);
  // on time: closed by the end of the due day in Taipei (16:00 UTC that date)
  const c = await sql<{ n: unknown; on_time: unknown }>`
    select count(*) as n, sum(case when closed_at < due_on || 'T16:00:00.000Z' then 1 else 0 end) as on_time
    from case_file where closed_at >= ${start} and closed_at < ${end} ${only('office_id')}`.execute(db);
  const p = await sql<{ replied: unknown; on_time: unknown }>`
    select sum(case when replied_on is null then 0 else 1 end) as replied, sum(case when replied_on <= due_on then 1 else 0 end) as on_time
    from petition where received_on >= ${from} and received_on <= ${to} ${only('office_id')}`.execute(db);
  const s = await sql<{ n: unknown; sat: unknown }>`
    select count(*) as n, sum(case when a.score >= 4 then 1 else 0 end) as sat
    from survey_response r join survey s on s.id = r.survey_id join survey_answer a on a.response_id = r.id
    where s.kind = 'service' and r.day >= ${from} and r.day <= ${to} and a.score is not null ${only('r.office_id')}`.execute(db);
  const n = (v: unknown) => Number(v ?? 0);
  const histogram: Tally = Object.fromEntries(hist.rows.map((r) => [`w.${n(r.b)}`, n(r.n)]));
  const tenths = (v: number | null) => (v === null ? null : v / 10);
  const qr = q.rows[0];
  const br = b.rows[0];
  const cr = c.rows[0];
  const pr = p.rows[0];
  const sr = s.rows[0];
  return {
    tickets: n(qr?.n),
    waitP50: tenths(histogramPercentile(histogram, 'w.', 50)),
    waitP90: tenths(histogramPercentile(histogram, 'w.', 90)),
    within15: share(n(qr?.within15), n(qr?.waited)),
    bookings: n(br?.n),
    bookingNoShowRate: share(n(br?.no_show), n(br?.no_show) + n(br?.came)),
    caseOnTime: share(n(cr?.on_time), n(cr?.n)),
    petitionOnTime: share(n(pr?.on_time), n(pr?.replied)),
    satisfaction: share(n(sr?.sat), n(sr?.n)),
  };
}

interface Result {
  kind: string;
  rows: Record<string, number>;
  genMs: number;
  analyzeMs: number;
  rebuildMs: number;
  dayMs: number;
  dashboardMs: number;
  officeMs: number;
  rawCountyMs: number;
  rawOfficeMs: number;
  figures: { name: string; county: unknown; rawCounty: unknown; office: unknown; rawOffice: unknown }[];
}

async function run(kind: 'sqlite' | 'postgres'): Promise<Result> {
  const throwaway = kind === 'postgres' ? await createThrowawayPostgres() : null;
  const file = `/tmp/huzheng-county-bench-${process.pid}.sqlite`;
  const database = throwaway ? openPostgres(throwaway.url, 4) : openSqlite(file);
  try {
    await migrateToLatest(database);
    const ids = await county(database, OFFICES, NOW);
    const offices = await activityOffices(
      database.db,
      OFFICES.map((o, i) => ({ id: ids[i]!, ticketsPerDay: o.perDay })),
    );
    console.log(`[${kind}] generating 2026 for ${offices.length} offices… (load average ${loadavg()[0]?.toFixed(1)})`);
    const [counts, genMs] = await timed(() =>
      generateActivity(database, {
        offices,
        from: YEAR.from,
        to: YEAR.to,
        seed: 2026,
        rates: { petitions: 0.011 },
        progress: (m, c) => process.stdout.write(`  ${m}: ${c.tickets.toLocaleString()} tickets\r`),
      }),
    );
    console.log(`\n[${kind}] generated in ${(genMs / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
    // fresh planner statistics after a bulk load, as an operator would run (autovacuum would, later)
    const [, analyzeMs] = await timed(() => sql`analyze`.execute(database.db));
    const [, rebuildMs] = await timed(() => rebuild(database, YEAR.from, YEAR.to, NOW));
    console.log(`[${kind}] rebuilt in ${(rebuildMs / 1000).toFixed(1)} s`);
    const dayMs = await medianOf(5, () =>
      recomputeDays(
        database,
        ids.map((officeId) => ({ officeId, day: ONE_DAY })),
        NOW,
      ),
    );
    const one = ids[0]!;
    const dashboard = async () => {
      const tallies = await talliesFor(database.db, ids, YEAR);
      const perOffice = [...tallies.values()].map((t) => figuresOf(t));
      return { perOffice, county: figuresOf(sumOf(tallies.values())), sum: sumOf(tallies.values()) };
    };
    const officeYear = async () => {
      const t = (await talliesFor(database.db, [one], YEAR)).get(one) ?? {};
      const months = await seriesFor(database.db, [one], YEAR, 'month');
      return { figures: figuresOf(t), months: months.map((m) => figuresOf(m.tallies.get(one) ?? {})), tally: t };
    };
    console.log(`[${kind}] reading (load average ${loadavg()[0]?.toFixed(1)})`);
    const dashboardMs = await medianOf(20, dashboard);
    const officeMs = await medianOf(20, officeYear);
    const rawCountyMs = await medianOf(5, () => rawHeadline(database.db, null));
    const rawOfficeMs = await medianOf(5, () => rawHeadline(database.db, [one]));
    const [c, o, rc, ro] = [headline((await dashboard()).sum), headline((await officeYear()).tally), await rawHeadline(database.db, null), await rawHeadline(database.db, [one])];
    const rows: Record<string, number> = {};
    for (const t of ['ticket', 'booking', 'case_file', 'petition', 'survey_response', 'survey_answer', 'lost_id_report', 'search_log', 'figure_day', 'figure_month'] as const) {
      rows[t] = Number((await database.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    }
    const figures = (Object.keys(c) as (keyof typeof c)[]).map((name) => ({ name, county: c[name], rawCounty: rc[name], office: o[name], rawOffice: ro[name] }));
    return { kind, rows, genMs, analyzeMs, rebuildMs, dayMs, dashboardMs, officeMs, rawCountyMs, rawOfficeMs, figures };
  } finally {
    await database.close();
    await throwaway?.drop();
    for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  }
}

/** The whole benchmark, with its report; only when this file is the one run (importing it runs nothing). */
async function main(): Promise<void> {
  const arg = process.argv[2] ?? 'both';
  const kinds = arg === 'both' ? (['sqlite', 'postgres'] as const) : arg === 'postgres' ? (['postgres'] as const) : (['sqlite'] as const);
  const results: Result[] = [];
  for (const kind of kinds) results.push(await run(kind));

  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
  const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
  console.log(`\nCounty benchmark: 13 offices, year 2026; ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end`);
  for (const r of results) {
    console.log(`\n[${r.kind}] rows: ${Object.entries(r.rows).map(([k, v]) => `${k} ${v.toLocaleString()}`).join(', ')}`);
    console.log(`${pad('figure (2026)', 22)}${pad('county roll-up', 16)}${pad('county raw SQL', 16)}${pad('office roll-up', 16)}office raw SQL`);
    for (const f of r.figures) console.log(`${pad(f.name, 22)}${pad(String(f.county), 16)}${pad(String(f.rawCounty), 16)}${pad(String(f.office), 16)}${String(f.rawOffice)}`);
    const agree = r.figures.every((f) => f.county === f.rawCounty && f.office === f.rawOffice);
    console.log(`roll-up and raw SQL agree on every figure: ${agree ? 'yes' : 'NO'}`);
  }
  console.log(`\n${pad('measure', 64)}${results.map((r) => pad(r.kind, 12)).join('')}${pad('limit', 10)}holds`);
  const line = (label: string, pick: (r: Result) => number, limit?: number) => {
    const holds = limit === undefined ? '' : results.every((r) => pick(r) <= limit) ? 'yes' : 'NO';
    console.log(`${pad(label, 64)}${results.map((r) => pad(ms(pick(r)), 12)).join('')}${pad(limit === undefined ? '' : `≤ ${limit} ms`, 10)}${holds}`);
  };
  line('generation of the year (all tables)', (r) => r.genMs);
  line('analyze after the load', (r) => r.analyzeMs);
  line('full roll-up rebuild (rebuild, 12 months)', (r) => r.rebuildMs);
  line('roll-up of one day, 13 offices (recomputeDays, median 5)', (r) => r.dayMs);
  line('county dashboard, year: 13 tallies + figures (median 20)', (r) => r.dashboardMs, LIMITS.dashboard);
  line("one office's year: tally + 12 months + figures (median 20)", (r) => r.officeMs, LIMITS.office);
  line('ceiling: the figures by raw SQL, county year (median 5)', (r) => r.rawCountyMs);
  line("ceiling: the figures by raw SQL, one office's year (median 5)", (r) => r.rawOfficeMs);
}

if (isMain(import.meta.url)) await main();
