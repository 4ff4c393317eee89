/**
 * The house-number register export (門牌資料) as Huzheng reads it: the one
 * contract between the importer, the demo generator and bench/address.
 *
 * CSV (UTF-8 or Big5, header row, English or Chinese keys per column) or
 * JSON (an array of row objects, or `{ "responseData": [ … ] }`). One row is
 * one house number, current or retired, with the event that last touched it.
 * Coordinates are TWD97 TM2 (EPSG:3826 for Taiwan proper; EPSG:3825 for
 * 澎湖/金門 — `zone` column, default 121) in metres.
 *
 * A renumbering (整編) appears as the old row (state 廢止/retired, event
 * 整編) and the new row (event 整編, `previous` = the old row's id).
 */
export interface RegisterColumn {
  en: string;
  zh: readonly string[];
  required: boolean;
}

const c = (en: string, required: boolean, ...zh: string[]): RegisterColumn => ({ en, zh, required });

export const REGISTER_COLUMNS = {
  id: c('addr_id', true, '門牌編號', '門牌識別碼'), // the register's own id, unique within the file
  villageCode: c('village_code', true, '村里代碼'),
  village: c('village', false, '村里'),
  neighbourhood: c('neighborhood', true, '鄰'),
  road: c('road', true, '街路', '路街'), // with or without 段: 中正路二段
  section: c('section', false, '段'),
  lane: c('lane', false, '巷'),
  alley: c('alley', false, '弄'),
  number: c('number', true, '號'), // 10, 10之1, 10-1
  floor: c('floor', false, '樓'),
  x: c('x_twd97', true, '橫座標', 'TWD97_X'),
  y: c('y_twd97', true, '縱座標', 'TWD97_Y'),
  zone: c('zone', false, '投影帶'),
  state: c('state', false, '狀態'), // 現行/current (default), 廢止/retired
  event: c('event', true, '異動類別'), // 初編, 改編, 整編, 廢止
  eventDate: c('event_date', true, '異動日期'), // YYYY-MM-DD or ROC 115/10/01 or 1151001
  docNo: c('doc_no', true, '文號'),
  previous: c('previous_id', false, '原門牌編號'), // for 改編/整編: the number it replaced
} as const;

export type RegisterField = keyof typeof REGISTER_COLUMNS;

/** The event words, as the register writes them, and their stored kinds. */
export const EVENT_WORDS: Record<string, 'initial' | 'changed' | 'renumbered' | 'abolished'> = {
  初編: 'initial',
  改編: 'changed',
  整編: 'renumbered',
  廢止: 'abolished',
  initial: 'initial',
  changed: 'changed',
  renumbered: 'renumbered',
  abolished: 'abolished',
};

/** Village boundaries: GeoJSON FeatureCollection (WGS84) or TopoJSON; each feature's properties carry the village code under one of these keys. */
export const BOUNDARY_CODE_KEYS: readonly string[] = ['VILLCODE', 'village_code', 'villcode', '村里代碼'];
