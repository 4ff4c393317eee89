import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Locale, translator } from '../../platform/i18n/index.js';
import type { AppServices, SitePage } from '../../platform/module.js';
import { type SearchDoc, snippet, topicOf } from '../../platform/search/index.js';
import { officesService } from '../offices/index.js';
import { approvedPopular, indexFor, recordSearch, searchKindOf, searchTopics, watchSearchChanges } from './search.js';
import { searchSite } from './site-search.js';
import { type ResultView, SearchPage } from './views/SearchPage.js';

const searchQuery = z.object({
  q: z.string().max(100).optional().catch(undefined),
  kind: z.string().max(20).optional().catch(undefined),
  category: z.string().max(30).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100).optional().catch(undefined),
});

/** The same page in another language (?lang= switches and is remembered), before any #fragment. */
function inLanguage(url: string, locale: string): string {
  const [path = '', hash] = url.split('#');
  return `${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(locale)}${hash ? `#${hash}` : ''}`;
}

/** The site's full-text search: `/search?q=…&kind=…&category=…&page=…`. */
export function searchRoutes(app: FastifyInstance, s: AppServices, pagesFor: (code: string | null) => SitePage[]) {
  const db = s.database.db;
  // any process's edit to what the index holds drops this process's copy
  watchSearchChanges(s);

  /** Every page of the site menu (booking, mailbox, case look-up…), so a search for 「主任信箱」 finds the mailbox. */
  async function sitePages(locale: Locale): Promise<SearchDoc[]> {
    const t = translator(locale);
    const offices = await officesService.listOfficeInfos(db, locale);
    const docs = new Map<string, SearchDoc>();
    // a service that is the same at every office (國民身分證掛失) is one result, the county's, not one more per office
    const countyTitles = new Set(pagesFor(null).filter((p) => p.sameEverywhere).map((p) => p.titleKey));
    for (const [code, name] of [[null, ''], ...offices.map((o) => [o.code, o.name])] as [string | null, string][]) {
      for (const p of pagesFor(code)) {
        if (docs.has(p.href) || (code !== null && p.sameEverywhere && countyTitles.has(p.titleKey))) continue;
        const title = `${t(p.titleKey)}${name ? (locale === 'en' ? ` (${name})` : `（${name}）`) : ''}`;
        // a site page is a kind of page, not a topic: the type filter (資訊頁) finds it
        docs.set(p.href, { key: `site:${p.href}`, kind: 'page', category: '', locale, title, body: p.descKey ? t(p.descKey) : '', url: p.href, date: null });
      }
    }
    return [...docs.values()];
  }

  app.get('/search', async (req, reply) => {
    const q = searchQuery.parse(req.query ?? {});
    const query = (q.q ?? '').trim();
    // unknown values filter nothing; a link with a former key (category=id) still finds its topic
    const kind = searchKindOf(q.kind);
    const topic = topicOf(q.category);
    const page = q.page ?? 1;
    const now = s.clock();
    const filter = (d: SearchDoc) => (!kind || d.kind === kind) && (!topic || d.category === topic);
    const found = query ? await searchSite(db, req.locale, now, sitePages, query, filter) : null;
    const hits = found?.hits ?? [];
    const terms = found?.terms ?? [];
    const prefer = found?.prefer ?? [];
    const results: ResultView[] = hits.slice((page - 1) * 10, page * 10).map((h) => {
      const shown = h.via ?? h.doc;
      return { title: h.doc.title, titleParts: snippet(h.doc.title, terms, 200), ...(h.via ? { alt: { title: h.via.title, locale: h.via.locale, href: inLanguage(h.doc.url, h.via.locale) } } : {}), url: h.doc.url, kind: h.doc.kind, date: h.doc.date, snippet: snippet(shown.body, terms, 60, prefer), snippetLocale: shown.locale };
    });
    let popular: string[] = [];
    if (query) {
      await recordSearch(db, query, req.locale, hits.length, now);
      if (hits.length === 0) popular = await approvedPopular(db, req.locale, 5);
    }
    const pages = Math.max(1, Math.ceil(hits.length / 10));
    const index = await indexFor(db, req.locale, now, await sitePages(req.locale));
    return reply.render(SearchPage({ ctx: await req.view(), q: query, kind, topic, topics: searchTopics(index, topic), results, total: hits.length, page, pages, suggestions: found?.didYouMean ?? [], closestGuides: found?.closestGuides ?? [], popular }));
  });
}
