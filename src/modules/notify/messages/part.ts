import type { NotifyPart } from '../part.js';

export const messagesPart: NotifyPart = {
  routes: () => {},
  catalog: { 'zh-Hant': {}, en: {} },
};
