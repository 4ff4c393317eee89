import type { Locale } from '../../../../platform/i18n/index.js';
import { showPeriod } from '../../../../platform/layout/dates.js';
import type { AgeBand } from '../figures.js';
import type { AreaRef } from '../service.js';

/** A month as people read it: 115年10月; Oct 2026 in English. */
export function monthLabel(month: string, locale: Locale): string {
  return locale === 'en' ? showPeriod(month, 'en') : showPeriod(month, 'zh-Hant').replace(/^民國/, '');
}

/** A short axis label: the month (10月 / Oct) and, where the year changes, the year under it (115年 / 2026). */
export function monthTick(month: string, locale: Locale): { month: string; year: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (locale === 'en') return { month: showPeriod(month, 'en').slice(0, 3), year: String(y) };
  return { month: `${m}月`, year: `${y - 1911}年` };
}

const numberLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'zh-TW');

/** A count with thousands separators: 212,345. */
export function count(n: number, locale: Locale): string {
  return n.toLocaleString(numberLocale(locale), { maximumFractionDigits: 0 });
}

/** A ratio with two decimals (103.25); — when there is none. */
export function decimal(n: number | null, locale: Locale, digits = 2): string {
  if (n === null) return '—';
  return n.toLocaleString(numberLocale(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A change with its sign: +312, -45, 0. */
export function signed(n: number, locale: Locale): string {
  return n > 0 ? `+${count(n, locale)}` : count(n, locale);
}

/** A 5-year band: 0–4 歲, 100 歲以上 (English: 0–4, 100 and over). */
export function bandLabel(b: Pick<AgeBand, 'from' | 'to'>, t: (key: string, params?: Record<string, string | number>) => string): string {
  return b.to === null ? t('population.pages.band.open', { from: b.from }) : t('population.pages.band', { from: b.from, to: b.to });
}

/** A place's name in the page's language (villages have only their Chinese name). */
export function areaName(a: Pick<AreaRef, 'name' | 'nameEn'>, locale: Locale): string {
  return locale === 'en' && a.nameEn ? a.nameEn : a.name;
}
