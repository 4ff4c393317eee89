import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { reportsCatalog } from './i18n.js';
import { reportNotices } from './notices.js';
import { countyReportRoutes } from './routes-county.js';
import { reportRoutes } from './routes.js';

export type { TemplateLine } from './lines.js';
export { saveTemplate } from './template.js';

registerCatalog(reportsCatalog);

/**
 * The monthly business report (戶政業務報表): the county's template, each
 * office's report filled from the roll-up and submitted with its figures
 * frozen, the county's review, and the files. See README.md.
 */
export const reportsModule: HuzhengModule = {
  name: 'reports',
  routes(app, services) {
    // the county's fixed addresses first: /staff/reports/county and /template are not an office and a month
    countyReportRoutes(app, services);
    reportRoutes(app, services);
  },
  staffTiles: [{ href: '/staff/reports', titleKey: 'reports.tile', descKey: 'reports.tile.desc', capability: 'figures.office', menu: 'figures' }],
  staffNotices: reportNotices,
};
