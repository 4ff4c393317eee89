import { sql } from 'kysely';
import type { Migration } from './helpers.js';

/**
 * A booking service may follow the office's opening hours instead of its
 * own weekly hours. A flag rather than "no rows in booking_hours": a
 * service bookable only on special openings (holiday marriage registration)
 * or a home visit has no weekly hours either, and must not start offering
 * the office's. Services that exist already keep the hours they were given,
 * so an upgrade changes no office's bookable times; staff switch each one.
 */
export const m0020: Migration = {
  async up(ctx) {
    await ctx.db.schema
      .alterTable('booking_service')
      .addColumn('uses_office_hours', 'integer', (c) => c.notNull().defaultTo(0).check(sql`uses_office_hours in (0, 1)`))
      .execute();
  },
};
