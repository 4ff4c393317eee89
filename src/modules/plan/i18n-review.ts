import type { ModuleCatalog } from '../../platform/i18n/index.js';

export const reviewCatalog: ModuleCatalog = { 'zh-Hant': {}, en: {} };
