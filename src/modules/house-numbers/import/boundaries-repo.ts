import type { Executor } from '../../../db/index.js';

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

export async function insertTown(db: Executor, t: { code: string; countyId: number; name: string }): Promise<void> {
  await db.insertInto('stat_town').values({ code: t.code, county_id: t.countyId, name_zh: t.name, name_en: null, area_km2: null, office_id: null }).execute();
}

export async function insertVillage(db: Executor, v: { code: string; townCode: string; name: string; areaKm2: number; boundary: string }): Promise<void> {
  await db.insertInto('stat_village').values({ code: v.code, town_code: v.townCode, name_zh: v.name, area_km2: v.areaKm2, boundary: v.boundary }).execute();
}

export async function setBoundary(db: Executor, code: string, areaKm2: number, boundary: string): Promise<void> {
  await db.updateTable('stat_village').set({ area_km2: areaKm2, boundary }).where('code', '=', code).execute();
}
