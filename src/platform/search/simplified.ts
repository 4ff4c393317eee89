import { ConverterFactory, type ConverterFunction } from 'opencc-js/core';
import STCharacters from 'opencc-js/dict/STCharacters';
import fromCn from 'opencc-js/from/cn';
import toTwp from 'opencc-js/to/twp';

/**
 * Queries typed in Simplified Chinese (身份证, 户籍誊本) find the office's
 * Traditional pages: the query, never the documents, goes through OpenCC
 * cn → twp. twp rather than tw because the site is written in Taiwan's
 * usage: twp also swaps the mainland word for the Taiwan one (网络 → 網路,
 * 软件 → 軟體, 信息 → 資訊), which is what the pages say.
 *
 * Some characters are both a Simplified form and a Traditional character
 * of their own (里 in 里長, 台, 后, 范, 干): the converter would "correct"
 * Traditional text people type every day (里長 → 裏長). So the converted
 * query is searched BESIDE the original, never instead of it (SearchIndex
 * .expand), and a query with no character the converter changes is not
 * converted at all.
 *
 * The phrase dictionary makes the converter ~0.3–0.8 s to build: it is built
 * on the first query holding a character it could change, not at start, so
 * a process (or a test) that never gets one never pays for it.
 */
const CONVERTIBLE: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  for (const entry of STCharacters.split('|')) {
    const [s, ...traditional] = entry.split(' ');
    if (s && traditional.length > 0 && !traditional.includes(s)) out.add(s);
  }
  return out;
})();

let converter: ConverterFunction | null = null;

export function mayBeSimplified(text: string): boolean {
  for (const c of text) if (CONVERTIBLE.has(c)) return true;
  return false;
}

/** The query in Taiwan's Traditional characters and words; a query with no character OpenCC would change is returned as it came. */
export function toTraditional(query: string): string {
  if (!mayBeSimplified(query)) return query;
  converter ??= ConverterFactory(fromCn, toTwp);
  return converter(query);
}
