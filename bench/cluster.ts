/**
 * bench/cluster: GET /o/zhubei (the office home page) flat out against the
 * built server (`node dist/main.js start`, NODE_ENV=production, default
 * logging) with WEB_CONCURRENCY=1 and 2, on a SQLite file and on a
 * throwaway PostgreSQL database, both seeded with the demo county (no
 * history). Beside it, in the same run, the ceiling: bare Fastify serving
 * the same bytes with 1 and 2 processes (node:cluster), and the ratio.
 *
 *   npx tsx bench/cluster.ts [seconds=8] [connections=50] [--no-pg]
 *
 * The servers run in their own processes; autocannon runs here, so on a
 * small machine it takes a share of the cores the processes compete for.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const PG_ADMIN = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const URL_PATH = '/o/zhubei';

/** Child mode: bare Fastify on PORT serving the bytes in FILE, in N processes. */
async function bare(port: number, file: string, n: number) {
  if (cluster.isPrimary && n > 1) {
    let listening = 0;
    cluster.on('listening', () => {
      if (++listening === n) process.send?.('ready');
    });
    for (let i = 0; i < n; i++) cluster.fork();
    return;
  }
  const { type, body } = JSON.parse(readFileSync(file, 'utf8')) as { type: string; body: string };
  const bytes = Buffer.from(body, 'utf8');
  const app = Fastify();
  app.get(URL_PATH, async (_req, reply) => reply.type(type).send(bytes));
  await app.listen({ port, host: '127.0.0.1' });
  if (!cluster.isWorker) process.send?.('ready');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The built server; resolves when all its web processes say they are ready. */
async function huzheng(n: number, env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js', 'start'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH, NODE_ENV: 'production', PUBLIC_BASE_URL: 'http://huzheng.test', HOST: '127.0.0.1', PORT: String(port), WEB_CONCURRENCY: String(n), RATE_LIMIT_PER_MINUTE: '100000000', ...env },
  });
  let ready = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
    // the log is read to the end, as a collector would, so the server never blocks on a full pipe
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"Huzheng ready on') && ++ready === n) resolve();
    });
  });
  return { port, stop: () => stop(child) };
}

async function bareServer(n: number, file: string) {
  const port = await freePort();
  const child = fork(fileURLToPath(import.meta.url), ['bare', String(port), file, String(n)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  await new Promise((resolve) => child.once('message', resolve));
  return { port, stop: () => stop(child) };
}

async function load(port: number, seconds: number, connections: number) {
  const url = `http://127.0.0.1:${port}${URL_PATH}`;
  await autocannon({ url, connections, duration: 2 }); // warm-up: JIT, caches, pools
  const r = await autocannon({ url, connections, duration: seconds });
  const non2xx = r.non2xx + r.errors + r.timeouts;
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx };
}

async function seedInto(env: Record<string, string>) {
  // without history (the demo's past year of tickets): the page reads today's state, and it seeds in seconds
  const { openDatabase } = await import('../src/db/index.js');
  const { migrateToLatest } = await import('../src/db/migrate.js');
  const { seedDemo } = await import('../src/demo/seed.js');
  const database = openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'sqlite', file: path.join(env.DATA_DIR!, 'huzheng.sqlite') });
  await migrateToLatest(database);
  await seedDemo(database, ROOT, new Date(), { history: false, personalDataKey: env.PERSONAL_DATA_KEY! });
  await database.close();
}

async function main() {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const seconds = Number(args[0] ?? 8);
  const connections = Number(args[1] ?? 50);
  const withPg = !process.argv.includes('--no-pg');
  const build = spawn(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  await new Promise((r) => build.once('exit', r));

  const dir = mkdtempSync(path.join(os.tmpdir(), 'huzheng-bench-cluster-'));
  const keys = { PERSONAL_DATA_KEY: randomBytes(32).toString('base64'), SESSION_SECRET: randomBytes(32).toString('base64url') };
  const pgName = `hz_bench_${randomBytes(6).toString('hex')}`;
  const setups: [string, Record<string, string>][] = [['sqlite', { ...keys, DATA_DIR: dir }]];
  if (withPg) {
    await adminQuery(`CREATE DATABASE ${pgName}`);
    setups.push(['postgres', { ...keys, DATA_DIR: dir, DATABASE_URL: PG_ADMIN.replace(/\/[^/]*$/, `/${pgName}`) }]);
  }
  const rows: Record<string, ReturnType<typeof row>> = {};
  const row = (r: Awaited<ReturnType<typeof load>>, ceiling?: number) => ({
    'req/s': r.rps,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'non-2xx/errors': r.non2xx,
    'of bare, same N': ceiling ? `${((r.rps / ceiling) * 100).toFixed(0)}%` : '',
  });
  try {
    const bodyFile = path.join(dir, 'page.json');
    const results: Record<string, Awaited<ReturnType<typeof load>>> = {};
    for (const [kind, env] of setups) {
      await seedInto(env);
      for (const n of [1, 2]) {
        const s = await huzheng(n, env);
        if (kind === 'sqlite' && n === 1) {
          const res = await fetch(`http://127.0.0.1:${s.port}${URL_PATH}`);
          writeFileSync(bodyFile, JSON.stringify({ type: res.headers.get('content-type'), body: await res.text() }));
        }
        results[`huzheng ${kind}, N=${n}`] = await load(s.port, seconds, connections);
        await s.stop();
      }
    }
    for (const n of [1, 2]) {
      const s = await bareServer(n, bodyFile);
      results[`bare fastify, N=${n}`] = await load(s.port, seconds, connections);
      await s.stop();
    }
    for (const [name, r] of Object.entries(results)) rows[name] = row(r, name.startsWith('huzheng') ? results[`bare fastify, N=${name.slice(-1)}`]?.rps : undefined);
    const bytes = Buffer.byteLength(JSON.parse(readFileSync(bodyFile, 'utf8')).body as string);
    console.log(`GET ${URL_PATH} (${bytes} bytes), ${connections} connections, ${seconds} s each, ${os.availableParallelism()} cores (os.availableParallelism()), autocannon in this process`);
    console.table(rows);
    const gain = (a?: { rps: number }, b?: { rps: number }) => (a && b ? `${(b.rps / a.rps).toFixed(2)}×` : 'n/a');
    console.log(
      `N=2 over N=1: huzheng sqlite ${gain(results['huzheng sqlite, N=1'], results['huzheng sqlite, N=2'])}` +
        (withPg ? `, huzheng postgres ${gain(results['huzheng postgres, N=1'], results['huzheng postgres, N=2'])}` : '') +
        `, bare fastify ${gain(results['bare fastify, N=1'], results['bare fastify, N=2'])}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (withPg) await adminQuery(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  }
}

if (process.argv[2] === 'bare') await bare(Number(process.argv[3]), process.argv[4]!, Number(process.argv[5]));
else await main();
