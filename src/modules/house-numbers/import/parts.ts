/**
 * The cells of one register row read into address parts (DOMAIN.md
 * "Addresses: numerals and coordinates"): the road keeps its Chinese
 * numerals and loses its 段 to `section` (中正路二段 → 中正路, 二); lanes,
 * alleys, numbers and floors are Arabic (10之1, 10-1 → 10, 1). Every reader
 * returns null for a cell it cannot read, and the importer says so by line
 * and column.
 */

const DIGITS = '〇一二三四五六七八九';

/** 1 … 99 as a Chinese numeral, the way 段 is written: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`not 1 … 99: ${n}`);
  if (n < 10) return DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** 一 … 九十九 → the number; null when it is not one. */
export function fromChineseNumeral(s: string): number | null {
  const t = s.replaceAll('兩', '二');
  const d = (c: string | undefined) => (c ? DIGITS.indexOf(c) : 0);
  let m = /^([一二三四五六七八九])$/.exec(t);
  if (m) return d(m[1]);
  m = /^([二三四五六七八九])?十([一二三四五六七八九])?$/.exec(t);
  if (m) return (m[1] ? d(m[1]) : 1) * 10 + d(m[2]);
  return null;
}

/** Printable ASCII and CJK unified ideographs other than 台: NFKC leaves them as they are (the fast path for a million cells). */
const ALREADY_CLEAN = /^[\x21-\x7e\u3400-\u53ef\u53f1-\u9fff]*$/;

/** NFKC (full-width digits and letters), no spaces, 台 → 臺 (the official form, DOMAIN.md). */
export function cleanCell(s: string): string {
  if (ALREADY_CLEAN.test(s)) return s;
  return s.normalize('NFKC').replace(/\s+/g, '').replaceAll('台', '臺');
}

/** A 段 cell: 二, 二段, 2, 2段 → 二; '' stays ''. */
export function readSection(raw: string): string | null {
  const s = cleanCell(raw).replace(/段$/, '');
  if (s === '') return '';
  if (/^\d{1,2}$/.test(s)) return Number(s) >= 1 ? chineseNumeral(Number(s)) : null;
  const n = fromChineseNumeral(s);
  return n === null ? null : chineseNumeral(n);
}

/** The road cell: 中正路二段 → { road: 中正路, section: 二 }; a road written with an Arabic 段 (中正路2段) too. */
export function splitRoad(raw: string): { road: string; section: string } | null {
  const s = cleanCell(raw);
  if (s === '' || s.length > 40 || s.includes('|')) return null;
  const m = /^(.+?)([一二三四五六七八九十兩]{1,3}|\d{1,2})段$/.exec(s);
  if (!m) return { road: s, section: '' };
  const section = readSection(m[2] as string);
  return section ? { road: m[1] as string, section } : null;
}

/** A whole number cell (lane, alley, 鄰): '3', '3巷', '０３' → '3'; '' stays ''. */
const WHOLE: Record<string, RegExp> = { 巷: /^(\d{1,5})巷?$/, 弄: /^(\d{1,5})弄?$/, 鄰: /^(\d{1,5})鄰?$/ };
export function readWhole(raw: string, suffix: '巷' | '弄' | '鄰'): string | null {
  const s = cleanCell(raw);
  if (s === '') return '';
  const m = WHOLE[suffix]!.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 ? String(n) : null;
}

/** A number or floor with its 之: 10, 10號, 10之1, 10-1, 10號之1 → ['10', '1']; '' stays ['', '']. */
const WITH_SUB: Record<string, RegExp> = { 號: /^(\d{1,5})號?(?:(?:之|-)(\d{1,4}))?$/, 樓: /^(\d{1,5})樓?(?:(?:之|-)(\d{1,4}))?$/ };
export function readWithSub(raw: string, unit: '號' | '樓'): [string, string] | null {
  const s = cleanCell(raw).replace(/[‐‑–—−]/g, '-');
  if (s === '') return ['', ''];
  const m = WITH_SUB[unit]!.exec(s);
  if (!m) return null;
  const main = Number(m[1]);
  const sub = m[2] === undefined ? 0 : Number(m[2]);
  if (main < 1 || (m[2] !== undefined && sub < 1)) return null;
  return [String(main), sub ? String(sub) : ''];
}

/** TWD97 metres: a finite number, commas allowed. */
export function readMetres(raw: string): number | null {
  const s = cleanCell(raw).replaceAll(',', '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
