import type { NotifyPart } from '../part.js';

export const consentPart: NotifyPart = {
  routes: () => {},
  catalog: { 'zh-Hant': {}, en: {} },
};
