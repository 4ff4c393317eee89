import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices, SitePage } from '../../platform/module.js';
import { type SearchDoc, snippet, topicOf } from '../../platform/search/index.js';
import { officesService } from '../offices/index.js';
import { approvedPopular, indexFor, recordSearch, searchKindOf, searchTopics, synonymGroups, watchSearchChanges } from './search.js';
import { type ResultView, SearchPage } from './views/SearchPage.js';

const searchQuery = z.object({
  q: z.string().max(100).optional().catch(undefined),
  kind: z.string().max(20).optional().catch(undefined),
  category: z.string().max(30).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100).optional().catch(undefined),
});

/** The site's full-text search: `/search?q=…&kind=…&category=…&page=…`. */
export function searchRoutes(app: FastifyInstance, s: AppServices, pagesFor: (code: string | null) => SitePage[]) {
  const db = s.database.db;
  // any process's edit to what the index holds drops this process's copy
  watchSearchChanges(s);

  /** Every page of the site menu (booking, mailbox, case look-up…), so a search for 「主任信箱」 finds the mailbox. */
  async function sitePages(req: FastifyRequest): Promise<SearchDoc[]> {
    const offices = await officesService.listOfficeInfos(db, req.locale);
    const docs = new Map<string, SearchDoc>();
    // a service that is the same at every office (國民身分證掛失) is one result, the county's, not one more per office
    const countyTitles = new Set(pagesFor(null).filter((p) => p.sameEverywhere).map((p) => p.titleKey));
    for (const [code, name] of [[null, ''], ...offices.map((o) => [o.code, o.name])] as [string | null, string][]) {
      for (const p of pagesFor(code)) {
        if (docs.has(p.href) || (code !== null && p.sameEverywhere && countyTitles.has(p.titleKey))) continue;
        const title = `${req.t(p.titleKey)}${name ? `（${name}）` : ''}`;
        // a site page is a kind of page, not a topic: the type filter (資訊頁) finds it
        docs.set(p.href, { key: `site:${p.href}`, kind: 'page', category: '', locale: req.locale, title, body: p.descKey ? req.t(p.descKey) : '', url: p.href, date: null });
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
    const index = await indexFor(db, req.locale, s.clock(), await sitePages(req));
    const hits = query ? index.search(query, (d) => (!kind || d.kind === kind) && (!topic || d.category === topic)) : [];
    const terms = query ? index.expand(query).flatMap((v) => v.split(/\s+/)) : [];
    const results: ResultView[] = hits.slice((page - 1) * 10, page * 10).map((h) => ({ title: h.doc.title, titleParts: snippet(h.doc.title, terms, 200), url: h.doc.url, kind: h.doc.kind, date: h.doc.date, snippet: snippet(h.doc.body, terms) }));
    let suggestions: string[] = [];
    let popular: string[] = [];
    if (query) {
      await recordSearch(db, query, req.locale, hits.length, s.clock());
      if (hits.length === 0) {
        suggestions = (await synonymGroups(db)).flat().slice(0, 6);
        popular = await approvedPopular(db, req.locale, 5);
      }
    }
    const pages = Math.max(1, Math.ceil(hits.length / 10));
    return reply.render(SearchPage({ ctx: await req.view(), q: query, kind, topic, topics: searchTopics(index, topic), results, total: hits.length, page, pages, suggestions, popular }));
  });
}
