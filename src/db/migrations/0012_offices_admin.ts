import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/** Offices, branch offices, hours with lunch and evening service, dated exceptions, deactivation. */
export const m0012: Migration = {
  async up(ctx) {
    const { db } = ctx;
    // the county record as the site shows it: contact, the site's own name and logo text, languages
    for (const col of ['phone', 'email', 'address_zh', 'address_en', 'site_name_zh', 'site_name_en', 'logo_text', 'updated_at']) {
      await db.schema.alterTable('county').addColumn(col, 'text').execute();
    }
    await db.schema
      .alterTable('county')
      .addColumn('english', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();

    // branch offices (辦公室) hang under their office; a deactivated office stays, pointing to its successor
    await db.schema.alterTable('office').addColumn('parent_id', 'integer').execute();
    await db.schema
      .alterTable('office')
      .addColumn('villages', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.alterTable('office').addColumn('map_url', 'text').execute();
    await db.schema
      .alterTable('office')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable('office').addColumn('closed_at', 'text').execute();
    await db.schema.alterTable('office').addColumn('successor_id', 'integer').execute();

    // lunch: open through lunch (中午彈性服務) unless a break is given; evening service: a later close that day
    await db.schema
      .alterTable('office_hours')
      .addColumn('lunch_open', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable('office_hours').addColumn('lunch_from', 'text').execute();
    await db.schema.alterTable('office_hours').addColumn('lunch_to', 'text').execute();
    await db.schema.alterTable('office_hours').addColumn('evening_closes', 'text').execute();

    // one date with other hours, or closed, with the reason: on top of the office calendar
    await withId(ctx, db.schema.createTable('office_hours_exception'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('opens', 'text')
      .addColumn('closes', 'text')
      .addColumn('reason_zh', 'text', (c) => c.notNull())
      .addColumn('reason_en', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('office_hours_exception_office_date', ['office_id', 'date'])
      .addCheckConstraint('office_hours_exception_shape', sql`closed = 1 or (opens is not null and closes is not null and closes > opens)`)
      .execute();
  },
};
