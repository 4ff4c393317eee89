import type { Executor } from '../../db/index.js';

/**
 * Tells the roll-up that an office-day must be counted again although no
 * raw row names it any more (a booking moved from that day to another).
 * Written in the same transaction as the change.
 */
export async function markFiguresDirty(db: Executor, officeId: number, day: string, now: Date): Promise<void> {
  await db.insertInto('figure_dirty').values({ office_id: officeId, day, at: now.toISOString() }).execute();
}
