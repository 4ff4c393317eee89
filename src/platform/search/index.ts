import { bm25Ranker, type Ranker, type RankerFactory } from './bm25.js';
import { toTraditional } from './simplified.js';
import { fold, tokenize } from './tokenize.js';

export { mayBeSimplified, toTraditional } from './simplified.js';
export { bm25Ranker, type Ranker, type RankerFactory } from './bm25.js';
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

// hits kept over all remembered queries (~50 bytes each): about 10 MB at most, however large the site
const HITS_KEPT = 200_000;

/**
 * Full-text search over the public pages: BM25 over our tokenizer's terms
 * (bm25.ts; titles count three times). Synonym groups expand the query
 * (身份證 → 身分證), and a Simplified query also searches its Traditional
 * form (身份证 → 身份證). The ranker can be swapped (the bench times a
 * MiniSearch one beside ours in the same run).
 */
export class SearchIndex {
  private readonly ranker: Ranker;
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
    ranker: RankerFactory = bm25Ranker,
  ) {
    this.titles = docs.map((d) => fold(d.title));
    this.ranker = ranker(docs);
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

  /** Every hit of a query, best first, ranked now (search() remembers the result). */
  rank(query: string): Hit[] {
    const variants = this.expand(query);
    const weights = new Map<string, number>();
    for (const v of variants) {
      const tokens = tokenize(v);
      // single characters only carry a one-character query: in a longer one they match everything (本, 所, 的)
      const long = tokens.some((t) => [...t.term].length > 1);
      for (const t of tokens) if (!long || [...t.term].length > 1 || !/\p{Script=Han}/u.test(t.term)) weights.set(t.term, Math.max(weights.get(t.term) ?? 0, t.weight));
    }
    if (weights.size === 0) return [];
    // the whole query (or a synonym of it) in a title is the strongest sign: 「身分證」 should open with the ID card guide
    const phrases = variants.filter((v) => v.length > 1);
    const out: Hit[] = [];
    for (const [i, score] of this.ranker.scores(weights)) {
      const doc = this.docs[i];
      if (!doc) continue;
      const title = this.titles[i] ?? '';
      const bonus = phrases.some((p) => title.includes(p)) ? 4 + (phrases.some((p) => title.startsWith(p)) ? 2 : 0) : 0;
      out.push({ doc, score: score + bonus });
    }
    return out.sort((a, b) => b.score - a.score);
  }
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
