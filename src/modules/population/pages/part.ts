import type { ModulePart } from '../../../platform/module.js';

/** Public population pages per county, town and village; downloads; the JSON API; the home-page block. */
export const populationPagesPart: ModulePart = {
  routes() {},
  catalog: { 'zh-Hant': {}, en: {} },
};
