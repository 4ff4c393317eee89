import type { Migration } from './helpers.js';

/** Placeholder: filled in by the training work of issue 20. */
export const m0029: Migration = {
  async up(_ctx) {},
};
