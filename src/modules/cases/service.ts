import { randomBytes } from 'node:crypto';
import type { Database, Db, Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { formatRocDate, type OfficeCalendar, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { type Locale, translator } from '../../platform/i18n/index.js';
import type { Vault } from '../../platform/identity/index.js';
import { showDate } from '../../platform/layout/dates.js';
import { enqueueMail } from '../../platform/mail/index.js';
import { nextInSequence } from '../../platform/sequence.js';
import { calendarService } from '../calendar/index.js';
import { guidesService } from '../guides/index.js';
import * as repo from './repo.js';
import { type CaseState, canMove, isCaseState, OPEN_STATES } from './states.js';

export interface CaseDeps {
  database: Database;
  vault: Vault;
  clock: () => Date;
  baseUrl: string;
}

export const birthKey = (vault: Vault, isoDate: string) => vault.hash(`birth:${isoDate}`);

/** Letters and digits nobody misreads: no 0/O, no 1/I. 32 of them, so a byte modulo 32 is unbiased. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The citizen's look-up code: 10 random characters (50 bits), grouped for
 * reading, e.g. K7QM-4XP2-9D. The running number is sequential and can be
 * guessed; this cannot.
 */
export function newReference(): string {
  const raw = [...randomBytes(10)].map((b) => REFERENCE_ALPHABET[b % 32]).join('');
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** What people type (lower case, spaces, missing or extra dashes) back to the stored form; null when it cannot be one. */
export function normaliseReference(typed: string): string | null {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== 10 || [...raw].some((ch) => !REFERENCE_ALPHABET.includes(ch))) return null;
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** Wrong answers for one case before its look-up locks, and for how long. */
export const LOOKUP_MAX_FAILURES = 5;
export const LOOKUP_LOCK_MINUTES = 15;

/**
 * Due date: the limit in working days from the received day, skipping
 * paused days. A pause still open counts up to today, so while the office
 * waits the date shown is the earliest it can be if the papers come now.
 */
async function dueOn(db: Executor, c: { office_id: number; received_on: string; limit_days: number; id?: number }, today: string): Promise<string> {
  const cal: OfficeCalendar = await calendarService.officeCalendar(db as Db, c.office_id);
  const pauses = c.id ? (await repo.pausesOf(db, c.id)).map((p) => ({ from: p.from_date, to: p.to_date ?? today })) : [];
  return cal.addWorkingDaysWithPauses(c.received_on, c.limit_days, pauses);
}

export async function openCase(
  deps: CaseDeps,
  input: {
    officeId: number;
    guideCode: string;
    applicantName: string;
    idNumber: string;
    birthDate: string;
    email?: string | undefined;
    phone?: string | undefined;
    ticketId?: number | null;
    locale?: Locale | undefined;
  },
  staff: StaffPrincipal,
  ip: string | null,
): Promise<{ id: number; number: string; reference: string }> {
  const now = deps.clock();
  const today = taipeiToday(now);
  const guide = await guidesService.guideRow(deps.database.db, input.guideCode);
  const limit = Math.max(1, guide.processing_days);
  return writeTransaction(deps.database, async (trx) => {
    const seq = await nextInSequence(trx, input.officeId, today, 'CASE');
    const number = `${input.officeId}-${formatRocDate(today, 'compact')}-${String(seq).padStart(4, '0')}`;
    const due = await dueOn(trx, { office_id: input.officeId, received_on: today, limit_days: limit }, today);
    const iso = now.toISOString();
    // 50 random bits: a clash is not expected in the life of the system; the unique index refuses one if it came
    const reference = newReference();
    const locale: Locale = input.locale ?? 'zh-Hant';
    const id = await repo.insertCase(trx, {
      office_id: input.officeId,
      number,
      reference,
      locale,
      lookup_failures: 0,
      lookup_locked_until: null,
      guide_code: input.guideCode,
      status: 'received',
      applicant_name: input.applicantName,
      id_hash: deps.vault.hash(input.idNumber),
      id_enc: deps.vault.encrypt(input.idNumber),
      birth_hash: birthKey(deps.vault, input.birthDate),
      email: input.email ?? null,
      phone: input.phone ?? null,
      received_on: today,
      limit_days: limit,
      due_on: due,
      notices: 0,
      ticket_id: input.ticketId ?? null,
      booking_id: null,
      created_by: staff.id,
      created_at: iso,
      updated_at: iso,
      closed_at: null,
    });
    const eventId = await repo.insertEvent(trx, { case_id: id, at: iso, status: 'received', public_note: null, staff_id: staff.id });
    await recordAudit(trx, { actor: staff, action: 'case.open', target: { type: 'case', id }, officeId: input.officeId, detail: { number, guide: input.guideCode }, ip }, now);
    if (input.email) await notifyByMail(trx, deps, { number, reference, locale, email: input.email, status: 'received', eventId, due, note: null });
    return { id, number, reference };
  });
}

export function asLocale(v: string): Locale {
  return v === 'en' ? 'en' : 'zh-Hant';
}

/** The change e-mail, in the language the citizen chose, naming the case by its public reference (never the running number). */
async function notifyByMail(
  db: Executor,
  deps: CaseDeps,
  c: { number: string; reference: string; locale: string; email: string; status: CaseState; eventId: number; due: string; note: string | null },
) {
  const locale = asLocale(c.locale);
  const t = translator(locale);
  const status = t(`cases.state.${c.status}`);
  const lines = [t('cases.mail.status', { reference: c.reference, status })];
  if (c.note) lines.push(t('cases.mail.note', { note: c.note }));
  // a finished case has no date to expect
  if (OPEN_STATES.includes(c.status)) lines.push(t('cases.mail.due', { date: showDate(c.due, locale, true) }));
  lines.push(t('cases.mail.lookup', { url: `${deps.baseUrl}/cases/lookup${locale === 'en' ? '?lang=en' : ''}` }), '', t('cases.mail.footer'));
  await enqueueMail(db, { to: c.email, subject: t('cases.mail.subject', { reference: c.reference, status }), text: lines.join('\n') }, { dedupeKey: `case:${c.number}:event:${c.eventId}` });
}

/** Moves a case to another state: guarded by the state table, the clock paused while waiting for documents. */
export async function moveCase(deps: CaseDeps, caseId: number, to: CaseState, publicNote: string | null, staff: StaffPrincipal, ip: string | null) {
  const now = deps.clock();
  const today = taipeiToday(now);
  await writeTransaction(deps.database, async (trx) => {
    const c = await repo.caseById(trx, caseId);
    if (!c) throw new AppError('not_found', 'error.notFound.title');
    if (!isCaseState(c.status) || !canMove(c.status, to)) throw new AppError('conflict', 'cases.err.move');
    if (to === 'waiting_docs') await repo.openPause(trx, caseId, today);
    if (c.status === 'waiting_docs') await repo.closePause(trx, caseId, previousDay(today));
    const due = await dueOn(trx, { ...c, id: caseId }, today);
    const iso = now.toISOString();
    const ok = await repo.updateCase(trx, caseId, c.status, { status: to, due_on: due, updated_at: iso, closed_at: to === 'closed' ? iso : c.closed_at });
    if (!ok) throw new AppError('conflict', 'cases.err.move');
    const eventId = await repo.insertEvent(trx, { case_id: caseId, at: iso, status: to, public_note: publicNote, staff_id: staff.id });
    await recordAudit(trx, { actor: staff, action: 'case.move', target: { type: 'case', id: caseId }, officeId: c.office_id, detail: { from: c.status, to }, ip }, now);
    if (c.email) await notifyByMail(trx, deps, { number: c.number, reference: c.reference, locale: c.locale, email: c.email, status: to, eventId, due, note: publicNote });
  });
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The one-time notice slip: every missing item at once, with its basis, the
 * date to bring them by, the officer and the office. From a case it also
 * moves the case to "waiting for documents" and counts the notice.
 */
export async function issueSlip(
  deps: CaseDeps,
  input: { officeId: number; caseId: number | null; guideCode: string; applicantName: string; missing: number[]; note: string | null; bringWithinDays: number },
  staff: StaffPrincipal,
  ip: string | null,
): Promise<{ code: string }> {
  const now = deps.clock();
  const today = taipeiToday(now);
  const docs = await guidesService.guideDocuments(deps.database.db, input.guideCode);
  const missing = input.missing.map((i) => docs[i]).filter((d) => d !== undefined);
  if (missing.length === 0 && !input.note) throw new AppError('validation', 'cases.err.nothingMissing', { fields: [{ field: 'missing', key: 'cases.err.nothingMissing' }] });
  const cal = await calendarService.officeCalendar(deps.database.db, input.officeId);
  const bringBy = cal.addWorkingDays(today, input.bringWithinDays);
  const code = randomBytes(9).toString('base64url');
  await writeTransaction(deps.database, async (trx) => {
    await repo.insertSlip(trx, {
      office_id: input.officeId,
      case_id: input.caseId,
      code,
      guide_code: input.guideCode,
      applicant_name: input.applicantName,
      missing: JSON.stringify(missing),
      note: input.note,
      bring_by: bringBy,
      officer_name: staff.displayName,
      created_by: staff.id,
      created_at: now.toISOString(),
    });
    await recordAudit(trx, { actor: staff, action: 'notice.issue', target: { type: 'notice_slip', id: code }, officeId: input.officeId, detail: { items: missing.length, caseId: input.caseId }, ip }, now);
    if (input.caseId !== null) {
      const c = await repo.caseById(trx, input.caseId);
      if (!c) throw new AppError('not_found', 'error.notFound.title');
      await repo.countNotice(trx, c.id);
    }
  });
  if (input.caseId !== null) {
    const c = await repo.caseById(deps.database.db, input.caseId);
    if (c && isCaseState(c.status) && canMove(c.status, 'waiting_docs')) {
      await moveCase(deps, input.caseId, 'waiting_docs', null, staff, ip);
    }
  }
  return { code };
}

export type LookupResult = { found: false } | { found: true; caseId: number };

/**
 * Public look-up: the case's public reference plus ID number or birth date.
 * A wrong reference, a wrong second factor and a locked case all give the
 * same answer. Every answer for a case that exists goes through one atomic
 * UPDATE: five wrong ones lock that case's look-up for 15 minutes, in every
 * process, and a right one under the lock is refused like a wrong one.
 */
export async function lookup(deps: CaseDeps, reference: string, factor: { idNumber?: string | undefined; birthDate?: string | undefined }): Promise<LookupResult> {
  const ref = normaliseReference(reference);
  const c = ref ? await repo.caseByReference(deps.database.db, ref) : undefined;
  const idHash = factor.idNumber ? deps.vault.hash(factor.idNumber) : null;
  const birthHash = factor.birthDate ? birthKey(deps.vault, factor.birthDate) : null;
  if (!c) return { found: false };
  const right = (idHash !== null && c.id_hash === idHash) || (birthHash !== null && c.birth_hash === birthHash);
  const now = deps.clock();
  if (right) {
    const failures = await repo.lookupAnsweredRight(deps.database.db, c.id, now.toISOString());
    return failures === 0 ? { found: true, caseId: c.id } : { found: false };
  }
  const lockUntil = new Date(now.getTime() + LOOKUP_LOCK_MINUTES * 60_000).toISOString();
  await repo.lookupFailed(deps.database.db, c.id, { now: now.toISOString(), lockUntil, maxFailures: LOOKUP_MAX_FAILURES });
  return { found: false };
}

/** What the notify module may know of a case (its public face: notify never reads case_file itself). */
export interface CaseForNotice {
  id: number;
  office_id: number;
  number: string;
  reference: string;
  guide_code: string;
  status: string;
  applicant_name: string;
  /** decrypted: for the notices the citizen consented to, never for a log or a URL */
  id_number: string;
  email: string | null;
  phone: string | null;
  locale: string;
  closed_at: string | null;
}

export async function caseForNotice(db: Executor, vault: Vault, caseId: number): Promise<CaseForNotice | undefined> {
  const c = await repo.caseById(db, caseId);
  if (!c) return undefined;
  return {
    id: c.id,
    office_id: c.office_id,
    number: c.number,
    reference: c.reference,
    guide_code: c.guide_code,
    status: c.status,
    applicant_name: c.applicant_name,
    id_number: vault.decrypt(c.id_enc),
    email: c.email,
    phone: c.phone,
    locale: c.locale,
    closed_at: c.closed_at,
  };
}

/** Share of finished cases that needed exactly one notice slip, among those that needed any. */
export async function singleNoticeShare(db: Db, officeIds: number[]): Promise<{ share: number | null; withNotice: number }> {
  const rows = await repo.finishedCases(db, officeIds);
  const withNotice = rows.filter((r) => r.notices > 0);
  return { share: withNotice.length === 0 ? null : withNotice.filter((r) => r.notices === 1).length / withNotice.length, withNotice: withNotice.length };
}
