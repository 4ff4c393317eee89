import type { HomeBlock, HuzhengModule, SitePage } from '../../platform/module.js';

export type HomeBlocks = (officeId: number | null, officeCode: string | null, locale: 'zh-Hant' | 'en') => Promise<HomeBlock[]>;
import { officeRoutes } from './routes.js';

export * as officesService from './service.js';
export { staffOfficeFor, staffOffices } from './scope.js';

/**
 * Offices: the county page, each office's home page, opening hours and
 * "open now". Other modules' office pages appear as links on the office home.
 */
export function officesModule(officeLinks: (code: string) => SitePage[], homeBlocks: HomeBlocks): HuzhengModule {
  return {
    name: 'offices',
    routes: (app, s) => officeRoutes(app, s, officeLinks, homeBlocks),
    pages: (code) =>
      code
        ? [{ href: `/o/${code}`, titleKey: 'nav.home', navOrder: 0 }]
        : [{ href: '/', titleKey: 'nav.offices', descKey: 'county.lead', navOrder: 0 }],
  };
}
