import { randomBytes } from 'node:crypto';
import type { Database, Executor } from '../../../db/index.js';
import { isUniqueViolation, writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { coversOffice, type StaffPrincipal } from '../../../platform/auth/roles.js';
import { taipeiToday } from '../../../platform/calendar/index.js';
import { AppError } from '../../../platform/errors.js';
import { isLocale, type Locale } from '../../../platform/i18n/index.js';
import type { Vault } from '../../../platform/identity/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { type LifeEvent, lifeEventOfGuide, type NoticeField } from '../../../platform/life-events.js';
import { type CaseForNotice, casesService } from '../../cases/index.js';
import { guidesService } from '../../guides/index.js';
import { officesService } from '../../offices/index.js';
import { ackTokenHash, DELIVER_JOB, MAX_DELIVERY_ATTEMPTS, newAckToken, sealBody } from '../body.js';
import { type ConsentInput, consentProblems, type TypedField, typedFieldsFor } from './form.js';
import type { EligibleRecipient } from './repo.js';
import * as repo from './repo.js';
import { queueFollowups } from './texts.js';

export interface ConsentDeps {
  database: Database;
  vault: Vault;
  clock: () => Date;
  baseUrl: string;
}

/** A case the consent page may be about: a life event, of an office the person covers. */
export interface NotifiableCase {
  c: CaseForNotice;
  event: LifeEvent;
  office: { id: number; countyId: number; code: string; name: string };
}

/** The case and its event, or not found: a case of another office is not told apart from no case. */
export async function notifiableCase(db: Executor, vault: Vault, caseId: number, staff: StaffPrincipal): Promise<NotifiableCase> {
  const c = await casesService.caseForNotice(db, vault, caseId);
  const event = c ? lifeEventOfGuide(c.guide_code) : null;
  if (!c || !event) throw new AppError('not_found', 'error.notFound.title');
  const office = await officesService.officeById(db, c.office_id, 'zh-Hant');
  if (!coversOffice(staff, office)) throw new AppError('not_found', 'error.notFound.title');
  return { c, event, office: { id: office.id, countyId: office.countyId, code: office.code, name: office.name } };
}

export const readyForConsent = (status: string) => status === 'approved' || status === 'closed';

/** The day the event is taken to be unless the clerk says otherwise: the closing day in Taipei, else today. */
export const defaultEventDate = (c: Pick<CaseForNotice, 'closed_at'>, now: Date) => taipeiToday(c.closed_at ? new Date(c.closed_at) : now);

/** What each notice carries: name and event date always, the rest only as the recipient accepts (個資法 §5). */
function bodyFields(accepts: NoticeField[], known: Partial<Record<NoticeField, string>>): Partial<Record<NoticeField, string>> {
  const out: Partial<Record<NoticeField, string>> = {};
  for (const f of new Set<NoticeField>(['name', 'event_date', ...accepts])) {
    const v = known[f];
    if (v) out[f] = v;
  }
  return out;
}

/** One sealed notice and its delivery job per chosen agency (the job carries the notice id only). */
async function queueNotices(
  trx: Executor,
  vault: Vault,
  at: { consentId: number; c: CaseForNotice; event: LifeEvent; office: NotifiableCase['office'] },
  chosen: EligibleRecipient[],
  known: Partial<Record<NoticeField, string>>,
  now: Date,
): Promise<void> {
  for (const r of chosen) {
    const token = newAckToken();
    const body = { token, office: { code: at.office.code, name: at.office.name }, caseNumber: at.c.number, event: at.event, fields: bodyFields(r.fields, known) };
    const noticeId = await repo.insertNotice(trx, {
      consent_id: at.consentId,
      case_id: at.c.id,
      office_id: at.c.office_id,
      recipient_id: r.id,
      event: at.event,
      body_enc: sealBody(vault, body),
      ack_token_hash: ackTokenHash(token),
      queued_at: now.toISOString(),
    });
    await enqueueJob(trx, { kind: DELIVER_JOB, payload: { noticeId }, dedupeKey: `notify:${noticeId}`, maxAttempts: MAX_DELIVERY_ATTEMPTS }, now);
  }
}

export interface RecordedConsent {
  consentId: number;
  slipCode: string;
  notices: number;
  followupCode: string | null;
}

/**
 * Records the citizen's answer in one transaction: the consent (unique per
 * case: a second submit, a double click or another clerk gets `conflict`),
 * one sealed notice and one delivery job per chosen agency, the follow-up
 * list and its messages, and the audit line. A refusal is a consent with no
 * agencies.
 */
export async function recordConsent(deps: ConsentDeps, caseId: number, input: ConsentInput, staff: StaffPrincipal, ip: string | null): Promise<RecordedConsent> {
  const now = deps.clock();
  try {
    return await writeTransaction(deps.database, async (trx) => {
      const { c, event, office } = await notifiableCase(trx, deps.vault, caseId, staff);
      if (!readyForConsent(c.status)) throw new AppError('conflict', 'notify.consent.notReady');
      if (await repo.consentOfCase(trx, caseId)) throw new AppError('conflict', 'notify.consent.already');
      const eligible = await repo.recipientsForEvent(trx, office.countyId, event);
      const problems = consentProblems(input, { event, eligible, today: taipeiToday(now) });
      if (problems.length > 0) throw new AppError('validation', problems[0]?.key ?? 'err.invalid', { fields: problems });
      const chosen = eligible.filter((r) => input.recipientIds.includes(r.id));
      const typed: Partial<Record<TypedField, string>> = {};
      for (const f of typedFieldsFor(event, chosen)) if (input.details[f]) typed[f] = input.details[f];
      // 72 random bits: the slip is fetched by its code (staff only, and scoped to the office)
      const slipCode = randomBytes(9).toString('base64url');
      const consentId = await repo.insertConsent(trx, {
        case_id: caseId,
        office_id: c.office_id,
        event,
        event_date: input.eventDate,
        recipients: chosen.length,
        read_back: input.readBack && chosen.length > 0 ? 1 : 0,
        slip_code: slipCode,
        details_enc: Object.keys(typed).length > 0 ? deps.vault.encrypt(JSON.stringify(typed)) : null,
        recorded_by: staff.id,
        recorded_at: now.toISOString(),
      });
      const known: Partial<Record<NoticeField, string>> = { name: c.applicant_name, id_number: c.id_number, event_date: input.eventDate, phone: c.phone ?? undefined, ...typed };
      await queueNotices(trx, deps.vault, { consentId, c, event, office }, chosen, known, now);
      const locale: Locale = isLocale(c.locale) ? c.locale : 'zh-Hant';
      const guide = await guidesService.guideRow(trx, c.guide_code, c.office_id);
      const officeWords = await officesService.officeById(trx, c.office_id, locale);
      const followupCode = await queueFollowups(
        trx,
        deps.vault,
        { caseId, officeId: c.office_id, officeName: officeWords.name, guideCode: c.guide_code, guideName: locale === 'en' ? guide.name_en : guide.name_zh, event, eventDate: input.eventDate, locale, channel: input.channel, email: input.email, phone: input.phone },
        deps.baseUrl,
        now,
      );
      await recordAudit(trx, { actor: staff, action: 'notify.consent.record', target: { type: 'case', id: caseId }, officeId: c.office_id, detail: { recipients: chosen.length, event }, ip }, now);
      return { consentId, slipCode, notices: chosen.length, followupCode };
    });
  } catch (err) {
    // two submits at once: the unique index on the case lets one through
    if (isUniqueViolation(err)) throw new AppError('conflict', 'notify.consent.already', { cause: err });
    throw err;
  }
}
