/**
 * The booking rush's moving parts: a throwaway database (SQLite file or
 * PostgreSQL database), N server processes on N ports sharing it, and a
 * load generator that spreads its connections over those ports (a local
 * balancer), merging the latency histograms of every port into one.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createThrowawayPostgres } from '../../test/databases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export type DbKind = 'sqlite' | 'postgres';

export interface Server {
  port: number;
  kill(): Promise<void>;
}

/** One server child; `env` is added to the child's environment. */
export function startServer(mode: 'app' | 'bare', env: Record<string, string> = {}, execArgv: string[] = []): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, '..', 'booking-server.ts'), [mode], { execArgv: ['--import', 'tsx', ...execArgv], stdio: 'inherit', env: { ...process.env, ...env } });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('message', (m) =>
      resolve({
        port: (m as { port: number }).port,
        kill: async () => {
          child.kill();
          await exited;
        },
      }),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`booking server exited early (${code})`)));
  });
}

/** A SQLite file and its WAL companions. */
export function removeSqlite(file: string | null) {
  if (!file) return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * N app processes on one fresh database: the first migrates, seeds and runs
 * the jobs worker; the others only serve (RUN_WORKER=false). `close` stops
 * them and removes the database.
 */
export async function startCluster(kind: DbKind, procs: number, execArgv: string[] = []): Promise<{ servers: Server[]; close(): Promise<void> }> {
  const keys = { PERSONAL_DATA_KEY: randomBytes(32).toString('base64'), SESSION_SECRET: randomBytes(32).toString('base64url') };
  let where: Record<string, string>;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const file = `/tmp/huzheng-rush-${randomBytes(4).toString('hex')}.sqlite`;
    where = { SQLITE_FILE: file };
    drop = async () => removeSqlite(file);
  } else {
    const pg = await createThrowawayPostgres();
    where = { DATABASE_URL: pg.url };
    drop = pg.drop;
  }
  const servers: Server[] = [];
  try {
    // WEB_CONCURRENCY tells each process how many share the database, as the cluster would (one SQLite process keeps its limits in memory)
    const many = { WEB_CONCURRENCY: String(procs) };
    servers.push(await startServer('app', { ...keys, ...where, ...many, BENCH_SEED: '1', RUN_WORKER: 'true' }, execArgv));
    // the others start together once the schema and the seed are there
    servers.push(...(await Promise.all(Array.from({ length: procs - 1 }, () => startServer('app', { ...keys, ...where, ...many, RUN_WORKER: 'false' }, execArgv)))));
  } catch (err) {
    await Promise.all(servers.map((s) => s.kill()));
    await drop();
    throw err;
  }
  return {
    servers,
    close: async () => {
      await Promise.all(servers.map((s) => s.kill()));
      await drop();
    },
  };
}

export interface RushResult {
  rps: number;
  p50: number;
  p99: number;
  accepted: number;
  rejected: number;
  other: number;
  errors: number;
}

export interface RushOptions {
  ports: number[];
  path: string;
  cookie: string;
  body: () => string;
  connections: number;
  amount: number;
  /** overall arrival rate, shared evenly by the ports; none: flat out */
  rate?: number | undefined;
}

/** One round over every port at once; latencies of all ports merged into one histogram. */
export async function rush(o: RushOptions): Promise<RushResult> {
  const n = o.ports.length;
  const t0 = performance.now();
  const parts = await Promise.all(
    o.ports.map((port, i) =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: Math.max(1, Math.round(o.connections / n)),
        // the remainder goes to the first port, so the total is exact
        amount: Math.floor(o.amount / n) + (i === 0 ? o.amount % n : 0),
        ...(o.rate ? { overallRate: o.rate / n } : {}),
        timeout: 30,
        skipAggregateResult: true,
        requests: [
          {
            method: 'POST',
            path: o.path,
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: o.cookie },
            setupRequest: (req) => ({ ...req, body: o.body() }),
          },
        ],
      } as autocannon.Options),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  // in the package, missing from its type definitions: merges results made with skipAggregateResult
  const aggregate = (autocannon as unknown as { aggregateResult(r: autocannon.Result[], opts: object): autocannon.Result }).aggregateResult;
  const result = aggregate(parts, { url: `http://127.0.0.1:${o.ports[0]}`, connections: o.connections });
  const by = (code: string) => Number((result.statusCodeStats as Record<string, { count: number }>)[code]?.count ?? 0);
  const completed = (result.latency as { totalCount?: number }).totalCount ?? 0;
  return {
    rps: Math.round(completed / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    accepted: by('303'),
    rejected: by('409'),
    other: result.non2xx - by('303') - by('409'),
    errors: result.errors + result.timeouts,
  };
}
