import { addDays, eachDay, formatRocRange, type IsoDate, isIsoDate } from '../../platform/calendar/index.js';
import { showPeriod } from '../../platform/layout/dates.js';

/** A reporting period: a month, a quarter, a year, or any run of days. */
export interface Period {
  kind: 'month' | 'quarter' | 'year' | 'range';
  /** '2026-11', '2026-Q4', '2026', or '2026-11-03..2026-11-20' */
  key: string;
  from: IsoDate;
  to: IsoDate;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function monthPeriod(y: number, m: number): Period {
  return { kind: 'month', key: `${y}-${pad(m)}`, from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
}
export function quarterPeriod(y: number, q: number): Period {
  const m0 = (q - 1) * 3 + 1;
  return { kind: 'quarter', key: `${y}-Q${q}`, from: `${y}-${pad(m0)}-01`, to: `${y}-${pad(m0 + 2)}-${pad(lastDay(y, m0 + 2))}` };
}
export function yearPeriod(y: number): Period {
  return { kind: 'year', key: String(y), from: `${y}-01-01`, to: `${y}-12-31` };
}
export function rangePeriod(from: IsoDate, to: IsoDate): Period {
  return { kind: 'range', key: `${from}..${to}`, from, to };
}

/** The first year of the Republic (民國元年): every period shown as 民國N年 starts in it or later. */
const FIRST_YEAR = 1912;

/** Reads '2026-11', '2026-Q4', '2026' or '2026-11-03..2026-11-20'; null when it is none of them (or starts before 1912). */
export function parsePeriod(text: string): Period | null {
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m && Number(m[1]) >= FIRST_YEAR && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m && Number(m[1]) >= FIRST_YEAR) return quarterPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})$/.exec(text);
  if (m && Number(m[1]) >= FIRST_YEAR) return yearPeriod(Number(m[1]));
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m && isIsoDate(m[1]) && isIsoDate(m[2]) && m[1] >= `${FIRST_YEAR}` && m[1] <= m[2]) return rangePeriod(m[1], m[2]);
  return null;
}

const ym = (d: IsoDate) => [Number(d.slice(0, 4)), Number(d.slice(5, 7))] as const;

/** The period just before: the month, quarter or year before, or a run of days of the same length ending the day before. */
export function previousPeriod(p: Period): Period {
  const [y, m] = ym(p.from);
  if (p.kind === 'month') return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
  if (p.kind === 'quarter') {
    const q = Math.ceil(m / 3);
    return q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1);
  }
  if (p.kind === 'year') return yearPeriod(y - 1);
  const days = eachDay(p.from, p.to).length;
  return rangePeriod(addDays(p.from, -days), addDays(p.from, -1));
}

/** The same period a year earlier (29 February falls back to the 28th). */
export function sameLastYear(p: Period): Period {
  const [y, m] = ym(p.from);
  if (p.kind === 'month') return monthPeriod(y - 1, m);
  if (p.kind === 'quarter') return quarterPeriod(y - 1, Math.ceil(m / 3));
  if (p.kind === 'year') return yearPeriod(y - 1);
  const back = (d: IsoDate) => {
    const iso = `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
    return isIsoDate(iso) ? iso : `${Number(d.slice(0, 4)) - 1}-02-28`;
  };
  return rangePeriod(back(p.from), back(p.to));
}

/** The whole months inside a period, and the days left over at either end (read from the day rows). */
export function splitIntoMonths(p: Period): { months: string[]; days: IsoDate[] } {
  const months: string[] = [];
  const days: IsoDate[] = [];
  let cursor = p.from;
  while (cursor <= p.to) {
    const [y, m] = ym(cursor);
    const whole = monthPeriod(y, m);
    if (cursor === whole.from && whole.to <= p.to) {
      months.push(whole.key);
      cursor = addDays(whole.to, 1);
    } else {
      days.push(cursor);
      cursor = addDays(cursor, 1);
    }
  }
  return { months, days };
}

/** The periods of one grain that cover a period: its days, ISO weeks (Monday first) or months, each clipped to it. */
export function periodsOf(p: Period, grain: 'day' | 'week' | 'month'): Period[] {
  const out: Period[] = [];
  let cursor = p.from;
  while (cursor <= p.to) {
    let end: IsoDate;
    if (grain === 'day') end = cursor;
    else if (grain === 'week') {
      const wd = new Date(`${cursor}T00:00:00Z`).getUTCDay();
      end = addDays(cursor, (7 - wd) % 7);
    } else end = monthPeriod(...ym(cursor)).to;
    if (end > p.to) end = p.to;
    const [y, m] = ym(cursor);
    const whole = monthPeriod(y, m);
    out.push(grain === 'month' && cursor === whole.from && end === whole.to ? whole : rangePeriod(cursor, end));
    cursor = addDays(end, 1);
  }
  return out;
}

/** 民國115年11月, 民國115年第4季, 民國115年, 民國115年11月3日至11月20日; in English Nov 2026, 2026 Q4, 2026, 2026-11-03 – 2026-11-20. The platform's date formatters write them, so a period reads as every other date. */
export function periodLabel(p: Period, locale: 'zh-Hant' | 'en'): string {
  if (p.kind !== 'range') return showPeriod(p.key, locale);
  if (locale === 'zh-Hant') return formatRocRange(p.from, p.to);
  return p.from === p.to ? p.from : `${p.from} – ${p.to}`;
}
