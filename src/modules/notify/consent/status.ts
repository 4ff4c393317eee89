import type { Executor } from '../../../db/index.js';
import type { Locale } from '../../../platform/i18n/index.js';
import type { Vault } from '../../../platform/identity/index.js';
import type { NoticeField, NoticeState } from '../../../platform/life-events.js';
import { staffDirectory } from '../../staff/index.js';
import type { TypedField } from './form.js';
import * as repo from './repo.js';

export interface NoticeLine {
  id: number;
  agency: string;
  sector: string;
  fields: NoticeField[];
  status: NoticeState;
  attempts: number;
  lastError: string | null;
  queuedAt: string;
  sentAt: string | null;
  ackedAt: string | null;
  failedAt: string | null;
}

export interface ConsentView {
  slipCode: string;
  event: string;
  eventDate: string;
  recipients: number;
  readBack: boolean;
  recordedAt: string;
  recordedBy: string;
  details: Partial<Record<TypedField, string>>;
  notices: NoticeLine[];
  followup: { code: string; channel: string } | null;
}

/** The recorded consent of a case with each notice as it stands now; null when none was recorded. */
export async function consentView(db: Executor, vault: Vault, caseId: number, locale: Locale): Promise<ConsentView | null> {
  const consent = await repo.consentOfCase(db, caseId);
  if (!consent) return null;
  const [rows, followup, names] = await Promise.all([repo.noticesOfCase(db, caseId), repo.followupListOfCase(db, caseId), staffDirectory.staffNames(db, [consent.recorded_by])]);
  return {
    slipCode: consent.slip_code,
    event: consent.event,
    eventDate: consent.event_date,
    recipients: consent.recipients,
    readBack: consent.read_back === 1,
    recordedAt: consent.recorded_at,
    recordedBy: names.get(consent.recorded_by) ?? '',
    details: consent.details_enc ? (JSON.parse(vault.decrypt(consent.details_enc)) as Partial<Record<TypedField, string>>) : {},
    notices: rows.map((r) => ({
      id: r.id,
      agency: locale === 'en' ? r.name_en : r.name,
      sector: r.sector,
      fields: repo.fieldsOf(r.fields),
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      queuedAt: r.queued_at,
      sentAt: r.sent_at,
      ackedAt: r.acked_at,
      failedAt: r.failed_at,
    })),
    followup: followup ?? null,
  };
}

const SUMMARY_ORDER: NoticeState[] = ['acknowledged', 'sent', 'queued', 'failed'];

/** Notices by state, done first (已確認收到, 已寄出 …), leaving out states with none. */
export function countsByState(notices: Pick<NoticeLine, 'status'>[]): { state: NoticeState; count: number }[] {
  return SUMMARY_ORDER.map((state) => ({ state, count: notices.filter((n) => n.status === state).length })).filter((x) => x.count > 0);
}

/** The fields a notice carries, as the slip and the table list them: name and event date, then what the agency accepts. */
export function fieldsSent(accepts: NoticeField[]): NoticeField[] {
  return [...new Set<NoticeField>(['name', 'event_date', ...accepts])];
}
