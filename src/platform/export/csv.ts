export type Cell = string | number | null;

/**
 * CSV for spreadsheets used in Taiwanese offices: UTF-8 with BOM (so Excel
 * reads Chinese), CRLF, RFC 4180 quoting, and text that starts like a
 * formula defused with a leading apostrophe.
 */
export function toCsv(headers: string[], rows: Cell[][]): string {
  const cell = (v: Cell): string => {
    if (v === null) return '';
    if (typeof v === 'number') return String(v);
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${[headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
