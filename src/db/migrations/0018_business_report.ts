import type { Migration } from './helpers.js';

/** The monthly business report (戶政業務報表): the county's template, each office's report and its history. */
export const m0018: Migration = {
  async up(_ctx) {
    // filled in by the change that owns this migration
  },
};
