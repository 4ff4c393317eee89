export { searchFigureSource } from './rollup.js';
import type { FastifyInstance } from 'fastify';
import { can, type StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { AppServices, HuzhengModule, SitePage, StaffNotice } from '../../platform/module.js';
import * as repo from './repo.js';
import { contentCatalog } from './i18n.js';
import { publicContentRoutes } from './routes-public.js';
import { staffContentRoutes } from './routes-staff.js';
import { published } from './service.js';
import { registerIndicators } from '../../platform/indicators/index.js';
import { contentIndicators, contentIndicatorsCatalog } from './indicators.js';

export { liveTexts, marqueeItems, published } from './service.js';
export { plainText, renderBody } from './model.js';

registerCatalog(contentCatalog);
registerIndicators(contentIndicators);
registerCatalog(contentIndicatorsCatalog);


/** On the editors' home: FAQ answers people found unhelpful, and items (of any kind) past their review date. */
async function notices(staff: StaffPrincipal, s: AppServices): Promise<StaffNotice[]> {
  if (!can(staff.role, 'content.edit')) return [];
  const db = s.database.db;
  const out: StaffNotice[] = [];
  const faq = await repo.publishedItems(db, 'faq', null);
  const unhelpful = faq.filter((f) => f.helpful_no >= 3 && f.helpful_no > f.helpful_yes).length;
  if (unhelpful) out.push({ key: 'content.notice.unhelpful', params: { n: unhelpful }, href: '/staff/content?kind=faq' });
  const overdue = await repo.reviewsDue(db, taipeiToday(s.clock()));
  if (overdue) out.push({ key: 'content.notice.review', params: { n: overdue }, href: '/staff/content/reviews' });
  return out;
}

/**
 * Public information: news (with the hall marquee, RSS and Atom), FAQ,
 * pages, open government information (§7), downloads, and the site's
 * Chinese full-text search.
 */
export const contentModule = (pagesFor: (code: string | null) => SitePage[]): HuzhengModule => ({
  name: 'content',
  routes: (app: FastifyInstance, s: AppServices) => {
    publicContentRoutes(app, s, pagesFor);
    staffContentRoutes(app, s);
  },
  pages: (code) => [
    { href: code ? `/o/${code}/news` : '/news', titleKey: 'content.news', descKey: 'content.newsDesc', navOrder: 5 },
    { href: '/faq', titleKey: 'content.faq', descKey: 'content.faqDesc', navOrder: 60 },
    { href: '/open-gov', titleKey: 'content.opengovTitle', descKey: 'content.opengovLead' },
    { href: '/downloads', titleKey: 'content.downloads', descKey: 'content.downloadsLead' },
    { href: '/info', titleKey: 'content.infoPages' },
    { href: '/search', titleKey: 'content.search', descKey: 'content.searchDesc' },
  ],
  staffTiles: [{ href: '/staff/content', titleKey: 'content.staff.title', descKey: 'content.staff.tileDesc', capability: 'content.edit', menu: 'content' }],
  staffNotices: notices,
  // the five latest news items on the county and office home pages
  homeBlock: async (officeId, officeCode, locale, s) => {
    const items = (await published(s.database.db, 'news', officeId, locale, s.clock())).slice(0, 5);
    return items.length ? { titleKey: 'content.news', moreHref: officeCode ? `/o/${officeCode}/news` : '/news', items: items.map((n) => ({ href: `/news/${n.id}`, label: n.title, date: n.date })) } : null;
  },
});
