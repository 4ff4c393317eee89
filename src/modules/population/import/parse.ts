import { COMMON_COLUMNS, type Column, EVENT_TOTAL_COLUMNS, monthOfYyymm, type StatKind, TOTAL_ROW_WORDS } from '../formats.js';
import type { TableFile, TableRow } from '../table-file.js';
import { FIGURE_COLUMNS, isHeaderEcho, keyIn, kindOfKeys } from './columns.js';

/** Why a file was refused: the row (file line) and column it is about, and a catalog key. */
export interface Problem {
  line: number | null;
  column: string | null;
  key: string;
  params?: Record<string, string | number>;
}

/** A row of the file: a village, or a town's total (which is checked, never stored). */
export interface ParsedRow {
  line: number;
  month: string | null;
  /** 11 digits for a village; 8 for a total row */
  code: string;
  townCode: string;
  site: string;
  village: string;
  total: boolean;
  figures: Record<string, number>;
}

export interface ParsedTable {
  kind: StatKind;
  rows: ParsedRow[];
  /** figure name → the column's key as the file writes it (for naming a column in a problem) */
  label: Record<string, string>;
  monthKey: string;
  codeKey: string;
  /** rows left out for a code that is not one */
  dropped: number;
}

const P = 'population.import.problem.';
/** A count this large is a typing slip, and would not fit the database's integer. */
const MAX_COUNT = 1_000_000_000;

function columnsOf(keys: ReadonlySet<string>, kind: StatKind, problems: Problem[]): Record<string, string> {
  const label: Record<string, string> = {};
  const need: [string, Column][] = [...Object.entries(COMMON_COLUMNS), ...Object.entries(FIGURE_COLUMNS[kind])];
  for (const [name, c] of need) {
    const k = keyIn(keys, c);
    if (k === null) problems.push({ line: null, column: c.en, key: `${P}missingColumn`, params: { key: c.zh[0] ? `${c.en}／${c.zh[0]}` : c.en } });
    else label[name] = k;
  }
  if (kind === 'events') {
    for (const [name, c] of Object.entries(EVENT_TOTAL_COLUMNS)) {
      const k = keyIn(keys, c);
      if (k !== null) label[name] = k;
    }
  }
  return label;
}

/** A cell as a count ≥ 0, or a problem naming the row and column. */
function countCell(row: TableRow, key: string, problems: Problem[]): number | null {
  const raw = (row.cells[key] ?? '').trim();
  const refuse = (k: string): null => {
    problems.push({ line: row.line, column: key, key: `${P}${k}`, params: { value: raw } });
    return null;
  };
  if (raw === '') return refuse('empty');
  const s = raw.replaceAll(',', '');
  if (!/^[-+]?\d+$/.test(s)) return refuse('notANumber');
  const n = Number(s);
  if (n < 0) return refuse('negative');
  if (n > MAX_COUNT) return refuse('tooLarge');
  return n;
}

/** The sums a row must keep by itself: people = male + female; births and deaths totals = m + f when the file has them. */
function rowSums(row: TableRow, kind: StatKind, f: Record<string, number>, label: Record<string, string>, problems: Problem[]) {
  if (kind === 'households') {
    const { people, male, female } = f;
    if (people !== undefined && male !== undefined && female !== undefined && people !== male + female)
      problems.push({ line: row.line, column: label.people ?? null, key: `${P}peopleSum`, params: { people, male, female } });
  }
  if (kind === 'events') {
    for (const [total, m, fe] of [
      ['births', 'birthsM', 'birthsF'],
      ['deaths', 'deathsM', 'deathsF'],
    ] as const) {
      const key = label[total];
      if (key === undefined) continue;
      const t = countCell(row, key, problems);
      const male = f[m];
      const female = f[fe];
      if (t !== null && male !== undefined && female !== undefined && t !== male + female) problems.push({ line: row.line, column: key, key: `${P}eventSum`, params: { total: t, male, female } });
    }
  }
}

function parseRow(row: TableRow, kind: StatKind, label: Record<string, string>, problems: Problem[]): ParsedRow | null {
  const cell = (name: string) => (row.cells[label[name] ?? ''] ?? '').trim();
  const yyymm = cell('month');
  const month = monthOfYyymm(yyymm);
  if (month === null) problems.push({ line: row.line, column: label.month ?? null, key: `${P}badMonth`, params: { value: yyymm } });
  const code = cell('code').replace(/\s/g, '');
  const village = cell('village').replaceAll('台', '臺');
  const total = TOTAL_ROW_WORDS.includes(village) || /^\d{8}$/.test(code);
  const codeOk = total ? /^\d{8}(\d{3})?$/.test(code) : /^\d{11}$/.test(code);
  if (!codeOk) problems.push({ line: row.line, column: label.code ?? null, key: `${P}${total ? 'badTownCode' : 'badVillageCode'}`, params: { value: code } });
  const figures: Record<string, number> = {};
  for (const name of Object.keys(FIGURE_COLUMNS[kind])) {
    const key = label[name];
    if (key === undefined) continue;
    const n = countCell(row, key, problems);
    if (n !== null) figures[name] = n;
  }
  rowSums(row, kind, figures, label, problems);
  if (!codeOk) return null;
  return { line: row.line, month, code: total ? code.slice(0, 8) : code, townCode: code.slice(0, 8), site: cell('site').replaceAll('台', '臺'), village, total, figures };
}

/**
 * The file's kind, columns and rows, each cell checked on its own (numbers,
 * codes, the month, the row's own sums). A CSV's second header row in the
 * other language is skipped. Problems are collected, not thrown.
 */
export function parseTable(table: TableFile, problems: Problem[]): ParsedTable | null {
  const keys = new Set(table.keys);
  const kind = kindOfKeys(keys);
  if (kind === 'none' || kind === 'ambiguous') {
    problems.push({ line: null, column: null, key: `${P}${kind === 'none' ? 'kindUnknown' : 'kindAmbiguous'}` });
    return null;
  }
  const label = columnsOf(keys, kind, problems);
  if (problems.length > 0) return null;
  const rows: ParsedRow[] = [];
  let dropped = 0;
  for (const row of table.rows) {
    if (table.format === 'csv' && isHeaderEcho(row.cells)) continue;
    const parsed = parseRow(row, kind, label, problems);
    if (parsed) rows.push(parsed);
    else dropped++;
  }
  return { kind, rows, label, monthKey: label.month ?? 'statistic_yyymm', codeKey: label.code ?? 'district_code', dropped };
}
