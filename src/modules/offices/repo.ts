import type { Insertable, Updateable } from 'kysely';
import type { CountyTable, OfficeHoursTable, OfficeTable } from '../../db/schema.js';
import type { Executor } from '../../db/index.js';
import { dropCached } from '../../platform/cache.js';

export async function findCounty(db: Executor) {
  return db.selectFrom('county').selectAll().orderBy('id').executeTakeFirst();
}

export async function listOffices(db: Executor, countyId?: number) {
  let q = db.selectFrom('office').selectAll().orderBy('id');
  if (countyId !== undefined) q = q.where('county_id', '=', countyId);
  return q.execute();
}

export async function findOfficeByCode(db: Executor, code: string) {
  return db.selectFrom('office').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findOfficeById(db: Executor, id: number) {
  return db.selectFrom('office').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function hoursOf(db: Executor, officeIds: number[]) {
  if (officeIds.length === 0) return [];
  return db.selectFrom('office_hours').selectAll().where('office_id', 'in', officeIds).orderBy('weekday').execute();
}

export async function countActiveCounters(db: Executor, officeId: number): Promise<number> {
  const row = await db
    .selectFrom('counter')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('office_id', '=', officeId)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function activeServices(db: Executor, officeId: number) {
  return db.selectFrom('service').selectAll().where('office_id', '=', officeId).where('active', '=', 1).orderBy('sort').execute();
}

export function servicesOfOffices(db: Executor, officeIds: number[]) {
  return db.selectFrom('service').select(['id', 'code', 'name_zh', 'name_en', 'office_id']).where('office_id', 'in', officeIds.length ? officeIds : [0]).execute();
}

// --- administration (issue 13): the county record, offices, hours, exceptions ---
// Each writer drops the cached public reads at once (this process); the route announces the change after its commit (every process).


export async function findCountyById(db: Executor, id: number) {
  return db.selectFrom('county').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateCounty(db: Executor, id: number, values: Updateable<CountyTable>) {
  dropCached('offices');
  await db.updateTable('county').set(values).where('id', '=', id).execute();
}

export async function insertOffice(db: Executor, values: Insertable<OfficeTable>): Promise<number> {
  dropCached('offices');
  const row = await db.insertInto('office').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOffice(db: Executor, id: number, values: Updateable<OfficeTable>) {
  dropCached('offices');
  await db.updateTable('office').set(values).where('id', '=', id).execute();
}

/** The week replaced at once: the caller's transaction keeps it whole. */
export async function replaceHours(db: Executor, officeId: number, rows: Omit<Insertable<OfficeHoursTable>, 'office_id'>[]) {
  dropCached('offices');
  await db.deleteFrom('office_hours').where('office_id', '=', officeId).execute();
  if (rows.length > 0) await db.insertInto('office_hours').values(rows.map((r) => ({ ...r, office_id: officeId }))).execute();
}

export async function exceptionsOf(db: Executor, officeId: number, from?: string, to?: string) {
  let q = db.selectFrom('office_hours_exception').selectAll().where('office_id', '=', officeId).orderBy('date');
  if (from) q = q.where('date', '>=', from);
  if (to) q = q.where('date', '<=', to);
  return q.execute();
}

export async function exceptionOn(db: Executor, officeId: number, date: string) {
  return db.selectFrom('office_hours_exception').selectAll().where('office_id', '=', officeId).where('date', '=', date).executeTakeFirst();
}

export async function exceptionById(db: Executor, officeId: number, id: number) {
  return db.selectFrom('office_hours_exception').selectAll().where('office_id', '=', officeId).where('id', '=', id).executeTakeFirst();
}

export async function upsertException(
  db: Executor,
  row: { office_id: number; date: string; closed: number; opens: string | null; closes: string | null; reason_zh: string; reason_en: string; updated_at: string },
) {
  dropCached('offices');
  await db
    .insertInto('office_hours_exception')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['office_id', 'date']).doUpdateSet({ closed: row.closed, opens: row.opens, closes: row.closes, reason_zh: row.reason_zh, reason_en: row.reason_en, updated_at: row.updated_at }),
    )
    .execute();
}

export async function deleteException(db: Executor, officeId: number, id: number) {
  dropCached('offices');
  await db.deleteFrom('office_hours_exception').where('office_id', '=', officeId).where('id', '=', id).execute();
}

/** What the office itself still has running: counters, queue services, branch offices. */
export async function openThingsOfOffice(db: Executor, officeId: number) {
  const [services, branches] = await Promise.all([
    db
      .selectFrom('service')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('office_id', '=', officeId)
      .where('active', '=', 1)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('office')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', officeId)
      .where('active', '=', 1)
      .executeTakeFirstOrThrow(),
  ]);
  return { counters: await countActiveCounters(db, officeId), services: Number(services.n), branches: Number(branches.n) };
}
