import { isIsoDate, parseRocDate } from '../../../platform/calendar/index.js';
import { twd97ToWgs84, type Twd97Zone } from '../../../platform/geo/twd97.js';
import { cellOf, type TableRow } from '../../population/table-file.js';
import { type AddressParts, addressKey, addressLabel } from '../address.js';
import { EVENT_WORDS, REGISTER_COLUMNS, type RegisterField } from '../formats.js';
import type { RegisterTable } from './register-csv.js';
import { cleanCell, readMetres, readSection, readWhole, readWithSub, splitRoad } from './parts.js';

/** One refusal: the file's line (CSV, header = 1; JSON: the row's index + 1), the column as the file names it, a catalog key. */
export interface RegisterProblem {
  line: number;
  column: string;
  key: string;
  params: Record<string, string | number>;
}

export type EventKind = (typeof EVENT_WORDS)[string];

/** A register row as stored: its parts, where it is, and the event that last touched it. */
export interface RegisterRow {
  line: number;
  id: string;
  villageCode: string;
  neighbourhood: number;
  parts: AddressParts;
  /** addressKey and addressLabel of the parts */
  matchKey: string;
  label: string;
  x: number;
  y: number;
  lon: number;
  lat: number;
  state: 'current' | 'retired';
  event: EventKind;
  date: string;
  docNo: string;
  previous: string;
}

/** A whole file is refused at this many problems: enough to fix a column, not a list nobody reads. */
export const MAX_PROBLEMS = 500;

/**
 * Where each zone's numbers may lie in WGS84, with a margin: zone 121 is
 * Taiwan proper and its islets (Penghu read in zone 121 still fits), zone
 * 119 Penghu, Kinmen and Matsu. A coordinate outside is a wrong column or zone.
 */
const LON: Record<Twd97Zone, readonly [number, number]> = { 121: [119.2, 122.3], 119: [118.0, 120.6] };
const LAT = [21.7, 26.5] as const;

const STATE_WORDS: Record<string, 'current' | 'retired'> = { 現行: 'current', current: 'current', 廢止: 'retired', retired: 'retired', abolished: 'retired' };
const ZONES: Record<string, Twd97Zone> = { '': 121, '121': 121, '119': 119, '3826': 121, '3825': 119, 'EPSG:3826': 121, 'EPSG:3825': 119 };

/** YYYY-MM-DD (or YYYY/MM/DD), ROC 115/10/01 or 1151001 → ISO; null when it is not a real date. */
export function readEventDate(raw: string): string | null {
  const s = cleanCell(raw);
  const western = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(s);
  if (western) {
    const iso = `${western[1]}-${western[2]!.padStart(2, '0')}-${western[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) && iso >= '1912-01-01' ? iso : null;
  }
  return parseRocDate(s);
}

/** Reads a row's cells; each one it cannot read becomes a problem naming the row's line and the file's column. */
class RowReader {
  constructor(
    private readonly row: TableRow,
    private readonly names: Record<RegisterField, string>,
    private readonly problems: RegisterProblem[],
  ) {}

  cell(field: RegisterField): string {
    return cellOf(this.row, REGISTER_COLUMNS[field]) ?? '';
  }

  fail(field: RegisterField, key: string, params: Record<string, string | number> = {}): null {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line: this.row.line, column: this.names[field], key, params: { value: this.cell(field).slice(0, 40), ...params } });
    return null;
  }

  /** A required cell's text, or a problem when it is empty. */
  required(field: RegisterField): string | null {
    const v = this.cell(field).trim();
    return v === '' ? this.fail(field, 'houseNumbers.import.err.required') : v;
  }

  read<T>(field: RegisterField, value: T | null, key: string): T | null {
    return value === null ? this.fail(field, key) : value;
  }
}

/** The column names this file uses (its own key when present, else the English one), for the problems. */
export function columnNames(fileKeys: readonly string[]): Record<RegisterField, string> {
  const keys = new Set(fileKeys);
  const out = {} as Record<RegisterField, string>;
  for (const [field, col] of Object.entries(REGISTER_COLUMNS) as [RegisterField, (typeof REGISTER_COLUMNS)[RegisterField]][]) {
    out[field] = [col.en, ...col.zh].find((k) => keys.has(k)) ?? col.en;
  }
  return out;
}

/** A required column the file does not have at all: one problem on the header, not one per row. */
export function missingColumns(fileKeys: readonly string[]): RegisterProblem[] {
  const keys = new Set(fileKeys);
  return (Object.values(REGISTER_COLUMNS) as (typeof REGISTER_COLUMNS)[RegisterField][])
    .filter((c) => c.required && ![c.en, ...c.zh].some((k) => keys.has(k)))
    .map((c) => ({ line: 1, column: `${c.en} / ${c.zh.join(' / ')}`, key: 'houseNumbers.import.err.noColumn', params: {} }));
}

function readParts(r: RowReader): AddressParts | null {
  const road = r.required('road') === null ? null : r.read('road', splitRoad(r.cell('road')), 'houseNumbers.import.err.road');
  const sectionCell = r.read('section', readSection(r.cell('section')), 'houseNumbers.import.err.section');
  const lane = r.read('lane', readWhole(r.cell('lane'), '巷'), 'houseNumbers.import.err.whole');
  const alley = r.read('alley', readWhole(r.cell('alley'), '弄'), 'houseNumbers.import.err.whole');
  const number = r.required('number') === null ? null : r.read('number', readWithSub(r.cell('number'), '號'), 'houseNumbers.import.err.number');
  const floor = r.read('floor', readWithSub(r.cell('floor'), '樓'), 'houseNumbers.import.err.floor');
  if (!road || sectionCell === null || lane === null || alley === null || !number || !floor) return null;
  if (road.section && sectionCell && road.section !== sectionCell) return r.fail('section', 'houseNumbers.import.err.sectionTwice', { road: road.road + road.section });
  return { road: road.road, section: road.section || sectionCell, lane, alley, number: number[0], numberSub: number[1], floor: floor[0], floorSub: floor[1] };
}

function readPlace(r: RowReader): { x: number; y: number; lon: number; lat: number } | null {
  const zone = r.read('zone', ZONES[cleanCell(r.cell('zone')).toUpperCase()] ?? null, 'houseNumbers.import.err.zone');
  const x = r.required('x') === null ? null : r.read('x', readMetres(r.cell('x')), 'houseNumbers.import.err.metres');
  const y = r.required('y') === null ? null : r.read('y', readMetres(r.cell('y')), 'houseNumbers.import.err.metres');
  if (zone === null || x === null || y === null) return null;
  if (x < 0 || x > 500_000) return r.fail('x', 'houseNumbers.import.err.outside');
  if (y < 2_300_000 || y > 3_000_000) return r.fail('y', 'houseNumbers.import.err.outside');
  const [lon, lat] = twd97ToWgs84(x, y, zone);
  if (lon < LON[zone][0] || lon > LON[zone][1]) return r.fail('x', 'houseNumbers.import.err.outside');
  if (lat < LAT[0] || lat > LAT[1]) return r.fail('y', 'houseNumbers.import.err.outside');
  return { x, y, lon, lat };
}

function readRow(row: TableRow, names: Record<RegisterField, string>, problems: RegisterProblem[]): RegisterRow | null {
  const r = new RowReader(row, names, problems);
  const id = r.required('id');
  if (id !== null && id.length > 40) r.fail('id', 'houseNumbers.import.err.idLong');
  const villageCode = r.required('villageCode') === null ? null : r.read('villageCode', /^\d{11}$/.test(cleanCell(r.cell('villageCode'))) ? cleanCell(r.cell('villageCode')) : null, 'houseNumbers.import.err.villageCode');
  const hood = r.required('neighbourhood') === null ? null : r.read('neighbourhood', readWhole(r.cell('neighbourhood'), '鄰'), 'houseNumbers.import.err.whole');
  const parts = readParts(r);
  const place = readPlace(r);
  const state = r.read('state', STATE_WORDS[cleanCell(r.cell('state'))] ?? (cleanCell(r.cell('state')) === '' ? 'current' : null), 'houseNumbers.import.err.state');
  const event = r.required('event') === null ? null : r.read('event', EVENT_WORDS[cleanCell(r.cell('event'))] ?? null, 'houseNumbers.import.err.event');
  const date = r.required('eventDate') === null ? null : r.read('eventDate', readEventDate(r.cell('eventDate')), 'houseNumbers.import.err.date');
  const docNo = r.required('docNo');
  if (docNo !== null && docNo.length > 100) r.fail('docNo', 'houseNumbers.import.err.docLong');
  if (id === null || id.length > 40 || villageCode === null || hood === null || !parts || !place || !state || !event || !date || docNo === null || docNo.length > 100) return null;
  return {
    line: row.line,
    id,
    villageCode,
    neighbourhood: Number(hood),
    parts,
    matchKey: addressKey(parts),
    label: addressLabel(parts),
    ...place,
    state,
    event,
    date,
    docNo,
    previous: r.cell('previous').trim(),
  };
}

/**
 * Every row of the file read and checked: ids unique in the file, and a
 * `previous` that names a row of the same file. Nothing is stored here.
 */
export function readRegisterRows(file: Pick<RegisterTable, 'keys' | 'rows'>): { rows: RegisterRow[]; problems: RegisterProblem[] } {
  const problems = missingColumns(file.keys);
  if (problems.length > 0) return { rows: [], problems };
  const names = columnNames(file.keys);
  const rows: RegisterRow[] = [];
  const lineOfId = new Map<string, number>();
  for (const row of file.rows) {
    const read = readRow(row, names, problems);
    if (!read) continue;
    const first = lineOfId.get(read.id);
    if (first !== undefined) {
      if (problems.length < MAX_PROBLEMS) problems.push({ line: read.line, column: names.id, key: 'houseNumbers.import.err.duplicateId', params: { value: read.id, first } });
      continue;
    }
    lineOfId.set(read.id, read.line);
    rows.push(read);
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 0, column: '', key: 'houseNumbers.import.file.noRows', params: {} });
  for (const row of rows) {
    if (row.previous === '' || problems.length >= MAX_PROBLEMS) continue;
    if (row.previous === row.id || !lineOfId.has(row.previous)) problems.push({ line: row.line, column: names.previous, key: 'houseNumbers.import.err.previous', params: { value: row.previous } });
  }
  return { rows, problems };
}
