import { writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { StaffPrincipal } from '../../../platform/auth/roles.js';
import { taipeiToday, toTaipeiIsoDate } from '../../../platform/calendar/index.js';
import { AppError } from '../../../platform/errors.js';
import { type Sheet, toOds } from '../../../platform/export/index.js';
import type { Locale, Translate } from '../../../platform/i18n/index.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { isNoticeField, NOTICE_FIELDS, type NoticeField } from '../../../platform/life-events.js';
import { createPdf } from '../../../platform/pdf.js';
import { openBody } from '../body.js';
import { type DeliveryDeps, purgeAfter, taipeiDayStart } from './deps.js';
import * as repo from './repo.js';
import { shownFields } from './send.js';

/**
 * Agencies with neither e-mail nor webhook get a printed list: the office
 * lists every queued notice for the agency at once (they are then sent),
 * prints or saves the list, and records the day it was handed over (they
 * are then acknowledged).
 */
export interface Office {
  id: number;
  countyId: number;
  name: string;
}

export async function batchOverview(deps: DeliveryDeps, office: Office, locale: Locale) {
  const db = deps.database.db;
  const [recipients, pending, done] = await Promise.all([repo.batchRecipients(db, office.countyId, office.id), repo.batchesOfOffice(db, office.id, false), repo.batchesOfOffice(db, office.id, true)]);
  const batch = (b: (typeof pending)[number]) => ({
    id: b.id,
    recipient: locale === 'en' ? b.recipient_name_en : b.recipient_name,
    createdAt: b.created_at,
    notices: b.notices,
    handedOverAt: b.handed_over_at,
  });
  return {
    // an agency taken off the registry still shows while notices wait for it
    recipients: recipients
      .filter((r) => r.active === 1 || r.queued > 0)
      .map((r) => ({ id: r.id, name: locale === 'en' ? r.name_en : r.name, queued: r.queued })),
    pending: pending.map(batch),
    done: done.map(batch),
  };
}

/** Lists the office's queued notices for one batch recipient in one transaction; refused when none wait. */
export async function makeBatch(deps: DeliveryDeps, office: Office, recipientId: number, staff: StaffPrincipal, ip: string | null): Promise<{ batchId: number; notices: number }> {
  const now = deps.clock();
  const at = now.toISOString();
  return writeTransaction(deps.database, async (trx) => {
    const r = await repo.recipientById(trx, recipientId);
    if (!r || r.county_id !== office.countyId || r.channel !== 'batch') throw new AppError('not_found', 'error.notFound.title');
    const batchId = await repo.insertBatch(trx, { recipient_id: recipientId, office_id: office.id, created_by: staff.id, created_at: at });
    const ids = await repo.listQueued(trx, batchId, office.id, recipientId, at, purgeAfter(deps, now));
    // nothing waiting (a second click, another clerk first): the empty batch goes with the rollback
    if (ids.length === 0) throw new AppError('conflict', 'notify.delivery.batch.nothing');
    await repo.setBatchCount(trx, batchId, ids.length);
    await repo.addAttempts(trx, ids, at, 'listed', `batch ${batchId}`);
    await recordAudit(trx, { actor: staff, action: 'notify.delivery.batch', target: { type: 'notify_batch', id: batchId }, officeId: office.id, detail: { recipient: recipientId, notices: ids.length }, ip }, now);
    return { batchId, notices: ids.length };
  });
}

async function batchOf(deps: DeliveryDeps, batchId: number, officeIds: number[]) {
  const b = await repo.batchById(deps.database.db, batchId);
  if (!b) throw new AppError('not_found', 'error.notFound.title');
  if (!officeIds.includes(b.office_id)) throw new AppError('forbidden', 'error.forbidden.title');
  return b;
}

/** The columns a recipient's list has: the notice, and name and event date always, then what the agency accepts. */
function columnsFor(fieldsJson: string): NoticeField[] {
  let accepted: unknown = [];
  try {
    accepted = JSON.parse(fieldsJson);
  } catch {
    accepted = [];
  }
  const set = new Set<NoticeField>(['name', 'event_date', ...(Array.isArray(accepted) ? accepted.filter(isNoticeField) : [])]);
  return NOTICE_FIELDS.filter((f) => set.has(f));
}

export interface BatchList {
  id: number;
  officeId: number;
  recipient: string;
  createdAt: string;
  handedOverAt: string | null;
  sheet: Sheet;
}

/**
 * The list with its notices' data decrypted (what the agency accepts, no
 * more): every opening is audited, as any staff view of personal data. A
 * notice whose data was purged says so in each of its cells.
 */
export async function batchList(deps: DeliveryDeps, batchId: number, officeIds: number[], t: Translate, locale: Locale, staff: StaffPrincipal, ip: string | null, as: 'ods' | 'pdf'): Promise<BatchList> {
  const b = await batchOf(deps, batchId, officeIds);
  const notices = await repo.noticesOfBatch(deps.database.db, batchId);
  const columns = columnsFor(b.recipient_fields);
  const purged = t('notify.delivery.batch.purged');
  const rows = notices.map((n) => {
    if (!n.body_enc) return [n.id, purged, t(`notify.delivery.event.${n.event}`), ...columns.map(() => purged)];
    const body = openBody(deps.vault, n.body_enc);
    const shown = new Map(shownFields(body.fields).map((f) => [f.field, f.value]));
    return [n.id, body.caseNumber, t(`notify.delivery.event.${n.event}`), ...columns.map((c) => shown.get(c) ?? '')];
  });
  const now = deps.clock();
  await recordAudit(deps.database.db, { actor: staff, action: 'notify.delivery.batch.view', target: { type: 'notify_batch', id: batchId }, officeId: b.office_id, detail: { notices: notices.length, as }, ip }, now);
  const recipient = locale === 'en' ? b.recipient_name_en : b.recipient_name;
  return {
    id: b.id,
    officeId: b.office_id,
    recipient,
    createdAt: b.created_at,
    handedOverAt: b.handed_over_at,
    sheet: {
      name: t('notify.delivery.batch.sheet', { id: b.id }),
      headers: [t('notify.delivery.col.notice'), t('notify.delivery.col.caseNumber'), t('notify.delivery.col.event'), ...columns.map((c) => t(`notify.delivery.field.${c}`))],
      rows,
    },
  };
}

export function batchOds(list: BatchList, t: Translate, officeName: string, now: Date): Uint8Array {
  return toOds([list.sheet], { title: t('notify.delivery.batch.docTitle', { office: officeName, recipient: list.recipient, id: list.id }), now });
}

/** The printed list: tagged, zh-TW, the table with its header row, and a line to sign on hand-over. */
export async function batchPdf(list: BatchList, t: Translate, locale: Locale, officeName: string): Promise<Buffer> {
  const title = t('notify.delivery.batch.docTitle', { office: officeName, recipient: list.recipient, id: list.id });
  const pdf = createPdf({ title, lang: locale === 'en' ? 'en' : 'zh-TW' });
  pdf.h1(title);
  pdf.p(t('notify.delivery.batch.docLead', { recipient: list.recipient, made: showInstant(list.createdAt, locale), n: list.sheet.rows.length }), { size: 11 });
  pdf.table(list.sheet.headers, list.sheet.rows, [1, 2, 1.2, ...list.sheet.headers.slice(3).map(() => 2)]);
  pdf.rule();
  pdf.p(t('notify.delivery.batch.docSign'), { size: 11 });
  return pdf.done();
}

/**
 * Records the day the list was handed over: the batch once, and its sent
 * notices acknowledged that day (a Taipei day, stored as its first instant).
 * The day cannot be before the list was made or after today.
 */
export async function handOver(deps: DeliveryDeps, batchId: number, date: string, officeIds: number[], staff: StaffPrincipal, locale: Locale, ip: string | null): Promise<number> {
  const b = await batchOf(deps, batchId, officeIds);
  const now = deps.clock();
  if (date > taipeiToday(now)) throw new AppError('validation', 'notify.delivery.handover.err.future', { fields: [{ field: 'date', key: 'notify.delivery.handover.err.future' }] });
  const made = toTaipeiIsoDate(new Date(b.created_at));
  if (date < made) {
    const key = 'notify.delivery.handover.err.beforeList';
    throw new AppError('validation', key, { fields: [{ field: 'date', key, params: { date: showDate(made, locale) } }] });
  }
  const at = taipeiDayStart(date);
  return writeTransaction(deps.database, async (trx) => {
    if (!(await repo.markHandedOver(trx, batchId, at))) throw new AppError('conflict', 'notify.delivery.handover.already');
    const ids = await repo.ackBatch(trx, batchId, at);
    await repo.addAttempts(trx, ids, now.toISOString(), 'acknowledged', `batch ${batchId} handed over ${date}`);
    await recordAudit(trx, { actor: staff, action: 'notify.delivery.handover', target: { type: 'notify_batch', id: batchId }, officeId: b.office_id, detail: { date, notices: ids.length }, ip }, now);
    return ids.length;
  });
}
