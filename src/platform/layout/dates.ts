import { formatRocDate, formatRocDateWithWeekday, formatWesternDate, taipeiTime, toTaipeiIsoDate } from '../calendar/index.js';
import type { Locale } from '../i18n/index.js';

/** A date as citizens read it: ROC calendar in zh-Hant, Western in English. */
export function showDate(date: string, locale: Locale, withWeekday = false): string {
  if (locale === 'en') {
    const western = formatWesternDate(date, 'en');
    if (!withWeekday) return western;
    const wd = new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
    return `${wd} ${western}`;
  }
  return withWeekday ? formatRocDateWithWeekday(date) : formatRocDate(date, 'long');
}

/**
 * A day and a time (or 09:00–09:30) as one phrase: 民國115年12月3日 09:00, and after the
 * weekday's full-width bracket no space (民國115年12月3日（星期四）09:00–09:30); in English
 * Thursday 3 December 2026 09:00–09:30. An empty time leaves the date alone.
 */
export function showDateTime(date: string, time: string, locale: Locale, withWeekday = false): string {
  const day = showDate(date, locale, withWeekday);
  if (!time) return day;
  return locale === 'zh-Hant' && withWeekday ? `${day}${time}` : `${day} ${time}`;
}

/** An instant (ISO UTC) shown in Asia/Taipei. */
export function showInstant(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return showDateTime(toTaipeiIsoDate(d), taipeiTime(d), locale);
}

const MONTHS_SHORT_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A month (2026-11), quarter (2026-Q4) or year (2026) as people read it: 民國115年11月, 民國115年第4季, 民國115年; Nov 2026, 2026 Q4, 2026 in English. Anything else is shown as it is. */
export function showPeriod(key: string, locale: Locale): string {
  const m = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/.exec(key);
  if (!m) return key;
  const y = Number(m[1]);
  if (locale === 'en') return m[2] ? `${MONTHS_SHORT_EN[Number(m[2]) - 1]} ${y}` : m[3] ? `${y} Q${m[3]}` : String(y);
  return m[2] ? `民國${y - 1911}年${Number(m[2])}月` : m[3] ? `民國${y - 1911}年第${m[3]}季` : `民國${y - 1911}年`;
}
