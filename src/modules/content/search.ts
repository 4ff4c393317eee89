import type { Db, Executor } from '../../db/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { forgetOnChange } from '../../platform/cache.js';
import type { ChangeTopic } from '../../platform/events/index.js';
import { maskPersonal } from '../../platform/log.js';
import type { AppServices } from '../../platform/module.js';
import { fold, type OneWay, type SearchDoc, SearchIndex, type Thesaurus, type Topic, TOPIC_KEYS, topicOf } from '../../platform/search/index.js';
import { guidesService } from '../guides/index.js';
import { plainText } from './model.js';
import { logSearch, publishedItems, synonymLines, topSearches } from './repo.js';
import { published } from './service.js';

/**
 * One index per database handle and language over everything the public
 * can read: news, FAQ, pages, open government items, downloads, the service
 * guides and the site's pages. Built on first use and kept until
 *  - any process announces a change the index holds (watchSearchChanges:
 *    the events bus reaches every process within moments), or
 *  - the clock reaches the next moment an item's publishing window opens or
 *    closes (so scheduled news appears, and expired items go, on time), or
 *  - 5 minutes have passed, in case an announcement was lost while a
 *    process's listener was reconnecting.
 */
interface Entry {
  index: SearchIndex;
  /** the clock's next publish or unpublish moment, ms; Infinity when none is scheduled */
  due: number;
  /** wall-clock ms after which the entry is rebuilt anyway */
  until: number;
}
const cache = new WeakMap<object, Map<string, Entry>>();
const building = new WeakMap<object, Map<string, Promise<SearchIndex>>>();
const generation = new WeakMap<object, number>();
const FALLBACK_TTL = 5 * 60_000;
const WATCHED_TOPICS: readonly ChangeTopic[] = ['content', 'synonyms', 'guides', 'offices'];

/** Drops this process's indexes for a database; other processes hear of changes through watchSearchChanges. */
export function forgetIndex(db: Db): void {
  cache.delete(db);
  building.delete(db);
  generation.set(db, (generation.get(db) ?? 0) + 1);
}

/**
 * Drops the indexes of `s.database` whenever any process announces a change
 * to content, synonyms, guides or offices (site pages carry office names).
 * Subscribes once per bus and database, however often it is called.
 */
export function watchSearchChanges(s: Pick<AppServices, 'events' | 'database'>): void {
  const db = s.database.db;
  forgetOnChange(s.events, db, 'content.search', WATCHED_TOPICS, () => forgetIndex(db));
}

/** The first moment after `now` at which a published item's window opens or closes. */
async function nextScheduled(db: Executor, now: Date): Promise<number> {
  const iso = now.toISOString();
  let next = Number.POSITIVE_INFINITY;
  for (const i of await publishedItems(db, null, null)) {
    for (const at of [i.publish_from, i.publish_until]) if (at && at > iso) next = Math.min(next, new Date(at).getTime());
  }
  return next;
}

/** One line of synonyms, 「戶籍謄本、謄本，戶口名簿」: the terms it holds. */
export function splitTerms(line: string): string[] {
  return line
    .split(/[,，、]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * The editors' lines: 「身分證, 身份證」 is a group of words that mean the
 * same; 「搬家, 換地址 => 遷入, 住址變更」 maps everyday words to the
 * official terms one way (migration 0030 ships the starting list).
 */
export function parseThesaurus(lines: string[]): { groups: string[][]; oneWay: OneWay[] } {
  const groups: string[][] = [];
  const oneWay: OneWay[] = [];
  for (const line of lines) {
    const [left, right, ...rest] = line.normalize('NFKC').split('=>');
    if (right !== undefined && rest.length === 0) {
      const from = splitTerms(left ?? '');
      const to = splitTerms(right);
      if (from.length && to.length) oneWay.push({ from, to });
    } else if (right === undefined) {
      const terms = splitTerms(line);
      if (terms.length >= 2) groups.push(terms);
    }
  }
  return { groups, oneWay };
}

/** A line the editors' form keeps: a group of two or more words, or everyday words => official terms. */
export function isThesaurusLine(line: string): boolean {
  const t = parseThesaurus([line]);
  return t.groups.length + t.oneWay.length === 1;
}

export async function synonymGroups(db: Executor): Promise<string[][]> {
  return parseThesaurus(await synonymLines(db)).groups;
}

/** Every word editors put in the synonyms, both sides of the everyday lines: the site's approved vocabulary. */
export async function vocabularyTerms(db: Executor): Promise<string[]> {
  const t = parseThesaurus(await synonymLines(db));
  return [...t.groups.flat(), ...t.oneWay.flatMap((w) => [...w.from, ...w.to])];
}

/**
 * The pages that answer an intent whatever the subject: the fee table for a
 * fee question (and a deadline one: it lists the late fines), the offices'
 * pages (address, phone, hours) for where and when they are open.
 */
const OFFICE_HOME = /^\/(o\/[^/]+)?$/;
const INTENT_PAGES: Thesaurus['intentPages'] = {
  fee: (d) => d.url === '/fees',
  deadline: (d) => d.url === '/fees',
  where: (d) => OFFICE_HOME.test(d.url),
  hours: (d) => OFFICE_HOME.test(d.url),
};

const URLS: Record<string, (id: number) => string> = {
  news: (id) => `/news/${id}`,
  faq: (id) => `/faq/${id}`,
  page: (id) => `/info/${id}`,
  opengov: (id) => `/open-gov/${id}`,
  download: (id) => `/downloads#item-${id}`,
};

/** The type filter, in the order it lists them; topics are the other filter (TOPIC_KEYS). */
export const SEARCH_KINDS = ['guide', 'news', 'faq', 'opengov', 'download', 'page'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export function searchKindOf(raw: string | undefined): SearchKind | null {
  return (SEARCH_KINDS as readonly string[]).includes(raw ?? '') ? (raw as SearchKind) : null;
}

/**
 * The topic filter's choices: the topics something in the index carries, in
 * the vocabulary's order, plus the chosen one (so the list never claims
 * 「全部」 while a topic is filtering). Categories are folded to topics when
 * the index is built, so each topic is listed once.
 */
export function searchTopics(index: SearchIndex, chosen: Topic | null): Topic[] {
  const present = new Set(index.docs.map((d) => d.category));
  return TOPIC_KEYS.filter((k) => present.has(k) || k === chosen);
}

/** Documents carry a topic key or '' (site pages, open government items): the type filter covers those. */
export async function indexFor(db: Db, locale: Locale, now: Date, sitePages: SearchDoc[] = []): Promise<SearchIndex> {
  const hit = cache.get(db)?.get(locale);
  if (hit && hit.due > now.getTime() && hit.until > Date.now()) return hit.index;
  // one build per database and language at a time: after a change every request would otherwise build its own
  const pending = building.get(db)?.get(locale);
  if (pending) return pending;
  const gen = generation.get(db) ?? 0;
  const made = buildIndex(db, locale, now, sitePages).then(({ index, due }) => {
    // a change announced while this was being built makes it stale: serve it to those who waited, keep it for nobody
    if ((generation.get(db) ?? 0) === gen) {
      const perDb = cache.get(db) ?? new Map<string, Entry>();
      perDb.set(locale, { index, due, until: Date.now() + FALLBACK_TTL });
      cache.set(db, perDb);
    }
    return index;
  });
  const perDb = building.get(db) ?? new Map<string, Promise<SearchIndex>>();
  perDb.set(locale, made);
  building.set(db, perDb);
  try {
    return await made;
  } finally {
    if (building.get(db)?.get(locale) === made) building.get(db)?.delete(locale);
  }
}

async function buildIndex(db: Db, locale: Locale, now: Date, sitePages: SearchDoc[]): Promise<{ index: SearchIndex; due: number }> {
  const [items, guides, lines, due] = await Promise.all([published(db, null, null, locale, now), guidesService.listGuides(db, locale), synonymLines(db), nextScheduled(db, now)]);
  const docs: SearchDoc[] = [
    ...items.map((i) => ({ key: `${i.kind}:${i.id}`, kind: i.kind, category: topicOf(i.category) ?? '', locale, title: i.title, body: plainText(i.body), url: URLS[i.kind]?.(i.id) ?? '/', date: i.date })),
    ...sitePages,
    ...guides.map((g) => ({ key: `guide:${g.code}`, kind: 'guide', category: topicOf(g.category) ?? '', locale, title: g.name, body: [g.who, ...g.documents.map((d) => d.text), g.fee, g.deadline].join(' '), url: `/guides/${g.code}`, date: g.updatedAt.slice(0, 10) })),
  ];
  return { index: new SearchIndex(docs, { ...parseThesaurus(lines), intentPages: INTENT_PAGES }), due };
}

/**
 * Keeps a query for the editors' search figures, without who asked. ID
 * numbers, phone numbers and e-mail addresses people paste into the box are
 * masked before the row is written (〔身分證號〕…): they are never stored.
 */
export async function recordSearch(db: Executor, query: string, locale: Locale, results: number, now: Date): Promise<void> {
  await logSearch(db, { query: maskPersonal(query).slice(0, 100), locale, results, at: now.toISOString() });
}

/**
 * The editors' figures: the most asked searches, masked again on the way
 * out so rows written before queries were masked on the way in show no
 * ID, phone or e-mail either (rows that mask alike are counted together).
 */
export async function searchFigures(db: Executor, found: boolean, limit: number): Promise<{ query: string; n: number }[]> {
  const merged = new Map<string, number>();
  for (const r of await topSearches(db, found, limit * 2)) {
    const q = maskPersonal(r.query);
    merged.set(q, (merged.get(q) ?? 0) + r.n);
  }
  return [...merged]
    .map(([query, n]) => ({ query, n }))
    .sort((a, b) => b.n - a.n)
    .slice(0, limit);
}

/**
 * "Others often search for" on the public search page. Only the site's own
 * vocabulary may appear there: the synonym terms editors keep on
 * /staff/content/search and the service guides' names. Putting a term in a
 * synonym group is how an editor approves it, so no separate flag (and no
 * migration) is needed; whatever strangers typed (spam, insults, someone's
 * ID number) never reaches another visitor's screen, however often it was
 * searched.
 */
export async function approvedPopular(db: Db, locale: Locale, limit: number): Promise<string[]> {
  const [terms, guides, top] = await Promise.all([vocabularyTerms(db), guidesService.listGuides(db, locale), topSearches(db, true, 200)]);
  const vocabulary = new Set([...terms, ...guides.map((g) => g.name)].map((t) => fold(t.trim())));
  return top
    .map((r) => r.query)
    .filter((q) => vocabulary.has(fold(q.trim())))
    .slice(0, limit);
}
