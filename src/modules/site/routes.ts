import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices, SitePage } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import { openDataDoc, privacyDoc } from './content.js';
import { DocPage, SearchPage, SitemapPage } from './views/pages.js';

/** Folding for matching what people type: full-width to half-width, 台 to 臺, case. */
export function foldForSearch(s: string): string {
  return s.normalize('NFKC').replace(/台/g, '臺').toLowerCase();
}

export function siteRoutes(app: FastifyInstance, s: AppServices, pagesFor: (officeCode: string | null) => SitePage[]) {
  const db = s.database.db;

  async function allGroups(locale: 'zh-Hant' | 'en') {
    const offices = await officesService.listOfficeInfos(db, locale);
    const county = await officesService.countyInfo(db, locale);
    return [
      { title: county?.name ?? '', pages: pagesFor(null) },
      ...offices.map((o) => ({ title: o.name, pages: pagesFor(o.code) })),
    ];
  }

  app.get('/sitemap', async (req, reply) => {
    return reply.render(SitemapPage({ ctx: await req.view(), groups: await allGroups(req.locale) }));
  });

  app.get('/privacy', async (req, reply) =>
    reply.render(DocPage({ ctx: await req.view(), title: req.t('privacy.title'), doc: privacyDoc(req.locale) })),
  );

  app.get('/open-data', async (req, reply) =>
    reply.render(DocPage({ ctx: await req.view(), title: req.t('openData.title'), doc: openDataDoc(req.locale) })),
  );

  // Page search over titles and descriptions of every public page; the
  // content module's full-text search takes this route over when it lands.
  app.get('/search', async (req, reply) => {
    const { q } = z.object({ q: z.string().max(100).optional().catch(undefined) }).parse(req.query ?? {});
    const query = (q ?? '').trim();
    const terms = foldForSearch(query).split(/\s+/).filter(Boolean);
    const results: { href: string; title: string; desc: string }[] = [];
    if (terms.length > 0) {
      for (const group of await allGroups(req.locale)) {
        for (const p of group.pages) {
          const title = req.t(p.titleKey);
          const desc = p.descKey ? req.t(p.descKey) : '';
          const hay = foldForSearch(`${group.title} ${title} ${desc}`);
          if (terms.every((term) => hay.includes(term))) results.push({ href: p.href, title: `${title}（${group.title}）`, desc });
        }
      }
    }
    return reply.render(SearchPage({ ctx: await req.view(), q: query, results }));
  });
}
