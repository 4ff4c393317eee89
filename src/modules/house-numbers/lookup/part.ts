import type { ModulePart } from '../../../platform/module.js';
import { lookupCatalog } from './i18n.js';
import { COUNTY_PATH, lookupRoutes, officePath } from './routes.js';

/** The public house-number look-up with history and map: the county's page and each office's (its towns). */
export const lookupPart: ModulePart = {
  routes: lookupRoutes,
  pages: (code) => [{ href: code ? officePath(code) : COUNTY_PATH, titleKey: 'houseNumbers.lookup.title', descKey: 'houseNumbers.lookup.lead', navOrder: 50 }],
  catalog: lookupCatalog,
};
