import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, ROOT } from '../src/app.js';
import type { Config } from '../src/config.js';
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { createAntiBot } from '../src/modules/booking/anti-bot.js';
import { DEMO_PASSWORD } from '../src/modules/staff/index.js';
import { csrfTokenFor } from '../src/platform/http/csrf.js';
import { Agent } from './app.js';
import { throwawayConfig } from './config.js';
import { createThrowawayPostgres, type DatabaseKind, describeOn } from './databases.js';
import { IN_CI } from './tools.js';

/**
 * Two app instances on ONE database stand for two processes behind a load
 * balancer: each has its own connection (pool) and its own in-process state,
 * so whatever they agree on went through the database (or Redis).
 */
const REDIS_URL = 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: 6379, timeout: 1000 });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
const REDIS_AVAILABLE = await redisAnswers();
if (!REDIS_AVAILABLE) {
  if (IN_CI) throw new Error(`[test] CI=true but Redis does not answer at ${REDIS_URL}: .ci/run should have started it`);
  console.warn(`[test] Redis not reachable at ${REDIS_URL}: the Redis variant below is counted as skipped`);
}

interface Shared {
  /** a second connection (pool) on the same database */
  open(): Database;
  dispose(): Promise<void>;
}

async function sharedDatabase(kind: DatabaseKind): Promise<Shared> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hz-shared-'));
    const file = path.join(dir, 'huzheng.sqlite');
    return { open: () => openSqlite(file), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const throwaway = await createThrowawayPostgres();
  return { open: () => openPostgres(throwaway.url, 5), dispose: () => throwaway.drop() };
}

interface Pair {
  a: FastifyInstance;
  b: FastifyInstance;
  config: Config;
  databases: Database[];
}

function twoProcesses(kind: DatabaseKind, env: Record<string, string> = {}): () => Pair {
  let shared: Shared | undefined;
  let pair: Pair | undefined;
  beforeAll(async () => {
    shared = await sharedDatabase(kind);
    const first = shared.open();
    await migrateToLatest(first);
    await seedDemo(first, ROOT, new Date(), { history: false });
    const second = shared.open();
    // one configuration, as every process of an install reads the same environment
    // two processes on one SQLite file exist only as WEB_CONCURRENCY > 1 (one process keeps its limits in memory)
    const config = throwawayConfig({ BOOKING_PER_IP_PER_MINUTE: '3', BOOKING_PER_ID_PER_HOUR: '2', WEB_CONCURRENCY: '2', ...env });
    const a = (await buildApp({ config, database: first, logger: false })).app;
    const b = (await buildApp({ config, database: second, logger: false })).app;
    await Promise.all([a.ready(), b.ready()]);
    pair = { a, b, config, databases: [first, second] };
  });
  afterAll(async () => {
    await pair?.a.close();
    await pair?.b.close();
    for (const d of pair?.databases ?? []) await d.close();
    await shared?.dispose();
  });
  return () => {
    if (!pair) throw new Error('apps not ready');
    return pair;
  };
}

/** An address of its own per test and run, so no counter left in Redis by an earlier run is met. */
const freshAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** Statuses of `count` POSTs sent alternately to a and b. */
async function alternate(p: Pair, count: number, request: (i: number) => { url: string; form?: Record<string, string>; cookie?: string; ip: string }) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = request(i);
    const res = await (i % 2 === 0 ? p.a : p.b).inject({
      method: 'POST',
      url: r.url,
      remoteAddress: r.ip,
      payload: new URLSearchParams(r.form ?? {}).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(r.cookie ? { cookie: r.cookie } : {}) },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

/** A visitor's anonymous cookie and the CSRF token every process accepts for it. */
function visitor(config: Config) {
  const anon = randomBytes(24).toString('base64url');
  return { cookie: `hz_anon=${anon}`, csrf: csrfTokenFor(config.sessionSecret, anon) };
}

function routeLimitsAreShared(get: () => Pair) {
  it("a route's own limit (take a ticket: 5 a minute) counts over both: the 6th request is refused, not the 11th", async () => {
    const ip = freshAddress();
    const statuses = await alternate(get(), 8, () => ({ url: '/o/zhubei/queue/take', ip }));
    expect(statuses.slice(0, 5)).not.toContain(429);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it("booking's per-address limit (a keyed pre-handler, after the global limit) counts over both", async () => {
    const ip = freshAddress();
    const v = visitor(get().config);
    // a new ID number each time, so only the per-address limit (3 a minute here) can refuse; new each run too, since Redis keeps the per-ID counters of earlier runs for an hour
    const base = randomInt(10_000_000, 99_999_990);
    const statuses = await alternate(get(), 5, (i) => ({
      url: '/o/zhubei/booking/none/confirm',
      ip,
      cookie: v.cookie,
      form: { _csrf: v.csrf, idNumber: `A1${String(base + i)}` },
    }));
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it("booking's per-ID limit (keyed by a hash of the ID number) counts over both, from many addresses", async () => {
    const v = visitor(get().config);
    const id = `B2${String(randomInt(10_000_000, 99_999_999))}`;
    const statuses = await alternate(get(), 4, () => ({ url: '/o/zhubei/booking/none/confirm', ip: freshAddress(), cookie: v.cookie, form: { _csrf: v.csrf, idNumber: id } }));
    expect(statuses.slice(0, 2)).not.toContain(429);
    expect(statuses.slice(2)).toEqual([429, 429]);
  });
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describeOn(kind)(`[${kind}] two processes on one database`, () => {
    const get = twoProcesses(kind);
    routeLimitsAreShared(get);

    it('the stored counters name no address and no ID number', async () => {
      const [database] = get().databases;
      const rows = await database!.db.selectFrom('rate_limit').select('key').execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const { key } of rows) expect(key).not.toMatch(/10\.\d+\.\d+\.\d+|[A-Z][12]\d{8}/);
    });

    it('5 failed sign-ins spread over both lock the name on both', async () => {
      const onA = new Agent(get().a);
      const onB = new Agent(get().b);
      const statuses: number[] = [];
      for (let i = 1; i <= 5; i++) statuses.push((await (i % 2 ? onA : onB).signIn('clerk.zhubei', `wrong-${i}`)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 423]);
      expect((await onA.signIn('clerk.zhubei', DEMO_PASSWORD)).statusCode).toBe(423);
      expect((await onB.signIn('clerk.zhubei', DEMO_PASSWORD)).statusCode).toBe(423);
    });

    it('an anti-bot stamp used through one process is refused by the other', async () => {
      const [first, second] = get().databases;
      const now = Date.now();
      const form = { office: 'zhubei', service: 'x', day: '2026-01-05', starts: '09:00' };
      const onA = createAntiBot(first!.db, 'shared secret', { now: () => now });
      const onB = createAntiBot(second!.db, 'shared secret', { now: () => now + 10_000 });
      const stamp = onA.stamp('visitor-1', form);
      expect(await onB.passes(undefined, stamp, 'visitor-1', form)).toBe(true);
      expect(await createAntiBot(first!.db, 'shared secret', { now: () => now + 11_000 }).passes(undefined, stamp, 'visitor-1', form)).toBe(false);
    });
  });
}

(REDIS_AVAILABLE ? describe : describe.skip)('[redis] two processes sharing REDIS_URL', () => {
  const get = twoProcesses('sqlite', { REDIS_URL });
  routeLimitsAreShared(get);

  it('keeps no counter in the database', async () => {
    const [database] = get().databases;
    expect(await database!.db.selectFrom('rate_limit').select('key').execute()).toEqual([]);
  });
});
