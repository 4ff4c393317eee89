import type { NotifyPart } from '../part.js';

export const remindersPart: NotifyPart = {
  routes: () => {},
  catalog: { 'zh-Hant': {}, en: {} },
};
