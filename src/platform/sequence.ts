import { sql } from 'kysely';
import type { Executor } from '../db/index.js';

/**
 * The next number of a per-office, per-day sequence (ticket numbers, case
 * numbers): one atomic upsert, safe under concurrent writers on both
 * databases.
 */
export async function nextInSequence(db: Executor, officeId: number, day: string, name: string): Promise<number> {
  const row = await db
    .insertInto('queue_sequence')
    .values({ office_id: officeId, day, prefix: name, last: 1 })
    .onConflict((oc) => oc.columns(['office_id', 'day', 'prefix']).doUpdateSet({ last: sql`queue_sequence.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}
