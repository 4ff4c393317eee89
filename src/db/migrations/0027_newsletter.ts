import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * The county's e-newsletter (電子報): subscribers (double opt-in), issues
 * made of published news items, and one delivery row per issue and
 * subscriber. Tokens are stored only as SHA-256 hex. What must hold is
 * held here: one row per address, one delivery per issue and subscriber,
 * and the states (CHECK) the service moves between with conditional UPDATEs.
 */
export const m0027: Migration = {
  async up(ctx) {
    await withId(ctx, ctx.db.schema.createTable('newsletter_subscriber'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale IN ('zh-Hant', 'en')`))
      .addColumn('office_id', 'integer', (c) => c.references('office.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'active', 'unsubscribed', 'bounced')`))
      .addColumn('confirm_hash', 'text', (c) => c.unique())
      .addColumn('confirm_expires_at', 'text')
      .addColumn('confirmed_at', 'text')
      .addColumn('left_at', 'text')
      .addColumn('soft_bounces', 'integer', (c) => c.notNull().defaultTo(0).check(sql`soft_bounces >= 0`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await ctx.db.schema.createIndex('newsletter_subscriber_status').on('newsletter_subscriber').columns(['status']).execute();

    await withId(ctx, ctx.db.schema.createTable('newsletter_issue'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'sending', 'sent')`))
      .addColumn('title_zh', 'text', (c) => c.notNull())
      .addColumn('title_en', 'text')
      .addColumn('intro_zh', 'text', (c) => c.notNull())
      .addColumn('intro_en', 'text')
      .addColumn('items', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('send_started_at', 'text')
      .addColumn('fanned_out', 'integer', (c) => c.notNull().defaultTo(0).check(sql`fanned_out IN (0, 1)`))
      .addColumn('sent_at', 'text')
      .addCheckConstraint('newsletter_issue_sent', sql`(status = 'sent') = (sent_at IS NOT NULL)`)
      .execute();

    await withId(ctx, ctx.db.schema.createTable('newsletter_delivery'))
      .addColumn('issue_id', 'integer', (c) => c.notNull().references('newsletter_issue.id'))
      .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('newsletter_subscriber.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'sent', 'failed', 'skipped')`))
      .addColumn('unsubscribe_hash', 'text', (c) => c.notNull().unique())
      .addColumn('bounce_tag', 'text', (c) => c.notNull().unique())
      .addColumn('sent_at', 'text')
      .addColumn('bounced_at', 'text')
      .addColumn('bounce_status', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('newsletter_delivery_once', ['issue_id', 'subscriber_id'])
      .addCheckConstraint('newsletter_delivery_sent', sql`(status = 'sent') = (sent_at IS NOT NULL)`)
      .execute();
    await ctx.db.schema.createIndex('newsletter_delivery_sent_at').on('newsletter_delivery').columns(['sent_at']).execute();
  },
};
