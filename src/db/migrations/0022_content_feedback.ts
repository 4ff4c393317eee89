import { sql } from 'kysely';
import type { Migration } from './helpers.js';

/**
 * Readers' "was this helpful?" answers by day. content_item keeps its
 * running counts (the editors' list shows them); the plan's indicator needs
 * the answers of a period, which running counts cannot give. One row per
 * answer per day keeps the table small (a click adds to the day's row).
 * Answers given before this migration have no day and stay only in the counts.
 */
export const m0022: Migration = {
  async up(ctx) {
    await ctx.db.schema
      .createTable('content_feedback')
      .addColumn('item_id', 'integer', (c) => c.notNull().references('content_item.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('yes', 'integer', (c) => c.notNull().defaultTo(0).check(sql`yes >= 0`))
      .addColumn('no', 'integer', (c) => c.notNull().defaultTo(0).check(sql`no >= 0`))
      .addPrimaryKeyConstraint('content_feedback_pk', ['item_id', 'day'])
      .execute();
    await ctx.db.schema.createIndex('content_feedback_day').on('content_feedback').columns(['day']).execute();
  },
};
