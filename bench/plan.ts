/**
 * bench/plan: the monthly review pack (所務會議資料) of a 湖西 plan, for one
 * office with a year of activity — Zhubei: over 100,000 tickets, 20,000
 * bookings, 5,000 cases, 2,000 petitions and 20,000 questionnaires in 2026
 * — and for the whole county of 13 offices, on SQLite (a temp file) and on
 * PostgreSQL (a throwaway database on 127.0.0.1:5432, dropped at the end).
 * The pack timed is December 2026's as of 5 January 2027: every measure's
 * month, previous month, year to date and twelve-month trend. Beside it, in
 * the same run, the ceiling: the pack's figures that come from the raw
 * tables, computed by plain SQL over them for every month and the year
 * (see plan-data.ts). Prints p50/p90 of each, the ratio, each figure from
 * both paths (they must agree) and the issue's limit: one office's pack ≤ 1 s.
 *
 *   npx tsx bench/plan.ts [sqlite|postgres|both] [scale] [--keep] [--drop]
 *
 * `scale` (default 1) multiplies every office's volume, for a quick try.
 * `--keep` leaves the county in a kept database (/tmp, or a PostgreSQL
 * database hz_bench_plan_kept) and times the one a kept run left, migrated
 * to the latest, instead of generating it again; `--drop` throws the kept
 * ones away first (do, after changing the generator or the scale).
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import '../src/app.js'; // every module: the indicator registry filled as in the running app
import { buildPack, type ReviewPack } from '../src/modules/plan/pack.js';
import { CEILING_FIGURES, MONTH, OFFICES, officeRows, prepare, type RawFigures, rawFigures, rawValue, TODAY, YEAR } from './plan-data.js';
import { type BenchKind, benchDatabase, dropKept } from './plan-db.js';

const LIMIT_ONE_MS = 1000;
const RUNS_ONE = 15;
const RUNS_ALL = 5;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}
/** Nearest-rank percentiles of `runs` timings after one warming run. */
async function quantiles(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p90: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(fn))[1]);
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.max(0, Math.ceil((p / 100) * times.length) - 1)] ?? 0;
  return { p50: at(50), p90: at(90) };
}

interface Compared {
  figure: string;
  month: [number | null, number | null];
  previous: [number | null, number | null];
  ytd: [number | null, number | null];
  /** months of the trend where pack and raw SQL agree, of how many */
  trend: [number, number];
}

/** Each figure the ceiling computes, as the pack shows it and as raw SQL finds it: the month, the month before, the year, the trend. */
function compare(pack: ReviewPack, raw: RawFigures, officeId: number): Compared[] {
  const measures = pack.items.flatMap((i) => i.measures);
  const previous = `${YEAR}-${String(Number(MONTH.slice(5)) - 1).padStart(2, '0')}`;
  // only the figures the plan measures (a template without P90 shows no P90)
  return CEILING_FIGURES.flatMap(([key, figure]) => {
    const m = measures.find((x) => x.indicatorKey === key);
    if (!m) return [];
    return [
      {
        figure: key,
        month: [m.value, rawValue(raw, officeId, MONTH, figure)],
        previous: [m.previous.value, rawValue(raw, officeId, previous, figure)],
        ytd: [m.ytd.value, rawValue(raw, officeId, 'year', figure)],
        trend: [m.trend.filter((t) => t.value === rawValue(raw, officeId, t.month, figure)).length, m.trend.length],
      },
    ];
  });
}

interface Result {
  kind: string;
  rows: Record<string, number>;
  countyTickets: number;
  /** null: the county a kept run generated earlier */
  genMs: number | null;
  rebuildMs: number | null;
  plansMs: number | null;
  measures: number;
  counts: ReviewPack['counts'];
  one: { p50: number; p90: number };
  all: { p50: number; p90: number };
  rawOne: { p50: number; p90: number };
  rawAll: { p50: number; p90: number };
  compared: Compared[];
}

async function run(kind: BenchKind, scale: number, keep: boolean): Promise<Result> {
  const { database, dispose } = await benchDatabase(kind, keep);
  try {
    const { ids, planIds, made } = await prepare(database, kind, scale);
    const one = planIds[0]!;
    const office = ids[0]!;
    console.log(`[${kind}] timing (load average ${loadavg()[0]?.toFixed(1)})`);
    const packOne = () => buildPack(database.db, one, MONTH, TODAY);
    const packAll = async () => {
      for (const p of planIds) await buildPack(database.db, p, MONTH, TODAY);
    };
    const oneQ = await quantiles(RUNS_ONE, packOne);
    const allQ = await quantiles(RUNS_ALL, packAll);
    const rawOneQ = await quantiles(RUNS_ONE, () => rawFigures(database.db, [office]));
    const rawAllQ = await quantiles(RUNS_ALL, () => rawFigures(database.db, ids));
    const pack = await packOne();
    const rows = await officeRows(database, office);
    const countyTickets = Number(
      (
        await database.db
          .selectFrom('ticket')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('day', '>=', `${YEAR}-01-01`)
          .where('day', '<=', `${YEAR}-12-31`)
          .executeTakeFirstOrThrow()
      ).n,
    );
    return {
      kind,
      rows,
      countyTickets,
      genMs: made?.genMs ?? null,
      rebuildMs: made?.rebuildMs ?? null,
      plansMs: made?.plansMs ?? null,
      measures: pack.measureCount,
      counts: pack.counts,
      one: oneQ,
      all: allQ,
      rawOne: rawOneQ,
      rawAll: rawAllQ,
      compared: compare(pack, await rawFigures(database.db, [office]), office),
    };
  } finally {
    await dispose();
  }
}

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const [arg = 'both', scaleArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const scale = Number(scaleArg ?? 1) || 1;
if (flags.includes('--drop')) await dropKept();
const kinds = arg === 'both' ? (['sqlite', 'postgres'] as const) : arg === 'postgres' ? (['postgres'] as const) : (['sqlite'] as const);
const results: Result[] = [];
for (const kind of kinds) results.push(await run(kind, scale, flags.includes('--keep')));

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
const show = (v: number | null) => (v === null ? '—' : String(v));
console.log(`\nPlan benchmark: ${OFFICES.length} offices, year ${YEAR}, the pack of ${MONTH} as of ${TODAY}${scale === 1 ? '' : `, scale ${scale}`}; ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end`);
for (const r of results) {
  console.log(`\n[${r.kind}] Zhubei's year: ${Object.entries(r.rows).map(([k, v]) => `${k} ${v.toLocaleString()}`).join(', ')}; the county ${r.countyTickets.toLocaleString()} tickets`);
  console.log(`[${r.kind}] the pack: ${r.measures} measures — ${Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`${pad('figure (Zhubei)', 32)}${pad('Dec pack / raw', 20)}${pad('Nov pack / raw', 20)}${pad('year pack / raw', 20)}trend months agreeing`);
  for (const c of r.compared) {
    const pair = ([a, b]: [number | null, number | null]) => pad(`${show(a)} / ${show(b)}`, 20);
    console.log(`${pad(c.figure, 32)}${pair(c.month)}${pair(c.previous)}${pair(c.ytd)}${c.trend[0]} of ${c.trend[1]}`);
  }
  const agree = r.compared.every((c) => c.month[0] === c.month[1] && c.previous[0] === c.previous[1] && c.ytd[0] === c.ytd[1] && c.trend[0] === c.trend[1]);
  console.log(`pack and raw SQL agree on every figure: ${agree ? 'yes' : 'NO'}`);
}
console.log(`\n${pad('measure', 60)}${results.map((r) => pad(`${r.kind} p50 / p90`, 24)).join('')}${pad('limit', 10)}holds`);
const line = (label: string, pick: (r: Result) => { p50: number; p90: number } | number | null, limit?: number) => {
  const cell = (r: Result) => {
    const v = pick(r);
    return v === null ? 'kept from before' : typeof v === 'number' ? ms(v) : `${ms(v.p50)} / ${ms(v.p90)}`;
  };
  const p90 = (r: Result) => {
    const v = pick(r);
    return v === null ? 0 : typeof v === 'number' ? v : v.p90;
  };
  const holds = limit === undefined ? '' : results.every((r) => p90(r) <= limit) ? 'yes' : 'NO';
  console.log(`${pad(label, 60)}${results.map((r) => pad(cell(r), 24)).join('')}${pad(limit === undefined ? '' : `≤ ${limit} ms`, 10)}${holds}`);
};
line('generation of the year (all tables, 13 offices)', (r) => r.genMs);
line('full roll-up rebuild (12 months)', (r) => r.rebuildMs);
line('13 plans (Zhubei with its year of work)', (r) => r.plansMs);
line(`one office's pack, buildPack (${RUNS_ONE} runs)`, (r) => r.one, LIMIT_ONE_MS);
line(`13 offices' packs, one after another (${RUNS_ALL} runs)`, (r) => r.all);
line(`ceiling: the figures by raw SQL, one office (${RUNS_ONE} runs)`, (r) => r.rawOne);
line(`ceiling: the figures by raw SQL, 13 offices (${RUNS_ALL} runs)`, (r) => r.rawAll);
for (const r of results) {
  console.log(`[${r.kind}] pack ÷ ceiling (p50): one office ${(r.one.p50 / r.rawOne.p50).toFixed(1)}×, 13 offices ${(r.all.p50 / r.rawAll.p50).toFixed(1)}×`);
}
