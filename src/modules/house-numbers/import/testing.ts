import iconv from 'iconv-lite';
import type { Executor } from '../../../db/index.js';

/** A county (and, with `office`, one office) for import tests on a fresh database. */
export async function testCounty(db: Executor, code: string, office?: string): Promise<{ countyId: number; officeId: number | null }> {
  const county = await db.insertInto('county').values({ code, name_zh: '新竹縣', name_en: 'Hsinchu County', website: null }).returning('id').executeTakeFirstOrThrow();
  if (!office) return { countyId: county.id, officeId: null };
  const o = await db
    .insertInto('office')
    .values({ county_id: county.id, code: office, kind: 'city', name_zh: '辦公處', name_en: 'Office', address_zh: '地址', address_en: 'Address', phone: '(03) 555-0101', updated_at: '2026-01-01T00:00:00.000Z' } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return { countyId: county.id, officeId: o.id };
}

/** The English header of a small register file. */
export const HEAD = ['addr_id', 'village_code', 'neighborhood', 'road', 'lane', 'alley', 'number', 'floor', 'x_twd97', 'y_twd97', 'state', 'event', 'event_date', 'doc_no', 'previous_id'];

/** Three rows near 竹北: a 整編 (old A1 retired → A2), and a plain number on 中正路二段 with a floor. */
export const ROWS: string[][] = [
  ['A1', '10004010001', '1', '光明六路', '', '', '8', '', '251180.00', '2747880.00', '廢止', '整編', '2019-07-01', '竹北戶字第1080004512號', ''],
  ['A2', '10004010001', '1', '光明六路', '', '', '10', '', '251180.00', '2747880.00', '現行', '整編', '108/07/01', '竹北戶字第1080004512號', 'A1'],
  ['A3', '10004010002', '3', '中正路二段', '3', '5', '7之1', '5之1', '251500.50', '2747600.25', '', '初編', '0850312', '竹北戶字第0850000001號', ''],
];

/** The rows as CSV bytes (UTF-8, or Big5), under the given header. */
export function csvBytes(rows: string[][] = ROWS, opts: { head?: string[]; big5?: boolean } = {}): Uint8Array {
  const text = `${[opts.head ?? HEAD, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
  return opts.big5 ? iconv.encode(text, 'big5') : Buffer.from(text, 'utf8');
}

/** ROWS with one cell of one row replaced. */
export function withCell(row: number, column: string, value: string): string[][] {
  const i = HEAD.indexOf(column);
  return ROWS.map((r, k) => (k === row ? r.map((c, j) => (j === i ? value : c)) : [...r]));
}
