import type { Executor } from '../../db/index.js';

/** SQL of the counters and queue services administration (the pages under /staff/queue/counters and /services). */

export async function countersOfOffice(db: Executor, officeId: number) {
  return db.selectFrom('counter').selectAll().where('office_id', '=', officeId).orderBy('active', 'desc').orderBy('number').execute();
}

export async function counterServicePairs(db: Executor, officeId: number) {
  return db
    .selectFrom('counter_service')
    .innerJoin('counter', 'counter.id', 'counter_service.counter_id')
    .select(['counter_service.counter_id', 'counter_service.service_id'])
    .where('counter.office_id', '=', officeId)
    .execute();
}

export async function counterByNumber(db: Executor, officeId: number, number: number) {
  return db.selectFrom('counter').selectAll().where('office_id', '=', officeId).where('number', '=', number).executeTakeFirst();
}

export async function insertCounter(
  db: Executor,
  row: { office_id: number; number: number; name_zh: string; name_en: string; priority_first: number; open_default: number; active: number },
): Promise<number> {
  const r = await db.insertInto('counter').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCounter(
  db: Executor,
  id: number,
  set: Partial<{ number: number; name_zh: string; name_en: string; priority_first: number; open_default: number; active: number }>,
) {
  if (Object.keys(set).length > 0) await db.updateTable('counter').set(set).where('id', '=', id).execute();
}

export async function setCounterServices(db: Executor, counterId: number, serviceIds: number[]) {
  await db.deleteFrom('counter_service').where('counter_id', '=', counterId).execute();
  if (serviceIds.length > 0) await db.insertInto('counter_service').values(serviceIds.map((service_id) => ({ counter_id: counterId, service_id }))).execute();
}

export async function servicesOfOffice(db: Executor, officeId: number) {
  return db.selectFrom('service').selectAll().where('office_id', '=', officeId).orderBy('active', 'desc').orderBy('sort').orderBy('id').execute();
}

export async function serviceById(db: Executor, id: number) {
  return db.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function serviceByCode(db: Executor, officeId: number, code: string) {
  return db.selectFrom('service').selectAll().where('office_id', '=', officeId).where('code', '=', code).executeTakeFirst();
}

/** The active service of the office that shows this letter, if any (other than `exceptId`). */
export async function activeServiceByLetter(db: Executor, officeId: number, letter: string, exceptId: number | null) {
  let q = db.selectFrom('service').select(['id', 'code']).where('office_id', '=', officeId).where('queue_prefix', '=', letter).where('active', '=', 1);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function insertService(
  db: Executor,
  row: { office_id: number; code: string; queue_prefix: string; name_zh: string; name_en: string; avg_minutes: number | null; sort: number; active: number },
): Promise<number> {
  const r = await db.insertInto('service').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateService(
  db: Executor,
  id: number,
  set: Partial<{ queue_prefix: string; name_zh: string; name_en: string; avg_minutes: number | null; sort: number; active: number }>,
) {
  if (Object.keys(set).length > 0) await db.updateTable('service').set(set).where('id', '=', id).execute();
}

/** Tickets of a day still in the queue for a service (waiting, called, serving, parked): what a retirement leaves running. */
export async function openTicketsOfService(db: Executor, serviceId: number, day: string): Promise<number> {
  const r = await db
    .selectFrom('ticket')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('service_id', '=', serviceId)
    .where('day', '=', day)
    .where('status', 'in', ['waiting', 'called', 'serving', 'parked'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Offered at the kiosk and for phone tickets: an active service of the office served by at least one active counter. */
export async function serviceOffered(db: Executor, officeId: number, serviceId: number): Promise<boolean> {
  const r = await db
    .selectFrom('service')
    .innerJoin('counter_service', 'counter_service.service_id', 'service.id')
    .innerJoin('counter', 'counter.id', 'counter_service.counter_id')
    .select('service.id')
    .where('service.id', '=', serviceId)
    .where('service.office_id', '=', officeId)
    .where('service.active', '=', 1)
    .where('counter.active', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}
