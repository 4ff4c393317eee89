/**
 * Chinese numerals as house numbers are written with them: 十號, 一百零五巷,
 * 兩百號, 一〇五號; and back to Chinese for road names and 段 (光明六路,
 * 中正路二段), as the register keeps them (DOMAIN.md).
 */
export const DIGITS = '〇一二三四五六七八九';
/** Characters a Chinese numeral is written with (零 and 兩 fold to 〇 and 二). */
export const NUMERAL_CHARS = '〇零一二兩三四五六七八九十百千';
export const NUMERAL_RUN = new RegExp(`[${NUMERAL_CHARS}]+`, 'g');

/**
 * 十 → 10, 二十三 → 23, 一百零五 → 105, 一二〇 → 120 (digit by digit, as
 * some people write numbers), 兩 → 2. Null when the run is not a number
 * (二三十): better to leave it unread than to guess.
 */
export function chineseToArabic(run: string): string | null {
  const t = run.replaceAll('兩', '二').replaceAll('零', '〇');
  if (!/[十百千]/.test(t)) return /^[〇一二三四五六七八九]+$/.test(t) ? stripZeros([...t].map((c) => DIGITS.indexOf(c)).join('')) : null;
  const m = /^(?:([一二三四五六七八九])?千)?〇?(?:([一二三四五六七八九])?百)?〇?(?:([一二三四五六七八九])?十)?([一二三四五六七八九])?$/.exec(t);
  if (!m) return null;
  const d = (c: string | undefined, present: boolean) => (present ? (c ? DIGITS.indexOf(c) : 1) : 0);
  const n = d(m[1], t.includes('千')) * 1000 + d(m[2], t.includes('百')) * 100 + d(m[3], t.includes('十')) * 10 + (m[4] ? DIGITS.indexOf(m[4]) : 0);
  return String(n);
}

/** 6 → 六, 10 → 十, 23 → 二十三, 105 → 一百零五: road names and 段 are written this way. Beyond 9999 the digits stay. */
export function arabicToChinese(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n === 0) return '〇';
  const places: [number, string][] = [
    [Math.floor(n / 1000), '千'],
    [Math.floor(n / 100) % 10, '百'],
    [Math.floor(n / 10) % 10, '十'],
    [n % 10, ''],
  ];
  let out = '';
  let gap = false;
  for (const [d, unit] of places) {
    if (d === 0) {
      gap = out !== '';
      continue;
    }
    if (gap) out += '零';
    gap = false;
    // 十一, not 一十一; but 一百一十 keeps its 一
    out += (d === 1 && unit === '十' && out === '' ? '' : DIGITS[d]) + unit;
  }
  return out;
}

export const stripZeros = (digits: string) => digits.replace(/^0+(?=\d)/, '');
