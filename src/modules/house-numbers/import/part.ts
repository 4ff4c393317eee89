import type { ModulePart } from '../../../platform/module.js';
import { importCatalog } from './i18n.js';
import { importRoutes } from './routes.js';
import { BASE } from './views/ImportPage.js';

/** Importing the house-number register and village boundaries: the staff page (county staff, stats.import) and the CLI (cli.ts). */
export const registerImportPart: ModulePart = {
  routes: importRoutes,
  staffTiles: [{ href: BASE, titleKey: 'houseNumbers.import.title', descKey: 'houseNumbers.import.tileDesc', capability: 'stats.import', menu: 'figures' }],
  catalog: importCatalog,
};
