import type { Migration } from './helpers.js';

/** Placeholder: filled in by the manual work of issue 20. */
export const m0031: Migration = {
  async up(_ctx) {},
};
