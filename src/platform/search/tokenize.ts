/**
 * Tokens for Chinese and English text (DESIGN.md): NFKC, lower case, 台→臺
 * folding, then for Chinese the segmenter's words plus every character
 * bigram (so 「謄本」 finds 「戶籍謄本」 whatever the segmenter made of it)
 * and single characters (so a one-character query still matches), and for
 * other scripts the words themselves. Written here because no maintained
 * npm package does Traditional Chinese bigram indexing on Node 20 without a
 * native dictionary; Intl.Segmenter is the dictionary.
 */
const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh-Hant', { granularity: 'word' });

export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/台/g, '臺');
}

export interface Token {
  term: string;
  weight: number;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const seg of segmenter.segment(fold(text))) {
    if (!seg.isWordLike) continue;
    const w = seg.segment;
    if (HAN.test(w)) {
      const chars = [...w].filter((c) => HAN.test(c));
      if (chars.length >= 2) out.push({ term: chars.join(''), weight: 1 });
      for (let i = 0; i + 1 < chars.length; i++) out.push({ term: `${chars[i]}${chars[i + 1]}`, weight: 1 });
      for (const c of chars) out.push({ term: c, weight: 0.2 });
    } else if (w.length >= 2 || /\d/.test(w)) {
      out.push({ term: w, weight: 1 });
      // "registrations" finds "registration": a plural is the cheapest stemming worth doing
      if (w.length > 3 && w.endsWith('s')) out.push({ term: w.slice(0, -1), weight: 0.8 });
    }
  }
  // a segmenter splits runs of Han characters at word edges: bigrams across those edges too
  const han = [...fold(text)].filter((c) => HAN.test(c) || c === ' ');
  for (let i = 0; i + 1 < han.length; i++) {
    const a = han[i];
    const b = han[i + 1];
    if (a && b && a !== ' ' && b !== ' ') out.push({ term: `${a}${b}`, weight: 0.5 });
  }
  return out;
}
