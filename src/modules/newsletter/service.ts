import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { enqueueMail } from '../../platform/mail/index.js';
import { useOnce } from '../../platform/once.js';
import { readBounce } from './bounces.js';
import { confirmMail } from './mails.js';
import { CONFIRM_DAYS, CONFIRM_MAIL_WINDOW_MS, hashToken, normaliseEmail, SEND_JOB, SOFT_BOUNCE_LIMIT, TOKEN_SHAPE, newToken } from './model.js';
import { publishedNews } from './news.js';
import * as repo from './repo.js';

export interface NewsletterDeps {
  database: Database;
  config: Pick<Config, 'publicBaseUrl' | 'mailFrom' | 'sessionSecret'>;
  clock: () => Date;
}

const CONFIRM_ONCE = 'newsletter-confirm';

/**
 * Subscribe: a new address is pending with a confirmation link mailed; an
 * address already there gets a fresh link unless it is active. The answer
 * is the same in every case (nobody learns whether an address subscribed),
 * and one address gets at most one confirmation mail per ten minutes
 * (once_token), so the form cannot be used to flood someone's mailbox.
 */
export async function subscribe(deps: NewsletterDeps, input: { email: string; locale: Locale; officeId: number | null }): Promise<void> {
  const now = deps.clock();
  const email = normaliseEmail(input.email);
  const token = newToken();
  const v = { locale: input.locale, confirmHash: hashToken(token), confirmExpiresAt: new Date(now.getTime() + CONFIRM_DAYS * 86_400_000).toISOString(), now: now.toISOString() };
  await writeTransaction(deps.database, async (trx) => {
    const existing = await repo.subscriberByEmail(trx, email);
    if (existing?.status === 'active') return;
    if (!(await mayMail(trx, deps, email, now))) return;
    const id = existing ? ((await repo.renewConfirmation(trx, existing.id, v)) ? existing.id : null) : await repo.insertSubscriber(trx, { ...v, email, officeId: input.officeId });
    // null: another request added or activated the address a moment ago; its own mail covers it
    if (id === null) return;
    await enqueueMail(trx, confirmMail(deps.config, email, input.locale, token), { now, dedupeKey: `newsletter.confirm:${v.confirmHash}` });
  });
}

/** One confirmation mail per address per window, across every process. */
async function mayMail(db: Executor, deps: NewsletterDeps, email: string, now: Date): Promise<boolean> {
  const slot = Math.floor(now.getTime() / CONFIRM_MAIL_WINDOW_MS);
  const key = createHash('sha256').update(`${deps.config.sessionSecret}|${email}|${slot}`).digest('hex');
  return useOnce(db, CONFIRM_ONCE, key, new Date((slot + 1) * CONFIRM_MAIL_WINDOW_MS).toISOString(), now);
}

/** The pending subscription behind a confirmation link, or null (unknown, used or expired). */
export async function pendingConfirmation(deps: NewsletterDeps, token: string) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return (await repo.pendingByConfirmHash(deps.database.db, hashToken(token), deps.clock().toISOString())) ?? null;
}

export async function confirm(deps: NewsletterDeps, token: string): Promise<boolean> {
  if (!TOKEN_SHAPE.test(token)) return false;
  return writeTransaction(deps.database, (trx) => repo.confirm(trx, hashToken(token), deps.clock().toISOString()));
}

/** Who an unsubscribe link belongs to, or null. */
export async function unsubscribeTarget(deps: NewsletterDeps, token: string) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return (await repo.subscriberByUnsubscribeHash(deps.database.db, hashToken(token))) ?? null;
}

/** One-click unsubscribe: true when the link is ours (whether or not the address had already left). */
export async function unsubscribe(deps: NewsletterDeps, token: string): Promise<boolean> {
  const target = await unsubscribeTarget(deps, token);
  if (!target) return false;
  await writeTransaction(deps.database, (trx) => repo.leave(trx, target.id, 'unsubscribed', deps.clock().toISOString()));
  return true;
}

// ---- issues ---------------------------------------------------------------

export interface IssueInput {
  titleZh: string;
  titleEn: string | undefined;
  introZh: string;
  introEn: string | undefined;
  items: number[];
}

/** A draft issue of published news items (each must be live now). */
export async function createIssue(deps: NewsletterDeps, input: IssueInput, staff: StaffPrincipal, ip: string | null): Promise<number> {
  const now = deps.clock();
  const live = new Set((await publishedNews(deps.database.db, 'zh-Hant', now)).map((n) => n.id));
  if (input.items.some((id) => !live.has(id))) throw new AppError('validation', 'newsletter.err.items', { fields: [{ field: 'items', key: 'newsletter.err.items' }] });
  return writeTransaction(deps.database, async (trx) => {
    const id = await repo.insertIssue(trx, { titleZh: input.titleZh, titleEn: input.titleEn ?? null, introZh: input.introZh, introEn: input.introEn ?? null, items: input.items, createdBy: staff.id, now: now.toISOString() });
    await recordAudit(trx, { actor: staff, action: 'newsletter.issue_create', target: { type: 'newsletter_issue', id }, countyId: staff.countyId, ip }, now);
    return id;
  });
}

/** draft → sending, once: the send job makes a delivery (and a mail job) for every active subscriber. */
export async function send(deps: NewsletterDeps, issueId: number, staff: StaffPrincipal, ip: string | null): Promise<void> {
  const now = deps.clock();
  await writeTransaction(deps.database, async (trx) => {
    if (!(await repo.startSending(trx, issueId, now.toISOString()))) throw new AppError('conflict', 'newsletter.err.notDraft');
    await enqueueJob(trx, { kind: SEND_JOB, payload: { issueId }, dedupeKey: `${SEND_JOB}:${issueId}` }, now);
    await recordAudit(trx, { actor: staff, action: 'newsletter.issue_send', target: { type: 'newsletter_issue', id: issueId }, countyId: staff.countyId, ip }, now);
  });
}

export async function issues(deps: NewsletterDeps) {
  const rows = await repo.listIssues(deps.database.db);
  const counts = await repo.deliveryCounts(deps.database.db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, counts: counts.get(r.id) ?? { pending: 0, sent: 0, failed: 0, skipped: 0 } }));
}

export async function issue(deps: NewsletterDeps, id: number) {
  const row = await repo.issueById(deps.database.db, id);
  if (!row) throw new AppError('not_found', 'error.notFound.title');
  const counts = (await repo.deliveryCounts(deps.database.db, [id])).get(id) ?? { pending: 0, sent: 0, failed: 0, skipped: 0 };
  return { ...row, itemIds: JSON.parse(row.items) as number[], counts };
}

export { publishedNews };

export const subscriberCounts = (deps: NewsletterDeps) => repo.subscriberCounts(deps.database.db);

// ---- bounces --------------------------------------------------------------

export type BounceResult = 'hard' | 'soft' | 'repeat' | 'unknown' | 'ignored';

/**
 * One raw message from the bounce mailbox. A hard bounce (5.x.x) makes the
 * subscriber bounced; a soft one (4.x.x) counts, and the SOFT_BOUNCE_LIMIT-th
 * makes it bounced. The same report read twice counts once (per delivery).
 */
export async function ingestBounce(deps: NewsletterDeps, raw: Buffer | string): Promise<BounceResult> {
  const b = await readBounce(raw);
  if (!b) return 'ignored';
  const now = deps.clock().toISOString();
  return writeTransaction(deps.database, async (trx) => {
    const d = (b.tag ? await repo.deliveryByTag(trx, b.tag) : undefined) ?? (b.recipient ? await repo.latestDeliveryTo(trx, b.recipient) : undefined);
    if (!d) return 'unknown';
    if (!(await repo.markBounced(trx, d.id, b.status, now))) return 'repeat';
    if (b.kind === 'hard') {
      await repo.leave(trx, d.subscriber_id, 'bounced', now);
      return 'hard';
    }
    const n = await repo.addSoftBounce(trx, d.subscriber_id, now);
    if (n !== null && n >= SOFT_BOUNCE_LIMIT) await repo.leave(trx, d.subscriber_id, 'bounced', now);
    return 'soft';
  });
}
