import type { Db, Executor } from '../../db/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { type SearchDoc, SearchIndex } from '../../platform/search/index.js';
import { guidesService } from '../guides/index.js';
import { plainText } from './model.js';
import { synonymLines } from './repo.js';
import { published } from './service.js';

/**
 * One index per database handle and language over everything the public
 * can read: news, FAQ, pages, open government items, downloads and the
 * service guides. Built on first use, dropped when content or synonyms
 * change in this process, and rebuilt at most every 5 minutes otherwise
 * (so other processes' edits and publishing windows show up).
 */
const cache = new WeakMap<object, Map<string, { index: SearchIndex; until: number }>>();
const TTL = 5 * 60_000;

export function forgetIndex(db: Db): void {
  cache.delete(db);
}

/** One line of synonyms, 「戶籍謄本、謄本，戶口名簿」: the terms it holds. */
export function splitTerms(line: string): string[] {
  return line
    .split(/[,，、]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export async function synonymGroups(db: Executor): Promise<string[][]> {
  return (await synonymLines(db)).map(splitTerms);
}

const URLS: Record<string, (id: number) => string> = {
  news: (id) => `/news/${id}`,
  faq: (id) => `/faq/${id}`,
  page: (id) => `/info/${id}`,
  opengov: (id) => `/open-gov/${id}`,
  download: (id) => `/downloads#item-${id}`,
};

export async function indexFor(db: Db, locale: Locale, now: Date, sitePages: SearchDoc[] = []): Promise<SearchIndex> {
  const hit = cache.get(db)?.get(locale);
  if (hit && hit.until > Date.now()) return hit.index;
  const [items, guides, synonyms] = await Promise.all([published(db, null, null, locale, now), guidesService.listGuides(db, locale), synonymGroups(db)]);
  const docs: SearchDoc[] = [
    ...items.map((i) => ({ key: `${i.kind}:${i.id}`, kind: i.kind, category: i.category, locale, title: i.title, body: plainText(i.body), url: URLS[i.kind]?.(i.id) ?? '/', date: i.date })),
    ...sitePages,
    ...guides.map((g) => ({ key: `guide:${g.code}`, kind: 'guide', category: g.category, locale, title: g.name, body: [g.who, ...g.documents.map((d) => d.text), g.fee, g.deadline].join(' '), url: `/guides/${g.code}`, date: g.updatedAt.slice(0, 10) })),
  ];
  const index = new SearchIndex(docs, synonyms);
  const perDb = cache.get(db) ?? new Map();
  perDb.set(locale, { index, until: Date.now() + TTL });
  cache.set(db, perDb);
  return index;
}
