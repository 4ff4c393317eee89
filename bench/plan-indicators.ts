/**
 * bench/plan-indicators: where one office's monthly review pack spends its
 * time — each indicator its plan measures, computed alone (a memo of its
 * own) over the periods the pack asks it for (the twelve months of the
 * trend, which hold the previous month, and the year to date), with the
 * round trips it made; then the whole pack. Runs on bench/plan's county,
 * kept between runs (generated on the first, a few minutes), so it can be
 * run again after each change.
 *
 *   npx tsx bench/plan-indicators.ts [sqlite|postgres|both] [scale] [--drop]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { KyselyPlugin } from 'kysely';
import '../src/app.js'; // every module: the indicator registry filled as in the running app
import { monthPeriod, type Period, rangePeriod } from '../src/modules/figures/index.js';
import { readPlan } from '../src/modules/plan/model.js';
import { buildPack } from '../src/modules/plan/pack.js';
import { computeIndicator, type IndicatorMemo, type IndicatorOffice } from '../src/platform/indicators/index.js';
import { MONTH, prepare, TODAY, YEAR } from './plan-data.js';
import { type BenchKind, benchDatabase, dropKept } from './plan-db.js';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Counts the statements a database handle sends (each one a round trip on PostgreSQL). */
function counter(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        n += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    count: () => n,
  };
}

interface Row {
  key: string;
  calls: number;
  ms: number;
  queries: number;
}

async function profile(kind: BenchKind, scale: number): Promise<{ rows: Row[]; pack: number; packQueries: number }> {
  const { database, dispose } = await benchDatabase(kind, true);
  try {
    const { planIds } = await prepare(database, kind, scale);
    const tree = await readPlan(database.db, planIds[0]!);
    if (!tree?.plan.officeId) throw new Error('Zhubei has no plan');
    const o = await database.db.selectFrom('office').select(['id', 'code', 'county_id']).where('id', '=', tree.plan.officeId).executeTakeFirstOrThrow();
    const office: IndicatorOffice = { id: o.id, code: o.code, countyId: o.county_id };
    const keys = [...new Set(tree.flat.flatMap((i) => i.measures.map((m) => m.indicatorKey)).filter((k): k is string => k !== null))];
    const mm = Number(MONTH.slice(5));
    const periods: Period[] = [...Array.from({ length: mm }, (_, i) => monthPeriod(YEAR, i + 1)), rangePeriod(`${YEAR}-01-01`, `${YEAR}-12-31`)];
    console.log(`[${kind}] timing ${keys.length} indicators over ${periods.length} periods (load average ${loadavg()[0]?.toFixed(1)})`);
    const rows: Row[] = [];
    for (const key of keys) {
      const c = counter();
      const db = database.db.withPlugin(c.plugin);
      const once = async () => {
        const memo: IndicatorMemo = new Map();
        for (const p of periods) await computeIndicator(db, key, office, p, memo);
      };
      await once();
      const before = c.count();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await once();
        times.push(performance.now() - t0);
      }
      rows.push({ key, calls: periods.length, ms: median(times), queries: (c.count() - before) / RUNS });
    }
    const c = counter();
    const db = database.db.withPlugin(c.plugin);
    await buildPack(db, planIds[0]!, MONTH, TODAY);
    const before = c.count();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await buildPack(db, planIds[0]!, MONTH, TODAY);
      times.push(performance.now() - t0);
    }
    return { rows, pack: median(times), packQueries: (c.count() - before) / RUNS };
  } finally {
    await dispose();
  }
}

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const [arg = 'both', scaleArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (flags.includes('--drop')) await dropKept();
const kinds = arg === 'both' ? (['sqlite', 'postgres'] as const) : arg === 'postgres' ? (['postgres'] as const) : (['sqlite'] as const);
const results = new Map<BenchKind, Awaited<ReturnType<typeof profile>>>();
for (const kind of kinds) results.set(kind, await profile(kind, Number(scaleArg ?? 1) || 1));

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const cell = (r: Row | undefined) => pad(r ? `${r.ms.toFixed(1)} ms, ${r.queries} q` : '', 22);
console.log(`\nZhubei's pack of ${MONTH}, each indicator alone over its periods (median of ${RUNS}); load average ${loadavg()[0]?.toFixed(1)}`);
console.log(`${pad('indicator', 44)}${kinds.map((k) => pad(k, 22)).join('')}`);
const first = results.get(kinds[0])!;
const order = [...first.rows].sort((a, b) => b.ms - a.ms).map((r) => r.key);
for (const key of order) console.log(`${pad(key, 44)}${kinds.map((k) => cell(results.get(k)?.rows.find((r) => r.key === key))).join('')}`);
const sum = (k: BenchKind) => results.get(k)!.rows.reduce((s, r) => s + r.ms, 0);
console.log(`${pad('sum of the above', 44)}${kinds.map((k) => pad(`${sum(k).toFixed(0)} ms`, 22)).join('')}`);
console.log(`${pad('the whole pack (buildPack)', 44)}${kinds.map((k) => pad(`${results.get(k)!.pack.toFixed(0)} ms, ${results.get(k)!.packQueries} q`, 22)).join('')}`);
