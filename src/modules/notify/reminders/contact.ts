import { randomBytes } from 'node:crypto';
import type { Executor } from '../../../db/index.js';
import { writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { toTaipeiIsoDate } from '../../../platform/calendar/index.js';
import { AppError } from '../../../platform/errors.js';
import { officesService } from '../../offices/index.js';
import { queueCitizenMessage } from '../messages/queue.js';
import * as repo from './repo.js';
import { ACTIVE_STATES, isMobile, maskPhone, smsParts } from './rules.js';
import { AUDIT_TARGET, entryInScope, type Meta, type ReminderDeps, todayOf } from './service.js';
import { documentsFor, emailOf, type LetterFacts, smsText } from './texts.js';

/**
 * Contacts with the person — a letter, a text, an e-mail, a phone call, a
 * home visit — and the outcome. The first contact moves an open entry to
 * reminded; each contact row, the move and the audit line are one
 * transaction.
 */
type Row = NonNullable<Awaited<ReturnType<typeof repo.byId>>>;

const done = () => new AppError('conflict', 'notify.reminders.err.done');

/** Re-read inside the transaction: someone may have ended the entry since the page was drawn. */
async function activeEntry(trx: Executor, id: number, officeIds: number[]): Promise<Row> {
  const row = await entryInScope(trx, id, officeIds);
  if (!ACTIVE_STATES.includes(row.status)) throw done();
  return row;
}

async function contacted(trx: Executor, row: Row, input: Omit<repo.ContactInsert, 'reminder_id' | 'at' | 'staff_id'>, meta: Meta, now: Date, extra: Record<string, unknown> = {}) {
  const at = now.toISOString();
  const contactId = await repo.insertContact(trx, { reminder_id: row.id, at, staff_id: meta.staff.id, ...input });
  const first = await repo.markReminded(trx, row.id, at);
  await recordAudit(
    trx,
    { actor: meta.staff, action: 'notify.reminders.contact', target: { type: AUDIT_TARGET, id: row.id }, officeId: row.office_id, detail: { channel: input.channel, contact: contactId, ...(first ? { status: 'reminded' } : {}), ...extra }, ip: meta.ip },
    now,
  );
  return contactId;
}

/** Did a letter go out after the deadline? Then §79's NT$900 applies (經催告仍不申請). */
export async function lettersAfterDue(db: Executor, row: Pick<Row, 'id' | 'due_on'>): Promise<boolean> {
  return (await repo.contactsOf(db, row.id)).some((c) => c.channel === 'letter' && toTaipeiIsoDate(new Date(c.at)) > row.due_on);
}

// a reference printed on the letter: the day it was written and 8 random hex digits
const letterCode = (now: Date) => `R${toTaipeiIsoDate(now).slice(2).replace(/-/g, '')}${randomBytes(4).toString('hex').toUpperCase()}`;
export const LETTER_CODE = /^R\d{6}[0-9A-F]{8}$/;

/** A letter, recorded as a contact; the PDF is drawn from the entry and the contact at /staff/notify/reminders/letter/<code>.pdf. */
export async function sendLetter(deps: ReminderDeps, id: number, officeIds: number[], meta: Meta): Promise<{ code: string }> {
  const now = deps.clock();
  return writeTransaction(deps.database, async (trx) => {
    const row = await activeEntry(trx, id, officeIds);
    const code = letterCode(now);
    await contacted(trx, row, { channel: 'letter', note: '', letter_code: code }, meta, now, { letter: code });
    return { code };
  });
}

/** The facts the texts are written from, as of now. */
export async function factsOf(deps: ReminderDeps, row: Row): Promise<LetterFacts> {
  const db = deps.database.db;
  const office = await officesService.officeById(db, row.office_id, 'zh-Hant');
  return { kind: row.kind, name: row.person_name, address: row.address, sourceRef: row.source_ref, eventDate: row.reported_on, dueOn: row.due_on, office, today: todayOf(deps), lettersAfterDue: await lettersAfterDue(db, row) };
}

/** Where a text or an e-mail can go for this entry (null: nowhere). */
export function addressFor(deps: ReminderDeps, row: Pick<Row, 'phone_enc' | 'email'>, channel: 'sms' | 'email'): string | null {
  if (channel === 'email') return row.email;
  const phone = row.phone_enc ? deps.vault.decrypt(row.phone_enc) : null;
  return isMobile(phone) ? phone : null;
}

/**
 * A text or an e-mail, queued with the contact in one transaction. `n` is
 * the contact's number as the page showed it: the same click sent twice
 * (a double click, a resent form) has the same dedupe key and queues nothing
 * more. 'duplicate' when it had been queued already.
 */
export async function sendMessage(deps: ReminderDeps, id: number, channel: 'sms' | 'email', n: number, officeIds: number[], meta: Meta): Promise<'queued' | 'duplicate'> {
  const db = deps.database.db;
  const row = await entryInScope(db, id, officeIds);
  if (!ACTIVE_STATES.includes(row.status)) throw done();
  const to = addressFor(deps, row, channel);
  if (!to) throw new AppError('validation', `notify.reminders.err.no.${channel}`);
  // read before the transaction: on SQLite the one connection is the transaction's
  const facts = await factsOf(deps, row);
  const message = channel === 'sms' ? { text: smsText(facts) } : emailOf(facts, await documentsFor(db, row.kind, row.office_id));
  const now = deps.clock();
  return writeTransaction(deps.database, async (trx) => {
    const current = await activeEntry(trx, id, officeIds);
    const parts = channel === 'sms' ? smsParts(message.text) : 1;
    const queued = await queueCitizenMessage(trx, deps.vault, { officeId: current.office_id, reminderId: id, purpose: 'reminder', channel, to, ...message, dedupeKey: `reminder:${id}:${n}`, parts }, now);
    if (queued === null) return 'duplicate';
    const shown = channel === 'sms' ? maskPhone(to) : to.replace(/^(.).*(@.*)$/, '$1***$2');
    await contacted(trx, current, { channel, note: shown, letter_code: null }, meta, now, { message: queued, parts });
    return 'queued';
  });
}

/** A phone call or a home visit, with what was said. */
export async function recordContact(deps: ReminderDeps, id: number, channel: 'phone' | 'visit', note: string, officeIds: number[], meta: Meta): Promise<void> {
  const now = deps.clock();
  await writeTransaction(deps.database, async (trx) => {
    const row = await activeEntry(trx, id, officeIds);
    await contacted(trx, row, { channel, note, letter_code: null }, meta, now);
  });
}

export type Outcome = { outcome: 'registered'; on: string; note: string } | { outcome: 'closed'; reason: string };

/** The end of an entry: registered on a date, or closed with a reason. Only an entry still to act on ends (409 otherwise). */
export async function resolveReminder(deps: ReminderDeps, id: number, o: Outcome, officeIds: number[], meta: Meta): Promise<void> {
  const now = deps.clock();
  await writeTransaction(deps.database, async (trx) => {
    const row = await activeEntry(trx, id, officeIds);
    if (o.outcome === 'registered' && o.on < row.reported_on) throw new AppError('validation', 'notify.reminders.err.beforeEvent', { fields: [{ field: 'on', key: 'notify.reminders.err.beforeEvent' }] });
    const ok = o.outcome === 'registered' ? await repo.resolve(trx, id, 'registered', o.on, o.note, now.toISOString()) : await repo.resolve(trx, id, 'closed', todayOf(deps), o.reason, now.toISOString());
    if (!ok) throw done();
    await recordAudit(trx, { actor: meta.staff, action: 'notify.reminders.resolve', target: { type: AUDIT_TARGET, id }, officeId: row.office_id, detail: { from: row.status, to: o.outcome }, ip: meta.ip }, now);
  });
}
