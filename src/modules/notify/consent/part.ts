import type { NotifyPart } from '../part.js';
import { consentCatalog } from './i18n.js';
import { consentRoutes } from './routes.js';

/** Consent at the counter: the per-case page that records which agencies the citizen agrees to notify, and their status. */
export const consentPart: NotifyPart = {
  routes: consentRoutes,
  catalog: consentCatalog,
};
