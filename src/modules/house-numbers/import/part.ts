import type { ModulePart } from '../../../platform/module.js';

/** Importing the house-number register and village boundaries. */
export const registerImportPart: ModulePart = {
  routes() {},
  catalog: { 'zh-Hant': {}, en: {} },
};
