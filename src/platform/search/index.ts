import MiniSearch from 'minisearch';
import { toTraditional } from './simplified.js';
import { fold, tokenize } from './tokenize.js';

export { mayBeSimplified, toTraditional } from './simplified.js';
export { fold, tokenize } from './tokenize.js';
export { GUIDE_TOPICS, type GuideTopic, type Topic, TOPIC_KEYS, topicLabel, topicOf } from './topics.js';

export interface SearchDoc {
  key: string;
  kind: string;
  category: string;
  locale: string;
  title: string;
  body: string;
  url: string;
  date: string | null;
}

export interface Hit {
  doc: SearchDoc;
  score: number;
}

/** The search library, for the bench and the decision record. */
export const SEARCH_LIBRARY = 'minisearch 7';

/**
 * The tokenizer's weights (words 1, plurals 0.8, bigrams across segmenter
 * edges 0.5, single characters 0.2) become fields of their own, so each is a
 * field boost and BM25 keeps its own length statistics per kind of token:
 * repeating a token to weigh it would inflate document lengths instead.
 */
const WEIGHTS = [1, 0.8, 0.5, 0.2] as const;
const SOURCES = { title: 3, body: 1 } as const;
const FIELDS = Object.keys(SOURCES).flatMap((f) => WEIGHTS.map((_w, i) => `${f}${i}`));
const BOOST = Object.fromEntries(Object.entries(SOURCES).flatMap(([f, b]) => WEIGHTS.map((w, i) => [`${f}${i}`, b * w])));
// terms travel to MiniSearch pre-tokenized, joined by a character no text holds
const SEP = '\u0000';
const split = (text: string) => text.split(SEP);
// hits kept over all remembered queries (~50 bytes each): about 10 MB at most, however large the site
const HITS_KEPT = 200_000;
const bucket = (w: number) => Math.max(0, WEIGHTS.findIndex((x) => w >= x - 1e-9));

/**
 * Full-text search over the public pages with MiniSearch (BM25+), fed by
 * our tokenizer (tokenize.ts); titles count three times. Synonym groups
 * expand the query (身份證 → 身分證), and a Simplified query also searches
 * its Traditional form (身份证 → 身份證).
 */
export class SearchIndex {
  private readonly engine: MiniSearch<Record<string, string | number>>;
  private readonly titles: string[];
  /**
   * People ask the same few things all day (身分證, 謄本): a query's ranked
   * hits are kept, bounded, until the index is replaced, which is what any
   * change to the content does (search.ts). Filters apply afterwards and
   * keep the order, so one entry serves every filter.
   */
  private readonly ranked = new Map<string, Hit[]>();
  private kept = 0;

  constructor(
    readonly docs: SearchDoc[],
    private readonly synonyms: string[][] = [],
  ) {
    this.titles = docs.map((d) => fold(d.title));
    this.engine = new MiniSearch({ idField: 'id', fields: FIELDS, tokenize: split, processTerm: (t) => t || null });
    this.engine.addAll(docs.map((d, id) => fieldsOf(d, id)));
  }

  /** The query and its synonym variants, folded; a Simplified query brings its Traditional form too. */
  expand(query: string): string[] {
    const asked = query.trim();
    const variants = new Set([fold(asked), fold(toTraditional(asked))]);
    for (const q of [...variants]) {
      for (const group of this.synonyms) {
        const terms = group.map(fold);
        for (const t of terms) {
          if (!t || !q.includes(t)) continue;
          for (const other of terms) if (other !== t) variants.add(q.split(t).join(other));
        }
      }
    }
    return [...variants];
  }

  search(query: string, filter?: (d: SearchDoc) => boolean): Hit[] {
    let all = this.ranked.get(query);
    if (!all) {
      all = this.rank(query);
      this.kept += all.length;
      if (this.kept > HITS_KEPT) {
        this.ranked.clear();
        this.kept = all.length;
      }
      this.ranked.set(query, all);
    }
    return filter ? all.filter((h) => filter(h.doc)) : all.slice();
  }

  private rank(query: string): Hit[] {
    const variants = this.expand(query);
    const weights = new Map<string, number>();
    for (const v of variants) {
      const tokens = tokenize(v);
      // single characters only carry a one-character query: in a longer one they match everything (本, 所, 的)
      const long = tokens.some((t) => [...t.term].length > 1);
      for (const t of tokens) if (!long || [...t.term].length > 1 || !/\p{Script=Han}/u.test(t.term)) weights.set(t.term, Math.max(weights.get(t.term) ?? 0, t.weight));
    }
    if (weights.size === 0) return [];
    const found = this.engine.search([...weights.keys()].join(SEP), { fields: FIELDS, boost: BOOST, tokenize: split, processTerm: (t) => t, boostTerm: (t) => weights.get(t) ?? 1, combineWith: 'OR' });
    // the whole query (or a synonym of it) in a title is the strongest sign: 「身分證」 should open with the ID card guide
    const phrases = variants.filter((v) => v.length > 1);
    const out: Hit[] = [];
    for (const r of found) {
      const doc = this.docs[r.id as number];
      if (!doc) continue;
      const title = this.titles[r.id as number] ?? '';
      const bonus = phrases.some((p) => title.includes(p)) ? 4 + (phrases.some((p) => title.startsWith(p)) ? 2 : 0) : 0;
      out.push({ doc, score: r.score + bonus });
    }
    return out.sort((a, b) => b.score - a.score);
  }
}

function fieldsOf(d: SearchDoc, id: number): Record<string, string | number> {
  const out: Record<string, string | number> = { id };
  for (const source of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
    const buckets: string[][] = WEIGHTS.map(() => []);
    for (const t of tokenize(d[source])) buckets[bucket(t.weight)]?.push(t.term);
    buckets.forEach((terms, i) => {
      out[`${source}${i}`] = terms.join(SEP);
    });
  }
  return out;
}

/** A stretch of the body around the first match, split so the view can mark the matched words. */
export function snippet(body: string, terms: string[], width = 60): { text: string; mark: boolean }[] {
  const folded = fold(body);
  const words = terms.map(fold).filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  const first = Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0), Number.POSITIVE_INFINITY);
  const start = Number.isFinite(first) ? Math.max(0, first - width / 2) : 0;
  const text = body.slice(start, start + width * 2);
  const lower = fold(text);
  const parts: { text: string; mark: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    const w = words.find((x) => lower.startsWith(x, i));
    if (w) {
      parts.push({ text: text.slice(i, i + w.length), mark: true });
      i += w.length;
    } else {
      const last = parts.at(-1);
      if (last && !last.mark) last.text += text[i];
      else parts.push({ text: text[i] ?? '', mark: false });
      i++;
    }
  }
  if (start > 0) parts.unshift({ text: '…', mark: false });
  if (start + width * 2 < body.length) parts.push({ text: '…', mark: false });
  return parts;
}
