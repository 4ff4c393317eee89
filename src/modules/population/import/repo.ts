import type { Insertable } from 'kysely';
import { type DialectName, type Executor, sql } from '../../../db/index.js';
import type { PopAgeTable, PopEventsTable, PopVillageMonthTable, StatVillageTable } from '../../../db/schema.js';
import type { StatKind } from '../formats.js';

/** Rows per INSERT: a county's single-age file is ~500 villages × 101 ages. */
export const BATCH = 500;
/** The advisory lock class of population imports (the second key is the county). */
const LOCK_CLASS = 18_014;

async function inBatches<T>(rows: T[], fn: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await fn(rows.slice(i, i + BATCH));
}

/** PostgreSQL: one import of a county at a time, held until the transaction ends (SQLite's BEGIN IMMEDIATE already is). */
export async function lockCounty(trx: Executor, dialect: DialectName, countyId: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${countyId})`.execute(trx);
}

export async function hasCurrentFile(db: Executor, countyId: number, kind: StatKind, month: string): Promise<boolean> {
  const row = await db
    .selectFrom('stat_file')
    .select('id')
    .where('county_id', '=', countyId)
    .where('kind', '=', kind)
    .where('month', '=', month)
    .where('replaced_by', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The towns among these codes that another county holds. */
export async function townsOfOtherCounties(db: Executor, countyId: number, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('stat_town').select('code').where('code', 'in', codes).where('county_id', '<>', countyId).execute();
  return rows.map((r) => r.code);
}

/** New towns are added; a known town takes the file's name and keeps its office link unless it had none. */
export async function upsertTowns(trx: Executor, rows: { code: string; county_id: number; name_zh: string; office_id: number | null }[]): Promise<void> {
  await inBatches(rows, (batch) =>
    trx
      .insertInto('stat_town')
      .values(batch.map((r) => ({ ...r, name_en: null, area_km2: null })))
      .onConflict((oc) => oc.column('code').doUpdateSet({ name_zh: (eb) => eb.ref('excluded.name_zh'), office_id: sql`coalesce(stat_town.office_id, excluded.office_id)` }))
      .execute(),
  );
}

export async function upsertVillages(trx: Executor, rows: Pick<StatVillageTable, 'code' | 'town_code' | 'name_zh'>[]): Promise<void> {
  await inBatches(rows, (batch) =>
    trx
      .insertInto('stat_village')
      .values(batch.map((r) => ({ ...r, area_km2: null, boundary: null })))
      .onConflict((oc) => oc.column('code').doUpdateSet({ name_zh: (eb) => eb.ref('excluded.name_zh'), town_code: (eb) => eb.ref('excluded.town_code') }))
      .execute(),
  );
}

/** The county's villages, as a subquery. */
const villagesOfCounty = (trx: Executor, countyId: number) =>
  trx.selectFrom('stat_village').innerJoin('stat_town', 'stat_town.code', 'stat_village.town_code').select('stat_village.code').where('stat_town.county_id', '=', countyId);

/** Everything the county had for this month of this kind. */
export async function deleteMonth(trx: Executor, kind: StatKind, countyId: number, month: string): Promise<void> {
  if (kind === 'households') await trx.deleteFrom('pop_village_month').where('county_id', '=', countyId).where('month', '=', month).execute();
  else {
    const table = kind === 'ages' ? 'pop_age' : 'pop_events';
    await trx.deleteFrom(table).where('month', '=', month).where('village_code', 'in', villagesOfCounty(trx, countyId)).execute();
  }
}

export async function insertHouseholds(trx: Executor, rows: Insertable<PopVillageMonthTable>[]): Promise<void> {
  await inBatches(rows, (batch) => trx.insertInto('pop_village_month').values(batch).execute());
}

export async function insertAges(trx: Executor, rows: Insertable<PopAgeTable>[]): Promise<void> {
  await inBatches(rows, (batch) => trx.insertInto('pop_age').values(batch).execute());
}

export async function insertEvents(trx: Executor, rows: Insertable<PopEventsTable>[]): Promise<void> {
  await inBatches(rows, (batch) => trx.insertInto('pop_events').values(batch).execute());
}

const POPULATION_KINDS: StatKind[] = ['households', 'ages', 'events'];

/** The county's population files, newest month first, without their content. */
export function filesOfCounty(db: Executor, countyId: number, limit: number, offset: number) {
  return db
    .selectFrom('stat_file')
    .select(['id', 'kind', 'month', 'source', 'filename', 'encoding', 'format', 'rows', 'imported_at', 'imported_by', 'replaced_by'])
    .where('county_id', '=', countyId)
    .where('kind', 'in', POPULATION_KINDS)
    .orderBy('month', 'desc')
    .orderBy('kind')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** One population file with its content. */
export function fileWithContent(db: Executor, id: number) {
  return db
    .selectFrom('stat_file')
    .select(['id', 'county_id', 'kind', 'filename', 'encoding', 'format', 'content'])
    .where('id', '=', id)
    .where('kind', 'in', POPULATION_KINDS)
    .executeTakeFirst();
}
