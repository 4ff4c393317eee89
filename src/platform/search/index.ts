import { bm25Ranker, type Ranker, type RankerFactory } from './bm25.js';
import { toTraditional } from './simplified.js';
import { fold, tokenize } from './tokenize.js';
import { foldVariants, INTENT_WORDS, type Intent, understand } from './understand.js';

export { mayBeSimplified, toTraditional } from './simplified.js';
export { bm25Ranker, type Ranker, type RankerFactory } from './bm25.js';
export { fold, tokenize } from './tokenize.js';
export { closeness, foldVariants, INTENT_WORDS, type Intent, understand } from './understand.js';
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

/** An everyday word and the official terms it stands for (搬家 → 遷入, 遷出, 住址變更): one way only. */
export interface OneWay {
  from: string[];
  to: string[];
}

export interface Thesaurus {
  /** groups of words that mean the same, every way round (身分證, 身份證, 國民身分證) */
  groups?: string[][];
  /** everyday words for official terms */
  oneWay?: OneWay[];
  /** pages that answer an intent whatever the subject (a fee question: the fee table) */
  intentPages?: Partial<Record<Intent, (d: SearchDoc) => boolean>>;
}

export interface QueryPlan {
  /** the subject and its variants (synonyms, official terms, the Traditional form), folded */
  variants: string[];
  intent: Intent | null;
  english: boolean;
}

/** An English term is a whole word (id is not in valid); a Chinese one any run of characters. */
const LATIN = /^[\p{Script=Latin}\d\s.'-]+$/u;
const wordPattern = (term: string) => new RegExp(`(^|[^\\p{L}\\d])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[^\\p{L}\\d])`, 'gu');
function holds(text: string, term: string): boolean {
  return LATIN.test(term) ? wordPattern(term).test(text) : text.includes(term);
}
function replaceTerm(text: string, term: string, by: string): string {
  return (LATIN.test(term) ? text.replace(wordPattern(term), `$1${by}`) : text.split(term).join(` ${by} `)).replace(/\s+/g, ' ').trim();
}

// hits kept over all remembered queries (~50 bytes each): about 10 MB at most, however large the site
const HITS_KEPT = 200_000;

/**
 * Full-text search over the public pages: BM25 over our tokenizer's terms
 * (bm25.ts; titles count three times). The query is understood first
 * (understand.ts: variants and typos folded, question words dropped and
 * read as an intent), then expanded: synonym groups (身份證 → 身分證),
 * everyday words to official ones (搬家 → 遷入), and a Simplified query
 * also searches its Traditional form (身份证 → 身份證). The ranker can be
 * swapped (the bench times a MiniSearch one beside ours in the same run).
 */
export class SearchIndex {
  private readonly ranker: Ranker;
  private readonly titles: string[];
  private readonly bodies: string[];
  private readonly groups: string[][];
  private readonly oneWay: { from: string[]; to: string[] }[];
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
    thesaurus: string[][] | Thesaurus = [],
    ranker: RankerFactory = bm25Ranker,
  ) {
    const t: Thesaurus = Array.isArray(thesaurus) ? { groups: thesaurus } : thesaurus;
    this.groups = (t.groups ?? []).map((g) => g.map(foldVariants).filter(Boolean));
    // longer everyday words first: 身分證掉了 before 掉了
    this.oneWay = (t.oneWay ?? []).flatMap((w) => w.from.map((f) => ({ from: [foldVariants(f)], to: w.to.map(foldVariants) }))).sort((a, b) => (b.from[0]?.length ?? 0) - (a.from[0]?.length ?? 0));
    this.intentPages = t.intentPages ?? {};
    this.titles = docs.map((d) => fold(d.title));
    this.bodies = docs.map((d) => fold(d.body));
    this.ranker = ranker(docs);
  }

  private readonly intentPages: Partial<Record<Intent, (d: SearchDoc) => boolean>>;

  /** What a query asks: its subject's variants and its intent. A Simplified query brings its Traditional form too. */
  plan(query: string): QueryPlan {
    const asked = query.trim();
    const forms = [...new Set([foldVariants(asked), foldVariants(toTraditional(asked))])];
    const understood = forms.map(understand);
    const intent = understood.find((u) => u.intent)?.intent ?? null;
    const english = understood.every((u) => u.english);
    const variants = new Set<string>(understood.map((u) => u.subject));
    // an everyday word is replaced by each official term it stands for before the question words go (掉了 holds 了)
    for (const f of forms) for (const v of this.everyday(f)) variants.add(understand(v).subject);
    for (const q of [...variants]) {
      for (const terms of this.groups) {
        for (const t of terms) {
          if (!t || !q.includes(t)) continue;
          for (const other of terms) if (other !== t) variants.add(q.split(t).join(other));
        }
      }
    }
    return { variants: [...variants].filter(Boolean), intent, english };
  }

  /** The subject with each everyday word it holds replaced by the official terms; several words multiply (at most 12 forms). */
  private everyday(subject: string): string[] {
    let forms = [subject];
    for (const w of this.oneWay) {
      const from = w.from[0];
      if (!from || !forms.some((f) => holds(f, from))) continue;
      const next: string[] = [];
      for (const f of forms) {
        if (!holds(f, from)) next.push(f);
        else for (const to of w.to) next.push(replaceTerm(f, from, to));
      }
      forms = next.slice(0, 12);
    }
    return forms.filter((f) => f !== subject);
  }

  /** The query's variants, folded (plan().variants). */
  expand(query: string): string[] {
    return this.plan(query).variants;
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
    const { variants, intent } = this.plan(query);
    const weights = new Map<string, number>();
    for (const v of variants) {
      const tokens = tokenize(v);
      // single characters only carry a one-character query: in a longer one they match everything (本, 所, 的)
      const long = tokens.some((t) => [...t.term].length > 1);
      for (const t of tokens) if (!long || [...t.term].length > 1 || !/\p{Script=Han}/u.test(t.term)) weights.set(t.term, Math.max(weights.get(t.term) ?? 0, t.weight));
    }
    if (weights.size === 0) return [];
    // the whole subject (or a variant of it) in a title is the strongest sign: 「身分證」 should open with the ID card guide
    const phrases = variants.filter((v) => v.length > 1);
    const scores = new Map<number, number>();
    for (const [i, score] of this.ranker.scores(weights)) {
      const title = this.titles[i] ?? '';
      const bonus = phrases.some((p) => title.includes(p)) ? 4 + (phrases.some((p) => title.startsWith(p)) ? 2 : 0) : 0;
      scores.set(i, score + bonus + (intent ? this.intentBonus(i, intent) : 0));
    }
    if (intent) this.addIntentPages(scores, intent);
    const out: Hit[] = [];
    for (const [i, score] of scores) {
      const doc = this.docs[i];
      if (doc) out.push({ doc, score });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** A page that holds the answer's words (a fee line, a document list) ranks above one that only names the subject. */
  private intentBonus(i: number, intent: Intent): number {
    const body = this.bodies[i] ?? '';
    const answers = INTENT_WORDS[intent].some((w) => body.includes(w));
    const guide = this.docs[i]?.kind === 'guide' && intent !== 'where' && intent !== 'hours';
    return (answers ? 1.5 : 0) + (guide ? 1 : 0);
  }

  /** The intent's own pages join the hits just below the best one, whether or not they name the subject. */
  private addIntentPages(scores: Map<number, number>, intent: Intent): void {
    const wanted = this.intentPages[intent];
    if (!wanted) return;
    const best = Math.max(0, ...scores.values());
    const floor = best > 0 ? best * 0.75 : 1;
    this.docs.forEach((d, i) => {
      if (wanted(d)) scores.set(i, Math.max(scores.get(i) ?? 0, floor));
    });
  }
}

/** A stretch of the body around the first match (or the first of the preferred words), split so the view can mark the matched words. */
export function snippet(body: string, terms: string[], width = 60, prefer: string[] = []): { text: string; mark: boolean }[] {
  const folded = fold(body);
  const words = terms.map(fold).filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  const firstOf = (list: string[]) => Math.min(...list.map((w) => folded.indexOf(w)).filter((i) => i >= 0), Number.POSITIVE_INFINITY);
  // a fee question's snippet opens at the fee line, a documents question's at the list (understand.ts INTENT_WORDS)
  const preferred = firstOf(prefer.map(fold).filter((t) => t.length > 0));
  const first = Number.isFinite(preferred) ? preferred : firstOf(words);
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
