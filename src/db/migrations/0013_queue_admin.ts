import { sql } from 'kysely';
import type { Migration } from './helpers.js';

/** Counters and queue services created and retired by staff. */
export const m0013: Migration = {
  async up(ctx) {
    const { db } = ctx;
    // 0: a support counter, opened only at a peak (the supervisor view); 1: staffed every day
    await db.schema.alterTable('counter').addColumn('open_default', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    // minutes one person usually takes: the wait estimate until the day has its own service times
    await db.schema.alterTable('service').addColumn('avg_minutes', 'integer').execute();
    // a letter names one line on the board: unique among the office's active services.
    // Retired services keep theirs (today's tickets still show it) and free it for reuse.
    await sql`CREATE UNIQUE INDEX service_office_active_prefix ON service (office_id, queue_prefix) WHERE active = 1`.execute(db);
  },
};
