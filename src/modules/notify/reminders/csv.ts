import type { FieldError } from '../../../platform/errors.js';
import { parseForm } from '../../../platform/http/forms.js';
import { ENTRY_FIELDS, type EntryField, type EntryInput, entrySchema } from './form.js';
import { REMINDER_KINDS, type ReminderKind } from './rules.js';

/**
 * The hospital's or the court's list as a CSV file: UTF-8 with or without a
 * BOM, a header row naming the columns (Chinese or English, any order),
 * one person a row. Each row is checked like the add form; the import page
 * lists every problem by row and column and stores nothing while there is one.
 */
export const MAX_CSV_BYTES = 512 * 1024;
export const MAX_CSV_ROWS = 1000;

/** Column names a file may use for each field (the page documents the first of each). */
export const COLUMN_NAMES: Record<EntryField, readonly string[]> = {
  kind: ['類別', 'kind'],
  name: ['姓名', 'name'],
  idNumber: ['身分證統一編號', 'id_number'],
  address: ['地址', 'address'],
  phone: ['電話', 'phone'],
  email: ['電子郵件', 'email'],
  sourceRef: ['來源字號', 'source_ref'],
  eventDate: ['事件日期', 'event_date'],
};
export const REQUIRED_COLUMNS: readonly EntryField[] = ['kind', 'name', 'address', 'sourceRef', 'eventDate'];

/** What the 類別 column may say for each kind, besides the code itself. */
export const KIND_WORDS: Record<ReminderKind, readonly string[]> = {
  court_judgment: ['法院判決', '法院判決確定', '判決確定'],
  hospital_birth: ['出生通報', '出生'],
  hospital_death: ['死亡通報', '死亡'],
  abroad_two_years: ['出境滿二年', '出境'],
};

export interface CsvProblem {
  /** the line of the file (the header is line 1) */
  line: number;
  /** the field, or '' for the whole row or file */
  field: EntryField | '';
  key: string;
  params?: Record<string, string | number>;
}

export type CsvResult = { ok: true; rows: { line: number; entry: EntryInput }[] } | { ok: false; problems: CsvProblem[] };

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. Returns each record with the line it starts on. */
export function csvRecords(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    out.push({ line: start, cells });
  }
  return out.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

function decodeUtf8(bytes: Uint8Array): string | null {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return null;
  }
}

const kindOf = (raw: string): string => {
  const v = raw.normalize('NFKC').trim();
  const found = REMINDER_KINDS.find((k) => k === v || KIND_WORDS[k].includes(v));
  return found ?? v;
};

function columnsOf(header: string[]): { map: Map<number, EntryField> } | { problems: CsvProblem[] } {
  const map = new Map<number, EntryField>();
  const problems: CsvProblem[] = [];
  header.forEach((raw, i) => {
    const name = raw.normalize('NFKC').trim();
    const field = ENTRY_FIELDS.find((f) => COLUMN_NAMES[f].some((n) => n.toLowerCase() === name.toLowerCase()));
    if (!field) problems.push({ line: 1, field: '', key: 'notify.reminders.csv.unknownColumn', params: { column: name || String(i + 1) } });
    else if ([...map.values()].includes(field)) problems.push({ line: 1, field, key: 'notify.reminders.csv.twice' });
    else map.set(i, field);
  });
  for (const f of REQUIRED_COLUMNS) if (![...map.values()].includes(f)) problems.push({ line: 1, field: f, key: 'notify.reminders.csv.missingColumn' });
  return problems.length ? { problems } : { map };
}

/** Reads and checks the whole file; `today` bounds the event dates as on the form. */
export function parseReminderCsv(bytes: Uint8Array, today: string): CsvResult {
  if (bytes.length > MAX_CSV_BYTES) return { ok: false, problems: [{ line: 0, field: '', key: 'notify.reminders.csv.tooBig' }] };
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, problems: [{ line: 0, field: '', key: 'notify.reminders.csv.notUtf8' }] };
  const records = csvRecords(text);
  const [header, ...body] = records;
  if (!header || body.length === 0) return { ok: false, problems: [{ line: 0, field: '', key: 'notify.reminders.csv.empty' }] };
  if (body.length > MAX_CSV_ROWS) return { ok: false, problems: [{ line: 0, field: '', key: 'notify.reminders.csv.tooMany', params: { max: MAX_CSV_ROWS } }] };
  const cols = columnsOf(header.cells);
  if ('problems' in cols) return { ok: false, problems: cols.problems };
  const schema = entrySchema(today);
  const rows: { line: number; entry: EntryInput }[] = [];
  const problems: CsvProblem[] = [];
  for (const r of body) {
    if (r.cells.length > header.cells.length) problems.push({ line: r.line, field: '', key: 'notify.reminders.csv.extraCells' });
    const values: Record<string, string> = {};
    for (const [i, field] of cols.map) values[field] = field === 'kind' ? kindOf(r.cells[i] ?? '') : (r.cells[i] ?? '');
    const parsed = parseForm(schema, values);
    if (parsed.ok) rows.push({ line: r.line, entry: parsed.data });
    else for (const e of parsed.state.errors as FieldError[]) problems.push({ line: r.line, field: e.field as EntryField, key: e.key, ...(e.params ? { params: e.params } : {}) });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/** The example file offered on the import page: UTF-8 with a BOM so spreadsheet programs read the Chinese. */
export function sampleCsv(): string {
  const header = ENTRY_FIELDS.map((f) => COLUMN_NAMES[f][0]).join(',');
  const rows = [
    '出生通報,陳怡君,,新竹縣竹北市光明六路10號,0912345678,,出生通報第1150001號,115/10/02',
    '法院判決,林志明,A123456789,新竹縣竹北市中正西路5號3樓,,lin@example.com,臺灣新竹地方法院115年度婚字第12號,1151015',
  ];
  return `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
}
