import type { ModulePart } from '../../../platform/module.js';
import { FETCH_JOB, fetchJobHandler } from './fetch.js';
import { importCatalog } from './i18n.js';
import { importRoutes } from './routes.js';
import { PAGE_PATH } from './views/page.js';

export { schedulePopulationFetch } from './fetch.js';
export { type ImportResult, importPopulationFile } from './service.js';

/** Importing the Ministry's monthly files: staff upload, CLI, scheduled fetch. */
export const populationImportPart: ModulePart = {
  routes: importRoutes,
  staffTiles: [{ href: PAGE_PATH, titleKey: 'population.import.tile.title', descKey: 'population.import.tile.desc', capability: 'stats.import', menu: 'figures' }],
  jobs: (services) => ({ [FETCH_JOB]: fetchJobHandler(services) }),
  catalog: importCatalog,
};
