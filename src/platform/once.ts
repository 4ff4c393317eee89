import type { Executor } from '../db/index.js';

/**
 * One-time records held in the database, so "used once" holds across every
 * process behind the load balancer (an anti-bot stamp, an ALTCHA solution).
 * The primary key (purpose, key) is the whole guarantee: of any number of
 * concurrent uses of one key, on any connection, exactly one INSERT adds a
 * row; the rest conflict and add nothing.
 *
 * `expiresAt` must be no earlier than the moment the thing itself stops
 * being accepted (the stamp's maximum age, the challenge's expiry): after
 * that the row may be purged, and only the thing's own expiry keeps it out.
 */

/** Purge expired rows on the first use in a process and every PURGE_EVERY-th use after: one cheap indexed DELETE, not one per use. */
const PURGE_EVERY = 64;
let uses = 0;

export async function useOnce(db: Executor, purpose: string, key: string, expiresAt: string, now: Date = new Date()): Promise<boolean> {
  if (uses++ % PURGE_EVERY === 0) await purgeExpired(db, now);
  const r = await db
    .insertInto('once_token')
    .values({ purpose, key, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['purpose', 'key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Deletes the records whose time is over; returns how many. */
export async function purgeExpired(db: Executor, now: Date = new Date()): Promise<number> {
  const r = await db.deleteFrom('once_token').where('expires_at', '<', now.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
