import { sumOf, type Tally } from '../../platform/figures/index.js';
import { change, FIGURES, type FigureDef, figuresOf } from './headline.js';
import { monthPeriod, type Period } from './periods.js';

/**
 * The county dashboard's arithmetic, free of the database and of HTTP:
 * each office's figures and the county's, their changes, league tables
 * with the county median, and the months a small-multiple chart covers.
 */

/**
 * Figures whose counts sit on office 0 (site searches, see content/rollup.ts):
 * no office has them, so an office shows — rather than a misleading 0, and
 * they are ranked nowhere; the county total has them.
 */
export const SITE_FIGURES: ReadonlySet<string> = new Set(['searches', 'searchesNone']);

export type Values = Record<string, number | null>;

const noValues = (): Values => Object.fromEntries(FIGURES.map((f) => [f.key, null]));
const isEmpty = (t: Tally) => Object.keys(t).length === 0;

/** One office's figures. An office with nothing in the period has no figure at all (—), not a column of zeros. */
export function officeValues(t: Tally): Values {
  if (isEmpty(t)) return noValues();
  const v = figuresOf(t);
  for (const k of SITE_FIGURES) v[k] = null;
  return v;
}

/**
 * The county's tally: the offices' tallies added up (plus what belongs to
 * no office). Shares, means and percentiles are then worked out from the
 * summed counts, so a small office weighs what its counts weigh; averaging
 * the offices' percentages would not give the county's figure.
 */
export function countyTally(officeTallies: Iterable<Tally>, site: Tally = {}): Tally {
  return sumOf([...officeTallies, site]);
}

export function countyValues(officeTallies: Iterable<Tally>, site: Tally = {}): Values {
  const t = countyTally(officeTallies, site);
  return isEmpty(t) ? noValues() : figuresOf(t);
}

export interface Cell {
  value: number | null;
  /** change on the previous period (points for percentages, % growth otherwise) */
  onPrevious: number | null;
  /** change on the same period a year earlier */
  onLastYear: number | null;
}

export function cellsOf(now: Values, previous: Values, lastYear: Values): Record<string, Cell> {
  return Object.fromEntries(
    FIGURES.map((def) => {
      const v = now[def.key] ?? null;
      return [def.key, { value: v, onPrevious: change(def, v, previous[def.key] ?? null), onLastYear: change(def, v, lastYear[def.key] ?? null) }];
    }),
  );
}

export interface Ranked<T> {
  item: T;
  value: number | null;
  /** 1 = best; equal values share a rank (1, 2, 2, 4); null when there is no value */
  rank: number | null;
}

/**
 * Ranks by a figure's direction: higher-is-better from the top, lower-is-better
 * from the bottom; plain volumes (better = null) by size, largest first.
 * Entries without a value come last, unranked; equal entries keep their order.
 */
export function rankBy<T>(def: Pick<FigureDef, 'better'>, entries: { item: T; value: number | null }[]): Ranked<T>[] {
  const dir = def.better === 'lower' ? 1 : -1;
  const valued = entries
    .map((e, i) => ({ ...e, i }))
    .filter((e): e is { item: T; value: number; i: number } => e.value !== null)
    .sort((a, b) => (a.value - b.value) * dir || a.i - b.i);
  const out: Ranked<T>[] = [];
  valued.forEach((e, idx) => {
    const prev = out[idx - 1];
    out.push({ item: e.item, value: e.value, rank: prev && prev.value === e.value ? prev.rank : idx + 1 });
  });
  for (const e of entries) if (e.value === null) out.push({ item: e.item, value: null, rank: null });
  return out;
}

/** The median of the values there are (the mean of the middle two for an even count), to two decimals; null for none. */
export function median(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  const m = v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return Math.round(m * 100) / 100;
}

export interface OfficeRef {
  id: number;
  code: string;
  name: string;
  closed: boolean;
}

/** Tallies of one period and of the two it is compared with, by office id. */
export interface PeriodTallies {
  now: Map<number, Tally>;
  previous: Map<number, Tally>;
  lastYear: Map<number, Tally>;
}

export interface Board {
  offices: OfficeRef[];
  /** by office id, then figure key */
  cells: Map<number, Record<string, Cell>>;
  county: Record<string, Cell>;
}

/** Every office's figures and the county's, with their changes. `site`: office 0's tallies (county total only). */
export function buildBoard(offices: OfficeRef[], t: PeriodTallies, site: PeriodTallies | null = null): Board {
  const of = (m: Map<number, Tally>, id: number) => m.get(id) ?? {};
  const cells = new Map(offices.map((o) => [o.id, cellsOf(officeValues(of(t.now, o.id)), officeValues(of(t.previous, o.id)), officeValues(of(t.lastYear, o.id)))]));
  const county = (m: Map<number, Tally>, s: Map<number, Tally> | undefined) =>
    countyValues(
      offices.map((o) => of(m, o.id)),
      s?.get(0) ?? {},
    );
  return { offices, cells, county: cellsOf(county(t.now, site?.now), county(t.previous, site?.previous), county(t.lastYear, site?.lastYear)) };
}

export interface League {
  def: FigureDef;
  rows: (Ranked<OfficeRef> & { cell: Cell })[];
  median: number | null;
}

export function leagueOf(board: Board, def: FigureDef): League {
  const cell = (id: number): Cell => board.cells.get(id)?.[def.key] ?? { value: null, onPrevious: null, onLastYear: null };
  const ranked = rankBy(
    def,
    board.offices.map((o) => ({ item: o, value: cell(o.id).value })),
  );
  return { def, rows: ranked.map((r) => ({ ...r, cell: cell(r.item.id) })), median: median(ranked.map((r) => r.value)) };
}

/** The months a chart shows: the twelve up to the month the period ends in (a year period: its own twelve). */
export function chartMonths(p: Period): Period[] {
  let y = Number(p.to.slice(0, 4));
  let m = Number(p.to.slice(5, 7));
  const out: Period[] = [];
  for (let i = 0; i < 12; i++) {
    out.unshift(monthPeriod(y, m));
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/** One figure month by month for each office and for the county: the numbers behind the small multiples. */
export function seriesOf(offices: OfficeRef[], months: { tallies: Map<number, Tally> }[], def: FigureDef): { byOffice: Map<number, (number | null)[]>; county: (number | null)[] } {
  const byOffice = new Map(offices.map((o) => [o.id, months.map((mo) => officeValues(mo.tallies.get(o.id) ?? {})[def.key] ?? null)]));
  const county = months.map(
    (mo) =>
      countyValues(
        offices.map((o) => mo.tallies.get(o.id) ?? {}),
        mo.tallies.get(0) ?? {},
      )[def.key] ?? null,
  );
  return { byOffice, county };
}
