import type { ModuleCatalog } from '../../platform/i18n/index.js';

export const planCatalog: ModuleCatalog = { 'zh-Hant': {}, en: {} };
