// Notice delivery: every SQL statement of the area (notices, their tries, batches).
import type { Executor } from '../../../db/index.js';
import type { NotifyAttemptTable, NotifyNoticeTable } from '../../../db/schema.js';

export type NoticeStatus = NotifyNoticeTable['status'];
export type AttemptOutcome = NotifyAttemptTable['outcome'];

// ---- delivery ----------------------------------------------------------------

export function noticeForDelivery(db: Executor, id: number) {
  return db
    .selectFrom('notify_notice as n')
    .innerJoin('notify_recipient as r', 'r.id', 'n.recipient_id')
    .select(['n.id', 'n.status', 'n.body_enc', 'n.office_id', 'n.event', 'r.channel', 'r.email', 'r.webhook_url', 'r.secret_enc', 'r.name as recipient_name', 'r.ack_days'])
    .where('n.id', '=', id)
    .executeTakeFirst();
}

/** Out of the queue after a try that worked; false when the notice was no longer queued. */
export async function markDelivered(db: Executor, id: number, to: 'sent' | 'acknowledged', at: string, purgeAfter: string): Promise<boolean> {
  const r = await db
    .updateTable('notify_notice')
    .set((eb) => ({ status: to, sent_at: at, acked_at: to === 'acknowledged' ? at : null, purge_after: purgeAfter, last_error: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A try that did not work: counted with its reason; the last one fails the notice (its data purged like a sent one's). */
export async function markTryFailed(db: Executor, id: number, reason: string, at: string, final: { purgeAfter: string } | null): Promise<boolean> {
  const r = await db
    .updateTable('notify_notice')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: reason,
      ...(final ? { status: 'failed' as const, failed_at: at, purge_after: final.purgeAfter } : {}),
    }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function addAttempt(db: Executor, noticeId: number, at: string, outcome: AttemptOutcome, detail: string | null): Promise<void> {
  await db.insertInto('notify_attempt').values({ notice_id: noticeId, at, outcome, detail }).execute();
}

export async function addAttempts(db: Executor, noticeIds: number[], at: string, outcome: AttemptOutcome, detail: string | null): Promise<void> {
  if (noticeIds.length === 0) return;
  await db
    .insertInto('notify_attempt')
    .values(noticeIds.map((id) => ({ notice_id: id, at, outcome, detail })))
    .execute();
}

// ---- acknowledgement ---------------------------------------------------------

export function noticeByTokenHash(db: Executor, hash: string) {
  return db
    .selectFrom('notify_notice as n')
    .innerJoin('notify_recipient as r', 'r.id', 'n.recipient_id')
    .select(['n.id', 'n.status', 'n.office_id', 'n.event', 'n.queued_at', 'n.sent_at', 'n.acked_at', 'r.name as recipient_name', 'r.name_en as recipient_name_en'])
    .where('n.ack_token_hash', '=', hash)
    .executeTakeFirst();
}

export function noticeForCallback(db: Executor, id: number) {
  return db
    .selectFrom('notify_notice as n')
    .innerJoin('notify_recipient as r', 'r.id', 'n.recipient_id')
    .select(['n.id', 'n.status', 'n.office_id', 'n.ack_token_hash', 'n.acked_at', 'r.secret_enc'])
    .where('n.id', '=', id)
    .executeTakeFirst();
}

/** Sent → acknowledged, once; false when it was not (or no longer) waiting for one. */
export async function markAcknowledged(db: Executor, id: number, at: string): Promise<boolean> {
  const r = await db.updateTable('notify_notice').set({ status: 'acknowledged', acked_at: at }).where('id', '=', id).where('status', '=', 'sent').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function ackedAt(db: Executor, id: number) {
  return db.selectFrom('notify_notice').select(['status', 'acked_at']).where('id', '=', id).executeTakeFirst();
}

// ---- batches -----------------------------------------------------------------

/** The county's batch-channel recipients with how many notices of the office wait for a list. */
export async function batchRecipients(db: Executor, countyId: number, officeId: number) {
  const recipients = await db
    .selectFrom('notify_recipient')
    .select(['id', 'code', 'name', 'name_en', 'active', 'fields'])
    .where('county_id', '=', countyId)
    .where('channel', '=', 'batch')
    .orderBy('code')
    .execute();
  const counts = await db
    .selectFrom('notify_notice')
    .select(['recipient_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('office_id', '=', officeId)
    .where('status', '=', 'queued')
    .groupBy('recipient_id')
    .execute();
  const queued = new Map(counts.map((c) => [c.recipient_id, Number(c.n)]));
  return recipients.map((r) => ({ ...r, queued: queued.get(r.id) ?? 0 }));
}

export function recipientById(db: Executor, id: number) {
  return db.selectFrom('notify_recipient').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertBatch(db: Executor, row: { recipient_id: number; office_id: number; created_by: number; created_at: string }): Promise<number> {
  const r = await db
    .insertInto('notify_batch')
    .values({ ...row, notices: 0, handed_over_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Every queued notice of the office for the recipient onto the list, in one statement (a second click finds none). */
export async function listQueued(db: Executor, batchId: number, officeId: number, recipientId: number, at: string, purgeAfter: string): Promise<number[]> {
  const rows = await db
    .updateTable('notify_notice')
    .set({ status: 'sent', batch_id: batchId, sent_at: at, purge_after: purgeAfter })
    .where('office_id', '=', officeId)
    .where('recipient_id', '=', recipientId)
    .where('status', '=', 'queued')
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export async function setBatchCount(db: Executor, batchId: number, n: number): Promise<void> {
  await db.updateTable('notify_batch').set({ notices: n }).where('id', '=', batchId).execute();
}

/** The office's lists: those still to be handed over (all of them), or the latest handed over. */
export function batchesOfOffice(db: Executor, officeId: number, handedOver: boolean, limit = 50) {
  return db
    .selectFrom('notify_batch as b')
    .innerJoin('notify_recipient as r', 'r.id', 'b.recipient_id')
    .select(['b.id', 'b.created_at', 'b.notices', 'b.handed_over_at', 'r.name as recipient_name', 'r.name_en as recipient_name_en'])
    .where('b.office_id', '=', officeId)
    .where('b.handed_over_at', handedOver ? 'is not' : 'is', null)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(handedOver ? limit : 1000)
    .execute();
}

export function batchById(db: Executor, id: number) {
  return db
    .selectFrom('notify_batch as b')
    .innerJoin('notify_recipient as r', 'r.id', 'b.recipient_id')
    .select(['b.id', 'b.office_id', 'b.recipient_id', 'b.created_at', 'b.notices', 'b.handed_over_at', 'r.name as recipient_name', 'r.name_en as recipient_name_en', 'r.fields as recipient_fields'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

export function noticesOfBatch(db: Executor, batchId: number) {
  return db.selectFrom('notify_notice').select(['id', 'case_id', 'event', 'body_enc', 'status']).where('batch_id', '=', batchId).orderBy('id').execute();
}

export async function markHandedOver(db: Executor, batchId: number, at: string): Promise<boolean> {
  const r = await db.updateTable('notify_batch').set({ handed_over_at: at }).where('id', '=', batchId).where('handed_over_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function ackBatch(db: Executor, batchId: number, at: string): Promise<number[]> {
  const rows = await db
    .updateTable('notify_notice')
    .set({ status: 'acknowledged', acked_at: at })
    .where('batch_id', '=', batchId)
    .where('status', '=', 'sent')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

// ---- the staff pages -----------------------------------------------------------

export function countsByRecipient(db: Executor, officeId: number, from: string, to: string) {
  return db
    .selectFrom('notify_notice as n')
    .innerJoin('notify_recipient as r', 'r.id', 'n.recipient_id')
    .select(['n.recipient_id', 'r.name', 'r.name_en', 'r.channel', 'n.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('n.office_id', '=', officeId)
    .where('n.queued_at', '>=', from)
    .where('n.queued_at', '<', to)
    .groupBy(['n.recipient_id', 'r.name', 'r.name_en', 'r.channel', 'n.status'])
    .execute();
}

const listColumns = ['n.id', 'n.case_id', 'n.event', 'n.status', 'n.attempts', 'n.last_error', 'n.queued_at', 'n.sent_at', 'n.acked_at', 'n.failed_at', 'r.name as recipient_name', 'r.name_en as recipient_name_en'] as const;

/** Failed notices of the office (whenever queued: they wait for someone to act). */
export function failedNotices(db: Executor, officeId: number, limit = 100) {
  return db
    .selectFrom('notify_notice as n')
    .innerJoin('notify_recipient as r', 'r.id', 'n.recipient_id')
    .select([...listColumns])
    .where('n.office_id', '=', officeId)
    .where('n.status', '=', 'failed')
    .orderBy('n.failed_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
}

export function noticesInPeriod(db: Executor, officeId: number, from: string, to: string, opts: { recipientId?: number; limit?: number } = {}) {
  let q = db
    .selectFrom('notify_notice as n')
    .innerJoin('notify_recipient as r', 'r.id', 'n.recipient_id')
    .select([...listColumns])
    .where('n.office_id', '=', officeId)
    .where('n.queued_at', '>=', from)
    .where('n.queued_at', '<', to);
  if (opts.recipientId !== undefined) q = q.where('n.recipient_id', '=', opts.recipientId);
  return q
    .orderBy('n.queued_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(opts.limit ?? 200)
    .execute();
}

export function noticeById(db: Executor, id: number) {
  return db
    .selectFrom('notify_notice as n')
    .innerJoin('notify_recipient as r', 'r.id', 'n.recipient_id')
    .select([...listColumns, 'n.office_id', 'n.recipient_id', 'n.batch_id', 'n.purge_after', 'n.purged_at', 'n.body_enc', 'r.channel', 'r.ack_days'])
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export function attemptsOf(db: Executor, noticeId: number) {
  return db.selectFrom('notify_attempt').select(['id', 'at', 'outcome', 'detail']).where('notice_id', '=', noticeId).orderBy('at').orderBy('id').execute();
}

/** Failed → queued again (the reason stays until the next try); false when it was not failed or its data is gone. */
export async function requeue(db: Executor, id: number): Promise<boolean> {
  const r = await db
    .updateTable('notify_notice')
    .set({ status: 'queued', failed_at: null, purge_after: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .where('body_enc', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function failedCount(db: Executor, officeId: number): Promise<number> {
  const r = await db
    .selectFrom('notify_notice')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('office_id', '=', officeId)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

// ---- purge ---------------------------------------------------------------------

/** Drops the sealed bodies whose time is up; the rows, tries and acknowledgements stay. Returns how many per office. */
export async function purgeDue(db: Executor, now: string): Promise<Map<number, number>> {
  const due = await db
    .selectFrom('notify_notice')
    .select(['office_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('purge_after', '<=', now)
    .where('purged_at', 'is', null)
    .groupBy('office_id')
    .execute();
  if (due.length === 0) return new Map();
  await db.updateTable('notify_notice').set({ body_enc: null, purged_at: now }).where('purge_after', '<=', now).where('purged_at', 'is', null).execute();
  return new Map(due.map((d) => [d.office_id, Number(d.n)]));
}
