import type { NotifyPart } from '../part.js';

export const deliveryPart: NotifyPart = {
  routes: () => {},
  catalog: { 'zh-Hant': {}, en: {} },
};
