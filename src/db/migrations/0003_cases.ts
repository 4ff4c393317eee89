import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * Service guides (申請須知), cases with their timeline and clock pauses,
 * one-time notice slips (一次告知單), lost ID card reports (掛失).
 * Personal data: ID numbers are stored as a keyed hash (look-up) plus
 * ciphertext (staff view), never in clear.
 */
export const m0003: Migration = {
  async up(ctx) {
    const { db } = ctx;
    await withId(ctx, db.schema.createTable('service_guide'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('who_zh', 'text', (c) => c.notNull())
      .addColumn('who_en', 'text', (c) => c.notNull())
      .addColumn('documents', 'text', (c) => c.notNull()) // JSON [{zh,en,basis}]
      .addColumn('fee_ntd', 'integer')
      .addColumn('fee_zh', 'text', (c) => c.notNull())
      .addColumn('fee_en', 'text', (c) => c.notNull())
      .addColumn('deadline_days', 'integer')
      .addColumn('deadline_zh', 'text', (c) => c.notNull())
      .addColumn('deadline_en', 'text', (c) => c.notNull())
      .addColumn('late_fine', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('processing_days', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('service_code', 'text') // queue service at the counter
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer')
      .execute();

    await withId(ctx, db.schema.createTable('case_file'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('guide_code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('applicant_name', 'text', (c) => c.notNull())
      .addColumn('id_hash', 'text', (c) => c.notNull())
      .addColumn('id_enc', 'text', (c) => c.notNull())
      .addColumn('birth_hash', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('limit_days', 'integer', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('notices', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ticket_id', 'integer')
      .addColumn('booking_id', 'integer')
      .addColumn('created_by', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addCheckConstraint('case_status', sql`status in ('received','review','waiting_docs','site_survey','approved','rejected','closed')`)
      .execute();
    await db.schema.createIndex('case_office_status').on('case_file').columns(['office_id', 'status', 'due_on']).execute();
    await db.schema.createIndex('case_id_hash').on('case_file').column('id_hash').execute();

    await withId(ctx, db.schema.createTable('case_event'))
      .addColumn('case_id', 'integer', (c) => c.notNull().references('case_file.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('public_note', 'text')
      .addColumn('staff_id', 'integer')
      .execute();
    await db.schema.createIndex('case_event_case').on('case_event').columns(['case_id', 'at']).execute();

    await withId(ctx, db.schema.createTable('case_pause'))
      .addColumn('case_id', 'integer', (c) => c.notNull().references('case_file.id'))
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text')
      .execute();

    await withId(ctx, db.schema.createTable('notice_slip'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('case_id', 'integer')
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('guide_code', 'text', (c) => c.notNull())
      .addColumn('applicant_name', 'text', (c) => c.notNull())
      .addColumn('missing', 'text', (c) => c.notNull()) // JSON [{zh,en,basis}]
      .addColumn('note', 'text')
      .addColumn('bring_by', 'text', (c) => c.notNull())
      .addColumn('officer_name', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('lost_id_report'))
      .addColumn('reference', 'text', (c) => c.notNull().unique())
      .addColumn('id_hash', 'text', (c) => c.notNull())
      .addColumn('id_enc', 'text', (c) => c.notNull())
      .addColumn('name_enc', 'text', (c) => c.notNull())
      .addColumn('birth_hash', 'text', (c) => c.notNull())
      .addColumn('address_enc', 'text', (c) => c.notNull())
      .addColumn('contact_enc', 'text', (c) => c.notNull())
      .addColumn('revoke_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()) // active | revoked | closed
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .addColumn('ended_by', 'integer')
      .execute();
    await db.schema.createIndex('lost_id_hash').on('lost_id_report').columns(['id_hash', 'status']).execute();
    // at most one report in force per person
    await sql`CREATE UNIQUE INDEX lost_id_one_active ON lost_id_report (id_hash) WHERE status = 'active'`.execute(db);
  },
};
