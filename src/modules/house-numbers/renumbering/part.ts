import type { ModulePart } from '../../../platform/module.js';
import { renumberingCatalog } from './i18n.js';
import { renumberingPublicRoutes, renumberingStaffRoutes } from './routes.js';
import { publicBase, STAFF_BASE } from './views/shared.js';

/**
 * Renumbering notices (門牌整編): staff publish them (addresses.manage),
 * citizens read them on the office's site and beside the old number in the
 * look-up (renumberingsForKeys in notices.ts).
 */
export const renumberingPart: ModulePart = {
  routes(app, services) {
    renumberingStaffRoutes(app, services);
    renumberingPublicRoutes(app, services);
  },
  pages: (officeCode) => (officeCode ? [{ href: publicBase(officeCode), titleKey: 'renumbering.public.title', descKey: 'renumbering.page.desc' }] : []),
  staffTiles: [{ href: STAFF_BASE, titleKey: 'renumbering.tile.title', descKey: 'renumbering.tile.desc', capability: 'addresses.manage', menu: 'content' }],
  catalog: renumberingCatalog,
};
