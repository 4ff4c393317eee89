import type { Migration } from './helpers.js';

/** Placeholder: filled in by the precheck work of issue 20. */
export const m0032: Migration = {
  async up(_ctx) {},
};
