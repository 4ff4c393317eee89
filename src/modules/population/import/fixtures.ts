import iconv from 'iconv-lite';
import type { Database } from '../../../db/index.js';

/**
 * Small files written by hand for the import tests: one town (竹北市,
 * 10004010) with three villages and its total row, counted by hand. Lines
 * in a CSV: header 1, total 2, villages 3–5. Not the demo generator's
 * output, and never imported outside tests.
 */
export const HH_HEADER_EN = ['statistic_yyymm', 'district_code', 'site_id', 'village', 'household_no', 'people_total', 'people_total_m', 'people_total_f'];
export const HH_HEADER_ZH = ['統計年月', '區域別代碼', '區域別', '村里名稱', '戶數', '人口數', '人口數_男', '人口數_女'];

/** 3,210 households = 1,200 + 1,010 + 1,000; 8,650 people = 3,100 + 2,850 + 2,700; each row's people = male + female. */
export function householdRows(yyymm = '11510'): string[][] {
  return [
    [yyymm, '10004010', '新竹縣竹北市', '合計', '3,210', '8,650', '4,300', '4,350'],
    [yyymm, '10004010001', '新竹縣竹北市', '竹北里', '1200', '3100', '1540', '1560'],
    [yyymm, '10004010002', '新竹縣竹北市', '竹仁里', '1010', '2850', '1400', '1450'],
    [yyymm, '10004010003', '新竹縣竹北市', '竹義里', '1000', '2700', '1360', '1340'],
  ];
}

/** A second count of the same month: 3 + 2 + 1 households, people 10 = 4 + 6 … */
export function householdRowsRevised(yyymm = '11510'): string[][] {
  return [
    [yyymm, '10004010', '新竹縣竹北市', '合計', '6', '18', '9', '9'],
    [yyymm, '10004010001', '新竹縣竹北市', '竹北里', '3', '10', '4', '6'],
    [yyymm, '10004010002', '新竹縣竹北市', '竹仁里', '2', '5', '3', '2'],
    [yyymm, '10004010003', '新竹縣竹北市', '竹義里', '1', '3', '2', '1'],
  ];
}

const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
export const csvText = (header: string[], rows: string[][]): string => `${[header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const big5 = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'big5'));

/** The households file as CSV, English keys, UTF-8. */
export const householdsCsv = (rows = householdRows()) => utf8(csvText(HH_HEADER_EN, rows));

const VILLAGES: [string, string][] = [
  ['10004010001', '竹北里'],
  ['10004010002', '竹仁里'],
  ['10004010003', '竹義里'],
];

/**
 * Single ages, only a few non-zero: 竹北里 age 0 m3 f2, 30 m10 f12, 100+ m1;
 * 竹仁里 age 0 m1 f1, 30 m5 f4; 竹義里 age 65 m7 f9, 100+ f2. Town total:
 * 0 m4 f3, 30 m15 f16, 65 m7 f9, 100+ m1 f2.
 */
export const AGE_COUNTS: Record<string, Record<string, number>> = {
  '10004010001': { m0: 3, f0: 2, m30: 10, f30: 12, m100: 1 },
  '10004010002': { m0: 1, f0: 1, m30: 5, f30: 4 },
  '10004010003': { m65: 7, f65: 9, f100: 2 },
  '10004010': { m0: 4, f0: 3, m30: 15, f30: 16, m65: 7, f65: 9, m100: 1, f100: 2 },
};

function ageRow(yyymm: string, code: string, village: string): Record<string, string | number> {
  const row: Record<string, string | number> = { statistic_yyymm: yyymm, district_code: code, site_id: '新竹縣竹北市', village };
  const counts = AGE_COUNTS[code] ?? {};
  for (let age = 0; age <= 100; age++) {
    const a = age >= 100 ? '100up' : String(age).padStart(3, '0');
    row[`people_age_${a}_m`] = counts[`m${age}`] ?? 0;
    row[`people_age_${a}_f`] = counts[`f${age}`] ?? 0;
  }
  return row;
}

/** The ages file in the open-data API's envelope, English keys, numbers as JSON numbers. */
export function agesJson(yyymm = '11510'): Uint8Array {
  const rows = [ageRow(yyymm, '10004010', '合計'), ...VILLAGES.map(([code, name]) => ageRow(yyymm, code, name))];
  return utf8(JSON.stringify({ responseCode: 'OD-0101-S', responseMessage: '處理完成', totalPage: '1', totalDataSize: String(rows.length), page: '1', pageDataSize: String(rows.length), responseData: rows }));
}

/**
 * Vital events, Chinese keys with the optional totals: births 竹北里 5+4=9,
 * 竹仁里 3+3=6, 竹義里 2+1=3 (town 10+8=18); deaths 2+1, 1+2, 0+1 (3+4=7);
 * marriages 6, 4, 1 (11); divorces 2, 1, 0 (3); moved in 40, 22, 15 (77); out 35, 30, 9 (74).
 */
export const EVENT_HEADER_ZH = ['統計年月', '區域別代碼', '區域別', '村里名稱', '出生數_男', '出生數_女', '出生數', '死亡數_男', '死亡數_女', '死亡數', '結婚對數', '離婚對數', '遷入人數', '遷出人數'];
export function eventRows(yyymm = '11510'): string[][] {
  return [
    [yyymm, '10004010', '新竹縣竹北市', '合計', '10', '8', '18', '3', '4', '7', '11', '3', '77', '74'],
    [yyymm, '10004010001', '新竹縣竹北市', '竹北里', '5', '4', '9', '2', '1', '3', '6', '2', '40', '35'],
    [yyymm, '10004010002', '新竹縣竹北市', '竹仁里', '3', '3', '6', '1', '2', '3', '4', '1', '22', '30'],
    [yyymm, '10004010003', '新竹縣竹北市', '竹義里', '2', '1', '3', '0', '1', '1', '1', '0', '15', '9'],
  ];
}

/** The events file as a JSON array (no envelope), Chinese keys. */
export function eventsJsonArray(yyymm = '11510'): Uint8Array {
  return utf8(JSON.stringify(eventRows(yyymm).map((r) => Object.fromEntries(EVENT_HEADER_ZH.map((k, i) => [k, r[i]])))));
}

/** A bare county (新竹縣) with the office serving 竹北市, on a fresh database. */
export async function setUpCounty(database: Database): Promise<{ countyId: number; officeId: number }> {
  const county = await database.db.insertInto('county').values({ code: 'hsinchu', name_zh: '新竹縣', name_en: 'Hsinchu County', website: null }).returning('id').executeTakeFirstOrThrow();
  const office = await database.db
    .insertInto('office')
    .values({
      county_id: county.id,
      code: 'zhubei',
      kind: 'city',
      name_zh: '新竹縣竹北市戶政事務所',
      name_en: 'Zhubei City Household Registration Office',
      address_zh: '新竹縣竹北市光明六路 10 號',
      address_en: 'No. 10, Guangming 6th Rd., Zhubei City',
      phone: '(03) 555-0101',
      updated_at: '2026-01-01T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { countyId: county.id, officeId: office.id };
}
