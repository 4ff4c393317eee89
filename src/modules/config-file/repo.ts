import type { Executor } from '../../db/index.js';

/** The county's offices by code, in the order the county page lists them (retired ones too: their codes stay taken). */
export function officesOfCounty(db: Executor, countyId: number) {
  return db.selectFrom('office').select(['id', 'code', 'active', 'parent_id']).where('county_id', '=', countyId).orderBy('id').execute();
}

export function officeByCode(db: Executor, code: string) {
  return db.selectFrom('office').select(['id', 'code', 'county_id', 'active']).where('code', '=', code).executeTakeFirst();
}

/** The one county of this installation (the set-up wizard creates it). */
export async function firstCountyId(db: Executor): Promise<number | null> {
  return (await db.selectFrom('county').select('id').orderBy('id').limit(1).executeTakeFirst())?.id ?? null;
}

/** A new office as a bare row with no hours; the offices module's own row function fills in its details in the same transaction. */
export async function insertBareOffice(db: Executor, v: { countyId: number; code: string; kind: string; nameZh: string; now: string }): Promise<number> {
  const row = await db
    .insertInto('office')
    .values({ county_id: v.countyId, code: v.code, kind: v.kind, name_zh: v.nameZh, name_en: '', address_zh: '', address_en: '', phone: '', updated_at: v.now, parent_id: null, fax: null, email: null, director_name: null, map_url: null, closed_at: null, successor_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
