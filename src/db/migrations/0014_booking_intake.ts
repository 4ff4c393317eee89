import type { Migration } from './helpers.js';

/**
 * Booking services created by staff; bookings placed by staff for a caller.
 * A booking made by phone, at the counter or on a referral keeps who placed
 * it and, for a home visit, which body referred the person (社會處, 1999, …).
 * The services themselves need no new column: every rule already has one.
 */
export const m0014: Migration = {
  async up(ctx) {
    await ctx.db.schema.alterTable('booking').addColumn('placed_by', 'integer').execute();
    await ctx.db.schema.alterTable('booking').addColumn('referral', 'text').execute();
    await ctx.db.schema.alterTable('booking').addColumn('referral_note', 'text').execute();
  },
};
