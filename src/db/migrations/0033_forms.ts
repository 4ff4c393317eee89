import type { Migration } from './helpers.js';

/** Placeholder: filled in by the forms work of issue 20. */
export const m0033: Migration = {
  async up(_ctx) {},
};
