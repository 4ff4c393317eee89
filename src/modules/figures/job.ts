import type { Database } from '../../db/index.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { rollupChanged } from './rollup.js';

export const ROLLUP_JOB = 'figures.rollup';
/** How often the roll-up reads what changed: the figures pages are this fresh. */
export const ROLLUP_EVERY_MS = 5 * 60_000;

/** The next run, once per slot however many processes ask (the dedupe key is the slot). */
export async function scheduleRollup(database: Database, now: Date, delayMs = 0): Promise<void> {
  const at = new Date(Math.floor((now.getTime() + delayMs) / ROLLUP_EVERY_MS) * ROLLUP_EVERY_MS);
  await enqueueJob(database.db, { kind: ROLLUP_JOB, payload: null, runAt: at, maxAttempts: 3, dedupeKey: `${ROLLUP_JOB}:${at.toISOString()}` }, now);
}

export function rollupJobHandler(database: Database) {
  return async (_payload: unknown, ctx: { now: Date }) => {
    // the next run is queued first, so a failing run never stops the chain
    await scheduleRollup(database, ctx.now, ROLLUP_EVERY_MS);
    await rollupChanged(database, ctx.now);
  };
}
