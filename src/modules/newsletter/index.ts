import { registerCatalog } from '../../platform/i18n/index.js';
import { registerIndicators } from '../../platform/indicators/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { newsletterCatalog } from './i18n.js';
import { newsletterIndicators, newsletterIndicatorsCatalog } from './indicators.js';
import { newsletterJobs } from './jobs.js';
import { publicNewsletterRoutes } from './routes-public.js';
import { staffNewsletterRoutes } from './routes-staff.js';

export { seedNewsletter } from './seed.js';

registerCatalog(newsletterCatalog);
registerCatalog(newsletterIndicatorsCatalog);
registerIndicators(newsletterIndicators);

/** The county's e-newsletter (電子報): double opt-in subscription, issues made of news items, one-click unsubscribe, bounces. */
export const newsletterModule: HuzhengModule = {
  name: 'newsletter',
  routes(app, s) {
    publicNewsletterRoutes(app, s);
    staffNewsletterRoutes(app, s);
  },
  // one list for the county; each office's pages link to the same form
  pages: (code) => [{ href: code ? `/o/${code}/newsletter` : '/newsletter', titleKey: 'newsletter.title', descKey: 'newsletter.lead', sameEverywhere: true }],
  staffTiles: [{ href: '/staff/newsletter', titleKey: 'newsletter.staff.title', descKey: 'newsletter.staff.tileDesc', capability: 'content.edit', menu: 'content' }],
  jobs: (s) => newsletterJobs(s),
};
