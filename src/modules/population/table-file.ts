import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Executor } from '../../db/index.js';
import type { StatFileTable } from '../../db/schema.js';

/**
 * An uploaded open-data table (population files, the house-number register):
 * its text decoded (UTF-8 when it decodes strictly, else Big5 — the
 * Ministry's older CSVs), and its rows as key → cell with the line each came
 * from, whether it was CSV or JSON (an array or the API's responseData).
 */
export interface TableRow {
  /** the file's line (CSV, header = 1) or the array index + 1 (JSON) */
  line: number;
  cells: Record<string, string>;
}

export interface TableFile {
  encoding: 'utf-8' | 'big5';
  format: 'csv' | 'json';
  keys: string[];
  rows: TableRow[];
}

export class TableFileError extends Error {
  constructor(
    readonly key: string,
    readonly line: number | null = null,
  ) {
    super(key);
  }
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'big5' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'big5'), encoding: 'big5' };
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v).trim();
}

function jsonRows(text: string): TableRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new TableFileError('stats.file.badJson');
  }
  const list = Array.isArray(data) ? data : (data as { responseData?: unknown })?.responseData;
  if (!Array.isArray(list)) throw new TableFileError('stats.file.noRows');
  return list.map((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new TableFileError('stats.file.badRow', i + 1);
    return { line: i + 1, cells: Object.fromEntries(Object.entries(r).map(([k, v]) => [k.trim(), cellText(v)])) };
  });
}

function csvRows(text: string): TableRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true, bom: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? null;
    throw new TableFileError('stats.file.badCsv', line);
  }
  const [head, ...body] = records;
  if (!head) throw new TableFileError('stats.file.noRows');
  const keys = head.record.map((k) => k.trim());
  return body.map(({ record, info }) => ({ line: info.lines, cells: Object.fromEntries(keys.map((k, i) => [k, (record[i] ?? '').trim()])) }));
}

/** Decode and split a file; `.json` (or text starting with [ or {) is JSON, anything else CSV. */
export function readTableFile(bytes: Uint8Array, filename: string): TableFile {
  const { text, encoding } = decodeText(bytes);
  const isJson = /\.json$/i.test(filename) || /^\s*[[{]/.test(text);
  const rows = isJson ? jsonRows(text) : csvRows(text);
  if (rows.length === 0) throw new TableFileError('stats.file.noRows');
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.cells)))];
  return { encoding, format: isJson ? 'json' : 'csv', keys, rows };
}

/** The cell of a row under any of a column's names (English key first). */
export function cellOf(row: TableRow, names: { en: string; zh: readonly string[] }): string | undefined {
  for (const k of [names.en, ...names.zh]) {
    const v = row.cells[k];
    if (v !== undefined) return v;
  }
  return undefined;
}

/** '1,234' → 1234; null when it is not a whole number ≥ 0. */
export function countOf(v: string | undefined): number | null {
  if (v === undefined) return null;
  const s = v.replaceAll(',', '').trim();
  if (!/^-?\d+$/.test(s)) return null;
  return Number(s);
}

export type NewStatFile = Omit<StatFileTable, 'id' | 'sha256' | 'replaced_by' | 'content'> & { content: Uint8Array };

/**
 * Keep the file as it came, inside the import's transaction; an earlier file
 * of the same kind and month (and county) is marked replaced by this one.
 */
export async function storeRawFile(trx: Executor, f: NewStatFile): Promise<number> {
  const sha256 = createHash('sha256').update(f.content).digest('hex');
  const row = await trx
    .insertInto('stat_file')
    .values({ ...f, content: Buffer.from(f.content), sha256, replaced_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  let q = trx.updateTable('stat_file').set({ replaced_by: row.id }).where('county_id', '=', f.county_id).where('kind', '=', f.kind).where('id', '<>', row.id).where('replaced_by', 'is', null);
  q = f.month === null ? q.where('month', 'is', null) : q.where('month', '=', f.month);
  await q.execute();
  return row.id;
}
