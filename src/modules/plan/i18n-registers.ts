import type { ModuleCatalog } from '../../platform/i18n/index.js';

export const registersCatalog: ModuleCatalog = { 'zh-Hant': {}, en: {} };
