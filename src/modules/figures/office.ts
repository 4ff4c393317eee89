import type { Db } from '../../db/index.js';
import { daysBetween, type IsoDate } from '../../platform/calendar/index.js';
import type { Tally } from '../../platform/figures/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { guidesService } from '../guides/index.js';
import { officesService } from '../offices/index.js';
import { change, type FigureDef, FIGURES, figuresOf, satisfactionInterval } from './headline.js';
import { monthPeriod, type Period, previousPeriod, quarterPeriod, rangePeriod, sameLastYear, yearPeriod } from './periods.js';
import { seriesFor, talliesFor } from './read.js';

/**
 * One office's figures over a period: every headline figure with its change
 * on the period before and on the same period last year, the same figures
 * per day, week or month, and the tally the breakdowns are read from.
 */
export const GRAINS = ['day', 'week', 'month'] as const;
export type Grain = (typeof GRAINS)[number];
export const GROUPS: FigureDef['group'][] = ['queue', 'booking', 'cases', 'petitions', 'surveys', 'other'];

/** The longest run of days the page accepts (ten years). */
export const MAX_RANGE_DAYS = 3660;
/** Longer than this, rows by day would be a table of thousands of rows: the page lists months instead. */
const MAX_DAY_ROWS = 366;

const lengthOf = (p: Period) => daysBetween(p.from, p.to) + 1;
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A run of days that is exactly a month, quarter or year becomes that period (its label and comparisons read better). */
export function wholePeriod(p: Period): Period {
  if (p.kind !== 'range') return p;
  const y = Number(p.from.slice(0, 4));
  const m = Number(p.from.slice(5, 7));
  const candidates = [monthPeriod(y, m), yearPeriod(y)];
  if ((m - 1) % 3 === 0) candidates.push(quarterPeriod(y, (m - 1) / 3 + 1));
  return candidates.find((c) => c.from === p.from && c.to === p.to) ?? p;
}

/** Today's month so far: the default period. */
export function monthToDate(today: IsoDate): Period {
  return wholePeriod(rangePeriod(`${today.slice(0, 7)}-01`, today));
}

/**
 * What a period is compared with. A month so far (the 1st to some day of
 * one month, the page's default) against the same days of the month before,
 * not the 20 days just before it: 1–20 November against 1–20 October. Every
 * other period as previousPeriod and sameLastYear say.
 */
export function comparisonPeriods(p: Period): { previous: Period; lastYear: Period } {
  const lastYear = sameLastYear(p);
  if (p.kind === 'range' && p.from.endsWith('-01') && p.from.slice(0, 7) === p.to.slice(0, 7)) {
    const before = previousPeriod(monthPeriod(Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))));
    const [y, m] = [Number(before.from.slice(0, 4)), Number(before.from.slice(5, 7))];
    const day = Math.min(Number(p.to.slice(8, 10)), lastDayOf(y, m));
    return { previous: wholePeriod(rangePeriod(before.from, `${before.from.slice(0, 8)}${String(day).padStart(2, '0')}`)), lastYear };
  }
  return { previous: previousPeriod(p), lastYear };
}

/** Rows by day for a short period, by week for a quarter or a few months, by month for a year. */
export function defaultGrain(p: Period): Grain {
  if (p.kind === 'month') return 'day';
  if (p.kind === 'quarter') return 'week';
  if (p.kind === 'year') return 'month';
  const n = lengthOf(p);
  return n <= 62 ? 'day' : n <= MAX_DAY_ROWS ? 'week' : 'month';
}

/** The grain asked for, unless it would list more than a year of days. */
export function usableGrain(p: Period, asked: Grain | undefined): { grain: Grain; narrowed: boolean } {
  const grain = asked ?? defaultGrain(p);
  if (grain === 'day' && lengthOf(p) > MAX_DAY_ROWS) return { grain: 'month', narrowed: true };
  return { grain, narrowed: false };
}

export interface FigureLine {
  def: FigureDef;
  now: number | null;
  previous: number | null;
  lastYear: number | null;
  vsPrevious: number | null;
  vsLastYear: number | null;
}

export interface OfficeFigures {
  period: Period;
  previous: Period;
  lastYear: Period;
  grain: Grain;
  /** the whole period's tally: the breakdowns read their parts from it */
  tally: Tally;
  lines: FigureLine[];
  /** every figure per day, week or month (the last slot of a week may be clipped to the period) */
  series: { period: Period; figures: Record<string, number | null> }[];
  satisfactionInterval: { low: number; high: number } | null;
}

export async function officeFigures(db: Db, officeId: number, period: Period, grain: Grain): Promise<OfficeFigures> {
  const { previous, lastYear } = comparisonPeriods(period);
  const [now, before, yearAgo, series] = await Promise.all([
    talliesFor(db, [officeId], period),
    talliesFor(db, [officeId], previous),
    talliesFor(db, [officeId], lastYear),
    seriesFor(db, [officeId], period, grain),
  ]);
  const tally = now.get(officeId) ?? {};
  const [a, b, c] = [figuresOf(tally), figuresOf(before.get(officeId) ?? {}), figuresOf(yearAgo.get(officeId) ?? {})];
  const lines = FIGURES.map((def) => {
    const v = a[def.key] ?? null;
    const p = b[def.key] ?? null;
    const y = c[def.key] ?? null;
    return { def, now: v, previous: p, lastYear: y, vsPrevious: change(def, v, p), vsLastYear: change(def, v, y) };
  });
  return {
    period,
    previous,
    lastYear,
    grain,
    tally,
    lines,
    series: series.map((s) => ({ period: s.period, figures: figuresOf(s.tallies.get(officeId) ?? {}) })),
    satisfactionInterval: satisfactionInterval(tally),
  };
}

/** What the breakdowns' keys are called: services by their code in the office's service table, case types by their guide. */
export interface Names {
  service: Map<string, string>;
  guide: Map<string, string>;
}

export async function namesFor(db: Db, officeId: number, tally: Tally, locale: Locale): Promise<Names> {
  const services = await officesService.servicesOfOffices(db, [officeId]);
  const service = new Map(services.map((s) => [s.code, locale === 'en' ? s.name_en : s.name_zh]));
  const codes = new Set<string>();
  for (const k of Object.keys(tally)) {
    const m = /^c\.(?:recv|closed)\.(.+)$/.exec(k);
    if (m?.[1]) codes.add(m[1]);
  }
  const guide = new Map<string, string>();
  for (const code of codes) {
    // the office's own guide first, then the county library; a code no guide has any more is shown as it is
    const g = await guidesService.guide(db, code, locale, officeId).catch(() => null);
    if (g) guide.set(code, g.name);
  }
  return { service, guide };
}
