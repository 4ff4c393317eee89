import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/databases.js';
import { hit, purgeExpiredLimits, sharedRateLimitStore, storedKey } from './rate-limit-store.js';

describe('shared rate-limit counters', () => {
  forEachDatabase((get) => {
    it('counts hits in one window, starts again at 1 when it is over, and reports the time left', async () => {
      const t0 = Date.parse('2026-03-02T01:00:00Z');
      const key = storedKey('POST /x', '192.0.2.1');
      expect(await hit(get(), key, 60_000, t0)).toEqual({ current: 1, ttl: 60_000 });
      expect(await hit(get(), key, 60_000, t0 + 1_000)).toEqual({ current: 2, ttl: 59_000 });
      expect(await hit(get(), key, 60_000, t0 + 59_999)).toEqual({ current: 3, ttl: 1 });
      expect(await hit(get(), key, 60_000, t0 + 60_000)).toEqual({ current: 1, ttl: 60_000 });
      // another scope with the same client is another counter
      expect((await hit(get(), storedKey('POST /y', '192.0.2.1'), 60_000, t0 + 60_000)).current).toBe(1);
    });

    it('purges only the windows that are over', async () => {
      const t0 = Date.parse('2026-03-03T01:00:00Z');
      await hit(get(), storedKey('purge', 'short'), 1_000, t0);
      await hit(get(), storedKey('purge', 'long'), 600_000, t0);
      expect(await purgeExpiredLimits(get(), t0 + 5_000)).toBeGreaterThanOrEqual(1);
      const left = await get().db.selectFrom('rate_limit').select('key').where('key', 'like', 'purge|%').execute();
      expect(left.map((r) => r.key)).toEqual([storedKey('purge', 'long')]);
    });

    it('one SQLite process counts in memory (no other process can open the file); several, or PostgreSQL, count in the database', async () => {
      const one = await sharedRateLimitStore({ redisUrl: undefined, webConcurrency: 1 }, get());
      const two = await sharedRateLimitStore({ redisUrl: undefined, webConcurrency: 2 }, get());
      expect(one.store === undefined).toBe(get().dialect === 'sqlite');
      expect(two.store).toBeDefined();
    });
  });

  it('stores a hash of the client key, never the key itself', () => {
    const k = storedKey('POST /cases/lookup', '203.0.113.7');
    expect(k).not.toContain('203.0.113.7');
    expect(k).toMatch(/^POST \/cases\/lookup\|[A-Za-z0-9_-]{43}$/);
  });
});
