import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * The roaming pre-check (走動式櫃台): one row per check. A check that ended
 * in a ticket references it (one check per ticket); one that ended in a
 * slip has none — the CHECK holds the pairing so no half of it is stored.
 */
export const m0032: Migration = {
  async up(ctx) {
    const { db } = ctx;
    await withId(ctx, db.schema.createTable('pre_check'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('guide_code', 'text', (c) => c.notNull())
      .addColumn('service_id', 'integer', (c) => c.notNull().references('service.id'))
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'integer', (c) => c.references('ticket.id'))
      .addColumn('ticket_label', 'text')
      .addColumn('checked', 'text', (c) => c.notNull())
      .addColumn('missing', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('pre_check_outcome', sql`(outcome = 'ticket' AND ticket_id IS NOT NULL) OR (outcome = 'slip' AND ticket_id IS NULL)`)
      .execute();
    await db.schema.createIndex('pre_check_ticket').on('pre_check').column('ticket_id').unique().execute();
    await db.schema.createIndex('pre_check_office_day').on('pre_check').columns(['office_id', 'day']).execute();
  },
};
