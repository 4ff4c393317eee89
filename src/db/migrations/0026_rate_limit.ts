import type { Migration } from './helpers.js';

/**
 * Request counters shared by every process (src/platform/http/rate-limit-store.ts),
 * so N processes behind the load balancer allow a limit once, not N times.
 */
export const m0026: Migration = {
  async up(ctx) {
    // the key is the limiter's scope plus a SHA-256 of the client key: no address or ID number is stored as given
    await ctx.db.schema
      .createTable('rate_limit')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('reset_at', 'text', (c) => c.notNull())
      .execute();
    // the occasional purge deletes by expiry
    await ctx.db.schema.createIndex('rate_limit_reset').on('rate_limit').column('reset_at').execute();
  },
};
