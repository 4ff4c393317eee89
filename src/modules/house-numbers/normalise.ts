import type { ParsedQuery } from './address.js';

/**
 * Reads a typed address into its parts (NFKC, full-width and Chinese
 * numerals, 台→臺, 之 forms, a missing 段). PLACEHOLDER: handles only the
 * register's own written form; replaced by the normalisation work.
 */
export function parseAddress(text: string): ParsedQuery {
  const s = text.normalize('NFKC').replace(/\s+/g, '').replaceAll('台', '臺');
  const m = /^(?:(.+?[縣市]))?(?:(.+?[鄉鎮市區]))?(?:(.+?[村里]))?(?:(\d+)鄰)?(.+?[路街道])(?:(.+?)段)?(?:(\d+)巷)?(?:(\d+)弄)?(?:(\d+)號)?(?:之(\d+))?(?:(\d+)樓)?(?:之(\d+))?$/.exec(s);
  if (!m) return {};
  const q: ParsedQuery = {};
  if (m[5]) q.road = m[5];
  if (m[6] !== undefined) q.section = m[6];
  if (m[7]) q.lane = m[7];
  if (m[8]) q.alley = m[8];
  if (m[9]) q.number = m[9];
  if (m[10]) q.numberSub = m[10];
  if (m[11]) q.floor = m[11];
  if (m[12]) q.floorSub = m[12];
  return q;
}
