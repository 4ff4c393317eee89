import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * Public information: news, FAQ, pages, the open government information of
 * 政府資訊公開法 §7, and downloads, in one model with a translation per
 * language and every saved text kept as a revision; the search synonyms
 * staff edit, and the queries people type (for "nothing found" and popular
 * searches).
 */
export const m0007: Migration = {
  async up(ctx) {
    const { db } = ctx;
    await withId(ctx, db.schema.createTable('content_item'))
      .addColumn('office_id', 'integer')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull().defaultTo('general'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('publish_from', 'text')
      .addColumn('publish_until', 'text')
      .addColumn('marquee', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('guide_code', 'text')
      .addColumn('opengov_category', 'integer')
      .addColumn('owner', 'text')
      .addColumn('review_on', 'text')
      .addColumn('file_name', 'text')
      .addColumn('file_mime', 'text')
      .addColumn('file_size', 'integer')
      .addColumn('file', ctx.dialect === 'postgres' ? 'bytea' : 'blob')
      .addColumn('helpful_yes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('helpful_no', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer')
      .addCheckConstraint('content_kind', sql`kind in ('news','faq','page','opengov','download')`)
      .addCheckConstraint('content_status', sql`status in ('draft','published')`)
      .addCheckConstraint('content_opengov', sql`opengov_category is null or opengov_category between 1 and 10`)
      .execute();
    await db.schema.createIndex('content_item_kind').on('content_item').columns(['kind', 'status', 'publish_from']).execute();

    await withId(ctx, db.schema.createTable('content_text'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('content_item.id'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addUniqueConstraint('content_text_locale', ['item_id', 'locale'])
      .execute();

    await withId(ctx, db.schema.createTable('content_revision'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('content_item.id'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('saved_at', 'text', (c) => c.notNull())
      .addColumn('saved_by', 'integer')
      .execute();
    await db.schema.createIndex('content_revision_item').on('content_revision').columns(['item_id', 'saved_at']).execute();

    await withId(ctx, db.schema.createTable('search_synonym'))
      .addColumn('terms', 'text', (c) => c.notNull()) // comma-separated: every term finds the others
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('search_log'))
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('results', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('search_log_at').on('search_log').column('at').execute();
  },
};
