import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { configFileCatalog } from './i18n.js';
import { configFileRoutes } from './routes.js';

export * as configFileService from './service.js';

registerCatalog(configFileCatalog);

/** The county's configuration as one ODS file (issue 13 §3): export, and an import checked whole and applied all or nothing. */
export const configFileModule: HuzhengModule = {
  name: 'config-file',
  routes: configFileRoutes,
  staffTiles: [{ href: '/staff/config', titleKey: 'configFile.title', descKey: 'configFile.tileDesc', capability: 'setup.county', menu: 'settings' }],
};
