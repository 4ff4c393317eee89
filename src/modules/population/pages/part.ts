import type { ModulePart } from '../../../platform/module.js';
import { apiRoutes } from './api.js';
import { populationHomeBlock } from './home.js';
import { populationPagesCatalog } from './i18n.js';
import { pageRoutes } from './routes.js';
import { API_DOC_PATH } from './views/links.js';

/** Public population pages per county, town and village; downloads; the JSON API; the home-page block. */
export const populationPagesPart: ModulePart = {
  routes(app, services) {
    pageRoutes(app, services);
    apiRoutes(app, services);
  },
  // the API's documentation is the county's (the office home lists an office's own pages)
  pages: (code) =>
    code
      ? [{ href: `/o/${code}/population`, titleKey: 'population.pages.title', descKey: 'population.pages.desc', navOrder: 70 }]
      : [
          { href: '/population', titleKey: 'population.pages.title', descKey: 'population.pages.desc', navOrder: 70 },
          { href: API_DOC_PATH, titleKey: 'population.pages.api.title', descKey: 'population.pages.api.lead' },
        ],
  homeBlock: populationHomeBlock,
  catalog: populationPagesCatalog,
};
