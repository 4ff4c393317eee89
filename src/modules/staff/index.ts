import { auditCatalog } from '../../platform/audit/i18n.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule, StaffNotice, StaffTile } from '../../platform/module.js';
import { auditRoutes } from './routes-audit.js';
import { authRoutes } from './routes-auth.js';

registerCatalog(auditCatalog);
import { userRoutes } from './routes-users.js';

export { DEMO_PASSWORD, DEMO_USERS } from './routes-auth.js';
export { LOCKOUT, normalizeUsername, usernameKey } from './auth-service.js';
export * as staffDirectory from './directory.js';

const OWN_TILES: StaffTile[] = [
  { href: '/staff/users', titleKey: 'tile.users', descKey: 'tile.users.desc', capability: 'users.manage', menu: 'settings' },
  { href: '/staff/audit', titleKey: 'tile.audit', descKey: 'tile.audit.desc', capability: 'audit.view', menu: 'settings' },
  { href: '/staff/account', titleKey: 'tile.account', descKey: 'tile.account.desc', capability: 'account.self', menu: 'settings' },
];

/** Staff sign-in and sessions, the staff home, accounts and roles, the audit log page. */
export function staffModule(
  allTiles: () => StaffTile[],
  demo: () => boolean,
  notices: (staff: StaffPrincipal) => Promise<StaffNotice[]>,
): HuzhengModule {
  return {
    name: 'staff',
    staffTiles: OWN_TILES,
    routes(app, s) {
      authRoutes(app, s, allTiles, demo, notices);
      userRoutes(app, s);
      auditRoutes(app, s);
    },
  };
}
