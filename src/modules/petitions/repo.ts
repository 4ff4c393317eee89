import type { Executor } from '../../db/index.js';
import type { PetitionTable } from '../../db/schema.js';

export type PetitionRow = Omit<PetitionTable, 'id'> & { id: number };

export async function insertPetition(trx: Executor, row: Omit<PetitionTable, 'id'>): Promise<number> {
  return (await trx.insertInto('petition').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function petitionById(db: Executor, id: number) {
  return db.selectFrom('petition').selectAll().where('id', '=', id).executeTakeFirst();
}

export function petitionByNumber(db: Executor, number: string) {
  return db.selectFrom('petition').selectAll().where('number', '=', number).executeTakeFirst();
}

export function petitionByToken(db: Executor, token: string) {
  return db.selectFrom('petition').selectAll().where('view_token', '=', token).executeTakeFirst();
}

export function petitionByConfirmHash(db: Executor, hash: string) {
  return db.selectFrom('petition').selectAll().where('confirm_hash', '=', hash).executeTakeFirst();
}

/** Moves only from one of the given states; false when someone else moved it first. */
export async function movePetition(trx: Executor, id: number, from: readonly string[], set: Partial<Omit<PetitionTable, 'id'>>): Promise<boolean> {
  const res = await trx.updateTable('petition').set(set).where('id', '=', id).where('status', 'in', [...from]).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function addEvent(trx: Executor, e: { petition_id: number; at: string; kind: string; public: boolean; text?: string | null; staff_id?: number | null }) {
  await trx
    .insertInto('petition_event')
    .values({ petition_id: e.petition_id, at: e.at, kind: e.kind, public: e.public ? 1 : 0, text: e.text ?? null, staff_id: e.staff_id ?? null })
    .execute();
}

export function eventsOf(db: Executor, id: number, publicOnly = false) {
  let q = db.selectFrom('petition_event').selectAll().where('petition_id', '=', id);
  if (publicOnly) q = q.where('public', '=', 1);
  return q.orderBy('at').orderBy('id').execute();
}

export function pausesOf(db: Executor, id: number) {
  return db.selectFrom('petition_pause').selectAll().where('petition_id', '=', id).orderBy('from_date').execute();
}

export function attachmentsOf(db: Executor, id: number) {
  return db.selectFrom('petition_attachment').select(['id', 'filename', 'mime', 'size']).where('petition_id', '=', id).orderBy('id').execute();
}

export function openPetitions(db: Executor, officeIds: number[]) {
  if (officeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('petition')
    .selectAll()
    .where('office_id', 'in', officeIds)
    .where('status', 'in', ['received', 'assigned', 'waiting'])
    .orderBy('due_on')
    .orderBy('id')
    .execute();
}

export function templatesFor(db: Executor, officeId: number) {
  return db
    .selectFrom('reply_template')
    .selectAll()
    .where((eb) => eb.or([eb('office_id', 'is', null), eb('office_id', '=', officeId)]))
    .orderBy('category')
    .orderBy('title')
    .execute();
}
