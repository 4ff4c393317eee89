import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/** Roll-ups: one tally per office and day, and per office and month (the sum of its days). */
export const m0017: Migration = {
  async up(ctx) {
    const { db } = ctx;
    // office_id 0 holds what belongs to no office (searches on the county site)
    await db.schema
      .createTable('figure_day')
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('figure_day_pk', ['office_id', 'day'])
      .execute();
    await db.schema
      .createTable('figure_month')
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('figure_month_pk', ['office_id', 'month'])
      .execute();
    // how far the roll-up has read the raw tables: rows changed after this instant make their days dirty
    await db.schema
      .createTable('figure_state')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    // a day a row left (a booking moved to another day): its raw rows no longer name it, so the change says so here
    await withId(ctx, db.schema.createTable('figure_dirty'))
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('figure_dirty_at').on('figure_dirty').column('at').execute();
    // the roll-up finds the days to recompute by what changed since it last ran
    // one day of every office (the job's recompute) reads tickets by day alone
    await sql`CREATE INDEX ticket_day ON ticket (day)`.execute(db);
    await sql`CREATE INDEX case_file_updated ON case_file (updated_at)`.execute(db);
    await sql`CREATE INDEX petition_updated ON petition (updated_at)`.execute(db);
    await sql`CREATE INDEX booking_updated ON booking (updated_at)`.execute(db);
    await sql`CREATE INDEX survey_response_created ON survey_response (created_at)`.execute(db);
    await sql`CREATE INDEX lost_id_report_reported ON lost_id_report (reported_at)`.execute(db);
    await sql`CREATE INDEX peak_event_at ON peak_event (at)`.execute(db);
  },
};
