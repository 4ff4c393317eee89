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

/** An instant (ISO UTC) shown in Asia/Taipei. */
export function showInstant(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return `${showDate(toTaipeiIsoDate(d), locale)} ${taipeiTime(d)}`;
}
