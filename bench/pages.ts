/**
 * bench/pages: the public pages a visitor opens most, flat out, against bare
 * Fastify sending the very same bytes (status, body, content type, cache and
 * security headers, the cookie) — the HTTP ceiling — in the same run.
 * Prints per page: Huzheng req/s, p50/p99, the ceiling's req/s, and the
 * share of the ceiling Huzheng reaches.
 *
 *   npx tsx bench/pages.ts [--procs N] [--pg URL] [--seconds S] [--connections C] [--only NAME] [--prof DIR]
 *
 * --procs N: N app processes on N ports over the same database, the
 *   connections spread over them (one autocannon per port, in parallel,
 *   summed): the N=1 / N=2 comparison. The ceiling stays one process.
 * --pg URL: the app on PostgreSQL: a throwaway database is created beside
 *   URL's (e.g. postgres://postgres@127.0.0.1:5432/postgres) and dropped at
 *   the end. Otherwise a temporary SQLite file, removed at the end.
 * --prof DIR: the app process runs with --cpu-prof into DIR (summarise it
 *   with bench/lib/cpu-profile.ts); the database queries each page runs
 *   are counted and printed.
 * Every server runs in its own child process; autocannon runs here.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ROOT } from '../src/app.js';
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { BENCH_NOW } from './pages-server.js';

const { values: args } = parseArgs({
  options: {
    procs: { type: 'string', default: '1' },
    pg: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
    prof: { type: 'string' },
  },
});
const PROCS = Math.max(1, Number(args.procs));
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const here = path.dirname(fileURLToPath(import.meta.url));

const PAGES: { name: string; url: string }[] = [
  { name: 'county home', url: '/' },
  { name: 'office home', url: '/o/zhubei' },
  { name: 'guide', url: '/guides/birth' },
  { name: 'news list', url: '/news' },
  { name: 'office news list', url: '/o/zhubei/news' },
  { name: 'search results', url: `/search?q=${encodeURIComponent('謄本')}` },
].filter((p) => !args.only || p.name.includes(args.only));

// a returning visitor: the cookie the app hands out on a first visit
const COOKIE = `hz_anon=${randomBytes(24).toString('base64url')}`;

interface Server {
  port: number;
  kill: () => Promise<void>;
}

function start(mode: 'app' | 'bare', target: string, execArgv: string[] = []): Promise<Server> {
  return new Promise((resolve, reject) => {
    const env = args.prof ? { ...process.env, HZ_BENCH_COUNT_QUERIES: '1' } : process.env;
    const child = fork(path.join(here, 'pages-server.ts'), [mode, target], { execArgv: ['--import', 'tsx', ...execArgv], stdio: 'inherit', env });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('message', (m) =>
      resolve({
        port: (m as { port: number }).port,
        kill: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      }),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code}) before it listened`)));
  });
}

/** A throwaway PostgreSQL database beside the one `url` names (test/databases.ts's pattern). */
async function throwawayPostgres(url: string) {
  const name = `hz_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (q: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(q);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url: url.replace(/\/[^/]*$/, `/${name}`), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function seeded(): Promise<{ target: string; cleanup: () => Promise<void> }> {
  let database: Database;
  let target: string;
  let cleanup: () => Promise<void>;
  if (args.pg) {
    const pgDb = await throwawayPostgres(args.pg);
    database = openPostgres(pgDb.url, 4);
    target = pgDb.url;
    cleanup = pgDb.drop;
  } else {
    target = `/tmp/huzheng-pages-${randomBytes(4).toString('hex')}.sqlite`;
    database = openSqlite(target);
    cleanup = async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
    };
  }
  await migrateToLatest(database);
  await seedDemo(database, ROOT, BENCH_NOW, { history: false });
  await database.close();
  return { target, cleanup };
}

const DROPPED_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** What the app answered for each page, to be sent back verbatim by the ceiling. */
async function capture(port: number) {
  const canned = [];
  for (const page of PAGES) {
    const res = await fetch(`http://127.0.0.1:${port}${page.url}`, { headers: { cookie: COOKIE }, redirect: 'manual' });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (!DROPPED_HEADERS.has(k)) headers[k] = v;
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${page.url} answered ${res.status}`);
    canned.push({ url: page.url, status: res.status, headers, body, bytes: Buffer.byteLength(body) });
  }
  return canned;
}

/** Database queries one request of each page runs (the second request: the first may fill caches). */
async function countQueries(port: number) {
  const counted = async () => ((await (await fetch(`http://127.0.0.1:${port}/bench/queries`)).json()) as { queries: number }).queries;
  for (const page of PAGES) {
    await counted();
    await (await fetch(`http://127.0.0.1:${port}${page.url}`, { headers: { cookie: COOKIE } })).arrayBuffer();
    const first = await counted();
    await (await fetch(`http://127.0.0.1:${port}${page.url}`, { headers: { cookie: COOKIE } })).arrayBuffer();
    console.log(`database queries per request, ${page.name}: first ${first}, then ${await counted()}`);
  }
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(ports: number[], url: string): Promise<Load> {
  const per = Math.max(1, Math.floor(CONNECTIONS / ports.length));
  const results = await Promise.all(
    ports.map((port) =>
      autocannon({ url: `http://127.0.0.1:${port}${url}`, connections: per, duration: SECONDS, headers: { cookie: COOKIE } }),
    ),
  );
  // latency: the slowest process's figure, an upper bound of the merged distribution
  return {
    rps: Math.round(results.reduce((n, r) => n + r.requests.average, 0)),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
  };
}

const { target, cleanup } = await seeded();
const cannedFile = `/tmp/huzheng-pages-canned-${process.pid}.json`;
try {
  const profArgs = args.prof ? ['--cpu-prof', `--cpu-prof-dir=${args.prof}`] : [];
  const apps = await Promise.all(Array.from({ length: PROCS }, () => start('app', target, profArgs)));
  const canned = await capture(apps[0]!.port);
  if (args.prof) await countQueries(apps[0]!.port);
  // warm each process once per page (JIT, first reads)
  for (const a of apps) for (const p of PAGES) for (let i = 0; i < 20; i++) await (await fetch(`http://127.0.0.1:${a.port}${p.url}`, { headers: { cookie: COOKIE } })).arrayBuffer();
  const product: Load[] = [];
  for (const p of PAGES) product.push(await load(apps.map((a) => a.port), p.url));
  await Promise.all(apps.map((a) => a.kill()));

  writeFileSync(cannedFile, JSON.stringify(canned));
  const bare = await start('bare', cannedFile);
  for (const p of PAGES) for (let i = 0; i < 20; i++) await (await fetch(`http://127.0.0.1:${bare.port}${p.url}`)).arrayBuffer();
  const ceiling: Load[] = [];
  for (const p of PAGES) ceiling.push(await load([bare.port], p.url));
  await bare.kill();

  console.log(
    `public pages: ${PROCS} app process(es) on ${args.pg ? 'PostgreSQL' : 'SQLite'}, ${CONNECTIONS} connections, ${SECONDS} s per page, ${os.cpus().length} CPU cores; ceiling: bare Fastify (1 process) sending the same bytes`,
  );
  const table: Record<string, Record<string, number | string>> = {};
  PAGES.forEach((p, i) => {
    const a = product[i]!;
    const b = ceiling[i]!;
    table[`${p.name} ${p.url}`] = {
      bytes: canned[i]!.bytes,
      'huzheng req/s': a.rps,
      'p50 ms': a.p50,
      'p99 ms': a.p99,
      'bare req/s': b.rps,
      'share %': Number(((a.rps / b.rps) * 100).toFixed(1)),
      'errors/non-2xx': `${a.errors + b.errors}/${a.non2xx + b.non2xx}`,
    };
  });
  console.table(table);
  const shares = PAGES.map((_, i) => product[i]!.rps / ceiling[i]!.rps);
  const below = PAGES.filter((_, i) => shares[i]! < 0.25).map((p) => p.name);
  console.log(below.length === 0 ? 'every page at or above 25 % of the ceiling' : `below 25 % of the ceiling: ${below.join(', ')}`);
} finally {
  rmSync(cannedFile, { force: true });
  await cleanup();
}
