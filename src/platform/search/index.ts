import { fold, tokenize } from './tokenize.js';

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

/**
 * An in-memory inverted index with BM25 ranking; titles count three times.
 * Synonym groups expand the query: any term of a group also searches the
 * others (身份證 → 身分證).
 */
export class SearchIndex {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[] = [];
  private avg = 1;

  constructor(
    readonly docs: SearchDoc[],
    private readonly synonyms: string[][] = [],
  ) {
    docs.forEach((d, i) => {
      const tf = new Map<string, number>();
      let len = 0;
      for (const [text, boost] of [
        [d.title, 3],
        [d.body, 1],
      ] as const) {
        for (const t of tokenize(text)) {
          tf.set(t.term, (tf.get(t.term) ?? 0) + t.weight * boost);
          len += t.weight;
        }
      }
      this.lengths[i] = len;
      for (const [term, f] of tf) {
        const p = this.postings.get(term) ?? new Map<number, number>();
        p.set(i, f);
        this.postings.set(term, p);
      }
    });
    this.avg = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }

  /** The query and its synonym variants, folded. */
  expand(query: string): string[] {
    const q = fold(query.trim());
    const variants = new Set([q]);
    for (const group of this.synonyms) {
      const terms = group.map(fold);
      for (const t of terms) {
        if (!t || !q.includes(t)) continue;
        for (const other of terms) if (other !== t) variants.add(q.split(t).join(other));
      }
    }
    return [...variants];
  }

  search(query: string, filter: (d: SearchDoc) => boolean = () => true): Hit[] {
    const weights = new Map<string, number>();
    for (const v of this.expand(query)) {
      const tokens = tokenize(v);
      // single characters only carry a one-character query: in a longer one they match everything (本, 所, 的)
      const long = tokens.some((t) => [...t.term].length > 1);
      for (const t of tokens) if (!long || [...t.term].length > 1 || !/\p{Script=Han}/u.test(t.term)) weights.set(t.term, Math.max(weights.get(t.term) ?? 0, t.weight));
    }
    if (weights.size === 0) return [];
    const n = this.docs.length;
    const scores = new Map<number, number>();
    const k1 = 1.2;
    const b = 0.75;
    for (const [term, qw] of weights) {
      const p = this.postings.get(term);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.size + 0.5) / (p.size + 0.5));
      for (const [i, f] of p) {
        const norm = f + k1 * (1 - b + (b * (this.lengths[i] ?? 0)) / this.avg);
        scores.set(i, (scores.get(i) ?? 0) + qw * idf * ((f * (k1 + 1)) / norm));
      }
    }
    // the whole query (or a synonym of it) in a title is the strongest sign: 「身分證」 should open with the ID card guide
    const phrases = this.expand(query).filter((v) => v.length > 1);
    const out: Hit[] = [];
    for (const [i, score] of scores) {
      const doc = this.docs[i];
      if (!doc || !filter(doc)) continue;
      const title = fold(doc.title);
      const bonus = phrases.some((p) => title.includes(p)) ? 4 + (phrases.some((p) => title.startsWith(p)) ? 2 : 0) : 0;
      out.push({ doc, score: score + bonus });
    }
    return out.sort((a, b2) => b2.score - a.score);
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
