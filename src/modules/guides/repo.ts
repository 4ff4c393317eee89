import type { Executor } from '../../db/index.js';
import { dropCached } from '../../platform/cache.js';
import type { ServiceGuideTable } from '../../db/schema.js';

export type GuideRow = Omit<ServiceGuideTable, 'id'> & { id: number };
export type GuideInsert = Omit<GuideRow, 'id'>;

/** The county library (office_id null); retired ones too unless `activeOnly`. */
export async function libraryGuides(db: Executor, activeOnly: boolean): Promise<GuideRow[]> {
  let q = db.selectFrom('service_guide').selectAll().where('office_id', 'is', null);
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('sort').orderBy('id').execute();
}

/** One office's own guides. */
export async function officeGuides(db: Executor, officeId: number, activeOnly: boolean): Promise<GuideRow[]> {
  let q = db.selectFrom('service_guide').selectAll().where('office_id', '=', officeId);
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('sort').orderBy('id').execute();
}

/** Every office's own guides (the "copy from another office" choices). */
export async function guidesOfOffices(db: Executor, officeIds: number[]): Promise<GuideRow[]> {
  if (officeIds.length === 0) return [];
  return db.selectFrom('service_guide').selectAll().where('office_id', 'in', officeIds).orderBy('office_id').orderBy('sort').orderBy('id').execute();
}

export async function guideById(db: Executor, id: number): Promise<GuideRow | undefined> {
  return db.selectFrom('service_guide').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The guide with this code in one scope (null = the library), retired or not. */
export async function guideInScope(db: Executor, officeId: number | null, code: string): Promise<GuideRow | undefined> {
  const q = db.selectFrom('service_guide').selectAll().where('code', '=', code);
  return (officeId === null ? q.where('office_id', 'is', null) : q.where('office_id', '=', officeId)).executeTakeFirst();
}

/** A code without an office: the library's, else the first office's own guide with it (cases opened with it keep working). */
export async function guideByCode(db: Executor, code: string): Promise<GuideRow | undefined> {
  const rows = await db.selectFrom('service_guide').selectAll().where('code', '=', code).execute();
  return rows.find((r) => r.office_id === null) ?? rows.sort((a, b) => (a.office_id ?? 0) - (b.office_id ?? 0) || a.id - b.id)[0];
}

export async function nextSort(db: Executor, officeId: number | null): Promise<number> {
  const q = db.selectFrom('service_guide').select((eb) => eb.fn.max('sort').as('m'));
  const r = await (officeId === null ? q.where('office_id', 'is', null) : q.where('office_id', '=', officeId)).executeTakeFirst();
  return r?.m === null || r?.m === undefined ? 0 : Number(r.m) + 1;
}

export async function insertGuide(db: Executor, row: GuideInsert): Promise<number> {
  // the cached public guide pages go at once (platform/cache.ts); the staff routes announce after commit
  dropCached('guides');
  const r = await db.insertInto('service_guide').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateGuide(db: Executor, id: number, set: Partial<Omit<GuideRow, 'id' | 'code' | 'office_id'>>): Promise<void> {
  // the cached public guide pages go at once (platform/cache.ts); the staff routes announce after commit
  dropCached('guides');
  await db.updateTable('service_guide').set(set).where('id', '=', id).execute();
}

export async function countOwnActive(db: Executor, officeId: number): Promise<number> {
  const r = await db.selectFrom('service_guide').select((eb) => eb.fn.countAll().as('n')).where('office_id', '=', officeId).where('active', '=', 1).executeTakeFirst();
  return Number(r?.n ?? 0);
}
