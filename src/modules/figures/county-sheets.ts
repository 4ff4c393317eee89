import type { Cell as SheetCell, Sheet } from '../../platform/export/index.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import type { Board, League, OfficeRef } from './county.js';
import { FIGURES, type FigureDef } from './headline.js';
import { type Period, periodLabel } from './periods.js';

/**
 * The county dashboard's tables as sheets: what the page shows, the CSV of
 * one table and the ODS of all of them hold the same rows. Each has an id
 * (the `table` of a CSV download) and a title and headers in the request's
 * language, periods in 民國 on zh-Hant.
 */
export interface CountySheet extends Sheet {
  id: string;
}

export const GROUPS: FigureDef['group'][] = [...new Set(FIGURES.map((f) => f.group))];

export const officeLabel = (o: OfficeRef, t: Translate) => (o.closed ? `${o.name}${t('figures.county.closed')}` : o.name);

const valueUnit = (def: FigureDef, t: Translate) => t(`figures.county.unit.${def.unit}`);
const changeUnit = (def: FigureDef, t: Translate) => t(def.unit === 'percent' ? 'figures.county.unit.points' : 'figures.county.unit.growth');

export interface Compared {
  previous: Period;
  lastYear: Period;
}

export function headlineHeaders(defs: FigureDef[], t: Translate, locale: Locale, compared: Compared): string[] {
  const prev = periodLabel(compared.previous, locale);
  const year = periodLabel(compared.lastYear, locale);
  return [
    t('figures.county.office'),
    ...defs.flatMap((def) => {
      const figure = t(`figures.f.${def.key}`);
      return [
        t('figures.county.col.value', { figure, unit: valueUnit(def, t) }),
        t('figures.county.col.previous', { figure, period: prev, unit: changeUnit(def, t) }),
        t('figures.county.col.lastYear', { figure, period: year, unit: changeUnit(def, t) }),
      ];
    }),
  ];
}

export function headlineSheet(board: Board, group: FigureDef['group'], t: Translate, locale: Locale, compared: Compared): CountySheet {
  const defs = FIGURES.filter((f) => f.group === group);
  const row = (label: string, cells: Board['county'] | undefined): SheetCell[] => [
    label,
    ...defs.flatMap((def) => {
      const c = cells?.[def.key];
      return [c?.value ?? null, c?.onPrevious ?? null, c?.onLastYear ?? null];
    }),
  ];
  return {
    id: `group.${group}`,
    name: t(`figures.group.${group}`),
    headers: headlineHeaders(defs, t, locale, compared),
    rows: [...board.offices.map((o) => row(officeLabel(o, t), board.cells.get(o.id))), row(t('figures.county.total'), board.county)],
  };
}

export function leagueSheet(league: League, t: Translate, locale: Locale, compared: Compared): CountySheet {
  const { def } = league;
  const [, value, prev, year] = headlineHeaders([def], t, locale, compared);
  return {
    id: `league.${def.key}`,
    name: t('figures.county.leagueSheet', { figure: t(`figures.f.${def.key}`) }),
    headers: [t('figures.county.rank'), t('figures.county.office'), value!, prev!, year!],
    rows: [
      ...league.rows.map((r): SheetCell[] => [r.rank, officeLabel(r.item, t), r.value, r.cell.onPrevious, r.cell.onLastYear]),
      [null, t('figures.county.median'), league.median, null, null],
    ],
  };
}

export function seriesSheet(
  offices: OfficeRef[],
  months: Period[],
  series: { byOffice: Map<number, (number | null)[]>; county: (number | null)[] },
  def: FigureDef,
  t: Translate,
  locale: Locale,
): CountySheet {
  return {
    id: `series.${def.key}`,
    name: t('figures.county.seriesSheet', { figure: t(`figures.f.${def.key}`) }),
    headers: [t('figures.county.month'), ...offices.map((o) => officeLabel(o, t)), t('figures.county.total')],
    rows: months.map((m, i) => [periodLabel(m, locale), ...offices.map((o) => series.byOffice.get(o.id)?.[i] ?? null), series.county[i] ?? null]),
  };
}

/**
 * Sheet names as a spreadsheet takes them: at most 31 characters, none of
 * []*?:/\, and no two alike (two long English names can share 31 characters).
 */
export function spreadsheetNames<S extends Sheet>(sheets: S[]): S[] {
  const seen = new Set<string>();
  return sheets.map((s) => {
    const base = s.name.replace(/[[\]*?:/\\]/g, ' ').slice(0, 31);
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    seen.add(name);
    return { ...s, name };
  });
}
