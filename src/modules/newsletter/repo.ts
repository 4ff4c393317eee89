import { sql } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { DeliveryState } from './model.js';

/** SQL of the newsletter, nothing else. Every "check, then write" is one conditional statement whose row count decides. */

export async function insertSubscriber(
  db: Executor,
  v: { email: string; locale: string; officeId: number | null; confirmHash: string; confirmExpiresAt: string; now: string },
): Promise<number | null> {
  const row = await db
    .insertInto('newsletter_subscriber')
    .values({
      email: v.email,
      locale: v.locale,
      office_id: v.officeId,
      status: 'pending',
      confirm_hash: v.confirmHash,
      confirm_expires_at: v.confirmExpiresAt,
      confirmed_at: null,
      left_at: null,
      created_at: v.now,
      updated_at: v.now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export function subscriberByEmail(db: Executor, email: string) {
  return db.selectFrom('newsletter_subscriber').selectAll().where('email', '=', email).executeTakeFirst();
}

/** A new confirmation for an address not active now (pending, unsubscribed, bounced): it is pending until confirmed. */
export async function renewConfirmation(db: Executor, id: number, v: { locale: string; confirmHash: string; confirmExpiresAt: string; now: string }): Promise<boolean> {
  const r = await db
    .updateTable('newsletter_subscriber')
    .set({ status: 'pending', locale: v.locale, confirm_hash: v.confirmHash, confirm_expires_at: v.confirmExpiresAt, updated_at: v.now })
    .where('id', '=', id)
    .where('status', '<>', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The pending subscription a live confirmation token belongs to. */
export function pendingByConfirmHash(db: Executor, hash: string, now: string) {
  return db
    .selectFrom('newsletter_subscriber')
    .select(['id', 'email', 'locale'])
    .where('confirm_hash', '=', hash)
    .where('status', '=', 'pending')
    .where('confirm_expires_at', '>', now)
    .executeTakeFirst();
}

export async function confirm(db: Executor, hash: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('newsletter_subscriber')
    .set({ status: 'active', confirmed_at: now, confirm_hash: null, confirm_expires_at: null, left_at: null, soft_bounces: 0, updated_at: now })
    .where('confirm_hash', '=', hash)
    .where('status', '=', 'pending')
    .where('confirm_expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The subscriber a one-click unsubscribe token names (any state: the answer to a second click is the same page). */
export function subscriberByUnsubscribeHash(db: Executor, hash: string) {
  return db
    .selectFrom('newsletter_delivery')
    .innerJoin('newsletter_subscriber', 'newsletter_subscriber.id', 'newsletter_delivery.subscriber_id')
    .select(['newsletter_subscriber.id', 'newsletter_subscriber.status', 'newsletter_subscriber.locale'])
    .where('newsletter_delivery.unsubscribe_hash', '=', hash)
    .executeTakeFirst();
}

/** Leaves (unsubscribed or bounced) from a state that receives mail or may; returns whether this call changed it. */
export async function leave(db: Executor, id: number, to: 'unsubscribed' | 'bounced', now: string): Promise<boolean> {
  const r = await db
    .updateTable('newsletter_subscriber')
    .set({ status: to, left_at: now, confirm_hash: null, confirm_expires_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', to === 'bounced' ? ['active', 'pending'] : ['active', 'pending', 'bounced'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** One more soft bounce; the count after it, or null when the subscriber no longer takes mail. */
export async function addSoftBounce(db: Executor, id: number, now: string): Promise<number | null> {
  const r = await db
    .updateTable('newsletter_subscriber')
    .set({ soft_bounces: sql`soft_bounces + 1`, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returning('soft_bounces')
    .executeTakeFirst();
  return r ? Number(r.soft_bounces) : null;
}

// ---- issues -------------------------------------------------------------

export async function insertIssue(
  db: Executor,
  v: { titleZh: string; titleEn: string | null; introZh: string; introEn: string | null; items: number[]; createdBy: number | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('newsletter_issue')
    .values({ status: 'draft', title_zh: v.titleZh, title_en: v.titleEn, intro_zh: v.introZh, intro_en: v.introEn, items: JSON.stringify(v.items), created_by: v.createdBy, created_at: v.now, updated_at: v.now, send_started_at: null, sent_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function issueById(db: Executor, id: number) {
  return db.selectFrom('newsletter_issue').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listIssues(db: Executor) {
  return db.selectFrom('newsletter_issue').selectAll().orderBy('id', 'desc').limit(200).execute();
}

/** Delivery counts of issues, by state. */
export async function deliveryCounts(db: Executor, issueIds: number[]): Promise<Map<number, Record<DeliveryState, number>>> {
  const out = new Map<number, Record<DeliveryState, number>>();
  if (issueIds.length === 0) return out;
  const rows = await db
    .selectFrom('newsletter_delivery')
    .select(['issue_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('issue_id', 'in', issueIds)
    .groupBy(['issue_id', 'status'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.issue_id) ?? { pending: 0, sent: 0, failed: 0, skipped: 0 };
    c[r.status as DeliveryState] = Number(r.n);
    out.set(r.issue_id, c);
  }
  return out;
}

export async function startSending(db: Executor, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('newsletter_issue').set({ status: 'sending', send_started_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function activeSubscribers(db: Executor) {
  return db.selectFrom('newsletter_subscriber').select(['id', 'email', 'locale']).where('status', '=', 'active').orderBy('id').execute();
}

/** A delivery row unless the issue already has one for the subscriber: its id when this call made it. */
export async function insertDelivery(db: Executor, v: { issueId: number; subscriberId: number; unsubscribeHash: string; bounceTag: string; now: string }): Promise<number | null> {
  const row = await db
    .insertInto('newsletter_delivery')
    .values({ issue_id: v.issueId, subscriber_id: v.subscriberId, status: 'pending', unsubscribe_hash: v.unsubscribeHash, bounce_tag: v.bounceTag, sent_at: null, bounced_at: null, bounce_status: null, created_at: v.now })
    .onConflict((oc) => oc.columns(['issue_id', 'subscriber_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function markFannedOut(db: Executor, issueId: number, now: string): Promise<void> {
  await db.updateTable('newsletter_issue').set({ fanned_out: 1, updated_at: now }).where('id', '=', issueId).execute();
}

export function deliveryForSend(db: Executor, id: number) {
  return db
    .selectFrom('newsletter_delivery')
    .innerJoin('newsletter_subscriber', 'newsletter_subscriber.id', 'newsletter_delivery.subscriber_id')
    .select(['newsletter_delivery.id', 'newsletter_delivery.issue_id', 'newsletter_delivery.status', 'newsletter_subscriber.status as subscriberStatus'])
    .where('newsletter_delivery.id', '=', id)
    .executeTakeFirst();
}

/** pending → sent | failed | skipped, once. */
export async function finishDelivery(db: Executor, id: number, to: Exclude<DeliveryState, 'pending'>, now: string): Promise<boolean> {
  const r = await db
    .updateTable('newsletter_delivery')
    .set({ status: to, sent_at: to === 'sent' ? now : null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** sending → sent once every delivery row exists and none is pending. */
export async function finishIssueIfDone(db: Executor, issueId: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('newsletter_issue')
    .set({ status: 'sent', sent_at: now, updated_at: now })
    .where('id', '=', issueId)
    .where('status', '=', 'sending')
    .where('fanned_out', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('newsletter_delivery').select('id').where('issue_id', '=', issueId).where('status', '=', 'pending'))),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function deliveryByTag(db: Executor, tag: string) {
  return db.selectFrom('newsletter_delivery').select(['id', 'subscriber_id']).where('bounce_tag', '=', tag).executeTakeFirst();
}

/** The latest delivery to an address (a bounce that names the recipient but not our tag). */
export function latestDeliveryTo(db: Executor, email: string) {
  return db
    .selectFrom('newsletter_delivery')
    .innerJoin('newsletter_subscriber', 'newsletter_subscriber.id', 'newsletter_delivery.subscriber_id')
    .select(['newsletter_delivery.id', 'newsletter_delivery.subscriber_id'])
    .where('newsletter_subscriber.email', '=', email)
    .orderBy('newsletter_delivery.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A delivery bounced: true the first time only, so one bounce read twice counts once. */
export async function markBounced(db: Executor, deliveryId: number, status: string, now: string): Promise<boolean> {
  const r = await db.updateTable('newsletter_delivery').set({ bounced_at: now, bounce_status: status }).where('id', '=', deliveryId).where('bounced_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function subscriberCounts(db: Executor): Promise<Record<string, number>> {
  const rows = await db.selectFrom('newsletter_subscriber').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
