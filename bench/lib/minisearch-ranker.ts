import MiniSearch from 'minisearch';
import type { Ranker, SearchDoc } from '../../src/platform/search/index.js';
import { tokenize } from '../../src/platform/search/index.js';

/**
 * The same ranking on MiniSearch (BM25+), fed by our tokenizer, for
 * bench/search.ts to time beside the product's own BM25 (bm25.ts). The
 * tokenizer's weights (words 1, plurals 0.8, bigrams across segmenter edges
 * 0.5, single characters 0.2) become fields of their own, so each is a
 * field boost and BM25 keeps its length statistics per kind of token;
 * titles count three times.
 */
const WEIGHTS = [1, 0.8, 0.5, 0.2] as const;
const SOURCES = { title: 3, body: 1 } as const;
const FIELDS = Object.keys(SOURCES).flatMap((f) => WEIGHTS.map((_w, i) => `${f}${i}`));
const BOOST = Object.fromEntries(Object.entries(SOURCES).flatMap(([f, b]) => WEIGHTS.map((w, i) => [`${f}${i}`, b * w])));
// terms travel to MiniSearch pre-tokenized, joined by a character no text holds
const SEP = '\u0000';
const split = (text: string) => text.split(SEP);
const bucket = (w: number) => Math.max(0, WEIGHTS.findIndex((x) => w >= x - 1e-9));

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

export function miniSearchRanker(docs: readonly SearchDoc[]): Ranker {
  const engine = new MiniSearch<Record<string, string | number>>({ idField: 'id', fields: FIELDS, tokenize: split, processTerm: (t) => t || null });
  engine.addAll(docs.map((d, id) => fieldsOf(d, id)));
  return {
    scores(weights) {
      const found = engine.search([...weights.keys()].join(SEP), { fields: FIELDS, boost: BOOST, tokenize: split, processTerm: (t) => t, boostTerm: (t) => weights.get(t) ?? 1, combineWith: 'OR' });
      return found.map((r) => [r.id as number, r.score] as [number, number]);
    },
  };
}
