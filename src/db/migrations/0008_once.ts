import type { Migration } from './helpers.js';

/** One-time records (anti-bot stamps, ALTCHA solutions) held across processes. */
export const m0008: Migration = {
  async up(ctx) {
    // The primary key is the whole guarantee: a second INSERT of the same
    // (purpose, key) does nothing, on any connection of any process.
    await ctx.db.schema
      .createTable('once_token')
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('once_token_pk', ['purpose', 'key'])
      .execute();
    // the opportunistic purge deletes by expiry
    await ctx.db.schema.createIndex('once_token_expires').on('once_token').column('expires_at').execute();
  },
};
