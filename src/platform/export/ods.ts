import { strToU8, zipSync } from 'fflate';
import type { Cell } from './csv.js';

/**
 * A small OpenDocument spreadsheet writer (ODF 1.3, CNS 15251). Written
 * here because SheetJS writes packages that fail ODF validation (DESIGN.md):
 * the `mimetype` entry must come first and be stored uncompressed.
 */
export interface Sheet {
  name: string;
  headers: string[];
  rows: Cell[][];
}

const MIME = 'application/vnd.oasis.opendocument.spreadsheet';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function cellXml(v: Cell): string {
  if (v === null) return '<table:table-cell/>';
  if (typeof v === 'number' && Number.isFinite(v)) return `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  return `<table:table-cell office:value-type="string"><text:p>${esc(String(v))}</text:p></table:table-cell>`;
}

function rowXml(cells: Cell[]): string {
  return `<table:table-row>${cells.map(cellXml).join('')}</table:table-row>`;
}

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"';

export function toOds(sheets: Sheet[], meta: { title?: string; now?: Date } = {}): Uint8Array {
  const tables = sheets
    .map((s) => {
      const name = esc(s.name.replace(/[[\]*?:/\\]/g, ' ').slice(0, 31) || 'Sheet');
      return `<table:table table:name="${name}"><table:table-column table:number-columns-repeated="${Math.max(1, s.headers.length)}"/>${rowXml(s.headers)}${s.rows.map(rowXml).join('')}</table:table>`;
    })
    .join('');
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3"><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS} office:version="1.3"><office:styles/></office:document-styles>`;
  const at = meta.now ?? new Date();
  const when = at.toISOString().slice(0, 19);
  const metaXml = `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${NS} office:version="1.3"><office:meta><meta:generator>Huzheng</meta:generator>${meta.title ? `<dc:title>${esc(meta.title)}</dc:title>` : ''}<meta:creation-date>${when}</meta:creation-date></office:meta></office:document-meta>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIME}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  // insertion order is archive order: mimetype first, stored (level 0); every entry
  // dated `at`, so the same data at the same instant gives the same bytes (fflate
  // would stamp the wall clock otherwise)
  return zipSync(
    {
      mimetype: [strToU8(MIME), { level: 0 }],
      'META-INF/manifest.xml': strToU8(manifest),
      'content.xml': strToU8(content),
      'styles.xml': strToU8(styles),
      'meta.xml': strToU8(metaXml),
    },
    { mtime: at },
  );
}

export const ODS_MIME = MIME;
