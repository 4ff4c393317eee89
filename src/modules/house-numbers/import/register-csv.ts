import { decodeText, readTableFile, type TableRow } from '../../population/table-file.js';

/**
 * The register file as rows, read lazily. A county's register is large (a
 * million rows is 140 MB): table-file's csv-parse takes about 90 s a
 * million rows here and holds every row at once, so CSV is split by the
 * small RFC 4180 reader below, one row at a time, into the same TableRow
 * shape (cells trimmed, empty lines skipped, a short row's missing cells
 * empty, the line a row starts on). JSON still goes through readTableFile.
 */
export interface RegisterTable {
  encoding: 'utf-8' | 'big5';
  format: 'csv' | 'json';
  keys: string[];
  rows: Iterable<TableRow>;
}

export class CsvError extends Error {
  constructor(readonly line: number) {
    super(`unclosed quote from line ${line}`);
  }
}

/** One record from `at`: its fields and where the next one starts, counting the line breaks inside quotes. */
function record(text: string, at: number): { fields: string[]; next: number; lines: number } {
  const fields: string[] = [];
  let i = at;
  let lines = 0;
  for (;;) {
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let out = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new CsvError(-1);
        out += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          out += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      for (const ch of out) if (ch === '\n') lines++;
      // anything between the closing quote and the separator is kept, as csv-parse's relaxed reading would
      const end = nextStop(text, i);
      field = out + text.slice(i, end);
      i = end;
    } else {
      const end = nextStop(text, i);
      field = text.slice(i, end);
      i = end;
    }
    fields.push(field.trim());
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      i++;
      continue;
    }
    // end of line or of text
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    return { fields, next: i + 1, lines: lines + 1 };
  }
}

/** The next comma or line break at or after `i` (or the end). */
function nextStop(text: string, i: number): number {
  let j = i;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 44 || c === 10 || c === 13) return j;
  }
  return j;
}

/** Records with the line each starts on; empty lines skipped. */
function* records(text: string): Generator<{ line: number; fields: string[] }> {
  let at = 0;
  let line = 1;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c === 10 || c === 13) {
      if (c === 10) line++;
      at++;
      continue;
    }
    let r: ReturnType<typeof record>;
    try {
      r = record(text, at);
    } catch (err) {
      if (err instanceof CsvError) throw new CsvError(line);
      throw err;
    }
    if (!(r.fields.length === 1 && r.fields[0] === '')) yield { line, fields: r.fields };
    line += r.lines;
    at = r.next;
  }
}

function* csvRows(keys: readonly string[], body: Generator<{ line: number; fields: string[] }>): Generator<TableRow> {
  for (const { line, fields } of body) {
    const cells: Record<string, string> = {};
    for (let k = 0; k < keys.length; k++) cells[keys[k] as string] = fields[k] ?? '';
    yield { line, cells };
  }
}

/** Decodes the file (UTF-8, else Big5) and reads it as CSV or JSON by its name or first character. */
export function readRegisterTable(bytes: Uint8Array, filename: string): RegisterTable {
  const { text, encoding } = decodeText(bytes);
  if (/\.json$/i.test(filename) || /^\s*[[{]/.test(text)) {
    const file = readTableFile(bytes, filename);
    return { encoding: file.encoding, format: 'json', keys: file.keys, rows: file.rows };
  }
  const all = records(text);
  const head = all.next();
  if (head.done) return { encoding, format: 'csv', keys: [], rows: [] };
  const keys = head.value.fields.map((k) => k.trim());
  return { encoding, format: 'csv', keys, rows: csvRows(keys, all) };
}
