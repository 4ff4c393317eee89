import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { figuresCatalog } from './i18n.js';
import { officeFiguresCatalog } from './i18n-office.js';
import { countyCatalog } from './i18n-county.js';
import { ROLLUP_JOB, rollupJobHandler, scheduleRollup } from './job.js';
import { countyRoutes } from './routes-county.js';
import { officeRoutes } from './routes-office.js';
import { registerIndicators } from '../../platform/indicators/index.js';
import { figuresIndicators, figuresIndicatorsCatalog } from './indicators.js';

export { change, changeInWords, FIGURE_KEYS, FIGURES, type FigureDef, figureDef, figuresOf, satisfactionInterval } from './headline.js';
export { monthPeriod, type Period, parsePeriod, periodLabel, periodsOf, previousPeriod, quarterPeriod, rangePeriod, sameLastYear, yearPeriod } from './periods.js';
export { seriesFor, talliesFor } from './read.js';
export { rebuild, recomputeDays, rolledUpBefore, rollupChanged } from './rollup.js';
export { computeRaw } from './sources.js';
export { ROLLUP_JOB, scheduleRollup };

registerCatalog(figuresCatalog);
registerIndicators(figuresIndicators);
registerCatalog(figuresIndicatorsCatalog);
registerCatalog(officeFiguresCatalog);
registerCatalog(countyCatalog);

/**
 * Figures: the daily roll-up every module feeds (a job reads what changed
 * every five minutes), the county dashboard and each office's figures over
 * any period. See README.md for the tally keys.
 */
export const figuresModule: HuzhengModule = {
  name: 'figures',
  async routes(app, services) {
    await countyRoutes(app, services);
    await officeRoutes(app, services);
  },
  jobs: (services) => ({ [ROLLUP_JOB]: rollupJobHandler(services.database) }),
  staffTiles: [
    { href: '/staff/figures/county', titleKey: 'figures.tile.county', descKey: 'figures.tile.county.desc', capability: 'figures.county', menu: 'figures' },
    { href: '/staff/figures/office', titleKey: 'figures.tile.office', descKey: 'figures.tile.office.desc', capability: 'figures.office', menu: 'figures' },
  ],
};
