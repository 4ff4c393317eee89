export { lostIdFigureSource } from './rollup.js';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { lostIdCatalog } from './i18n.js';
import { lostIdRoutes } from './routes.js';

registerCatalog(lostIdCatalog);

/** Lost national ID card reports (國民身分證掛失): report, withdraw, check; staff close on replacement. */
export const lostIdModule: HuzhengModule = {
  name: 'lost-id',
  routes: lostIdRoutes,
  // each office has its own form, so a report made there belongs to that office
  pages: (code) => [{ href: code ? `/o/${code}/lost-id` : '/lost-id', titleKey: 'lostid.title', descKey: 'lostid.lead', navOrder: 40, sameEverywhere: true }],
  staffTiles: [
    { href: '/staff/lost-id', titleKey: 'lostid.staffTile', descKey: 'lostid.staffTileDesc', capability: 'lostid.view', menu: 'cases' },
    { href: '/staff/lost-id/phone', titleKey: 'lostid.phone.title', descKey: 'lostid.phone.tileDesc', capability: 'intake.work', menu: 'cases' },
  ],
};
