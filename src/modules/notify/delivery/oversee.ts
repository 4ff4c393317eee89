import { writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { StaffPrincipal } from '../../../platform/auth/roles.js';
import { taipeiToday } from '../../../platform/calendar/index.js';
import { AppError } from '../../../platform/errors.js';
import { dayOf, instantRange } from '../../../platform/figures/index.js';
import type { Locale } from '../../../platform/i18n/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import type { NoticeState } from '../../../platform/life-events.js';
import { calendarService } from '../../calendar/index.js';
import { casesService } from '../../cases/index.js';
import { DELIVER_JOB, MAX_DELIVERY_ATTEMPTS } from '../body.js';
import type { Office } from './batches.js';
import type { DeliveryDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * The supervisor's side of delivery: how many notices went where in a
 * period, the failed ones with their reason and a retry, one notice's
 * history, and how quickly an agency acknowledges. Nothing here opens a
 * notice's sealed body.
 */
export interface Period {
  from: string;
  to: string;
}

export interface NoticeRow {
  id: number;
  caseId: number;
  event: string;
  status: NoticeState;
  attempts: number;
  lastError: string | null;
  recipient: string;
  queuedAt: string;
  sentAt: string | null;
  ackedAt: string | null;
  failedAt: string | null;
}

type ListRow = Awaited<ReturnType<typeof repo.failedNotices>>[number];

const toRow = (r: ListRow, locale: Locale): NoticeRow => ({
  id: r.id,
  caseId: r.case_id,
  event: r.event,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  recipient: locale === 'en' ? r.recipient_name_en : r.recipient_name,
  queuedAt: r.queued_at,
  sentAt: r.sent_at,
  ackedAt: r.acked_at,
  failedAt: r.failed_at,
});

export type StatusCounts = Record<NoticeState, number> & { total: number };
const noCounts = (): StatusCounts => ({ queued: 0, sent: 0, acknowledged: 0, failed: 0, total: 0 });

export async function summary(deps: DeliveryDeps, officeId: number, period: Period, locale: Locale) {
  const { start, end } = instantRange(period.from, period.to);
  const db = deps.database.db;
  const [counts, failed, recent] = await Promise.all([repo.countsByRecipient(db, officeId, start, end), repo.failedNotices(db, officeId), repo.noticesInPeriod(db, officeId, start, end, { limit: 100 })]);
  const byRecipient = new Map<number, { id: number; name: string; channel: string; counts: StatusCounts }>();
  const totals = noCounts();
  for (const c of counts) {
    const row = byRecipient.get(c.recipient_id) ?? { id: c.recipient_id, name: locale === 'en' ? c.name_en : c.name, channel: c.channel, counts: noCounts() };
    const n = Number(c.n);
    row.counts[c.status] += n;
    row.counts.total += n;
    totals[c.status] += n;
    totals.total += n;
    byRecipient.set(c.recipient_id, row);
  }
  return {
    totals,
    recipients: [...byRecipient.values()].sort((a, b) => b.counts.failed - a.counts.failed || a.name.localeCompare(b.name, 'zh-Hant')),
    failed: failed.map((r) => toRow(r, locale)),
    // the failed ones are listed above; the period's others below, newest first
    recent: recent.filter((r) => r.status !== 'failed').map((r) => toRow(r, locale)),
  };
}

async function noticeIn(deps: DeliveryDeps, id: number, officeIds: number[]) {
  const n = await repo.noticeById(deps.database.db, id);
  if (!n) throw new AppError('not_found', 'error.notFound.title');
  if (!officeIds.includes(n.office_id)) throw new AppError('forbidden', 'error.forbidden.title');
  return n;
}

/** One notice: its facts, every try with its outcome and reason, and the case's running number. */
export async function noticeHistory(deps: DeliveryDeps, id: number, officeIds: number[], locale: Locale) {
  const n = await noticeIn(deps, id, officeIds);
  const [attempts, c] = await Promise.all([repo.attemptsOf(deps.database.db, id), casesService.caseForNotice(deps.database.db, deps.vault, n.case_id)]);
  return {
    ...toRow(n, locale),
    officeId: n.office_id,
    recipientId: n.recipient_id,
    channel: n.channel,
    ackDays: n.ack_days,
    batchId: n.batch_id,
    purgeAfter: n.purge_after,
    purgedAt: n.purged_at,
    canRetry: n.status === 'failed' && n.body_enc !== null,
    caseNumber: c?.number ?? null,
    tries: attempts.map((a) => ({ id: a.id, at: a.at, outcome: a.outcome, detail: a.detail })),
  };
}

/**
 * A failed notice back in the queue with a new delivery job (its own dedupe
 * key, so the failed job stays as it was), in one transaction with its
 * 'requeued' line and the audit. A second click finds it queued: conflict.
 */
export async function retry(deps: DeliveryDeps, id: number, officeIds: number[], staff: StaffPrincipal, ip: string | null): Promise<void> {
  const n = await noticeIn(deps, id, officeIds);
  const now = deps.clock();
  const at = now.toISOString();
  await writeTransaction(deps.database, async (trx) => {
    if (!(await repo.requeue(trx, id))) throw new AppError('conflict', 'notify.delivery.retry.notFailed');
    await enqueueJob(trx, { kind: DELIVER_JOB, payload: { noticeId: id }, dedupeKey: `notify:${id}:retry:${n.attempts}`, maxAttempts: MAX_DELIVERY_ATTEMPTS }, now);
    await repo.addAttempt(trx, id, at, 'requeued', staff.username);
    await recordAudit(trx, { actor: staff, action: 'notify.delivery.retry', target: { type: 'notify_notice', id }, officeId: n.office_id, detail: { attempts: n.attempts, reason: n.last_error }, ip }, now);
  });
}

export type AckTiming = 'in_time' | 'late' | 'waiting' | 'overdue' | 'none';

/**
 * One agency's notices from the office in the period, each with the working
 * days (office calendar) from sending to acknowledgement and whether that
 * was within the agency's ack_days; one still waiting past them is overdue.
 */
export async function byRecipient(deps: DeliveryDeps, office: Office, recipientId: number, period: Period, locale: Locale) {
  const db = deps.database.db;
  const r = await repo.recipientById(db, recipientId);
  if (!r || r.county_id !== office.countyId) throw new AppError('not_found', 'error.notFound.title');
  const { start, end } = instantRange(period.from, period.to);
  const [rows, calendar] = await Promise.all([repo.noticesInPeriod(db, office.id, start, end, { recipientId, limit: 500 }), calendarService.officeCalendar(db, office.id)]);
  const today = taipeiToday(deps.clock());
  const tally: Record<AckTiming, number> = { in_time: 0, late: 0, waiting: 0, overdue: 0, none: 0 };
  const notices = rows.map((row) => {
    const base = toRow(row, locale);
    let days: number | null = null;
    let timing: AckTiming = 'none';
    if (row.sent_at && row.acked_at) {
      days = calendar.countWorkingDays(dayOf(row.sent_at), dayOf(row.acked_at));
      timing = days <= r.ack_days ? 'in_time' : 'late';
    } else if (row.sent_at && row.status === 'sent') {
      days = calendar.countWorkingDays(dayOf(row.sent_at), today);
      timing = days > r.ack_days ? 'overdue' : 'waiting';
    }
    tally[timing]++;
    return { ...base, workingDays: days, timing };
  });
  return {
    recipient: { id: r.id, name: locale === 'en' ? r.name_en : r.name, channel: r.channel, ackDays: r.ack_days, active: r.active === 1 },
    notices,
    tally,
  };
}

/** For the staff home: the office's failed notices, when there are any. */
export async function failedNoticeCount(deps: Pick<DeliveryDeps, 'database'>, officeId: number): Promise<number> {
  return repo.failedCount(deps.database.db, officeId);
}
