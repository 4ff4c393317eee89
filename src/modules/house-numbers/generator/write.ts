import iconv from 'iconv-lite';
import { formatRocDate } from '../../../platform/calendar/index.js';
import { REGISTER_COLUMNS, type RegisterField } from '../formats.js';
import type { GenRow } from './points.js';
import { demoRegisterRows } from './register.js';

/**
 * Writes generated rows as the register export (formats.ts): CSV or JSON,
 * UTF-8 or Big5, English or Chinese keys. The two key styles also write
 * the cells the two ways registers do, so an import test covers both:
 *
 *   en: road with its 段 (中正路二段), 10-1, floor 5-1, ISO dates, zone 121
 *   zh: 段 in its own column, 10之1, 5之1, ROC dates (1080701), no zone
 */
export interface WriteOptions {
  format: 'csv' | 'json';
  encoding: 'utf-8' | 'big5';
  keys: 'en' | 'zh';
}

const FIELDS: RegisterField[] = ['id', 'villageCode', 'village', 'neighbourhood', 'road', 'section', 'lane', 'alley', 'number', 'floor', 'x', 'y', 'zone', 'state', 'event', 'eventDate', 'docNo', 'previous'];

const withSub = (main: string, sub: string, sep: string) => (main && sub ? `${main}${sep}${sub}` : main);

export function cellsOf(r: GenRow, keys: 'en' | 'zh'): Record<RegisterField, string> {
  const p = r.parts;
  const en = keys === 'en';
  return {
    id: r.id,
    villageCode: r.villageCode,
    village: r.village,
    neighbourhood: String(r.neighbourhood),
    road: en && p.section ? `${p.road}${p.section}段` : p.road,
    section: en ? '' : p.section,
    lane: p.lane,
    alley: p.alley,
    number: withSub(p.number, p.numberSub, en ? '-' : '之'),
    floor: withSub(p.floor, p.floorSub, en ? '-' : '之'),
    x: r.x.toFixed(2),
    y: r.y.toFixed(2),
    zone: en ? '121' : '',
    state: r.state === 'current' ? '現行' : '廢止',
    event: r.event,
    eventDate: en ? r.date : formatRocDate(r.date, 'compact'),
    docNo: r.docNo,
    previous: r.prev?.id ?? '',
  };
}

const header = (keys: 'en' | 'zh') => FIELDS.map((f) => (keys === 'en' ? REGISTER_COLUMNS[f].en : (REGISTER_COLUMNS[f].zh[0] as string)));
const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function csvText(rows: readonly GenRow[], keys: 'en' | 'zh'): string {
  const lines = [header(keys).join(',')];
  for (const r of rows) {
    const c = cellsOf(r, keys);
    lines.push(FIELDS.map((f) => csvCell(c[f])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function jsonText(rows: readonly GenRow[], keys: 'en' | 'zh'): string {
  const names = header(keys);
  const objects = rows.map((r) => {
    const c = cellsOf(r, keys);
    // coordinates as JSON numbers, the rest as text (as the open-data APIs give them)
    return Object.fromEntries(FIELDS.map((f, i) => [names[i], f === 'x' || f === 'y' ? Number(c[f]) : c[f]]));
  });
  return JSON.stringify(objects);
}

/** The rows as a register file's bytes. */
export function registerBytes(rows: readonly GenRow[], opts: WriteOptions): Uint8Array {
  const text = opts.format === 'csv' ? csvText(rows, opts.keys) : jsonText(rows, opts.keys);
  return opts.encoding === 'big5' ? iconv.encode(text, 'big5') : Buffer.from(text, 'utf8');
}

/** The demo county's register export, generated (documented as such: not the official register). */
export function writeDemoRegister(opts: WriteOptions): Uint8Array {
  return registerBytes(demoRegisterRows(), opts);
}
