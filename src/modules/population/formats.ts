/**
 * The Ministry of the Interior's monthly open-data files as Huzheng reads
 * them (戶政司 open data; DOMAIN.md "Addresses and statistics"). This file is
 * the one contract between the importer and the demo generator: both follow
 * it, and the staff upload page documents it.
 *
 * Every file is a table of rows, one a village (村里), delivered as
 * - CSV: a header row of keys, UTF-8 (with or without BOM) or Big5; the
 *   Ministry's CSVs sometimes carry a second header row repeating the keys in
 *   Chinese: a row whose cells equal the other variant's keys is skipped;
 * - JSON: either an array of row objects, or the open-data API envelope
 *   `{ "responseCode": …, "responseData": [ … ] }` (other fields ignored).
 * Keys come in English (the API) or Chinese (some months' files); both are
 * accepted, per column, in any order. Numbers may carry thousands separators.
 *
 * Month: `statistic_yyymm` is the ROC year and month run together (11510 =
 * 115年10月 = 2026-10). One file holds one month; a file mixing months is refused.
 *
 * Town total rows: a row whose village is empty, '合計' or '小計' (or whose
 * code has 8 digits) is the town's total; when present the importer checks
 * that the town's villages add up to it and refuses the file otherwise,
 * naming the row. Town totals are not stored (they are sums).
 */

export type StatKind = 'households' | 'ages' | 'events';

/** A column: the English key first, then the Chinese one(s). */
export interface Column {
  en: string;
  zh: readonly string[];
}

const col = (en: string, ...zh: string[]): Column => ({ en, zh });

/** Columns every kind has. district_code is the 11-digit village code (8 for a town total row). */
export const COMMON_COLUMNS = {
  month: col('statistic_yyymm', '統計年月'),
  code: col('district_code', '區域別代碼', '村里代碼'),
  site: col('site_id', '區域別'), // "新竹縣竹北市"
  village: col('village', '村里名稱', '村里'),
} as const;

/** ODRP014 村里戶數、單一年齡人口 — households and people by sex. */
export const HOUSEHOLD_COLUMNS = {
  households: col('household_no', '戶數'),
  people: col('people_total', '人口數', '人口數合計'),
  male: col('people_total_m', '人口數_男', '人口數-男', '男'),
  female: col('people_total_f', '人口數_女', '人口數-女', '女'),
} as const;

/** Single year of age by sex: people_age_000_m … people_age_099_f, people_age_100up_m/_f (中文: 0歲-男 … 100歲以上-女). */
export function ageColumn(age: number, sex: 'm' | 'f'): Column {
  const a = age >= 100 ? '100up' : String(age).padStart(3, '0');
  const zhAge = age >= 100 ? '100歲以上' : `${age}歲`;
  const zhSex = sex === 'm' ? '男' : '女';
  return col(`people_age_${a}_${sex}`, `${zhAge}-${zhSex}`, `${zhAge}_${zhSex}`);
}
export const MAX_AGE = 100;

/** Monthly vital events and moves per village (村里出生、死亡、結婚、離婚及遷徙登記). */
export const EVENT_COLUMNS = {
  birthsM: col('birth_total_m', '出生數_男', '出生-男'),
  birthsF: col('birth_total_f', '出生數_女', '出生-女'),
  deathsM: col('death_m', '死亡數_男', '死亡-男'),
  deathsF: col('death_f', '死亡數_女', '死亡-女'),
  marriages: col('marry_pair', '結婚對數'),
  divorces: col('divorce_pair', '離婚對數'),
  movedIn: col('in_total', '遷入人數', '遷入'),
  movedOut: col('out_total', '遷出人數', '遷出'),
} as const;
/** Optional in an events file: when present they must equal m + f. */
export const EVENT_TOTAL_COLUMNS = {
  births: col('birth_total', '出生數'),
  deaths: col('death_total', '死亡數'),
} as const;

/** Words in a village cell that make the row a town total. */
export const TOTAL_ROW_WORDS: readonly string[] = ['', '合計', '小計', '總計'];

/** 11510 → '2026-10'; null when it is not a month. */
export function monthOfYyymm(v: string): string | null {
  const m = /^(\d{2,3})(\d{2})$/.exec(v.trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${Number(m[1]) + 1911}-${m[2]}`;
}

/** '2026-10' → '11510' */
export function yyymmOfMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${Number(y) - 1911}${m}`;
}
