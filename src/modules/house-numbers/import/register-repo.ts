import { CompiledQuery } from 'kysely';
import { type DialectName, type Executor, sql } from '../../../db/index.js';
import type { RegisterRow } from './register-rows.js';

/**
 * The SQL of a register import. A county's register is up to a million
 * rows, so the inserts are written directly rather than through Kysely's
 * builder (which would make and compile a node for each of 19 million
 * values): SQLite gets a VALUES list of 500 rows with one ? a value (its
 * limit is 32,766 variables; 500 rows ran faster than 1,700), PostgreSQL
 * gets one array per column through unnest(), 10,000 rows a statement (its
 * limit of 65,535 parameters no longer bounds the rows).
 */
const SQLITE_ROWS = 500;
const PG_ROWS = 10_000;

const POINT_COLUMNS = [
  'county_id', 'village_code', 'neighbourhood', 'road', 'section', 'lane', 'alley', 'number', 'number_sub', 'floor', 'floor_sub',
  'match_key', 'label', 'x', 'y', 'lon', 'lat', 'state', 'file_id',
] as const;
const EVENT_COLUMNS = ['point_id', 'kind', 'date', 'doc_no', 'from_point_id'] as const;
/** PostgreSQL element types for unnest(); the rest are text */
const PG_TYPES: Record<string, string> = { county_id: 'int4', neighbourhood: 'int4', x: 'float8', y: 'float8', lon: 'float8', lat: 'float8', file_id: 'int4', point_id: 'int4', from_point_id: 'int4' };

const statements = new Map<string, string>();
function insertSql(dialect: DialectName, table: string, columns: readonly string[], rows: number, returning: boolean): string {
  const key = `${dialect}|${table}|${rows}|${returning}`;
  let text = statements.get(key);
  if (!text) {
    const tail = returning ? ' RETURNING id' : '';
    if (dialect === 'postgres') {
      text = `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'text'}[]`).join(', ')})${tail}`;
    } else {
      const row = `(${columns.map(() => '?').join(',')})`;
      text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(',')}${tail}`;
    }
    statements.set(key, text);
  }
  return text;
}

/** Inserts rows given as value lists (in `columns` order), in batches; with `returning`, the new ids in the rows' order. */
async function insertBatches(trx: Executor, dialect: DialectName, table: string, columns: readonly string[], count: number, valuesOf: (i: number) => unknown[], returning: boolean): Promise<number[]> {
  const size = dialect === 'postgres' ? PG_ROWS : SQLITE_ROWS;
  const ids: number[] = [];
  for (let from = 0; from < count; from += size) {
    const n = Math.min(size, count - from);
    let params: unknown[];
    if (dialect === 'postgres') {
      params = columns.map(() => new Array(n));
      for (let i = 0; i < n; i++) {
        const values = valuesOf(from + i);
        for (let c = 0; c < values.length; c++) (params[c] as unknown[])[i] = values[c];
      }
    } else {
      params = [];
      for (let i = 0; i < n; i++) for (const v of valuesOf(from + i)) params.push(v);
    }
    const got = await trx.executeQuery<{ id: number }>(CompiledQuery.raw(insertSql(dialect, table, columns, n, returning), params));
    if (!returning) continue;
    if (got.rows.length !== n) throw new Error(`${table}: ${got.rows.length} ids for ${n} rows`);
    // one statement numbers its rows in order (SQLite's rowid, PostgreSQL's identity), whatever order RETURNING lists them in
    for (const id of got.rows.map((r) => Number(r.id)).sort((a, b) => a - b)) ids.push(id);
  }
  return ids;
}

/** The points of the rows, with their ids in the rows' order. */
export function insertPoints(trx: Executor, dialect: DialectName, rows: readonly RegisterRow[], countyId: number, fileId: number): Promise<number[]> {
  return insertBatches(trx, dialect, 'addr_point', POINT_COLUMNS, rows.length, (i) => {
    const r = rows[i] as RegisterRow;
    const p = r.parts;
    return [countyId, r.villageCode, r.neighbourhood, p.road, p.section, p.lane, p.alley, p.number, p.numberSub, p.floor, p.floorSub, r.matchKey, r.label, r.x, r.y, r.lon, r.lat, r.state, fileId];
  }, true);
}

/** Each row's event: on the row's point, from the point of its `previous` row. */
export async function insertEvents(trx: Executor, dialect: DialectName, rows: readonly RegisterRow[], ids: readonly number[], idOf: ReadonlyMap<string, number>): Promise<void> {
  await insertBatches(trx, dialect, 'addr_event', EVENT_COLUMNS, rows.length, (i) => {
    const r = rows[i] as RegisterRow;
    return [ids[i], r.event, r.date, r.docNo, r.previous ? (idOf.get(r.previous) ?? null) : null];
  }, false);
}

/** A renumbering item that points at one of the county's numbers, and that number's match key, so it can point again after a re-import. */
export interface RenumberingLink {
  renumberingId: number;
  oldKey: string;
  matchKey: string;
}

/** Unlinks the renumbering items from the county's points (they are about to go) and says which key each pointed at. */
export async function detachRenumberings(trx: Executor, countyId: number): Promise<RenumberingLink[]> {
  const links = await trx
    .selectFrom('renumbering_item as ri')
    .innerJoin('addr_point as p', 'p.id', 'ri.new_point_id')
    .select(['ri.renumbering_id', 'ri.old_key', 'p.match_key'])
    .where('p.county_id', '=', countyId)
    .execute();
  if (links.length > 0) {
    await trx
      .updateTable('renumbering_item')
      .set({ new_point_id: null })
      .where('new_point_id', 'in', (eb) => eb.selectFrom('addr_point').select('id').where('county_id', '=', countyId))
      .execute();
  }
  return links.map((l) => ({ renumberingId: l.renumbering_id, oldKey: l.old_key, matchKey: l.match_key }));
}

/** Points each link at the number that now has its key (null when the new register no longer has it). */
export async function reattachRenumberings(trx: Executor, links: readonly RenumberingLink[], pointOfKey: (key: string) => number | undefined): Promise<void> {
  for (const l of links) {
    await trx
      .updateTable('renumbering_item')
      .set({ new_point_id: pointOfKey(l.matchKey) ?? null })
      .where('renumbering_id', '=', l.renumberingId)
      .where('old_key', '=', l.oldKey)
      .execute();
  }
}

/** The county's register gone: its events, then its points. */
export async function deleteCountyRegister(trx: Executor, countyId: number): Promise<void> {
  const points = trx.selectFrom('addr_point').select('id').where('county_id', '=', countyId);
  await trx.deleteFrom('addr_event').where('point_id', 'in', points).execute();
  await trx.deleteFrom('addr_event').where('from_point_id', 'in', points).execute();
  await trx.deleteFrom('addr_point').where('county_id', '=', countyId).execute();
}

/** Above this many rows SQLite loads without addr_point's indexes and builds them again at the end. */
export const BULK_ROWS = 20_000;

/**
 * SQLite: runs `fn` with addr_point's secondary indexes dropped and a large
 * page cache, then creates the indexes again from their own stored SQL —
 * inside the caller's transaction, so readers keep seeing the old register
 * and its indexes until the commit. A million rows load in about a third of
 * the time this way (measured: 94 s with the three indexes kept, 28 s plus
 * the index builds without). PostgreSQL keeps its indexes: dropping them
 * would lock the table against every look-up for the whole import.
 */
export async function bulkLoad<T>(trx: Executor, dialect: DialectName, rows: number, fn: () => Promise<T>): Promise<T> {
  if (dialect !== 'sqlite' || rows < BULK_ROWS) return fn();
  const indexes = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'addr_point' and sql is not null`.execute(trx);
  const cache = await sql<{ cache_size: number }>`pragma cache_size`.execute(trx);
  await sql`pragma cache_size = -262144`.execute(trx);
  try {
    for (const i of indexes.rows) await sql`drop index ${sql.id(i.name)}`.execute(trx);
    const out = await fn();
    for (const i of indexes.rows) await sql.raw(i.sql).execute(trx);
    return out;
  } finally {
    await sql.raw(`pragma cache_size = ${Number(cache.rows[0]?.cache_size ?? -2000)}`).execute(trx);
  }
}
