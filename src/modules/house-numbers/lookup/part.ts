import type { ModulePart } from '../../../platform/module.js';

/** The public house-number look-up with history and map. */
export const lookupPart: ModulePart = {
  routes() {},
  catalog: { 'zh-Hant': {}, en: {} },
};
