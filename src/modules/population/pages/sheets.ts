import type { Cell } from '../../../platform/export/index.js';
import type { Locale, Translate } from '../../../platform/i18n/index.js';
import { monthBefore, type SortKey } from './figures.js';
import type { PopulationFigures } from './service.js';
import { areaName, bandLabel, monthLabel } from './views/format.js';

/**
 * The tables of a population page: what the page shows under each chart
 * and what the CSV and ODS downloads hold, built once from the figures so
 * the three never disagree. Cells keep raw numbers; the page formats them.
 */

export const TABLE_IDS = ['summary', 'trend', 'ages', 'events', 'compare'] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** How a cell is shown on the page: a count (212,345), a ratio (103.25), a change (+312) or text. */
export type CellKind = 'text' | 'count' | 'ratio' | 'signed';

export interface SheetColumn {
  header: string;
  kind: CellKind;
  /** a column only the downloads carry (the ISO month beside the 民國 one; the trend's sexes, which its charts do not draw) */
  download?: boolean;
  /** the compare table sorts by it (?sort=) */
  sort?: SortKey;
}

export interface SheetRow {
  cells: Cell[];
  /** per cell, when a row differs from its column (the summary's ratios among counts) */
  kinds?: CellKind[];
  /** where the first cell links: a town's or village's own page */
  href?: string;
}

export interface PopSheet {
  id: TableId;
  /** the ODS sheet name */
  name: string;
  caption: string;
  columns: SheetColumn[];
  rows: SheetRow[];
}

const p = (key: string) => `population.pages.${key}`;

function summarySheet(f: PopulationFigures, t: Translate, month: string): PopSheet {
  const s = f.summary;
  const a = f.ages;
  const row = (key: string, value: number | null, kind: CellKind): SheetRow => ({ cells: [t(p(`item.${key}`)), value], kinds: ['text', kind] });
  const rows: SheetRow[] = [
    row('households', s.households, 'count'),
    row('people', s.people, 'count'),
    row('male', s.male, 'count'),
    row('female', s.female, 'count'),
    row('sexRatio', s.sexRatio, 'ratio'),
    row('avgHouseholdSize', s.avgHouseholdSize, 'ratio'),
    row('areaKm2', s.areaKm2, 'ratio'),
    row('density', s.density, 'ratio'),
    row('changePeople', s.change?.people ?? null, 'signed'),
    row('changeHouseholds', s.change?.households ?? null, 'signed'),
  ];
  if (a) {
    rows.push(
      row('children', a.children, 'count'),
      row('working', a.working, 'count'),
      row('elderly', a.elderly, 'count'),
      row('childrenShare', a.shares.children, 'ratio'),
      row('workingShare', a.shares.working, 'ratio'),
      row('elderlyShare', a.shares.elderly, 'ratio'),
      row('dependencyRatio', a.dependencyRatio, 'ratio'),
      row('ageingIndex', a.ageingIndex, 'ratio'),
    );
  }
  return { id: 'summary', name: t(p('sheet.summary')), caption: t(p('caption.summary'), { month }), columns: [{ header: t(p('col.item')), kind: 'text' }, { header: t(p('col.value')), kind: 'count' }], rows };
}

function trendSheet(f: PopulationFigures, t: Translate, locale: Locale): PopSheet {
  const rows = f.trend.map((pt, i): SheetRow => {
    const before = f.trend[i - 1];
    const change = before && before.month === monthBefore(pt.month) ? pt.people - before.people : null;
    return { cells: [pt.month, monthLabel(pt.month, locale), pt.households, pt.people, pt.male, pt.female, change] };
  });
  const first = f.trend[0]?.month ?? f.month;
  return {
    id: 'trend',
    name: t(p('sheet.trend')),
    caption: t(p('caption.trend'), { from: monthLabel(first, locale), to: monthLabel(f.month, locale) }),
    columns: [
      { header: t(p('col.monthIso')), kind: 'text', download: true },
      { header: t(p('col.month')), kind: 'text' },
      { header: t(p('item.households')), kind: 'count' },
      { header: t(p('item.people')), kind: 'count' },
      { header: t(p('item.male')), kind: 'count', download: true },
      { header: t(p('item.female')), kind: 'count', download: true },
      { header: t(p('col.changePeople')), kind: 'signed' },
    ],
    rows,
  };
}

function agesSheet(f: PopulationFigures, t: Translate, month: string): PopSheet | null {
  const a = f.ages;
  if (!a) return null;
  const share = (n: number) => (a.total > 0 ? Math.round((n / a.total) * 10000) / 100 : null);
  return {
    id: 'ages',
    name: t(p('sheet.ages')),
    caption: t(p('caption.ages'), { month }),
    columns: [
      { header: t(p('col.band')), kind: 'text' },
      { header: t(p('item.male')), kind: 'count' },
      { header: t(p('item.female')), kind: 'count' },
      { header: t(p('col.total')), kind: 'count' },
      { header: t(p('col.share')), kind: 'ratio' },
    ],
    rows: [...a.bands].reverse().map((b) => ({ cells: [bandLabel(b, t), b.male, b.female, b.total, share(b.total)] })),
  };
}

function eventsSheet(f: PopulationFigures, t: Translate, month: string): PopSheet | null {
  const e = f.events;
  if (!e) return null;
  const items: [string, number, CellKind][] = [
    ['birthsM', e.birthsM, 'count'],
    ['birthsF', e.birthsF, 'count'],
    ['births', e.births, 'count'],
    ['deathsM', e.deathsM, 'count'],
    ['deathsF', e.deathsF, 'count'],
    ['deaths', e.deaths, 'count'],
    ['naturalIncrease', e.naturalIncrease, 'signed'],
    ['movedIn', e.movedIn, 'count'],
    ['movedOut', e.movedOut, 'count'],
    ['socialIncrease', e.socialIncrease, 'signed'],
    ['marriages', e.marriages, 'count'],
    ['divorces', e.divorces, 'count'],
  ];
  return {
    id: 'events',
    name: t(p('sheet.events')),
    caption: t(p('caption.events'), { month }),
    columns: [
      { header: t(p('col.item')), kind: 'text' },
      { header: t(p('col.count')), kind: 'count' },
    ],
    rows: items.map(([key, value, kind]) => ({ cells: [t(p(`event.${key}`)), value], kinds: ['text', kind] })),
  };
}

function compareSheet(f: PopulationFigures, t: Translate, locale: Locale, month: string, hrefOf: (code: string) => string): PopSheet | null {
  if (!f.compare) return null;
  const unit = f.area.level === 'county' ? 'town' : 'village';
  return {
    id: 'compare',
    name: t(p(`sheet.compare.${unit}`)),
    caption: t(p(`caption.compare.${unit}`), { month }),
    columns: [
      { header: t(p(`col.${unit}`)), kind: 'text', sort: 'name' },
      { header: t(p('col.code')), kind: 'text', sort: 'code' },
      { header: t(p('item.households')), kind: 'count', sort: 'households' },
      { header: t(p('item.people')), kind: 'count', sort: 'people' },
      { header: t(p('item.male')), kind: 'count', sort: 'male' },
      { header: t(p('item.female')), kind: 'count', sort: 'female' },
      { header: t(p('item.sexRatio')), kind: 'ratio', sort: 'sexRatio' },
      { header: t(p('item.avgHouseholdSize')), kind: 'ratio', sort: 'avgHouseholdSize' },
      { header: t(p('item.density')), kind: 'ratio', sort: 'density' },
      { header: t(p('col.share')), kind: 'ratio', sort: 'share' },
    ],
    rows: f.compare.map((r) => ({
      cells: [areaName(r, locale), r.code, r.households, r.people, r.male, r.female, r.sexRatio, r.avgHouseholdSize, r.density, r.share],
      href: hrefOf(r.code),
    })),
  };
}

/** Every table of the page, in the page's order. `hrefOf`: a compared town's or village's page. */
export function sheetsOf(f: PopulationFigures, t: Translate, locale: Locale, hrefOf: (code: string) => string): PopSheet[] {
  const month = monthLabel(f.month, locale);
  return [summarySheet(f, t, month), trendSheet(f, t, locale), agesSheet(f, t, month), eventsSheet(f, t, month), compareSheet(f, t, locale, month, hrefOf)].filter((s): s is PopSheet => s !== null);
}

/** A sheet as the downloads write it: every column, raw numbers, blanks for what is unknown. */
export function downloadTable(s: PopSheet): { headers: string[]; rows: Cell[][] } {
  return { headers: s.columns.map((c) => c.header), rows: s.rows.map((r) => r.cells) };
}
