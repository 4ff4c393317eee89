import type { Locale, Translate } from '../../../../platform/i18n/index.js';
import { largestBand } from '../figures.js';
import type { PopulationFigures } from '../service.js';
import { areaName, bandLabel, count, decimal, monthLabel, signed } from './format.js';

/**
 * Each chart's text summary (its <figcaption>): the figures a reader
 * would take from the picture, in a sentence, e.g.
 * 「115年10月人口 212,345 人，較上月增加 312 人；戶數 80,123 戶，較上月增加 50 戶。」
 */

const p = (key: string) => `population.pages.${key}`;
const joiner = (locale: Locale) => (locale === 'en' ? { clause: '; ', end: '.' } : { clause: '；', end: '。' });

function changeWords(t: Translate, locale: Locale, what: 'people' | 'households', n: number | null): string {
  if (n === null) return '';
  const dir = n > 0 ? 'up' : n < 0 ? 'down' : 'same';
  return t(p(`change.${what}.${dir}`), { n: count(Math.abs(n), locale) });
}

/** 「115年10月人口 212,345 人，較上月增加 312 人；戶數 80,123 戶，較上月增加 50 戶。」 */
export function trendCaption(f: PopulationFigures, t: Translate, locale: Locale): string {
  const s = f.summary;
  const j = joiner(locale);
  const people = t(p('cap.people'), { month: monthLabel(f.month, locale), n: count(s.people, locale) }) + changeWords(t, locale, 'people', s.change?.people ?? null);
  const households = t(p('cap.households'), { n: count(s.households, locale) }) + changeWords(t, locale, 'households', s.change?.households ?? null);
  return `${people}${j.clause}${households}${j.end}`;
}

/** Shares of the three age groups, the largest band, the dependency ratio and ageing index. */
export function agesCaption(f: PopulationFigures, t: Translate, locale: Locale): string {
  const a = f.ages;
  if (!a) return '';
  return t(p('cap.ages'), {
    month: monthLabel(f.month, locale),
    children: decimal(a.shares.children, locale, 1),
    working: decimal(a.shares.working, locale, 1),
    elderly: decimal(a.shares.elderly, locale, 1),
    band: bandLabel(largestBand(a), t),
    dependency: decimal(a.dependencyRatio, locale),
    ageing: decimal(a.ageingIndex, locale),
  });
}

/** Births, deaths and natural increase; moves and social increase. */
export function eventsCaption(f: PopulationFigures, t: Translate, locale: Locale): string {
  const e = f.events;
  if (!e) return '';
  return t(p('cap.events'), {
    month: monthLabel(f.month, locale),
    births: count(e.births, locale),
    deaths: count(e.deaths, locale),
    natural: signed(e.naturalIncrease, locale),
    moved_in: count(e.movedIn, locale),
    moved_out: count(e.movedOut, locale),
    social: signed(e.socialIncrease, locale),
  });
}

/** The most and the fewest people among the towns or villages. */
export function compareCaption(f: PopulationFigures, t: Translate, locale: Locale): string {
  const rows = f.compare ?? [];
  if (rows.length === 0) return '';
  const byPeople = [...rows].sort((a, b) => b.people - a.people || a.code.localeCompare(b.code));
  const top = byPeople[0]!;
  const bottom = byPeople[byPeople.length - 1]!;
  const unit = f.area.level === 'county' ? 'town' : 'village';
  return t(p(`cap.compare.${unit}`), {
    month: monthLabel(f.month, locale),
    units: count(rows.length, locale),
    top: areaName(top, locale),
    topN: count(top.people, locale),
    bottom: areaName(bottom, locale),
    bottomN: count(bottom.people, locale),
  });
}
