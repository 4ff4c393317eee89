import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { evalCatalog } from './i18n-eval.js';
import { planCatalog } from './i18n-plan.js';
import { registersCatalog } from './i18n-registers.js';
import { reviewCatalog } from './i18n-review.js';
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
  staffTiles: [],
};
