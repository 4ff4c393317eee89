import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { lostIdCatalog } from './i18n.js';
import { lostIdRoutes } from './routes.js';

registerCatalog(lostIdCatalog);

/** Lost national ID card reports (國民身分證掛失): report, withdraw, check; staff close on replacement. */
export const lostIdModule: HuzhengModule = {
  name: 'lost-id',
  routes: lostIdRoutes,
  pages: (code) => (code ? [] : [{ href: '/lost-id', titleKey: 'lostid.title', descKey: 'lostid.lead', navOrder: 40 }]),
  staffTiles: [{ href: '/staff/lost-id', titleKey: 'lostid.staffTile', descKey: 'lostid.staffTileDesc', capability: 'lostid.view' }],
};
