import { formatRocDate, type IsoDate } from '../../platform/calendar/index.js';
import type { Cell, Sheet } from '../../platform/export/index.js';
import { get, mean, partsOf, share, type Tally } from '../../platform/figures/index.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import { showDate } from '../../platform/layout/dates.js';
import type { FigureDef } from './headline.js';
import type { Grain, Names, OfficeFigures } from './office.js';
import { GROUPS } from './office.js';
import { type Period, periodLabel } from './periods.js';

/**
 * Every table of the office figures page as a sheet: the page shows these
 * rows and the CSV and ODS downloads hold the same ones. Each has an id for
 * `office.csv?table=<id>`.
 */
export interface OfficeTable {
  id: string;
  sheet: Sheet;
}

const dateText = (d: IsoDate, locale: Locale) => (locale === 'en' ? showDate(d, 'en') : formatRocDate(d, 'slash'));

/** A row of the table over time: 115/11/03, 115/11/02至115/11/08, 民國115年11月. */
export function slotLabel(p: Period, grain: Grain, t: Translate, locale: Locale): string {
  if (grain === 'month') return periodLabel(p, locale);
  if (p.from === p.to) return dateText(p.from, locale);
  return t('figures.office.week', { from: dateText(p.from, locale), to: dateText(p.to, locale) });
}

/** A figure's name with its unit: 等候時間中位數（分鐘）, Median wait (minutes). */
export function figureHeader(def: FigureDef, t: Translate): string {
  const unit = t(`figures.unit.${def.unit}`);
  return unit ? t('punct.aside', { text: t(`figures.f.${def.key}`), aside: unit }) : t(`figures.f.${def.key}`);
}

/** A key's label from a catalog, or the key itself when no catalog names it (a channel added later). */
function labelOr(t: Translate, key: string, raw: string): string {
  const s = t(key);
  return s === key ? raw : s;
}

export function headlineSheet(f: OfficeFigures, t: Translate, locale: Locale): Sheet {
  const points = t('figures.office.points');
  return {
    name: t('figures.office.headline'),
    headers: [
      t('figures.office.group'),
      t('figures.office.figure'),
      `${t('figures.office.now')} ${periodLabel(f.period, locale)}`,
      `${t('figures.office.previous')} ${periodLabel(f.previous, locale)}`,
      t('figures.office.vsPrevious'),
      `${t('figures.office.lastYear')} ${periodLabel(f.lastYear, locale)}`,
      t('figures.office.vsLastYear'),
      t('figures.office.changeUnit'),
    ],
    rows: f.lines.map((l) => [
      t(`figures.group.${l.def.group}`),
      figureHeader(l.def, t),
      l.now,
      l.previous,
      l.vsPrevious,
      l.lastYear,
      l.vsLastYear,
      l.def.unit === 'percent' ? points : '%',
    ]),
  };
}

/** One group's figures per slot, and the whole period's in the last row. */
export function seriesSheet(f: OfficeFigures, group: FigureDef['group'], t: Translate, locale: Locale): Sheet {
  const defs = f.lines.filter((l) => l.def.group === group);
  return {
    name: t('figures.office.seriesCaption', { group: t(`figures.group.${group}`), grain: t(`figures.office.grain.${f.grain}`) }),
    headers: [t('figures.office.period'), ...defs.map((l) => figureHeader(l.def, t))],
    rows: [
      ...f.series.map((s) => [slotLabel(s.period, f.grain, t, locale), ...defs.map((l) => s.figures[l.def.key] ?? null)]),
      [t('figures.office.total'), ...defs.map((l) => l.now)],
    ],
  };
}

/** The table beside the chart: the charted figure per slot. */
export function chartSheet(f: OfficeFigures, def: FigureDef, t: Translate, locale: Locale): Sheet {
  return {
    name: t('figures.office.chartTable', { figure: t(`figures.f.${def.key}`), grain: t(`figures.office.grain.${f.grain}`) }),
    headers: [t('figures.office.period'), figureHeader(def, t)],
    rows: f.series.map((s) => [slotLabel(s.period, f.grain, t, locale), s.figures[def.key] ?? null]),
  };
}

/** Counts under a prefix with their share of a total, largest first, and the total last; no rows when nothing was counted. */
function shareSheet(name: string, headers: [string, string], tally: Tally, prefix: string, total: number, label: (key: string) => string, t: Translate, order?: (a: string, b: string) => number): Sheet {
  const parts = Object.entries(partsOf(tally, prefix)).filter(([, n]) => n > 0);
  parts.sort(order ? (a, b) => order(a[0], b[0]) : (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const rows: Cell[][] = parts.map(([k, n]) => [label(k), n, share(n, total)]);
  if (rows.length) rows.push([t('figures.office.sum'), total, share(total, total)]);
  return { name, headers: [...headers, t('figures.office.col.share')], rows };
}

function casesSheet(tally: Tally, names: Names, t: Translate): Sheet {
  const codes = [...new Set([...Object.keys(partsOf(tally, 'c.recv.')), ...Object.keys(partsOf(tally, 'c.closed.'))])];
  const row = (label: string, recv: number, closed: number, onTime: number, wd: number, limit: number): Cell[] => [label, recv, closed, onTime, share(onTime, closed), mean(wd, closed), mean(limit, closed)];
  const rows = codes
    .map((g) => ({ g, recv: get(tally, `c.recv.${g}`), closed: get(tally, `c.closed.${g}`) }))
    .sort((a, b) => b.recv + b.closed - (a.recv + a.closed) || (a.g < b.g ? -1 : 1))
    .map(({ g, recv, closed }) => row(names.guide.get(g) ?? g, recv, closed, get(tally, `c.onTime.${g}`), get(tally, `c.wd.${g}`), get(tally, `c.limit.${g}`)));
  const sum = (prefix: string) => Object.values(partsOf(tally, prefix)).reduce((a, b) => a + b, 0);
  if (rows.length) rows.push(row(t('figures.office.sum'), get(tally, 'c.received'), get(tally, 'c.closed'), get(tally, 'c.onTime'), sum('c.wd.'), sum('c.limit.')));
  return {
    name: t('figures.office.b.casesType'),
    headers: ['caseType', 'received', 'closed', 'onTime', 'onTimeRate', 'days', 'limit'].map((k) => t(`figures.office.col.${k}`)),
    rows,
  };
}

export function breakdownSheets(tally: Tally, names: Names, t: Translate): OfficeTable[] {
  const tickets = get(tally, 'q.tickets');
  const petitions = get(tally, 'p.received');
  const col = (k: string) => t(`figures.office.col.${k}`);
  return [
    { id: 'tickets-service', sheet: shareSheet(t('figures.office.b.ticketsService'), [col('service'), col('tickets')], tally, 'q.svc.', tickets, (k) => names.service.get(k) ?? k, t) },
    { id: 'tickets-channel', sheet: shareSheet(t('figures.office.b.ticketsChannel'), [col('channel'), col('tickets')], tally, 'q.ch.', tickets, (k) => labelOr(t, `figures.office.ch.${k}`, k), t) },
    {
      id: 'tickets-hour',
      sheet: shareSheet(t('figures.office.b.ticketsHour'), [col('hour'), col('tickets')], tally, 'q.hour.', tickets, (k) => t('figures.office.hour', { h: k, h1: Number(k) + 1 }), t, (a, b) => Number(a) - Number(b)),
    },
    { id: 'cases-type', sheet: casesSheet(tally, names, t) },
    { id: 'petitions-channel', sheet: shareSheet(t('figures.office.b.petitionsChannel'), [col('channel'), col('count')], tally, 'p.ch.', petitions, (k) => labelOr(t, `petitions.channel.${k}`, k), t) },
    { id: 'petitions-category', sheet: shareSheet(t('figures.office.b.petitionsCategory'), [col('category'), col('count')], tally, 'p.cat.', petitions, (k) => labelOr(t, `petitions.category.${k}`, k), t) },
  ];
}

/** Every table of the page, in page order. */
export function officeTables(f: OfficeFigures, names: Names, chart: FigureDef, t: Translate, locale: Locale): OfficeTable[] {
  return [
    { id: 'headline', sheet: headlineSheet(f, t, locale) },
    { id: 'chart', sheet: chartSheet(f, chart, t, locale) },
    ...GROUPS.map((g) => ({ id: `series-${g}`, sheet: seriesSheet(f, g, t, locale) })),
    ...breakdownSheets(f.tally, names, t),
  ];
}
