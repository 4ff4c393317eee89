/**
 * Dates in the office's calendar (Asia/Taipei, no DST, UTC+8) as plain
 * 'YYYY-MM-DD' strings, and the ROC (民國) forms citizens read and type.
 * Arithmetic runs on UTC midnights so no local time zone can shift a day.
 */
export type IsoDate = string;

const TAIPEI_OFFSET_MS = 8 * 3600_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: IsoDate): [number, number, number] {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcMs(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string' || !ISO.test(s)) return false;
  const [y, m, d] = parts(s);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export function toTaipeiIsoDate(instant: Date): IsoDate {
  return fromUtcMs(instant.getTime() + TAIPEI_OFFSET_MS);
}

export function taipeiToday(now: Date = new Date()): IsoDate {
  return toTaipeiIsoDate(now);
}

/** 'HH:mm' in Taipei. */
export function taipeiTime(instant: Date): string {
  return new Date(instant.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(11, 16);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromUtcMs(utcMs(date) + n * 86_400_000);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: IsoDate): number {
  return new Date(utcMs(date)).getUTCDay();
}

export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utcMs(b) - utcMs(a)) / 86_400_000);
}

/** Every date from `from` to `to`, both included. */
export function eachDay(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let ms = utcMs(from), end = utcMs(to); ms <= end; ms += 86_400_000) out.push(fromUtcMs(ms));
  return out;
}

const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];

/** 民國115年11月23日 (long), 115/11/23 (slash), 1151123 (compact, the 7 digits of data files). */
export function formatRocDate(date: IsoDate, style: 'long' | 'slash' | 'compact' = 'long'): string {
  const [y, m, d] = parts(date);
  const roc = y - 1911;
  if (roc < 1) {
    if (style !== 'long') throw new RangeError('dates before 1912 have no slash or compact ROC form');
    return `民國前${1 - roc}年${m}月${d}日`;
  }
  if (style === 'long') return `民國${roc}年${m}月${d}日`;
  if (style === 'slash') return `${roc}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
  return `${String(roc).padStart(3, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

/** 民國115年11月3日至11月20日: the year once when both days fall in it, else 民國115年12月30日至116年1月2日. */
export function formatRocRange(from: IsoDate, to: IsoDate): string {
  if (from === to) return formatRocDate(from, 'long');
  const [y1] = parts(from);
  const [y2, m2, d2] = parts(to);
  const tail = y1 === y2 ? `${m2}月${d2}日` : formatRocDate(to, 'long').replace(/^民國/, '');
  return `${formatRocDate(from, 'long')}至${tail}`;
}

export function formatRocDateWithWeekday(date: IsoDate): string {
  return `${formatRocDate(date, 'long')}（星期${WEEKDAY_ZH[weekday(date)]}）`;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatWesternDate(date: IsoDate, locale: 'zh-Hant' | 'en'): string {
  const [y, m, d] = parts(date);
  return locale === 'en' ? `${d} ${MONTHS_EN[m - 1]} ${y}` : `${y}年${m}月${d}日`;
}

function build(y: number, m: number, d: number): IsoDate | null {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * What people type for a date: 民國115年11月23日, 115年11月23日, 民國前1年1月1日,
 * 115/11/23, 115-11-23, 115.11.23, 1151123, 0991231. Null when it is not a real date.
 */
export function parseRocDate(input: string): IsoDate | null {
  const s = input.normalize('NFKC').trim().replace(/\s+/g, '');
  let m = /^(?:民國)?(前)?(\d{1,3})年(\d{1,2})月(\d{1,2})日?$/.exec(s);
  if (m) {
    const roc = Number(m[2]);
    if (roc < 1) return null;
    const year = m[1] ? 1912 - roc : 1911 + roc;
    return build(year, Number(m[3]), Number(m[4]));
  }
  m = /^(\d{1,3})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(s);
  if (m) return Number(m[1]) < 1 ? null : build(1911 + Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{3})(\d{2})(\d{2})$/.exec(s);
  if (m) return Number(m[1]) < 1 ? null : build(1911 + Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}
