import type { Migration } from './helpers.js';

/** Placeholder: filled in by the newsletter work of issue 20. */
export const m0027: Migration = {
  async up(_ctx) {},
};
