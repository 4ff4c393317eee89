import { sql } from 'kysely';
import { type Migration, makeAppendOnly, withId } from './helpers.js';

/** Counties, offices, staff and sessions, audit log, office calendar, jobs. */
export const m0001: Migration = {
  async up(ctx) {
    const { db } = ctx;
    await withId(ctx, db.schema.createTable('county'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('website', 'text')
      .execute();

    await withId(ctx, db.schema.createTable('office'))
      .addColumn('county_id', 'integer', (c) => c.notNull().references('county.id'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('address_zh', 'text', (c) => c.notNull())
      .addColumn('address_en', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('fax', 'text')
      .addColumn('email', 'text')
      .addColumn('director_name', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('office_hours'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 0 and 6`))
      .addColumn('opens', 'text', (c) => c.notNull())
      .addColumn('closes', 'text', (c) => c.notNull())
      .addColumn('note_zh', 'text')
      .addColumn('note_en', 'text')
      .addUniqueConstraint('office_hours_office_weekday', ['office_id', 'weekday'])
      .execute();

    await withId(ctx, db.schema.createTable('counter'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('counter_office_number', ['office_id', 'number'])
      .execute();

    await withId(ctx, db.schema.createTable('service'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('queue_prefix', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('service_office_code', ['office_id', 'code'])
      .execute();

    await withId(ctx, db.schema.createTable('staff'))
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('county_id', 'integer', (c) => c.references('county.id'))
      .addColumn('office_id', 'integer', (c) => c.references('office.id'))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('password_changed_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('session_staff').on('session').column('staff_id').execute();

    await db.schema
      .createTable('login_throttle')
      .addColumn('username_key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('audit_log'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_staff_id', 'integer')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('office_id', 'integer')
      .addColumn('county_id', 'integer')
      .addColumn('detail', 'text')
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at']).execute();
    await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_staff_id', 'at']).execute();
    await makeAppendOnly(ctx, 'audit_log');

    await db.schema
      .createTable('calendar_day')
      .addColumn('date', 'text', (c) => c.primaryKey())
      .addColumn('off', 'integer', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('calendar_day_year').on('calendar_day').column('year').execute();

    await withId(ctx, db.schema.createTable('calendar_import'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('encoding', 'text', (c) => c.notNull())
      .addColumn('days', 'integer', (c) => c.notNull())
      .addColumn('days_off', 'integer', (c) => c.notNull())
      .addColumn('filename', 'text')
      .addColumn('imported_by', 'integer')
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('office_closure'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('office_closure_office_date', ['office_id', 'date'])
      .execute();

    // Settings: office-level rules that DOMAIN.md says must be configurable.
    await db.schema
      .createTable('setting')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer')
      .addPrimaryKeyConstraint('setting_pk', ['scope', 'key'])
      .execute();

    await withId(ctx, db.schema.createTable('job'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
      .addColumn('locked_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('dedupe_key', 'text', (c) => c.unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('job_claim').on('job').columns(['status', 'run_at']).execute();
  },
};

