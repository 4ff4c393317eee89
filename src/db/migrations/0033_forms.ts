import { sql } from 'kysely';
import type { Migration } from './helpers.js';
import { withId } from './helpers.js';

/**
 * Application forms (各類申請書): drafts kept by a short code for 7 days
 * (the code unique in the database), and how many of each form were printed
 * per month (counts only).
 */
export const m0033: Migration = {
  async up(ctx) {
    const { db } = ctx;
    await withId(ctx, db.schema.createTable('form_draft'))
      .addColumn('code', 'text', (c) => c.notNull().check(sql`length(code) = 6`))
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('fields_enc', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text')
      .execute();
    await db.schema.createIndex('form_draft_code').on('form_draft').column('code').unique().execute();
    await db.schema.createIndex('form_draft_expires').on('form_draft').column('expires_at').execute();

    await db.schema
      .createTable('form_print_month')
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('printed', 'integer', (c) => c.notNull().check(sql`printed >= 0`))
      .addPrimaryKeyConstraint('form_print_month_pk', ['form', 'month'])
      .execute();
  },
};
