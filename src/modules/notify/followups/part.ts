import type { NotifyPart } from '../part.js';

export const followupsPart: NotifyPart = {
  routes: () => {},
  catalog: { 'zh-Hant': {}, en: {} },
};
