/**
 * What sharing the request limits costs per hit: 10,000 `incr` calls, one
 * after another, on the database store (SQLite file, PostgreSQL) and the
 * Redis store, against the ceiling: @fastify/rate-limit's in-process store.
 *
 *   npx tsx bench/rate-limit.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { databaseRateLimitStore, redisRateLimitStore } from '../src/platform/http/rate-limit-store.js';
import { createThrowawayPostgres } from '../test/databases.js';

const HITS = 10_000;
const CLIENTS = 100;
const WINDOW = 60_000;
const require = createRequire(import.meta.url);
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (a: boolean, b: boolean) => FastifyRateLimitStore;

/** A route's own limit: the child the plugin makes for a limited route. */
function routeStore(Store: FastifyRateLimitStoreCtor): FastifyRateLimitStore {
  const root = new Store({});
  return root.child({ routeInfo: { method: 'POST', url: '/bench' } } as never);
}

function incr(store: FastifyRateLimitStore, key: string): Promise<number> {
  return new Promise((resolve, reject) => store.incr(key, (err, res) => (err || !res ? reject(err) : resolve(res.current)), WINDOW, 1_000_000));
}

/** µs per hit over HITS sequential calls, spread over CLIENTS addresses. */
async function perHit(store: FastifyRateLimitStore): Promise<number> {
  for (let i = 0; i < 200; i++) await incr(store, `198.51.100.${i % CLIENTS}`);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < HITS; i++) await incr(store, `203.0.113.${i % CLIENTS}`);
  return Number(process.hrtime.bigint() - t0) / 1000 / HITS;
}

const rows: { store: string; us: number }[] = [];
const local = await perHit(new LocalStore(false, false));
rows.push({ store: 'in-process (ceiling)', us: local });

const dir = mkdtempSync(path.join(os.tmpdir(), 'hz-rl-bench-'));
const sqlite = openSqlite(path.join(dir, 'bench.sqlite'));
await migrateToLatest(sqlite);
rows.push({ store: 'database: SQLite file (WAL, synchronous=FULL)', us: await perHit(routeStore(databaseRateLimitStore(sqlite))) });
await sqlite.close();
rmSync(dir, { recursive: true, force: true });

try {
  const throwaway = await createThrowawayPostgres();
  const pgDb: Database = openPostgres(throwaway.url, 5);
  try {
    await migrateToLatest(pgDb);
    rows.push({ store: 'database: PostgreSQL (127.0.0.1)', us: await perHit(routeStore(databaseRateLimitStore(pgDb))) });
  } finally {
    await pgDb.close();
    await throwaway.drop();
  }
} catch (err) {
  console.log(`PostgreSQL skipped: ${(err as Error).message}`);
}

try {
  const { Redis } = await import('ioredis');
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1, connectTimeout: 1000, lazyConnect: true });
  await redis.connect();
  try {
    rows.push({ store: 'Redis (127.0.0.1, Lua script)', us: await perHit(routeStore(redisRateLimitStore(redis, `hz-bench-${process.pid}:`))) });
  } finally {
    await redis.quit();
  }
} catch (err) {
  console.log(`Redis skipped: ${(err as Error).message}`);
}

console.log(`${HITS} sequential incr calls over ${CLIENTS} client keys`);
for (const r of rows) console.log(`${r.store.padEnd(48)} ${r.us.toFixed(2).padStart(9)} µs/hit   ×${(r.us / local).toFixed(0).padStart(5)} the in-process store`);
