import type { Executor } from '../../db/index.js';

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
