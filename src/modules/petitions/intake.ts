import { createHash, randomBytes, randomInt } from 'node:crypto';
import { absoluteUrl } from '../../config.js';
import { writeTransaction } from '../../db/index.js';
import type { Executor } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { hashPassword } from '../../platform/auth/password.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { formatRocDate, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { showInstant } from '../../platform/layout/dates.js';
import { nextInSequence } from '../../platform/sequence.js';
import { linkPetition } from '../booking/index.js';
import type { PetitionDeps } from './deps.js';
import { calendarFor, scheduleDeadline, scheduleExpiry } from './escalation.js';
import { langOf, queuePetitionMail } from './messages.js';
import * as repo from './repo.js';
import { type Channel, capBySuperior, dueDate } from './rules.js';
import { readPetitionSettings } from './settings.js';

export interface Attachment {
  filename: string;
  mime: string;
  bytes: Buffer;
}

export interface PetitionInput {
  officeId: number;
  channel: Channel;
  subject: string;
  category: string;
  body: string;
  language: 'zh-Hant' | 'en';
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  wantsReply: boolean;
  readBack?: boolean;
  bookingId?: number | null;
  /** channel 'superior' (上級機關交辦): the agency, its document number, its own deadline (YYYY-MM-DD) */
  superior?: { agency: string; docNo: string; dueOn: string } | undefined;
  attachments: Attachment[];
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
// the follow-up password is read off an e-mail and typed: no 0/O or 1/I/L
const PASSWORD_CHARS = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
export const newPassword = () => Array.from({ length: 10 }, () => PASSWORD_CHARS[randomInt(PASSWORD_CHARS.length)]).join('');

function baseRow(input: PetitionInput, iso: string) {
  return {
    office_id: input.officeId,
    view_token: randomBytes(15).toString('base64url'),
    channel: input.channel,
    subject: input.subject,
    category: input.category,
    body: input.body,
    language: input.language,
    name: input.name,
    email: input.email ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    wants_reply: input.wantsReply ? 1 : 0,
    read_back: input.readBack ? 1 : 0,
    class: 'simple',
    extended_reason: null,
    assignee_id: null,
    escalation: 0,
    reply_body: null,
    replied_at: null,
    replied_on: null,
    decline_ground: null,
    transfer_to: null,
    rating: null,
    rating_comment: null,
    rated_at: null,
    rate_until: null,
    booking_id: input.bookingId ?? null,
    superior_agency: input.superior?.agency ?? null,
    superior_doc_no: input.superior?.docNo ?? null,
    superior_due_on: input.superior?.dueOn ?? null,
    created_at: iso,
    updated_at: iso,
    closed_at: null,
  };
}

async function saveAttachments(trx: Executor, petitionId: number, files: Attachment[]) {
  for (const f of files) {
    await repo.insertAttachment(trx, { petition_id: petitionId, filename: f.filename, mime: f.mime, content: f.bytes });
  }
}

/**
 * A message from the web mailbox. It counts as a petition only once the
 * citizen opens the link we e-mail (within `confirmDays`); until then it is
 * kept unconfirmed and dropped when the link expires.
 */
export async function submitFromWeb(deps: PetitionDeps, input: PetitionInput): Promise<{ id: number }> {
  if (!input.email) throw new AppError('validation', 'err.required', { fields: [{ field: 'email', key: 'err.required' }] });
  const now = deps.clock();
  const settings = await readPetitionSettings(deps.database.db, input.officeId);
  const token = randomBytes(24).toString('base64url');
  const until = new Date(now.getTime() + settings.confirmDays * 86_400_000).toISOString();
  return writeTransaction(deps.database, async (trx) => {
    const row = { ...baseRow(input, now.toISOString()), number: null, status: 'unconfirmed', password_hash: null, confirm_hash: sha(token), confirm_until: until, limit_days: settings.limits.simple, received_on: null, due_on: null, created_by: null };
    const id = await repo.insertPetition(trx, row);
    await saveAttachments(trx, id, input.attachments);
    await queuePetitionMail(trx, { ...row, id }, 'confirm', { config: deps.config, now, extra: { confirmLink: absoluteUrl(deps.config, `/petitions/confirm/${token}`), until: showInstant(until, langOf(row)) } });
    await scheduleExpiry(trx, { id, confirm_until: until }, now);
    return { id };
  });
}

/**
 * Gives the petition its number, its password and its clock: the day it
 * counts from is today, the limit is the "simple" class until triage says
 * otherwise, and the escalation jobs are queued.
 */
async function register(deps: PetitionDeps, trx: Executor, p: repo.PetitionRow, password: string | null, passwordHash: string | null, staff: StaffPrincipal | null) {
  const now = deps.clock();
  const today = taipeiToday(now);
  const settings = await readPetitionSettings(trx, p.office_id);
  const cal = await calendarFor(trx, p.office_id);
  const seq = await nextInSequence(trx, p.office_id, today, 'PETITION');
  const number = `P${p.office_id}-${formatRocDate(today, 'compact')}-${String(seq).padStart(3, '0')}`;
  const due = capBySuperior(dueDate(cal, today, settings.limits.simple, []), p.superior_due_on);
  const set = { number, status: 'received', password_hash: passwordHash, confirm_hash: null, received_on: today, limit_days: settings.limits.simple, due_on: due, updated_at: now.toISOString() };
  await repo.updatePetition(trx, p.id, set);
  await repo.addEvent(trx, { petition_id: p.id, at: now.toISOString(), kind: 'received', public: true, staff_id: staff?.id ?? null });
  const registered = { ...p, ...set };
  if (password) await queuePetitionMail(trx, registered, 'received', { config: deps.config, now, extra: { password } });
  await scheduleDeadline(trx, registered, cal, settings, now);
  return registered;
}

export type ConfirmResult = { ok: true; petition: repo.PetitionRow; password: string } | { ok: false; reason: 'unknown' | 'expired' | 'done'; petition?: repo.PetitionRow };

/** The citizen opened the e-mailed link and pressed confirm. */
export async function confirmPetition(deps: PetitionDeps, token: string): Promise<ConfirmResult> {
  const p = await repo.petitionByConfirmHash(deps.database.db, sha(token));
  if (!p) return { ok: false, reason: 'unknown' };
  if (p.status !== 'unconfirmed') return { ok: false, reason: 'done', petition: p };
  if (!p.confirm_until || p.confirm_until <= deps.clock().toISOString()) return { ok: false, reason: 'expired' };
  const password = newPassword();
  const hash = await hashPassword(password);
  return writeTransaction(deps.database, async (trx) => {
    // the conditional move makes a double click (or two tabs) register once
    if (!(await repo.movePetition(trx, p.id, ['unconfirmed'], { status: 'received' }))) return { ok: false as const, reason: 'done' as const, petition: p };
    const fresh = { ...p, status: 'received' };
    await repo.addEvent(trx, { petition_id: p.id, at: deps.clock().toISOString(), kind: 'confirmed', public: true });
    return { ok: true as const, petition: await register(deps, trx, fresh, password, hash, null), password };
  });
}

/**
 * A petition that reached the office another way (at the counter, by phone,
 * by letter, the 1999 hotline, a meeting with the director): registered at
 * once; the citizen gets the number and a password when we have an e-mail.
 */
export async function recordFromStaff(deps: PetitionDeps, input: PetitionInput, staff: StaffPrincipal, ip: string | null): Promise<{ id: number; number: string; password: string | null }> {
  const now = deps.clock();
  const password = input.email ? newPassword() : null;
  const hash = password ? await hashPassword(password) : null;
  return writeTransaction(deps.database, async (trx) => {
    const row = { ...baseRow(input, now.toISOString()), number: null, status: 'received', password_hash: null, confirm_hash: null, confirm_until: null, limit_days: 3, received_on: null, due_on: null, created_by: staff.id };
    const id = await repo.insertPetition(trx, row);
    await saveAttachments(trx, id, input.attachments);
    if (input.bookingId) await linkPetition(trx, input.bookingId, id);
    const registered = await register(deps, trx, { ...row, id }, password, hash, staff);
    await recordAudit(trx, { actor: staff, action: 'petition.record', target: { type: 'petition', id }, officeId: input.officeId, detail: { channel: input.channel, number: registered.number, ...(input.superior ? { superior: input.superior.agency, superiorDoc: input.superior.docNo, superiorDue: input.superior.dueOn, due: registered.due_on } : {}) }, ip }, now);
    return { id, number: registered.number ?? '', password };
  });
}
