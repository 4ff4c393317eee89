import { sql } from 'kysely';
import type { Migration } from './helpers.js';

/**
 * Queue daily and phone caps enforced by the database. One row per office,
 * service and day counts the tickets given; a ticket raises it with one
 * conditional UPDATE (`… WHERE issued < cap`) inside the ticket's
 * transaction, so concurrent requests on any connection of any process
 * queue on the row lock and the loser sees zero rows. The cap in force is
 * stored on the row so a CHECK constraint backs the rule as well.
 */
export const m0011: Migration = {
  async up(ctx) {
    await ctx.db.schema
      .createTable('queue_issued')
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('service_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('issued', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('phone_issued', 'integer', (c) => c.notNull().defaultTo(0))
      // null: no cap for this service (the setting can change during the day)
      .addColumn('cap', 'integer')
      .addColumn('phone_cap', 'integer')
      .addPrimaryKeyConstraint('queue_issued_pk', ['office_id', 'service_id', 'day'])
      .addCheckConstraint(
        'queue_issued_caps',
        sql`issued >= 0 and phone_issued >= 0 and phone_issued <= issued and (cap is null or issued <= cap) and (phone_cap is null or phone_issued <= phone_cap)`,
      )
      .execute();
    // tickets already given today (an upgrade during opening hours) count too
    await sql`
      INSERT INTO queue_issued (office_id, service_id, day, issued, phone_issued)
      SELECT office_id, service_id, day, count(*), sum(case when channel = 'phone' then 1 else 0 end)
      FROM ticket GROUP BY office_id, service_id, day`.execute(ctx.db);
  },
};
