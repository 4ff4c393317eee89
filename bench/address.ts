/**
 * bench/address: a county register of N house numbers (default 1,000,000;
 * a county's worth is about 300,000) made by the demo's generator scaled up
 * (address-data.ts), imported through importRegister — the staff page's and
 * the CLI's path — on SQLite (a temp file) and on PostgreSQL (a throwaway
 * database on 127.0.0.1:5432, dropped at the end). Then 2,000 typed queries
 * (address-queries.ts: full-width digits, Chinese numerals, 台, a missing
 * 段, spaces, 10-1) timed as a look-up does them — parseAddress, then the
 * indexed look-up by county and match key (no 段 typed: the keys of every
 * 段 at once) — and by road then filtered, beside the ceiling in the same
 * run: an exact-match indexed SQL look-up by the known match key
 * (address-lookup.ts).
 *
 *   npx tsx bench/address.ts [--points N] [--queries Q] [--db sqlite|postgres|both]
 *
 * A million rows need more heap than Node's default on a small machine:
 *   NODE_OPTIONS=--max-old-space-size=6144 npx tsx bench/address.ts
 */
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { registerBytes } from '../src/modules/house-numbers/generator/write.js';
import { importRegister } from '../src/modules/house-numbers/import/register.js';
import { createThrowawayPostgres, postgresReachable } from '../test/databases.js';
import { benchRegister } from './address-data.js';
import { lookUp, type Timing, timeQueries } from './address-lookup.js';
import { typedQueries } from './address-queries.js';

const { values: opts } = parseArgs({
  options: { points: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '2000' }, db: { type: 'string', default: 'both' } },
});
const N = Number(opts.points);
const Q = Number(opts.queries);
const KINDS = (opts.db === 'both' ? ['sqlite', 'postgres'] : [opts.db]) as ('sqlite' | 'postgres')[];

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms2 = (ms: number) => `${ms.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function open(kind: 'sqlite' | 'postgres'): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const file = `/tmp/huzheng-address-bench-${process.pid}.sqlite`;
    const database = openSqlite(file);
    const dispose = async () => {
      await database.close();
      for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
    };
    return { database, dispose };
  }
  const throwaway = await createThrowawayPostgres();
  const database = openPostgres(throwaway.url, 4);
  const dispose = async () => {
    await database.close();
    await throwaway.drop();
  };
  return { database, dispose };
}

function line(label: string, t: Timing) {
  console.log(`    ${label.padEnd(44)} p50 ${ms2(t.p50).padStart(9)}  p99 ${ms2(t.p99).padStart(9)}  found ${t.found}/${t.count}`);
}

async function run(kind: 'sqlite' | 'postgres', bytes: Uint8Array, queries: ReturnType<typeof typedQueries>) {
  const { database, dispose } = await open(kind);
  try {
    await migrateToLatest(database);
    const county = await database.db.insertInto('county').values({ code: 'bench', name_zh: '測試縣', name_en: 'Bench County', website: null }).returning('id').executeTakeFirstOrThrow();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await importRegister(database, { countyId: county.id, bytes, filename: 'register.csv', source: 'cli', staffId: null, now: new Date() });
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.problems.slice(0, 3))}`);
    console.log(`  ${kind}: import ${r.points.toLocaleString()} rows in ${secs(wall)} (${Math.round(r.points / (wall / 1000)).toLocaleString()} rows/s; Node CPU ${secs((cpu.user + cpu.system) / 1000)}, RSS now ${mb(process.memoryUsage().rss)})`);
    const typed = await timeQueries(queries, (q) => lookUp(database, county.id, q, 'typed'));
    const road = await timeQueries(queries, (q) => lookUp(database, county.id, q, 'road'));
    const exact = await timeQueries(queries, (q) => lookUp(database, county.id, q, 'exact'));
    line('typed: parseAddress + match key(s)', typed.all);
    for (const [variant, t] of Object.entries(typed.byVariant)) line(`  ${variant}`, t);
    line('typed, always by road then filtered', road.all);
    line('ceiling: exact match_key, indexed SQL', exact.all);
    console.log(`    typed / ceiling: p50 ×${(typed.all.p50 / exact.all.p50).toFixed(2)}, p99 ×${(typed.all.p99 / exact.all.p99).toFixed(2)}`);
  } finally {
    await dispose();
  }
}

async function main() {
  const heap = getHeapStatistics().heap_size_limit;
  console.log(`address: ${N.toLocaleString()} points, ${Q.toLocaleString()} queries, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load ${loadavg()[0]?.toFixed(1)}, Node ${process.version}, heap limit ${mb(heap)}`);
  if (N > 300_000 && heap < 5 * 1024 ** 3) console.log('  (a million rows may run out of heap: NODE_OPTIONS=--max-old-space-size=6144)');
  let t0 = performance.now();
  const rows = benchRegister(N);
  const genMs = performance.now() - t0;
  t0 = performance.now();
  const bytes = registerBytes(rows, { format: 'csv', encoding: 'utf-8', keys: 'en' });
  console.log(`  generated ${rows.length.toLocaleString()} rows (with history) in ${secs(genMs)}, written as ${mb(bytes.length)} of CSV in ${secs(performance.now() - t0)}`);
  const queries = typedQueries(rows, Q);
  for (const kind of KINDS) {
    if (kind === 'postgres' && !(await postgresReachable())) {
      console.log('  postgres: not reachable at 127.0.0.1:5432, skipped');
      continue;
    }
    await run(kind, bytes, queries);
  }
}

await main();
