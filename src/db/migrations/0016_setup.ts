import type { Migration } from './helpers.js';

/** The one-time first-start set-up. */
export const m0016: Migration = {
  async up(_ctx) {
    // filled in by the change that owns this migration
  },
};
