/**
 * The demo's generated population figures written as the Ministry's monthly
 * files (formats.ts): CSV or the open-data API's JSON envelope, UTF-8 or
 * Big5, English or Chinese keys, with or without town total rows. The
 * figures are generated, not official.
 */
import iconv from 'iconv-lite';
import { ageColumn, type Column, COMMON_COLUMNS, EVENT_COLUMNS, EVENT_TOTAL_COLUMNS, HOUSEHOLD_COLUMNS, MAX_AGE, type StatKind, yyymmOfMonth } from '../formats.js';
import { type AgeRow, type EventRow, generatePopulationMonth, type HouseholdRow, type RowPlace } from './month.js';

export interface WriteOptions {
  kind: StatKind;
  format: 'csv' | 'json';
  encoding: 'utf-8' | 'big5';
  keys: 'en' | 'zh';
  withTotals: boolean;
  seed?: number;
  /** CSV with English keys: a second header row repeating the keys in Chinese, as data.gov.tw's downloads have */
  zhSecondHeader?: boolean;
  /** numbers with thousands separators (1,234) */
  separators?: boolean;
}

type Cell = string | number;

const COMMON = [COMMON_COLUMNS.month, COMMON_COLUMNS.code, COMMON_COLUMNS.site, COMMON_COLUMNS.village];
const AGES = Array.from({ length: MAX_AGE + 1 }, (_, a) => a);

/** Each kind's columns, in the order the files have them. */
const COLUMNS: Record<StatKind, Column[]> = {
  households: [...COMMON, HOUSEHOLD_COLUMNS.households, HOUSEHOLD_COLUMNS.people, HOUSEHOLD_COLUMNS.male, HOUSEHOLD_COLUMNS.female],
  ages: [...COMMON, ...AGES.flatMap((a) => [ageColumn(a, 'm'), ageColumn(a, 'f')])],
  events: [
    ...COMMON,
    EVENT_TOTAL_COLUMNS.births,
    EVENT_COLUMNS.birthsM,
    EVENT_COLUMNS.birthsF,
    EVENT_TOTAL_COLUMNS.deaths,
    EVENT_COLUMNS.deathsM,
    EVENT_COLUMNS.deathsF,
    EVENT_COLUMNS.marriages,
    EVENT_COLUMNS.divorces,
    EVENT_COLUMNS.movedIn,
    EVENT_COLUMNS.movedOut,
  ],
};

const commonCells = (r: RowPlace): Cell[] => [yyymmOfMonth(r.month), r.code, r.site, r.village];
const householdCells = (r: HouseholdRow): Cell[] => [...commonCells(r), r.households, r.people, r.male, r.female];
const ageCells = (r: AgeRow): Cell[] => [...commonCells(r), ...AGES.flatMap((a) => [r.male[a]!, r.female[a]!])];
const eventCells = (r: EventRow): Cell[] => [
  ...commonCells(r),
  ...[r.birthsM + r.birthsF, r.birthsM, r.birthsF, r.deathsM + r.deathsF, r.deathsM, r.deathsF, r.marriages, r.divorces, r.movedIn, r.movedOut],
];

/** The month's table of one kind: its rows' cells, in COLUMNS[kind] order. */
function tableOf(month: string, opts: WriteOptions): Cell[][] {
  const t = generatePopulationMonth(month, { seed: opts.seed, withTotals: opts.withTotals });
  if (opts.kind === 'households') return t.households.map(householdCells);
  if (opts.kind === 'ages') return t.ages.map(ageCells);
  return t.events.map(eventCells);
}

const keyOf = (c: Column, keys: 'en' | 'zh'): string => (keys === 'en' ? c.en : c.zh[0]!);

/** 1234567 → '1,234,567' */
const withSeparators = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

function cellText(v: Cell, separators: boolean): string {
  if (typeof v === 'number') return separators ? withSeparators(v) : String(v);
  return v;
}

const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

function csvText(columns: Column[], rows: Cell[][], opts: WriteOptions): string {
  const lines = [columns.map((c) => csvCell(keyOf(c, opts.keys)))];
  if (opts.zhSecondHeader && opts.keys === 'en') lines.push(columns.map((c) => csvCell(c.zh[0]!)));
  for (const row of rows) lines.push(row.map((v) => csvCell(cellText(v, opts.separators ?? false))));
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

function jsonText(columns: Column[], rows: Cell[][], opts: WriteOptions): string {
  const keys = columns.map((c) => keyOf(c, opts.keys));
  const data = rows.map((row) => Object.fromEntries(row.map((v, i) => [keys[i]!, cellText(v, opts.separators ?? false)])));
  return JSON.stringify({ responseCode: 'OD-0101-S', responseMessage: '處理完成', totalPage: 1, totalDataSize: data.length, page: 1, responseData: data });
}

/** One month's file of one kind, as bytes (UTF-8 CSVs start with a BOM, as the Ministry's do). */
export function writePopulationFiles(month: string, opts: WriteOptions): Uint8Array {
  const rows = tableOf(month, opts);
  const columns = COLUMNS[opts.kind];
  const text = opts.format === 'csv' ? csvText(columns, rows, opts) : jsonText(columns, rows, opts);
  if (opts.encoding === 'big5') return new Uint8Array(iconv.encode(text, 'big5'));
  const bom = opts.format === 'csv' ? '\uFEFF' : '';
  return new TextEncoder().encode(bom + text);
}
