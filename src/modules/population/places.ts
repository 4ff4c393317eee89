import type { Executor } from '../../db/index.js';

/**
 * The register of towns and villages (stat_town, stat_village) that this
 * module keeps: other modules (house numbers: the look-up's names and maps,
 * the boundaries import, renumbering notices) read and extend it through
 * these functions, never through the tables.
 */

export interface VillageRow {
  code: string;
  town_code: string;
  name_zh: string;
  boundary: string | null;
}

export interface TownRow {
  code: string;
  name_zh: string;
  name_en: string | null;
  office_id: number | null;
}

/** Villages of these codes with their town and boundary (GeoJSON text). */
export async function villages(db: Executor, codes: readonly string[]): Promise<VillageRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('stat_village').select(['code', 'town_code', 'name_zh', 'boundary']).where('code', 'in', [...codes]).execute();
}

/** The other villages of a town with a boundary: drawn outlined around the village. */
export function townBoundaries(db: Executor, townCode: string, except: string): Promise<{ code: string; boundary: string | null }[]> {
  return db.selectFrom('stat_village').select(['code', 'boundary']).where('town_code', '=', townCode).where('code', '<>', except).where('boundary', 'is not', null).execute();
}

export function townsOfCounty(db: Executor, countyId: number): Promise<TownRow[]> {
  return db.selectFrom('stat_town').select(['code', 'name_zh', 'name_en', 'office_id']).where('county_id', '=', countyId).orderBy('code').execute();
}

/** The villages of the towns an office serves: code and name, by code. */
export function villagesOfOffice(db: Executor, officeId: number): Promise<{ code: string; name_zh: string; town: string }[]> {
  return db
    .selectFrom('stat_village as v')
    .innerJoin('stat_town as t', 't.code', 'v.town_code')
    .select(['v.code', 'v.name_zh', 't.name_zh as town'])
    .where('t.office_id', '=', officeId)
    .orderBy('v.code')
    .execute();
}

export function villageNames(db: Executor, codes: readonly string[]): Promise<{ code: string; name_zh: string }[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('stat_village').select(['code', 'name_zh']).where('code', 'in', [...codes]).execute();
}

/** The towns of these codes, with their county. */
export async function townsOf(db: Executor, codes: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db.selectFrom('stat_town').select(['code', 'county_id']).where('code', 'in', codes.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.code, r.county_id);
  }
  return out;
}

/** The county's town codes. */
export async function countyTownCodes(db: Executor, countyId: number): Promise<string[]> {
  return (await db.selectFrom('stat_town').select('code').where('county_id', '=', countyId).execute()).map((r) => r.code);
}

/** The villages of these codes that exist, with their town. */
export async function villagesOf(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db.selectFrom('stat_village').select(['code', 'town_code']).where('code', 'in', codes.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.code, r.town_code);
  }
  return out;
}

/** A town the boundaries file names before any population file did (no office yet). */
export async function insertTown(db: Executor, t: { code: string; countyId: number; name: string }): Promise<void> {
  await db.insertInto('stat_town').values({ code: t.code, county_id: t.countyId, name_zh: t.name, name_en: null, area_km2: null, office_id: null }).execute();
}

export async function insertVillage(db: Executor, v: { code: string; townCode: string; name: string; areaKm2: number; boundary: string }): Promise<void> {
  await db.insertInto('stat_village').values({ code: v.code, town_code: v.townCode, name_zh: v.name, area_km2: v.areaKm2, boundary: v.boundary }).execute();
}

export async function setBoundary(db: Executor, code: string, areaKm2: number, boundary: string): Promise<void> {
  await db.updateTable('stat_village').set({ area_km2: areaKm2, boundary }).where('code', '=', code).execute();
}
