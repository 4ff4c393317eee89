import type { NotifyPart } from '../part.js';

export const recipientsPart: NotifyPart = {
  routes: () => {},
  catalog: { 'zh-Hant': {}, en: {} },
};
