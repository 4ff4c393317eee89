import type { FastifyInstance } from 'fastify';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { AppServices, HuzhengModule } from '../../platform/module.js';
import { manualCatalog } from './i18n.js';
import { procedureRoutes } from './routes-procedures.js';
import { rulingRoutes } from './routes-rulings.js';

export { seedManual } from './seed.js';
/** For the law quiz: a ruling by id (null when there is none) and the list of rulings. */
export { findRuling, listRulings, type Ruling } from './service.js';

registerCatalog(manualCatalog);

/** The standard work manual (標準化工作手冊) and the rulings library (戶政法令函釋), staff only. */
export const manualModule: HuzhengModule = {
  name: 'manual',
  routes(app: FastifyInstance, s: AppServices) {
    procedureRoutes(app, s);
    rulingRoutes(app, s);
  },
  staffTiles: [
    { href: '/staff/manual', titleKey: 'manual.tile', descKey: 'manual.tileDesc', capability: 'knowledge.view', menu: 'knowledge' },
    { href: '/staff/manual/rulings', titleKey: 'manual.rulingsTile', descKey: 'manual.rulingsTileDesc', capability: 'knowledge.view', menu: 'knowledge' },
    { href: '/staff/manual/search', titleKey: 'manual.searchTile', descKey: 'manual.searchTileDesc', capability: 'knowledge.view', menu: 'knowledge' },
    { href: '/staff/manual/changes', titleKey: 'manual.changesTile', descKey: 'manual.changesTileDesc', capability: 'knowledge.view', menu: 'knowledge' },
  ],
};
