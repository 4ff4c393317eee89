import type { ModulePart } from '../../../platform/module.js';

/** Renumbering notices (門牌整編): staff publish, citizens see them on affected addresses. */
export const renumberingPart: ModulePart = {
  routes() {},
  catalog: { 'zh-Hant': {}, en: {} },
};
