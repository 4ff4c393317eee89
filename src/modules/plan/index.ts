import { registerCatalog } from '../../platform/i18n/index.js';
import { registerIndicators } from '../../platform/indicators/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { evalCatalog } from './i18n-eval.js';
import { planCatalog } from './i18n-plan.js';
import { registersCatalog } from './i18n-registers.js';
import { reviewCatalog } from './i18n-review.js';
import { tilesCatalog } from './i18n-tiles.js';
import { planNotices } from './review-notices.js';
import { planIndicators } from './indicators.js';
import { evalRoutes } from './routes-eval.js';
import { planRoutes } from './routes-plan.js';
import { publicPlanRoutes } from './routes-public.js';
import { registerRoutes } from './routes-registers.js';
import { reviewRoutes } from './routes-review.js';

export { findPlan, type PlanTree, readPlan } from './model.js';

registerCatalog(planCatalog);
registerCatalog(reviewCatalog);
registerCatalog(registersCatalog);
registerCatalog(evalCatalog);
registerCatalog(tilesCatalog);
registerIndicators(planIndicators);

/**
 * The yearly service-quality plan (提升服務品質執行計畫): items and measures
 * whose values come from the indicator registry, the monthly review and
 * its action items, the registers that feed it, the self-evaluation and the
 * county's review, and the public progress page. See README.md.
 */
export const planModule: HuzhengModule = {
  name: 'plan',
  routes(app, services) {
    // fixed addresses (registers, county table) before /staff/plan/:plan
    registerRoutes(app, services);
    evalRoutes(app, services);
    reviewRoutes(app, services);
    planRoutes(app, services);
    publicPlanRoutes(app, services);
  },
  pages: (code) => (code ? [{ href: `/o/${code}/plan`, titleKey: 'plan.public.nav' }] : []),
  staffNotices: planNotices,
  staffTiles: [
    { href: '/staff/plan', titleKey: 'plan.tile.plan', descKey: 'plan.tile.plan.desc', capability: 'plan.view', menu: 'plan' },
    { href: '/staff/plan/checks', titleKey: 'plan.tile.checks', descKey: 'plan.tile.checks.desc', capability: 'plan.view', menu: 'plan' },
    { href: '/staff/plan/proposals', titleKey: 'plan.tile.proposals', descKey: 'plan.tile.proposals.desc', capability: 'plan.view', menu: 'plan' },
    { href: '/staff/plan/process-reviews', titleKey: 'plan.tile.process', descKey: 'plan.tile.process.desc', capability: 'plan.view', menu: 'plan' },
    { href: '/staff/plan/awards', titleKey: 'plan.tile.awards', descKey: 'plan.tile.awards.desc', capability: 'plan.view', menu: 'plan' },
    { href: '/staff/plan/county', titleKey: 'plan.tile.county', descKey: 'plan.tile.county.desc', capability: 'plan.review', menu: 'plan' },
  ],
};
