import type { ModulePart } from '../../../platform/module.js';

/** Importing the Ministry's monthly files: staff upload, CLI, scheduled fetch. */
export const populationImportPart: ModulePart = {
  routes() {},
  catalog: { 'zh-Hant': {}, en: {} },
};
