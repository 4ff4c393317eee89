import type { HuzhengModule, SitePage } from '../../platform/module.js';
import { siteRoutes } from './routes.js';

/** The furniture of a government website: sitemap with access keys, privacy policy, open-data declaration, page search. */
export function siteModule(pagesFor: (officeCode: string | null) => SitePage[]): HuzhengModule {
  return {
    name: 'site',
    routes: (app, s) => siteRoutes(app, s, pagesFor),
    pages: (code) =>
      code
        ? []
        : [
            { href: '/sitemap', titleKey: 'sitemap.title' },
            { href: '/privacy', titleKey: 'privacy.title' },
            { href: '/open-data', titleKey: 'openData.title' },
          ],
  };
}
