import { strFromU8, unzipSync } from 'fflate';

/**
 * A small OpenDocument spreadsheet reader: enough of content.xml to read the
 * configuration file back, whether our own writer (src/platform/export/ods.ts)
 * or LibreOffice saved it. Every cell comes back as text (a number cell as
 * its office:value), so the row schemas see what a person typed.
 * A scanner, not a DOM: content.xml is flat enough (tables, rows, cells,
 * paragraphs) and a DOM of a big sheet costs far more memory.
 */
export interface ReadSheet {
  name: string;
  /** rows of cell text; trailing empty cells and rows dropped */
  rows: string[][];
}

/** Repeats beyond this are LibreOffice padding a sheet to its full size: only ever empty cells. */
const MAX_REPEAT = 1000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? m;
  });
}

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}

function repeat(v: string | undefined): number {
  const n = Number(v ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Throws when the bytes are not an ODS package with a content.xml. */
export function readOds(bytes: Uint8Array): ReadSheet[] {
  const files = unzipSync(bytes, { filter: (f) => f.name === 'content.xml' });
  const xml = files['content.xml'];
  if (!xml) throw new Error('no content.xml');
  return parseContent(strFromU8(xml));
}

export function parseContent(xml: string): ReadSheet[] {
  const sheets: ReadSheet[] = [];
  let sheet: ReadSheet | null = null;
  let row: string[] | null = null;
  let rowRepeat = 1;
  let cell: { text: string; value: string | null; repeat: number; paragraphs: number } | null = null;
  let inP = 0;
  // a cell's comment (office:annotation) holds paragraphs that are not the cell's text
  let inNote = false;

  const endCell = () => {
    if (!cell || !row) return;
    const v = cell.value ?? cell.text;
    const n = v === '' ? Math.min(cell.repeat, MAX_REPEAT) : cell.repeat;
    for (let i = 0; i < n; i++) row.push(v);
    cell = null;
  };
  const endRow = () => {
    if (!row || !sheet) return;
    while (row.length > 0 && row[row.length - 1] === '') row.pop();
    const n = row.length === 0 ? Math.min(rowRepeat, MAX_REPEAT) : rowRepeat;
    for (let i = 0; i < n; i++) sheet.rows.push([...row]);
    row = null;
  };

  const re = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  for (const m of xml.matchAll(re)) {
    const [, close, name, attrText, selfClose, text] = m;
    if (text !== undefined) {
      if (cell && inP > 0 && !inNote) cell.text += decodeXml(text);
      continue;
    }
    if (!name) continue;
    const a = close ? {} : attrs(attrText ?? '');
    if (name === 'table:table') {
      if (close) {
        if (sheet) {
          while (sheet.rows.length > 0 && sheet.rows[sheet.rows.length - 1]!.length === 0) sheet.rows.pop();
          sheets.push(sheet);
        }
        sheet = null;
      } else {
        sheet = { name: a['table:name'] ?? '', rows: [] };
        if (selfClose) {
          sheets.push(sheet);
          sheet = null;
        }
      }
    } else if (name === 'table:table-row') {
      if (close) endRow();
      else {
        row = [];
        rowRepeat = repeat(a['table:number-rows-repeated']);
        if (selfClose) endRow();
      }
    } else if (name === 'table:table-cell' || name === 'table:covered-table-cell') {
      if (close) endCell();
      else {
        const type = a['office:value-type'];
        const value =
          type === 'float' || type === 'percentage' || type === 'currency'
            ? (a['office:value'] ?? null)
            : type === 'date'
              ? (a['office:date-value'] ?? null)
              : type === 'boolean'
                ? (a['office:boolean-value'] ?? null)
                : null;
        cell = { text: '', value, repeat: repeat(a['table:number-columns-repeated']), paragraphs: 0 };
        if (selfClose) endCell();
      }
    } else if (name === 'office:annotation') {
      inNote = !close && !selfClose;
    } else if (cell && !inNote) {
      if (name === 'text:p') {
        if (close) inP--;
        else {
          if (cell.paragraphs > 0) cell.text += '\n';
          cell.paragraphs++;
          if (!selfClose) inP++;
        }
      } else if (name === 'text:s' && !close) cell.text += ' '.repeat(repeat(a['text:c']));
      else if (name === 'text:tab' && !close) cell.text += '\t';
      else if (name === 'text:line-break' && !close) cell.text += '\n';
    }
  }
  return sheets;
}
