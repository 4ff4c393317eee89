import { randomBytes } from 'node:crypto';
import type { Database, Db, Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { formatRocDate, type OfficeCalendar, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { Vault } from '../../platform/identity/index.js';
import { enqueueMail } from '../../platform/mail/index.js';
import { nextInSequence } from '../../platform/sequence.js';
import { calendarService } from '../calendar/index.js';
import { guidesService } from '../guides/index.js';
import * as repo from './repo.js';
import { type CaseState, canMove, isCaseState } from './states.js';

export interface CaseDeps {
  database: Database;
  vault: Vault;
  clock: () => Date;
  baseUrl: string;
}

export const birthKey = (vault: Vault, isoDate: string) => vault.hash(`birth:${isoDate}`);

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
  input: { officeId: number; guideCode: string; applicantName: string; idNumber: string; birthDate: string; email?: string | undefined; phone?: string | undefined; ticketId?: number | null },
  staff: StaffPrincipal,
  ip: string | null,
): Promise<{ id: number; number: string }> {
  const now = deps.clock();
  const today = taipeiToday(now);
  const guide = await guidesService.guideRow(deps.database.db, input.guideCode);
  const limit = Math.max(1, guide.processing_days);
  return writeTransaction(deps.database, async (trx) => {
    const seq = await nextInSequence(trx, input.officeId, today, 'CASE');
    const number = `${input.officeId}-${formatRocDate(today, 'compact')}-${String(seq).padStart(4, '0')}`;
    const due = await dueOn(trx, { office_id: input.officeId, received_on: today, limit_days: limit }, today);
    const iso = now.toISOString();
    const id = await repo.insertCase(trx, {
      office_id: input.officeId,
      number,
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
    if (input.email) await notifyByMail(trx, deps, { number, email: input.email, status: 'received', eventId, due });
    return { id, number };
  });
}

const STATUS_ZH: Record<CaseState, string> = {
  received: '已收件',
  review: '審核中',
  waiting_docs: '待補正文件',
  site_survey: '現場勘查中',
  approved: '已核准',
  rejected: '未核准',
  closed: '已結案',
};

async function notifyByMail(db: Executor, deps: CaseDeps, c: { number: string; email: string; status: CaseState; eventId: number; due: string }) {
  await enqueueMail(
    db,
    {
      to: c.email,
      subject: `案件 ${c.number}：${STATUS_ZH[c.status]}`,
      text: [
        `您的案件 ${c.number} 目前狀態：${STATUS_ZH[c.status]}。`,
        `預計完成日期：${formatRocDate(c.due, 'long')}。`,
        `查詢進度：${deps.baseUrl}/cases/lookup（請輸入案件編號與身分證統一編號或出生日期）`,
        '',
        '此信由系統自動寄出，請勿直接回覆。',
      ].join('\n'),
    },
    { dedupeKey: `case:${c.number}:event:${c.eventId}` },
  );
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
    if (c.email) await notifyByMail(trx, deps, { number: c.number, email: c.email, status: to, eventId, due });
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
      await trx.updateTable('case_file').set({ notices: c.notices + 1 }).where('id', '=', c.id).execute();
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
 * Public look-up: case number plus ID number or birth date. A wrong number
 * and a wrong second factor give the same answer, and cost the same work.
 */
export async function lookup(deps: CaseDeps, number: string, factor: { idNumber?: string | undefined; birthDate?: string | undefined }): Promise<LookupResult> {
  const c = await repo.caseByNumber(deps.database.db, number.trim().toUpperCase());
  const idHash = factor.idNumber ? deps.vault.hash(factor.idNumber) : null;
  const birthHash = factor.birthDate ? birthKey(deps.vault, factor.birthDate) : null;
  const match = !!c && ((idHash !== null && c.id_hash === idHash) || (birthHash !== null && c.birth_hash === birthHash));
  return match ? { found: true, caseId: c!.id } : { found: false };
}

/** Share of finished cases that needed exactly one notice slip, among those that needed any. */
export async function singleNoticeShare(db: Db, officeIds: number[]): Promise<{ share: number | null; withNotice: number }> {
  const rows = await repo.finishedCases(db, officeIds);
  const withNotice = rows.filter((r) => r.notices > 0);
  return { share: withNotice.length === 0 ? null : withNotice.filter((r) => r.notices === 1).length / withNotice.length, withNotice: withNotice.length };
}
