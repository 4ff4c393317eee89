import type { Migration } from './helpers.js';

/** Placeholder: filled in by the link_check work of issue 20. */
export const m0028: Migration = {
  async up(_ctx) {},
};
