import type { Executor } from '../../db/index.js';
import type { MediaLogTable, PetitionTable } from '../../db/schema.js';
import { OPEN } from './rules.js';

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
    .where('status', 'in', [...OPEN])
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

export type ListFilter = 'open' | 'overdue' | 'soon' | 'waiting' | 'mine' | 'replied' | 'all';

/** Registered petitions of some offices, by the list's filter ("soon" is narrowed by the caller on the calendar). */
export function listPetitions(db: Executor, officeIds: number[], filter: ListFilter, staffId: number, today: string) {
  let q = db.selectFrom('petition').selectAll().where('office_id', 'in', officeIds.length ? officeIds : [0]).where('number', 'is not', null);
  if (filter === 'open' || filter === 'overdue' || filter === 'soon' || filter === 'mine') q = q.where('status', 'in', [...OPEN]);
  if (filter === 'overdue') q = q.where('due_on', '<', today).where('status', '!=', 'waiting');
  if (filter === 'waiting') q = q.where('status', '=', 'waiting');
  if (filter === 'mine') q = q.where('assignee_id', '=', staffId);
  if (filter === 'replied') q = q.where('status', 'in', ['replied', 'closed', 'transferred', 'declined']);
  return q.orderBy('due_on').orderBy('id', 'desc').limit(300).execute();
}

export function attachment(db: Executor, petitionId: number, id: number) {
  return db.selectFrom('petition_attachment').selectAll().where('id', '=', id).where('petition_id', '=', petitionId).executeTakeFirst();
}

export function openFollowups(db: Executor, officeIds: number[]) {
  return db
    .selectFrom('petition_followup')
    .innerJoin('petition', 'petition.id', 'petition_followup.petition_id')
    .select(['petition_followup.id', 'petition_followup.petition_id', 'petition_followup.reason', 'petition_followup.created_at', 'petition.number', 'petition.subject', 'petition.rating', 'petition.rating_comment'])
    .where('petition_followup.office_id', 'in', officeIds.length ? officeIds : [0])
    .where('petition_followup.status', '=', 'open')
    .orderBy('petition_followup.created_at')
    .execute();
}

export async function insertFollowup(db: Executor, f: { petition_id: number; office_id: number; reason: string; created_at: string }) {
  await db.insertInto('petition_followup').values({ ...f, status: 'open', done_at: null, done_by: null, note: null }).execute();
}

export async function closeFollowup(db: Executor, id: number, officeIds: number[], done: { at: string; by: number; note: string }) {
  await db
    .updateTable('petition_followup')
    .set({ status: 'done', done_at: done.at, done_by: done.by, note: done.note })
    .where('id', '=', id)
    .where('office_id', 'in', officeIds.length ? officeIds : [0])
    .execute();
}

export async function insertTemplate(db: Executor, t: { office_id: number; category: string; title: string; body_zh: string; body_en: string; updated_at: string }) {
  await db.insertInto('reply_template').values(t).execute();
}

/** County-wide templates (no office) are kept: only an office's own can go. */
export async function deleteTemplate(db: Executor, id: number, officeId: number) {
  await db.deleteFrom('reply_template').where('id', '=', id).where('office_id', '=', officeId).execute();
}

export function mediaLog(db: Executor, officeId: number) {
  return db.selectFrom('media_log').selectAll().where('office_id', '=', officeId).orderBy('seen_on', 'desc').limit(200).execute();
}

export async function insertMedia(db: Executor, m: Omit<MediaLogTable, 'id'>) {
  await db.insertInto('media_log').values(m).execute();
}

export async function updatePetition(db: Executor, id: number, set: Partial<Omit<PetitionTable, 'id'>>) {
  await db.updateTable('petition').set(set).where('id', '=', id).execute();
}

/** A rating is given once: false when one is already there. */
export async function setRating(db: Executor, id: number, r: { rating: number; rating_comment: string | null; rated_at: string }): Promise<boolean> {
  const res = await db.updateTable('petition').set({ ...r, updated_at: r.rated_at }).where('id', '=', id).where('rating', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertAttachment(db: Executor, a: { petition_id: number; filename: string; mime: string; content: Buffer }) {
  await db.insertInto('petition_attachment').values({ ...a, size: a.content.length }).execute();
}

export async function deleteAttachments(db: Executor, petitionId: number) {
  await db.deleteFrom('petition_attachment').where('petition_id', '=', petitionId).execute();
}

export async function answeredSince(db: Executor, petitionId: number, after: string): Promise<boolean> {
  return Boolean(await db.selectFrom('petition_event').select('id').where('petition_id', '=', petitionId).where('kind', '=', 'staff_answer').where('at', '>', after).executeTakeFirst());
}

export async function startPause(db: Executor, petitionId: number, from: string) {
  await db.insertInto('petition_pause').values({ petition_id: petitionId, from_date: from, to_date: null }).execute();
}

/** Ends the open pause on `to` (a pause ending before it began counts no day). */
export async function endPause(db: Executor, petitionId: number, to: string) {
  await db.updateTable('petition_pause').set({ to_date: to }).where('petition_id', '=', petitionId).where('to_date', 'is', null).execute();
}

/** An office's petitions received between two days, for its figures. */
export function receivedBetween(db: Executor, officeId: number, from: string, to: string) {
  return db.selectFrom('petition').select(['id', 'channel', 'category', 'received_on', 'replied_on', 'due_on', 'rating', 'status']).where('office_id', '=', officeId).where('received_on', '>=', from).where('received_on', '<=', to).execute();
}

export function pausesOfMany(db: Executor, petitionIds: number[]) {
  if (petitionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('petition_pause').selectAll().where('petition_id', 'in', petitionIds).execute();
}

/** Petitions not yet answered nor waiting on the citizen, of one office or (null) all: who has them, when due, how far escalated. */
export function unanswered(db: Executor, officeId: number | null) {
  let q = db.selectFrom('petition').select(['assignee_id', 'due_on', 'escalation', 'status']).where('status', 'in', ['received', 'assigned']);
  if (officeId !== null) q = q.where('office_id', '=', officeId);
  return q.execute();
}

export async function openFollowupCount(db: Executor, officeId: number | null): Promise<number> {
  let q = db.selectFrom('petition_followup').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open');
  if (officeId !== null) q = q.where('office_id', '=', officeId);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}
