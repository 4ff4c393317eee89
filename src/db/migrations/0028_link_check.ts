import { sql } from 'kysely';
import type { Migration } from './helpers.js';
import { withId } from './helpers.js';

/**
 * Link check (連結測試): runs (queued → running → done | failed), the links
 * the last finished run found with their state, and every place each link
 * appears. `open` is 1 while a run is queued or running and NULL after: a
 * unique index on it lets the database refuse a second open run.
 */
export const m0028: Migration = {
  async up(ctx) {
    const { db } = ctx;
    await withId(ctx, db.schema.createTable('link_check_run'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('queued', 'running', 'done', 'failed')`))
      .addColumn('open', 'integer')
      .addColumn('requested_by', 'integer')
      .addColumn('queued_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('links', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('broken', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'text')
      .execute();
    await db.schema.createIndex('link_check_run_one_open').on('link_check_run').column('open').unique().execute();
    await db.schema.createIndex('link_check_run_finished').on('link_check_run').columns(['status', 'finished_at']).execute();

    await withId(ctx, db.schema.createTable('link_check_link'))
      .addColumn('run_id', 'integer', (c) => c.notNull().references('link_check_run.id'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('internal', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('http_status', 'integer')
      .addColumn('error', 'text')
      .addColumn('checked_at', 'text')
      .execute();
    await db.schema.createIndex('link_check_link_url').on('link_check_link').columns(['run_id', 'url']).unique().execute();

    await withId(ctx, db.schema.createTable('link_check_place'))
      .addColumn('link_id', 'integer', (c) => c.notNull().references('link_check_link.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_id', 'integer', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('link_check_place_link').on('link_check_place').column('link_id').execute();
  },
};
