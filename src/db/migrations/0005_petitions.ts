import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * Petitions (陳情) from every channel in one case model, with the reply
 * clock on the office calendar (pauses while waiting for the citizen),
 * attachments kept in the database (one transaction with the case), reply
 * templates, follow-up tasks, and the media / public-opinion log (輿情).
 */
export const m0005: Migration = {
  async up(ctx) {
    const { db } = ctx;
    await withId(ctx, db.schema.createTable('petition'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('number', 'text', (c) => c.unique())
      .addColumn('view_token', 'text', (c) => c.notNull().unique())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('address', 'text')
      .addColumn('wants_reply', 'integer', (c) => c.notNull())
      .addColumn('read_back', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('password_hash', 'text')
      .addColumn('confirm_hash', 'text')
      .addColumn('confirm_until', 'text')
      .addColumn('class', 'text', (c) => c.notNull())
      .addColumn('limit_days', 'integer', (c) => c.notNull())
      .addColumn('received_on', 'text')
      .addColumn('due_on', 'text')
      .addColumn('extended_reason', 'text')
      .addColumn('assignee_id', 'integer')
      .addColumn('escalation', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reply_body', 'text')
      .addColumn('replied_at', 'text')
      .addColumn('replied_on', 'text')
      .addColumn('decline_ground', 'text')
      .addColumn('transfer_to', 'text')
      .addColumn('rating', 'integer')
      .addColumn('rating_comment', 'text')
      .addColumn('rated_at', 'text')
      .addColumn('rate_until', 'text')
      .addColumn('booking_id', 'integer')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addCheckConstraint('petition_status', sql`status in ('unconfirmed','expired','received','assigned','waiting','replied','closed','declined','transferred')`)
      .addCheckConstraint('petition_class', sql`class in ('simple','several','complex')`)
      .addCheckConstraint('petition_rating', sql`rating is null or rating between 1 and 5`)
      .execute();
    await db.schema.createIndex('petition_office_status').on('petition').columns(['office_id', 'status', 'due_on']).execute();

    await withId(ctx, db.schema.createTable('petition_event'))
      .addColumn('petition_id', 'integer', (c) => c.notNull().references('petition.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('public', 'integer', (c) => c.notNull())
      .addColumn('text', 'text')
      .addColumn('staff_id', 'integer')
      .execute();
    await db.schema.createIndex('petition_event_petition').on('petition_event').columns(['petition_id', 'at']).execute();

    await withId(ctx, db.schema.createTable('petition_pause'))
      .addColumn('petition_id', 'integer', (c) => c.notNull().references('petition.id'))
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text')
      .execute();

    await withId(ctx, db.schema.createTable('petition_attachment'))
      .addColumn('petition_id', 'integer', (c) => c.notNull().references('petition.id'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content', ctx.dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('reply_template'))
      .addColumn('office_id', 'integer')
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body_zh', 'text', (c) => c.notNull())
      .addColumn('body_en', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('petition_followup'))
      .addColumn('petition_id', 'integer', (c) => c.notNull().references('petition.id'))
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text')
      .addColumn('done_by', 'integer')
      .addColumn('note', 'text')
      .execute();

    await withId(ctx, db.schema.createTable('media_log'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('seen_on', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('clarification', 'text')
      .addColumn('clarified_on', 'text')
      .addColumn('created_by', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
