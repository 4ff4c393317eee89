import type { SearchDoc } from './index.js';
import { tokenize } from './tokenize.js';

/** What ranks documents for a query's weighted terms: document number → score. */
export interface Ranker {
  scores(weights: ReadonlyMap<string, number>): Iterable<[number, number]>;
}

export type RankerFactory = (docs: readonly SearchDoc[]) => Ranker;

/**
 * BM25 over an inverted index in plain maps; titles count three times and
 * each token keeps the tokenizer's weight. Kept by hand after measuring the
 * maintained libraries: MiniSearch fed by the same tokenizer ranked a
 * first-time query 3–5× slower at 10,000 documents (it assembles match
 * details per document and term), see bench/search.ts, which times both in
 * one run, and decision 0006.
 */
export function bm25Ranker(docs: readonly SearchDoc[]): Ranker {
  const postings = new Map<string, Map<number, number>>();
  const lengths: number[] = [];
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
    lengths[i] = len;
    for (const [term, f] of tf) {
      const p = postings.get(term) ?? new Map<number, number>();
      p.set(i, f);
      postings.set(term, p);
    }
  });
  const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  const k1 = 1.2;
  const b = 0.75;
  return {
    scores(weights) {
      const n = docs.length;
      const scores = new Map<number, number>();
      for (const [term, qw] of weights) {
        const p = postings.get(term);
        if (!p) continue;
        const idf = Math.log(1 + (n - p.size + 0.5) / (p.size + 0.5));
        for (const [i, f] of p) {
          const norm = f + k1 * (1 - b + (b * (lengths[i] ?? 0)) / avg);
          scores.set(i, (scores.get(i) ?? 0) + qw * idf * ((f * (k1 + 1)) / norm));
        }
      }
      return scores;
    },
  };
}
