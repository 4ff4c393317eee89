import type { Executor } from '../../../db/index.js';
import { isLifeEvent, isNoticeField, type LifeEvent, type NoticeField } from '../../../platform/life-events.js';

/** A recipient agency as the consent form needs it: who, which sector, and what it accepts. */
export interface EligibleRecipient {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  sector: string;
  fields: NoticeField[];
}

function jsonList<T>(raw: string, keep: (v: unknown) => v is T): T[] {
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter(keep) : [];
  } catch {
    return [];
  }
}

/**
 * The county's active agencies that take notices of this event. The
 * registry is small (tens of rows a county), so the JSON lists are read in
 * code rather than with each database's own JSON operators.
 */
export async function recipientsForEvent(db: Executor, countyId: number, event: LifeEvent): Promise<EligibleRecipient[]> {
  const rows = await db
    .selectFrom('notify_recipient')
    .select(['id', 'code', 'name', 'name_en', 'sector', 'events', 'fields'])
    .where('county_id', '=', countyId)
    .where('active', '=', 1)
    .orderBy('sector')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => jsonList(r.events, isLifeEvent).includes(event))
    .map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: r.name_en, sector: r.sector, fields: jsonList(r.fields, isNoticeField) }));
}

export function consentOfCase(db: Executor, caseId: number) {
  return db.selectFrom('notify_consent').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export function consentBySlip(db: Executor, slipCode: string) {
  return db.selectFrom('notify_consent').selectAll().where('slip_code', '=', slipCode).executeTakeFirst();
}

export async function insertConsent(
  db: Executor,
  row: { case_id: number; office_id: number; event: string; event_date: string; recipients: number; read_back: number; slip_code: string; details_enc: string | null; recorded_by: number; recorded_at: string },
): Promise<number> {
  return (await db.insertInto('notify_consent').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertNotice(
  db: Executor,
  row: { consent_id: number; case_id: number; office_id: number; recipient_id: number; event: string; body_enc: string; ack_token_hash: string; queued_at: string },
): Promise<number> {
  const values = { ...row, status: 'queued' as const, last_error: null, batch_id: null, sent_at: null, acked_at: null, failed_at: null, purge_after: null, purged_at: null };
  return (await db.insertInto('notify_notice').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Each notice of a case with its agency, for the status table and the slip. */
export function noticesOfCase(db: Executor, caseId: number) {
  return db
    .selectFrom('notify_notice as n')
    .innerJoin('notify_recipient as r', 'r.id', 'n.recipient_id')
    .select(['n.id', 'n.recipient_id', 'n.status', 'n.attempts', 'n.last_error', 'n.queued_at', 'n.sent_at', 'n.acked_at', 'n.failed_at', 'r.name', 'r.name_en', 'r.sector', 'r.fields'])
    .where('n.case_id', '=', caseId)
    .orderBy('r.sector')
    .orderBy('r.name')
    .orderBy('n.id')
    .execute();
}

export function followupListOfCase(db: Executor, caseId: number) {
  return db.selectFrom('followup_list').select(['code', 'channel']).where('case_id', '=', caseId).executeTakeFirst();
}

export function fieldsOf(raw: string): NoticeField[] {
  return jsonList(raw, isNoticeField);
}
