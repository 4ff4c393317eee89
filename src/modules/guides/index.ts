import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { guidesCatalog } from './i18n.js';
import { guideRoutes } from './routes.js';

export * as guidesService from './service.js';
export { applyGuideRows, exportGuideRows, GUIDE_COLUMNS, type GuideSheetRow, guideRowSchema } from './service.js';
export { lateFine } from './seed-data.js';

registerCatalog(guidesCatalog);

/** Service guides (申請須知): what to bring, fees, deadlines and fines, processing times. */
export const guidesModule: HuzhengModule = {
  name: 'guides',
  routes: guideRoutes,
  pages: (code) =>
    code
      ? [{ href: `/o/${code}/guides`, titleKey: 'guides.title', descKey: 'guides.lead', navOrder: 20 }]
      : [
          { href: '/guides', titleKey: 'guides.title', descKey: 'guides.lead', navOrder: 20 },
          { href: '/fees', titleKey: 'guides.fees' },
        ],
  staffTiles: [{ href: '/staff/guides', titleKey: 'guides.staffTile', descKey: 'guides.staffTileDesc', capability: 'guides.edit', menu: 'cases' }],
};
