import type { ModuleCatalog } from '../../platform/i18n/index.js';

export const evalCatalog: ModuleCatalog = { 'zh-Hant': {}, en: {} };
