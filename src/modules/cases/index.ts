export { casesFigureSource } from './rollup.js';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { casesCatalog } from './i18n.js';
import { caseNotices } from './notices.js';
import { caseRoutes } from './routes.js';

export { birthDateField } from './routes.js';
/** The cases' public face for other modules: `casesService.caseForNotice` (cross-agency notices). */
export * as casesService from './service.js';
export type { CaseForNotice } from './service.js';

registerCatalog(casesCatalog);

/** Cases and the one-time notice slip (一次告知單), with the public progress look-up. */
export const casesModule: HuzhengModule = {
  name: 'cases',
  routes: caseRoutes,
  pages: (code) => (code ? [{ href: '/cases/lookup', titleKey: 'cases.lookup.title', descKey: 'cases.lookup.lead', navOrder: 30 }] : [{ href: '/cases/lookup', titleKey: 'cases.lookup.title', descKey: 'cases.lookup.lead', navOrder: 30 }]),
  staffTiles: [{ href: '/staff/cases', titleKey: 'cases.tile', descKey: 'cases.tileDesc', capability: 'cases.work', menu: 'cases' }],
  staffNotices: caseNotices,
};
export { closedCasesOfGuides } from './counts.js';
export * as caseFactsService from './facts.js';
export type { CaseFacts } from './facts.js';
