import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * Online booking (網路預約). Capacity lives in `booking_slot.booked`, raised
 * only by a conditional update and held by a check constraint; "one booking
 * per person per day" is a partial unique index on `booking_person`. The
 * rules are checked in the transaction too, so a citizen gets a plain answer,
 * but the database is what makes them hold under a rush.
 */
export const m0004: Migration = {
  async up(ctx) {
    const { db } = ctx;
    await withId(ctx, db.schema.createTable('booking_service'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('desc_zh', 'text', (c) => c.notNull())
      .addColumn('desc_en', 'text', (c) => c.notNull())
      .addColumn('queue_service_code', 'text')
      .addColumn('guide_code', 'text')
      .addColumn('slot_minutes', 'integer', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('min_days', 'integer', (c) => c.notNull())
      .addColumn('min_working_days', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_days', 'integer', (c) => c.notNull())
      .addColumn('cutoff', 'text')
      .addColumn('parties', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('needs_approval', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('openings_only', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('documents', 'text', (c) => c.notNull())
      .addColumn('in_person_zh', 'text', (c) => c.notNull())
      .addColumn('in_person_en', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('booking_service_office_code', ['office_id', 'code'])
      .addCheckConstraint('booking_service_kind', sql`kind in ('counter','marriage','home_visit','director','hall')`)
      .addCheckConstraint('booking_service_numbers', sql`slot_minutes > 0 and capacity >= 0 and min_days >= 0 and max_days >= min_days and parties in (1, 2)`)
      .execute();

    await withId(ctx, db.schema.createTable('booking_hours'))
      .addColumn('booking_service_id', 'integer', (c) => c.notNull().references('booking_service.id'))
      .addColumn('weekday', 'integer', (c) => c.notNull())
      .addColumn('starts', 'text', (c) => c.notNull())
      .addColumn('ends', 'text', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('booking_opening'))
      .addColumn('booking_service_id', 'integer', (c) => c.notNull().references('booking_service.id'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('starts', 'text', (c) => c.notNull())
      .addColumn('ends', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer')
      .addColumn('note_zh', 'text', (c) => c.notNull())
      .addColumn('note_en', 'text', (c) => c.notNull())
      .addColumn('hot', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('booking_opening_day', ['booking_service_id', 'day'])
      .execute();

    await withId(ctx, db.schema.createTable('booking_closure'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('booking_service_id', 'integer')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('booking_closure_day').on('booking_closure').columns(['office_id', 'day']).execute();

    await withId(ctx, db.schema.createTable('booking_slot'))
      .addColumn('booking_service_id', 'integer', (c) => c.notNull().references('booking_service.id'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('starts', 'text', (c) => c.notNull())
      .addColumn('ends', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('booking_slot_start', ['booking_service_id', 'day', 'starts'])
      // the backstop: no code path can seat more people than the slot holds
      .addCheckConstraint('booking_slot_capacity', sql`booked >= 0 and booked <= capacity`)
      .execute();

    await withId(ctx, db.schema.createTable('booking'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('booking_service_id', 'integer', (c) => c.notNull().references('booking_service.id'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('token', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('day', 'text')
      .addColumn('starts', 'text')
      .addColumn('ends', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('id_hash', 'text', (c) => c.notNull())
      .addColumn('id_enc', 'text', (c) => c.notNull())
      .addColumn('birth_hash', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('partner_name', 'text')
      .addColumn('partner_id_hash', 'text')
      .addColumn('partner_id_enc', 'text')
      .addColumn('details', 'text', (c) => c.notNull()) // JSON: address, village, reason, preferred days, topic
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'integer')
      .addColumn('petition_id', 'integer')
      .addColumn('assigned_staff_id', 'integer')
      .addColumn('due_on', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('checked_in_at', 'text')
      .addColumn('ended_at', 'text')
      .addColumn('end_reason', 'text')
      .addCheckConstraint(
        'booking_status',
        sql`status in ('booked','pending','applied','checked_in','served','cancelled','closed','no_show','not_drawn','rejected')`,
      )
      .execute();
    await db.schema.createIndex('booking_office_day').on('booking').columns(['office_id', 'day', 'status']).execute();
    await db.schema.createIndex('booking_id_hash').on('booking').columns(['id_hash', 'status']).execute();

    await db.schema
      .createTable('booking_seat')
      .addColumn('booking_id', 'integer', (c) => c.notNull().references('booking.id'))
      .addColumn('slot_id', 'integer', (c) => c.notNull().references('booking_slot.id'))
      .addPrimaryKeyConstraint('booking_seat_pk', ['booking_id', 'slot_id'])
      .execute();

    await withId(ctx, db.schema.createTable('booking_person'))
      .addColumn('booking_id', 'integer', (c) => c.notNull().references('booking.id'))
      .addColumn('id_hash', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .execute();
    // one booking per person per day, held by the database
    await db.schema
      .createIndex('booking_person_one_per_day')
      .on('booking_person')
      .columns(['id_hash', 'day'])
      .unique()
      .where(sql.ref('active'), '=', 1)
      .execute();

    await withId(ctx, db.schema.createTable('booking_suspension'))
      .addColumn('id_hash', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('lifted_at', 'text')
      .addColumn('lifted_by', 'integer')
      .addColumn('lift_reason', 'text')
      .execute();
    await db.schema.createIndex('booking_suspension_id').on('booking_suspension').column('id_hash').execute();

    await withId(ctx, db.schema.createTable('booking_lottery'))
      .addColumn('booking_service_id', 'integer', (c) => c.notNull().references('booking_service.id'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('apply_until', 'text', (c) => c.notNull())
      .addColumn('seed', 'text')
      .addColumn('drawn_at', 'text')
      .addColumn('drawn_by', 'integer')
      .addColumn('result_hash', 'text')
      .addUniqueConstraint('booking_lottery_day', ['booking_service_id', 'day'])
      .execute();
  },
};
