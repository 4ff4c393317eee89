import { type SelectQueryBuilder, type Selectable, sql } from 'kysely';
import type { Executor } from '../../../db/index.js';
import type { AddrEventTable, AddrPointTable, DB } from '../../../db/schema.js';

/** Where a look-up searches: a county, or some of its towns (an office's, or the one the address names). */
export interface Scope {
  countyId: number;
  /** 8-digit town codes; null is the whole county, [] is nowhere */
  townCodes: readonly string[] | null;
}

export type PointRow = Selectable<AddrPointTable>;
export type EventRow = Selectable<AddrEventTable>;

/** The parts a look-up asks for; undefined matches any value (a missing 段), '' matches none. */
export interface PartFilter {
  road: string;
  section?: string | undefined;
  lane?: string | undefined;
  alley?: string | undefined;
  number?: string | undefined;
  numberSub?: string | undefined;
}

type PointQuery<O> = SelectQueryBuilder<DB, 'addr_point', O>;

function inScope<O>(q: PointQuery<O>, scope: Scope): PointQuery<O> {
  let r = q.where('addr_point.county_id', '=', scope.countyId);
  // a village code starts with its town's 8 digits, so no statistics table is needed to scope the register
  if (scope.townCodes) r = scope.townCodes.length ? r.where(sql<string>`substr(addr_point.village_code, 1, 8)`, 'in', [...scope.townCodes]) : r.where(sql<boolean>`1 = 0`);
  return r;
}

function withParts<O>(q: PointQuery<O>, f: PartFilter): PointQuery<O> {
  let r = q.where('addr_point.road', '=', f.road);
  if (f.section !== undefined) r = r.where('addr_point.section', '=', f.section);
  if (f.lane !== undefined) r = r.where('addr_point.lane', '=', f.lane);
  if (f.alley !== undefined) r = r.where('addr_point.alley', '=', f.alley);
  if (f.number !== undefined) r = r.where('addr_point.number', '=', f.number);
  if (f.numberSub !== undefined) r = r.where('addr_point.number_sub', '=', f.numberSub);
  return r;
}

const SECTIONS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 段 in counting order (一 before 二 before 十), then the rest as text */
const sectionOrder = sql<number>`case addr_point.section ${sql.join(
  SECTIONS.map((s, i) => sql`when ${s} then ${i}`),
  sql` `,
)} else 99 end`;

/** Natural order of house numbers: 2號 before 10號, 3巷 before 12巷 (the register's numbers are Arabic, without leading zeros). */
function naturally<O>(q: PointQuery<O>): PointQuery<O> {
  let r = q.orderBy(sectionOrder).orderBy('addr_point.section');
  for (const c of ['lane', 'alley', 'number', 'number_sub', 'floor', 'floor_sub'] as const) {
    r = r.orderBy(sql`length(${sql.ref(`addr_point.${c}`)})`).orderBy(`addr_point.${c}`);
  }
  return r.orderBy('addr_point.state').orderBy('addr_point.id');
}

/** Every number with these parts (floors of one number come back as separate rows), current before retired. */
export function findPoints(db: Executor, scope: Scope, f: PartFilter, limit = 200): Promise<PointRow[]> {
  return naturally(withParts(inScope(db.selectFrom('addr_point').selectAll('addr_point'), scope), f))
    .limit(limit)
    .execute();
}

export async function countPoints(db: Executor, scope: Scope, f: PartFilter): Promise<number> {
  const r = await withParts(inScope(db.selectFrom('addr_point').select(sql<number>`count(*)`.as('n')), scope), f).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** A road's numbers, page by page, in natural order. */
export function pagePoints(db: Executor, scope: Scope, f: PartFilter, offset: number, limit: number): Promise<PointRow[]> {
  return naturally(withParts(inScope(db.selectFrom('addr_point').selectAll('addr_point'), scope), f))
    .offset(offset)
    .limit(limit)
    .execute();
}

/** The current numbers of a road for its map. */
export function roadMapPoints(db: Executor, scope: Scope, f: PartFilter, limit: number) {
  return withParts(inScope(db.selectFrom('addr_point').select(['addr_point.id', 'addr_point.lon', 'addr_point.lat', 'addr_point.label', 'addr_point.village_code']), scope), f)
    .where('addr_point.state', '=', 'current')
    .orderBy('addr_point.id')
    .limit(limit)
    .execute();
}

/** The roads (with 段) of the scope, for the road box's list and for "did you mean". */
export async function roadsInScope(db: Executor, scope: Scope, limit = 3000): Promise<{ road: string; section: string }[]> {
  return inScope(db.selectFrom('addr_point').select(['addr_point.road', 'addr_point.section']), scope)
    .groupBy(['addr_point.road', 'addr_point.section'])
    .orderBy('addr_point.road')
    .orderBy(sectionOrder)
    .limit(limit)
    .execute();
}

export function pointById(db: Executor, id: number): Promise<PointRow | undefined> {
  return db.selectFrom('addr_point').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function pointsByIds(db: Executor, ids: readonly number[]): Promise<PointRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('addr_point')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** The events recorded on these numbers (初編, 改編, 整編, 廢止). */
export async function eventsOf(db: Executor, pointIds: readonly number[]): Promise<EventRow[]> {
  if (pointIds.length === 0) return [];
  return db.selectFrom('addr_event').selectAll().where('point_id', 'in', [...pointIds]).orderBy('date').orderBy('id').execute();
}

/** The events that made new numbers out of these (old → new). */
export async function eventsFrom(db: Executor, pointIds: readonly number[]): Promise<EventRow[]> {
  if (pointIds.length === 0) return [];
  return db.selectFrom('addr_event').selectAll().where('from_point_id', 'in', [...pointIds]).orderBy('date').orderBy('id').execute();
}

/** The current numbers of a village nearest a point, for its map (a big village has thousands). */
export function villagePoints(db: Executor, villageCode: string, lon: number, lat: number, limit: number) {
  const dx = sql<number>`(lon - ${lon})`;
  const dy = sql<number>`(lat - ${lat})`;
  return db
    .selectFrom('addr_point')
    .select(['id', 'lon', 'lat', 'label'])
    .where('village_code', '=', villageCode)
    .where('state', '=', 'current')
    .orderBy(sql`${dx} * ${dx} + ${dy} * ${dy}`)
    .orderBy('id')
    .limit(limit)
    .execute();
}
