/**
 * bench/notify: cross-agency notices delivered by webhook. 10,000 closed
 * move-in cases × 5 recipients = 50,000 notices with sealed bodies and their
 * DELIVER_JOB jobs, on SQLite (a temp file) and on PostgreSQL (a throwaway
 * database on 127.0.0.1:5432, when it answers). The real job worker with
 * the notify module's handlers delivers them to an in-process node:http
 * receiver that checks every signature and answers 200.
 *
 *   drain  — the whole backlog due at once: notices/s until the last job is
 *            done, and queued_at → arrived p50/p99 (mostly the wait in line);
 *   paced  — cases recorded one transaction each at half the drained rate,
 *            workers polling as in production (every second): the latency a
 *            citizen's notice sees when the office is not behind.
 *
 * Beside each, in the same run, the ceiling: a bare fetch client (undici,
 * keep-alive) posting the same signed bodies to the same receiver, at the
 * same concurrency (one request in flight per worker) or the same pace.
 *
 *   npx tsx bench/notify.ts [sqlite|postgres|both]
 *   NOTIFY_BENCH_CASES=10000  NOTIFY_BENCH_WORKERS=4  NOTIFY_BENCH_PACED_SECONDS=10
 */
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import Fastify from 'fastify';
import pg from 'pg';
import { throwawayConfig } from '../test/config.js';
import { createThrowawayPostgres } from '../test/databases.js';
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DELIVER_JOB } from '../src/modules/notify/body.js';
import { notifyModule } from '../src/modules/notify/index.js';
import { createMemoryBus } from '../src/platform/events/index.js';
import { createVault, parseMasterKey } from '../src/platform/identity/index.js';
import type { AppServices } from '../src/platform/module.js';
import { insertCases, prepareOffice, queueBacklog, RECIPIENTS } from './notify-data.js';
import { drainBare, drainWithWorkers, type Measured, noticeStates, pacedBare, pacedWithWorkers, percentile, perSecond, Workers } from './notify-phases.js';
import { startReceiver } from './notify-receiver.js';

const CASES = Number(process.env.NOTIFY_BENCH_CASES ?? 10_000);
const WORKERS = Number(process.env.NOTIFY_BENCH_WORKERS ?? 4);
const PACED_SECONDS = Number(process.env.NOTIFY_BENCH_PACED_SECONDS ?? 10);
type Kind = 'sqlite' | 'postgres';

/** Asked here with a patient timeout: on a busy machine the tests' two-second probe (made once, at import) can miss a server that is there. */
async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 15_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function openBench(kind: Kind): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const file = `/tmp/huzheng-notify-bench-${process.pid}.sqlite`;
    const database = openSqlite(file);
    return {
      database,
      dispose: async () => {
        await database.close();
        for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
      },
    };
  }
  const throwaway = await createThrowawayPostgres();
  // a connection per worker, and a few for the bench's own inserts and counts
  const database = openPostgres(throwaway.url, WORKERS + 4);
  return {
    database,
    dispose: async () => {
      await database.close();
      await throwaway.drop();
    },
  };
}

interface Result {
  kind: Kind;
  genMs: number;
  handler: boolean;
  drain: Measured | null;
  drainBare: Measured;
  paced: Measured | null;
  pacedBare: Measured | null;
  pace: { cases: number; everyMs: number } | null;
  states: Record<string, number>;
  badSignatures: number;
  repeats: number;
  failedTries: number;
}

async function run(kind: Kind): Promise<Result> {
  const { database, dispose } = await openBench(kind);
  const secrets = new Map<string, string>();
  const receiver = await startReceiver(() => secrets);
  try {
    await migrateToLatest(database);
    const config = throwawayConfig();
    const vault = createVault(parseMasterKey(config.personalDataKey));
    const services: AppServices = { config, database, clock: () => new Date(), vault, events: createMemoryBus(), log: Fastify({ logger: false }).log };
    const handlers = notifyModule.jobs?.(services) ?? {};
    const t0 = Date.now();
    const office = await prepareOffice(database.db, vault, receiver.baseUrl);
    for (const [code, r] of office.recipients) secrets.set(code, r.secret);
    const caseIds = await insertCases(database.db, office, 1, CASES);
    const notices = await queueBacklog(database, vault, office, caseIds, new Date().toISOString(), config.publicBaseUrl);
    const genMs = Date.now() - t0;
    console.log(`[${kind}] ${CASES.toLocaleString()} cases, ${notices.length.toLocaleString()} notices and jobs written in ${(genMs / 1000).toFixed(1)} s`);
    const result: Result = { kind, genMs, handler: DELIVER_JOB in handlers, drain: null, drainBare: null as unknown as Measured, paced: null, pacedBare: null, pace: null, states: {}, badSignatures: 0, repeats: 0, failedTries: 0 };
    if (result.handler) {
      const workers = new Workers(database, handlers, WORKERS);
      try {
        result.drain = await drainWithWorkers(database, receiver, workers, notices.length);
        result.badSignatures += receiver.badSignatures;
        result.repeats += receiver.requests - receiver.arrived.size;
        const casesPerSecond = perSecond(result.drain) / 2 / RECIPIENTS.length;
        result.pace = { cases: Math.max(10, Math.round(casesPerSecond * PACED_SECONDS)), everyMs: 1000 / casesPerSecond };
        console.log(`[${kind}] paced: ${result.pace.cases} cases, one every ${result.pace.everyMs.toFixed(1)} ms`);
        const paced = await pacedWithWorkers(database, vault, office, receiver, workers, result.pace, CASES + 1, config.publicBaseUrl);
        result.paced = paced.measured;
        result.badSignatures += receiver.badSignatures;
        result.repeats += receiver.requests - receiver.arrived.size;
        result.states = await noticeStates(database);
        result.pacedBare = await pacedBare(receiver, secrets, paced.batches, result.pace.everyMs);
      } finally {
        await workers.stop();
        result.failedTries = workers.errors;
      }
    } else {
      console.log(`[${kind}] the notify module has no ${DELIVER_JOB} handler yet: only the ceiling runs`);
    }
    result.drainBare = await drainBare(receiver, secrets, notices, WORKERS);
    result.badSignatures += receiver.badSignatures;
    return result;
  } finally {
    await receiver.close();
    await dispose();
  }
}

const arg = process.argv[2] ?? 'both';
const kinds: Kind[] = arg === 'sqlite' ? ['sqlite'] : arg === 'postgres' ? ['postgres'] : ['sqlite', 'postgres'];
const results: Result[] = [];
for (const kind of kinds) {
  if (kind === 'postgres' && !(await postgresAnswers())) {
    console.log('[postgres] not reachable at 127.0.0.1:5432: skipped');
    continue;
  }
  results.push(await run(kind));
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
const line = (label: string, m: Measured | null) =>
  console.log(`${pad(label, 48)}${m ? `${pad(`${Math.round(perSecond(m)).toLocaleString()}/s`, 12)}${pad(ms(percentile(m.latencies, 50)), 12)}${pad(ms(percentile(m.latencies, 99)), 12)}${m.latencies.length.toLocaleString()} arrived` : '—'}`);
const ratio = (a: Measured | null, b: Measured | null) => (a && b ? `${(perSecond(a) / perSecond(b)).toFixed(2)}× the ceiling's rate; p50 ${(percentile(a.latencies, 50) / percentile(b.latencies, 50)).toFixed(1)}×, p99 ${(percentile(a.latencies, 99) / percentile(b.latencies, 99)).toFixed(1)}× its latency` : '—');

console.log(`\nNotify benchmark: ${CASES.toLocaleString()} cases × ${RECIPIENTS.length} webhook recipients, ${WORKERS} workers (one job at a time each); node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end`);
for (const r of results) {
  console.log(`\n${pad(`[${r.kind}]`, 48)}${pad('notices/s', 12)}${pad('p50', 12)}${pad('p99', 12)}`);
  line('drain  JobWorker + notify handlers', r.drain);
  line('drain  ceiling: bare fetch, same concurrency', r.drainBare);
  line(`paced  JobWorker (poll 1 s)${r.pace ? `, ${r.pace.cases} cases` : ''}`, r.paced);
  line('paced  ceiling: bare fetch, same pace', r.pacedBare);
  console.log(`drain: ${ratio(r.drain, r.drainBare)}`);
  console.log(`paced: ${ratio(r.paced, r.pacedBare)}`);
  if (r.handler) {
    console.log(`notices at the end: ${Object.entries(r.states).map(([k, v]) => `${k} ${v.toLocaleString()}`).join(', ')}; repeated deliveries ${r.repeats}; failed tries ${r.failedTries}; bad signatures ${r.badSignatures}`);
  }
}
process.exit(0);
