export { surveysFigureSource } from './rollup.js';
import type { FastifyInstance } from 'fastify';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { AppServices, HuzhengModule } from '../../platform/module.js';
import { surveyCatalog } from './i18n.js';
import { publicSurveyRoutes } from './routes-public.js';
import { staffSurveyRoutes } from './routes-staff.js';
import { registerIndicators } from '../../platform/indicators/index.js';
import { surveysIndicators, surveysIndicatorsCatalog } from './indicators.js';

registerCatalog(surveyCatalog);
registerIndicators(surveysIndicators);
registerCatalog(surveysIndicatorsCatalog);

function routes(app: FastifyInstance, s: AppServices) {
  publicSurveyRoutes(app, s);
  staffSurveyRoutes(app, s);
}

/**
 * Satisfaction surveys (滿意度調查): versioned questionnaires, answered on
 * the counter tablet, on the web, or from a served ticket or booking (tied
 * to the visit, not the person); the director's report with intervals,
 * trends and growth, the quarterly gender table, peer comparison, staff
 * surveys under an anonymity rule, and phone-courtesy test records.
 */
export const surveysModule: HuzhengModule = {
  name: 'surveys',
  routes,
  pages: (code) => (code ? [{ href: `/o/${code}/survey`, titleKey: 'surveys.nav', descKey: 'surveys.lead', navOrder: 80 }] : []),
  staffTiles: [{ href: '/staff/surveys', titleKey: 'surveys.staff.title', descKey: 'surveys.staff.tileDesc', capability: 'surveys.answer', menu: 'surveys' }],
};
