import { sql } from 'kysely';
import { type Migration, makeAppendOnly, withId } from './helpers.js';

/** The monthly business report (戶政業務報表): the county's template, each office's report and its history. */
export const m0018: Migration = {
  async up(ctx) {
    const { db } = ctx;
    // every save of the county's template is a new row: a submitted report names the version it used
    await withId(ctx, db.schema.createTable('report_template'))
      .addColumn('county_id', 'integer', (c) => c.notNull().references('county.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('lines', 'text', (c) => c.notNull()) // JSON: the lines in order
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('created_by_name', 'text', (c) => c.notNull())
      .addUniqueConstraint('report_template_version', ['county_id', 'version'])
      .execute();

    // one office's report for one month; the figures are frozen into `snapshot` when it is submitted
    await withId(ctx, db.schema.createTable('business_report'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('county_id', 'integer', (c) => c.notNull().references('county.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft','submitted','accepted','returned')`))
      .addColumn('template_id', 'integer', (c) => c.references('report_template.id'))
      .addColumn('hand_values', 'text', (c) => c.notNull()) // JSON: line key → number
      .addColumn('line_notes', 'text', (c) => c.notNull()) // JSON: line key → text
      .addColumn('overall_note', 'text')
      .addColumn('snapshot', 'text')
      .addColumn('county_comment', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('business_report_office_month', ['office_id', 'month'])
      .execute();
    await db.schema.createIndex('business_report_county_month').on('business_report').columns(['county_id', 'month']).execute();

    // every transition (submitted, accepted, returned), never changed afterwards
    await withId(ctx, db.schema.createTable('business_report_event'))
      .addColumn('report_id', 'integer', (c) => c.notNull().references('business_report.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text', (c) => c.notNull())
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'integer')
      .addColumn('staff_name', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .execute();
    await db.schema.createIndex('business_report_event_report').on('business_report_event').columns(['report_id', 'id']).execute();
    await makeAppendOnly(ctx, 'business_report_event');
  },
};
