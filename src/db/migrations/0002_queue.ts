import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * The queue: tickets and every transition of each, counters' services and
 * open/close state, the per-day number sequence, peak-dispersal events.
 * Durations are kept as integer milliseconds beside the ISO instants so
 * statistics can aggregate in SQL on both databases (decision 0002).
 */
export const m0002: Migration = {
  async up(ctx) {
    const { db } = ctx;
    await db.schema
      .createTable('counter_service')
      .addColumn('counter_id', 'integer', (c) => c.notNull().references('counter.id'))
      .addColumn('service_id', 'integer', (c) => c.notNull().references('service.id'))
      .addPrimaryKeyConstraint('counter_service_pk', ['counter_id', 'service_id'])
      .execute();

    await db.schema.alterTable('counter').addColumn('priority_first', 'integer', (c) => c.notNull().defaultTo(0)).execute();

    await db.schema
      .createTable('counter_open')
      .addColumn('counter_id', 'integer', (c) => c.primaryKey().references('counter.id'))
      .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('support', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('calls_since_priority', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('queue_sequence')
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('last', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('queue_sequence_pk', ['office_id', 'day', 'prefix'])
      .execute();

    await withId(ctx, db.schema.createTable('ticket'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('service_id', 'integer', (c) => c.notNull().references('service.id'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('counter_id', 'integer', (c) => c.references('counter.id'))
      .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('queue_at', 'text', (c) => c.notNull())
      .addColumn('called_at', 'text')
      .addColumn('last_called_at', 'text')
      .addColumn('target_counter_id', 'integer')
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('recall_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('transfer_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('waited_ms', 'integer')
      .addColumn('served_ms', 'integer')
      .addColumn('booking_id', 'integer')
      .addUniqueConstraint('ticket_office_day_number', ['office_id', 'day', 'prefix', 'number'])
      .addCheckConstraint('ticket_status', sql`status in ('waiting','called','serving','parked','done','no_show','cancelled')`)
      .execute();
    await db.schema.createIndex('ticket_queue').on('ticket').columns(['office_id', 'day', 'status', 'queue_at']).execute();
    // one ticket at a time per counter: a backstop against a double call
    await sql`CREATE UNIQUE INDEX ticket_one_per_counter ON ticket (counter_id) WHERE status IN ('called', 'serving')`.execute(db);

    await withId(ctx, db.schema.createTable('ticket_event'))
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('ticket.id'))
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('counter_id', 'integer')
      .addColumn('staff_id', 'integer')
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('ticket_event_ticket').on('ticket_event').columns(['ticket_id', 'at']).execute();
    await db.schema.createIndex('ticket_event_office').on('ticket_event').columns(['office_id', 'at']).execute();

    await withId(ctx, db.schema.createTable('walk_in'))
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('counter_id', 'integer', (c) => c.notNull())
      .addColumn('staff_id', 'integer', (c) => c.notNull())
      .addColumn('service_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('peak_event'))
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // alert | support_open | support_close | alert_clear
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('waiting', 'integer', (c) => c.notNull())
      .addColumn('oldest_wait_min', 'integer', (c) => c.notNull())
      .addColumn('counter_id', 'integer')
      .addColumn('staff_id', 'integer')
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('peak_event_office').on('peak_event').columns(['office_id', 'at']).execute();
  },
};
