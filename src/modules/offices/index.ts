import { registerCatalog } from '../../platform/i18n/index.js';
import type { HomeBlock, HuzhengModule, SitePage } from '../../platform/module.js';
import type { OpenWork } from './admin.js';
import { badgeRoutes } from './badge-routes.js';
import { officesCatalog } from './i18n.js';
import { officeBadgeCatalog } from './i18n-badge.js';
import { officeHomeCatalog } from './i18n-home.js';
import { officeAdminRoutes } from './routes-admin.js';
import { officeRoutes } from './routes.js';

export type HomeBlocks = (officeId: number | null, officeCode: string | null, locale: 'zh-Hant' | 'en') => Promise<HomeBlock[]>;

export * as officesService from './service.js';
export { staffOfficeFor, staffOffices } from './scope.js';
export { closedOfficeReply, openOfficeOnly } from './closed.js';
export type { OpenItem, OpenWork } from './admin.js';
// for the configuration file (one ODS, a sheet per kind), built later
export { applyHoursRows, applyOfficeRows, exportHoursRows, exportOfficeRows, HOURS_COLUMNS, hoursRowSchema, OFFICE_COLUMNS, officeRowSchema } from './config-rows.js';

registerCatalog(officesCatalog);
registerCatalog(officeBadgeCatalog);
registerCatalog(officeHomeCatalog);

/**
 * Offices: the county page, each office's home page, opening hours and
 * "open now"; the staff pages that set up the county and its offices.
 * Other modules' office pages appear as links on the office home.
 * `openWork`: counts other modules offer of what an office still has
 * running (waiting tickets, future bookings, open cases), shown before an
 * office is deactivated.
 */
export function officesModule(officeLinks: (code: string) => SitePage[], homeBlocks: HomeBlocks, openWork: OpenWork[] = []): HuzhengModule {
  return {
    name: 'offices',
    routes: (app, s) => {
      officeRoutes(app, s, officeLinks, homeBlocks);
      officeAdminRoutes(app, s, openWork);
      badgeRoutes(app, s);
    },
    pages: (code) =>
      code
        ? [{ href: `/o/${code}`, titleKey: 'nav.home', navOrder: 0 }]
        : [{ href: '/', titleKey: 'nav.offices', descKey: 'county.lead', navOrder: 0 }],
    staffTiles: [{ href: '/staff/admin/offices', titleKey: 'offices.tile.title', descKey: 'offices.tile.desc', capability: 'setup.office', menu: 'settings' }],
  };
}
