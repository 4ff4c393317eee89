import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { CreateRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Redis } from 'ioredis';
import { type Database, sql } from '../../db/index.js';
import { AppError } from '../errors.js';

/**
 * Where @fastify/rate-limit keeps its counters. Its default keeps them in
 * the process, so N processes behind a load balancer allow each limit N
 * times. These stores share them: in the database by default, in Redis when
 * REDIS_URL is set.
 *
 * With the database store the global per-address ceiling
 * (RATE_LIMIT_PER_MINUTE, every route without its own limit: pages, static
 * files) stays in the process: it is a flood guard, and sharing it would
 * make every page view a database write; app.ts gives each of a machine's
 * WEB_CONCURRENCY processes its share of it instead. Every route's own limit (look-ups,
 * sign-in, taking a ticket, the booking limits) is shared. Redis is cheap
 * enough to share both.
 *
 * @fastify/rate-limit calls `child()` once per limited route (its method and
 * URL name the counters) and once per `app.rateLimit(...)` pre-handler,
 * which comes without a route: those are numbered in the order they are
 * made, the same in every process running the same code.
 */

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, res?: Result) => void;
/** what the plugin really passes to child(): the merged limit options and, for a route's own limit, the route */
type ChildOptions = { routeInfo?: { method?: string | string[]; url?: string } };
type ClassicStore = FastifyRateLimitStore & { read?(key: string, cb: Callback, timeWindow: number, max: number): void };

const require = createRequire(import.meta.url);
// the package's own stores, which its index does not export
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => ClassicStore;
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as new (continueExceeding: boolean, exponentialBackoff: boolean, redis: Redis, key?: string) => ClassicStore;

/** Purge expired rows on a process's first hit and every PURGE_EVERY-th after: one indexed DELETE, not one per hit. */
const PURGE_EVERY = 256;

/** The stored key: the limiter's scope and a hash of the client key (an address, an ID-number hash), never the client key itself. */
export function storedKey(scope: string, clientKey: string): string {
  return `${scope}|${createHash('sha256').update(clientKey).digest('base64url')}`;
}

/** Names a child store: the route for a route's own limit, else the n-th `app.rateLimit(...)` made. */
function scopeNamer(): (opts: ChildOptions) => string {
  let limiters = 0;
  return (opts) => {
    const route = opts.routeInfo;
    if (route?.url) return `${[route.method ?? ''].flat().join(',')} ${route.url}`;
    limiters += 1;
    return `limiter#${limiters}`;
  };
}

/** One atomic statement per hit, the same text on SQLite ≥ 3.35 and PostgreSQL: a new or expired row starts at 1, a live one counts up. */
export async function hit(database: Database, key: string, timeWindow: number, nowMs: number = Date.now()): Promise<Result> {
  const now = new Date(nowMs).toISOString();
  const resetAt = new Date(nowMs + timeWindow).toISOString();
  const r = await sql<{ count: number; reset_at: string }>`
    INSERT INTO rate_limit (key, count, reset_at) VALUES (${key}, 1, ${resetAt})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit.reset_at <= ${now} THEN 1 ELSE rate_limit.count + 1 END,
      reset_at = CASE WHEN rate_limit.reset_at <= ${now} THEN excluded.reset_at ELSE rate_limit.reset_at END
    RETURNING count, reset_at`.execute(database.db);
  const row = r.rows[0];
  if (!row) throw new Error('rate_limit upsert returned no row');
  return { current: Number(row.count), ttl: Math.max(0, Date.parse(row.reset_at) - nowMs) };
}

/** Deletes the counters whose window is over; returns how many. */
export async function purgeExpiredLimits(database: Database, nowMs: number = Date.now()): Promise<number> {
  const r = await database.db.deleteFrom('rate_limit').where('reset_at', '<', new Date(nowMs).toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The store class for @fastify/rate-limit, bound to one database. */
export function databaseRateLimitStore(database: Database): FastifyRateLimitStoreCtor {
  let hits = 0;
  class SharedCounter implements ClassicStore {
    constructor(private readonly scope: string) {}
    incr(key: string, cb: Callback, timeWindow: number): void {
      const purge = hits++ % PURGE_EVERY === 0 ? purgeExpiredLimits(database) : Promise.resolve(0);
      purge.then(() => hit(database, storedKey(this.scope, key), timeWindow)).then((res) => cb(null, res), cb);
    }
    read(key: string, cb: Callback): void {
      const nowMs = Date.now();
      database.db
        .selectFrom('rate_limit')
        .select(['count', 'reset_at'])
        .where('key', '=', storedKey(this.scope, key))
        .executeTakeFirst()
        .then((row) => {
          const ttl = row ? Date.parse(row.reset_at) - nowMs : 0;
          cb(null, row && ttl > 0 ? { current: Number(row.count), ttl } : { current: 0, ttl: 0 });
        }, cb);
    }
    child(): FastifyRateLimitStore {
      throw new Error('a shared counter has no children');
    }
  }
  return class DatabaseStore implements ClassicStore {
    private readonly local: ClassicStore;
    private readonly scopeOf = scopeNamer();
    constructor(options: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      this.local = new LocalStore(options.continueExceeding ?? false, options.exponentialBackoff ?? false);
    }
    // the global flood guard: per process (see above)
    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      this.local.incr(key, cb, timeWindow, max);
    }
    child(routeOptions: unknown): FastifyRateLimitStore {
      return new SharedCounter(this.scopeOf(routeOptions as ChildOptions));
    }
  };
}

/**
 * The store class for Redis: the package's own RedisStore (one Lua script
 * per hit), with the same scopes and hashed keys as the database store; its
 * own child() would put every `app.rateLimit(...)` under one name and store
 * addresses as given.
 */
export function redisRateLimitStore(redis: Redis, prefix = 'huzheng-rl:'): FastifyRateLimitStoreCtor {
  return class SharedRedisStore implements ClassicStore {
    private readonly inner: ClassicStore;
    private readonly scopeOf = scopeNamer();
    constructor(
      options: { continueExceeding?: boolean; exponentialBackoff?: boolean },
      private readonly scope = 'global',
    ) {
      this.inner = new RedisStore(options.continueExceeding ?? false, options.exponentialBackoff ?? false, redis, prefix);
    }
    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      this.inner.incr(storedKey(this.scope, key), cb, timeWindow, max);
    }
    read(key: string, cb: Callback, timeWindow: number, max: number): void {
      this.inner.read?.(storedKey(this.scope, key), cb, timeWindow, max);
    }
    child(routeOptions: unknown): FastifyRateLimitStore {
      const opts = routeOptions as ChildOptions & { continueExceeding?: boolean; exponentialBackoff?: boolean };
      return new SharedRedisStore(opts, this.scopeOf(opts));
    }
  };
}

/**
 * The store the app registers: Redis when REDIS_URL is set; none (the
 * plugin's own, in memory) for SQLite with one web process, the only
 * process that can use that file, so memory is already shared and no page
 * pays a disk write per limited request; else the database. close() ends
 * the Redis connection.
 */
export async function sharedRateLimitStore(
  settings: { redisUrl: string | undefined; webConcurrency: number },
  database: Database,
): Promise<{ store: FastifyRateLimitStoreCtor | undefined; close(): Promise<void> }> {
  if (!settings.redisUrl) {
    const alone = database.dialect === 'sqlite' && settings.webConcurrency === 1;
    return { store: alone ? undefined : databaseRateLimitStore(database), close: async () => {} };
  }
  const { Redis } = await import('ioredis');
  // a few retries, not ioredis's twenty: a request waits on this
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 2000 });
  return { store: redisRateLimitStore(redis), close: async () => void (await redis.quit()) };
}

/**
 * A pre-handler adding one more limit to a route. `app.rateLimit(...)` skips
 * itself once any limit of the plugin has run for the request (the global
 * one, or the route's first `app.rateLimit`): booking's per-address and
 * per-ID limits never counted. Each of these always counts.
 */
export function extraLimit(app: FastifyInstance, options: CreateRateLimitOptions): preHandlerAsyncHookHandler {
  const check = app.createRateLimit(options);
  return async (req, reply) => {
    const r = await check(req);
    if (r.isAllowed || !r.isExceeded) return;
    reply.header('retry-after', r.ttlInSeconds);
    throw new AppError('rate_limited', 'error.rateLimited.title');
  };
}
