import type { Executor } from '../../../db/index.js';
import type { Vault } from '../../../platform/identity/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { smsParts } from '../../../platform/sms/index.js';
import { MESSAGE_JOB } from '../body.js';

/** Tries before a message is failed (the jobs table backs off 30 s, 1 min, 2 min … between them: about 15 minutes in all). */
export const MESSAGE_MAX_ATTEMPTS = 6;

export type MessagePurpose = 'birth_instant' | 'followup' | 'reminder';

export interface CitizenMessageInput {
  officeId: number;
  caseId?: number | null;
  reminderId?: number | null;
  purpose: MessagePurpose;
  channel: 'email' | 'sms';
  /** an e-mail address or a mobile number (09xxxxxxxx) */
  to: string;
  /** e-mail only */
  subject?: string;
  text: string;
  /** once per key, whatever the clicks: e.g. `followup:case:12` */
  dedupeKey: string;
  /** no longer needed: counted here from the text (smsParts in platform/sms; 1 for e-mail); a value given is ignored */
  parts?: number;
}

/**
 * A message to a citizen, queued inside the caller's transaction: the
 * address and text are stored encrypted on the message row (never in the
 * job payload) and dropped once sent. Returns the message id, or null when
 * the same dedupe key was queued before.
 */
export async function queueCitizenMessage(db: Executor, vault: Vault, msg: CitizenMessageInput, now: Date): Promise<number | null> {
  const body = msg.channel === 'email' ? JSON.stringify({ subject: msg.subject ?? '', text: msg.text }) : JSON.stringify({ text: msg.text });
  const row = await db
    .insertInto('citizen_message')
    .values({
      office_id: msg.officeId,
      case_id: msg.caseId ?? null,
      reminder_id: msg.reminderId ?? null,
      purpose: msg.purpose,
      channel: msg.channel,
      to_enc: vault.encrypt(msg.to),
      body_enc: vault.encrypt(body),
      parts: msg.channel === 'sms' ? smsParts(msg.text) : 1,
      status: 'queued',
      last_error: null,
      provider_id: null,
      dedupe_key: msg.dedupeKey,
      created_at: now.toISOString(),
      sent_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return null;
  await enqueueJob(db, { kind: MESSAGE_JOB, payload: { messageId: row.id }, maxAttempts: MESSAGE_MAX_ATTEMPTS, dedupeKey: `message:${row.id}` }, now);
  return row.id;
}
