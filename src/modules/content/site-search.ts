import type { Db } from '../../db/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { closeness, foldVariants, type Hit, INTENT_WORDS, type QueryPlan, type SearchDoc, type SearchIndex } from '../../platform/search/index.js';
import { indexFor, vocabularyTerms } from './search.js';

/** A result: the page in the reader's language, and its title in the language the query matched when that differs. */
export interface SiteHit {
  doc: SearchDoc;
  score: number;
  /** the page as the query matched it in the other language (its English title for an English query on the Chinese site) */
  via?: SearchDoc;
}

export interface SiteSearch {
  hits: SiteHit[];
  plan: QueryPlan;
  /** words to mark in titles and snippets */
  terms: string[];
  /** words a snippet should open at: the intent's answer (the fee line, the documents) */
  prefer: string[];
  /** when nothing was found: terms of the site's own vocabulary close to what was typed */
  didYouMean: string[];
  /** when nothing was found: the service guides closest to what was typed */
  closestGuides: { title: string; url: string }[];
}

const HAN = /\p{Script=Han}/u;
/** Hits scoring under this share of the best are left out. */
const RELEVANT_SHARE = 0.2;
const byKeyOf = new WeakMap<SearchIndex, Map<string, SearchDoc>>();

function byKey(index: SearchIndex): Map<string, SearchDoc> {
  let m = byKeyOf.get(index);
  if (!m) {
    m = new Map(index.docs.map((d) => [d.key, d]));
    byKeyOf.set(index, m);
  }
  return m;
}

/**
 * The search page's whole answer. A query in the other language than the
 * page's (English on the Chinese site, as foreign spouses often type, or
 * Chinese on the English one) is searched in that language's texts as
 * well; a page found there is shown in the reader's language with the
 * title it was found by beside it, and a page only that language has is
 * shown as it is.
 */
export async function searchSite(db: Db, locale: Locale, now: Date, sitePages: (l: Locale) => Promise<SearchDoc[]>, query: string, filter?: (d: SearchDoc) => boolean): Promise<SiteSearch> {
  const index = await indexFor(db, locale, now, await sitePages(locale));
  const plan = index.plan(query);
  const merged = new Map<string, SiteHit>(index.search(query).map((h) => [h.doc.key, { doc: h.doc, score: h.score }]));
  const other: Locale | null = locale === 'zh-Hant' && plan.english ? 'en' : locale === 'en' && HAN.test(query) ? 'zh-Hant' : null;
  let terms = plan.variants;
  if (other) {
    const there = await indexFor(db, other, now, await sitePages(other));
    const mine = byKey(index);
    for (const h of there.search(query)) addFromOther(merged, mine, h);
    terms = [...terms, ...there.plan(query).variants];
  }
  const sorted = [...merged.values()].filter((h) => !filter || filter(h.doc)).sort((a, b) => b.score - a.score);
  // a page that shares only a word every page has (registration, 戶政事務所) with the query is noise beside the one that answers it
  const floor = (sorted[0]?.score ?? 0) * RELEVANT_SHARE;
  const hits = sorted.filter((h) => h.score >= floor);
  const near = hits.length === 0 && merged.size === 0 ? await nearest(db, index, plan) : { didYouMean: [], closestGuides: [] };
  return { hits, plan, terms: terms.flatMap((v) => v.split(/\s+/)), prefer: plan.intent ? INTENT_WORDS[plan.intent] : [], ...near };
}

function addFromOther(merged: Map<string, SiteHit>, mine: Map<string, SearchDoc>, h: Hit): void {
  const own = mine.get(h.doc.key);
  const seen = merged.get(h.doc.key);
  if (seen) {
    if (h.score > seen.score) merged.set(h.doc.key, { doc: seen.doc, score: h.score, via: h.doc });
    return;
  }
  // the other language's wording of the page, unless the page has none of its own there (an item written in one language only)
  const via = own && own.title !== h.doc.title ? h.doc : undefined;
  merged.set(h.doc.key, { doc: own ?? h.doc, score: h.score, ...(via ? { via } : {}) });
}

/**
 * Nothing matched a single word of the query: offer the nearest terms of the
 * site's own vocabulary (guide names, FAQ questions, the editors' synonyms
 * and everyday words) and the nearest guides, by the characters they share.
 * Only the site's words are offered, never what others typed.
 */
async function nearest(db: Db, index: SearchIndex, plan: QueryPlan): Promise<Pick<SiteSearch, 'didYouMean' | 'closestGuides'>> {
  const typed = plan.variants[0] ?? '';
  if (!typed) return { didYouMean: [], closestGuides: [] };
  const guides = index.docs.filter((d) => d.kind === 'guide');
  const faqs = index.docs.filter((d) => d.kind === 'faq');
  const words = [...new Set([...guides.map((d) => d.title), ...faqs.map((d) => d.title), ...(await vocabularyTerms(db))])];
  const rank = <T>(items: T[], text: (t: T) => string, min: number) =>
    items
      .map((item) => ({ item, c: closeness(typed, foldVariants(text(item))) }))
      .filter((x) => x.c >= min)
      .sort((a, b) => b.c - a.c)
      .map((x) => x.item);
  return {
    didYouMean: rank(words, (w) => w, 0.6).slice(0, 4),
    closestGuides: rank(guides, (d) => d.title, 0.3)
      .slice(0, 3)
      .map((d) => ({ title: d.title, url: d.url })),
  };
}
