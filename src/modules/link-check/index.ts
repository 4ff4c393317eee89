import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/auth/roles.js';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { AppServices, HuzhengModule, JobHandlers } from '../../platform/module.js';
import { linkCheckCatalog } from './i18n.js';
import { linkCheckRoutes } from './routes.js';
import { countBroken, LINK_CHECK_JOB, linkCheckHandler } from './service.js';

export { LINK_CHECK_JOB, scheduleLinkCheck } from './service.js';

registerCatalog(linkCheckCatalog);

/** Internal links are checked through the app itself (inject); the job handler finds the app its services were given to. */
const apps = new WeakMap<AppServices, FastifyInstance>();

/** Link check (連結測試): every link in published content and service guides, checked daily and on demand. */
export const linkCheckModule: HuzhengModule = {
  name: 'link-check',
  routes(app, services) {
    apps.set(services, app);
    linkCheckRoutes(app, services);
  },
  staffTiles: [{ href: '/staff/link-check', titleKey: 'linkCheck.title', descKey: 'linkCheck.tileDesc', capability: 'content.edit', menu: 'content' }],
  async staffNotices(staff, services) {
    if (!can(staff.role, 'content.edit')) return [];
    const n = await countBroken(services.database.db);
    return n ? [{ key: 'linkCheck.notice', params: { n }, href: '/staff/link-check' }] : [];
  },
  jobs(services): JobHandlers {
    const app = apps.get(services);
    if (!app) return {};
    return { [LINK_CHECK_JOB]: linkCheckHandler({ database: services.database, app, siteOrigin: new URL(services.config.publicBaseUrl).origin, clock: services.clock }) };
  },
};
