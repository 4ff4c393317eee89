import { sql } from 'kysely';
import type { Executor } from '../../../db/index.js';

/** What the sender needs of a message: the sealed address and body are null once it left (or failed for good). */
export async function messageToSend(db: Executor, id: number) {
  return db.selectFrom('citizen_message').select(['id', 'office_id', 'channel', 'status', 'to_enc', 'body_enc']).where('id', '=', id).executeTakeFirst();
}

/** Sent: the address and text go in the same statement (nothing kept once delivered). False when it was no longer queued. */
export async function markSent(db: Executor, id: number, r: { providerId: string; parts: number; at: Date }): Promise<boolean> {
  const res = await db
    .updateTable('citizen_message')
    .set((eb) => ({
      status: 'sent',
      sent_at: r.at.toISOString(),
      provider_id: r.providerId.slice(0, 500),
      parts: r.parts,
      attempts: eb('attempts', '+', 1),
      last_error: null,
      to_enc: null,
      body_enc: null,
    }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A try that failed: counted with its reason; the last one fails the message and drops the address and text too. */
export async function markTryFailed(db: Executor, id: number, r: { reason: string; final: boolean }): Promise<void> {
  await db
    .updateTable('citizen_message')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: r.reason.slice(0, 200),
      ...(r.final ? { status: 'failed' as const, to_enc: null, body_enc: null } : {}),
    }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

export interface MessageRow {
  id: number;
  purpose: string;
  channel: 'email' | 'sms';
  status: 'queued' | 'sent' | 'failed';
  parts: number;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** An office's messages created in [from, to) (UTC instants), newest first: never the address or the text. */
export async function messagesBetween(db: Executor, officeId: number, from: string, to: string, page: { limit: number; offset: number }): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('citizen_message')
    .select(['id', 'purpose', 'channel', 'status', 'parts', 'attempts', 'last_error', 'created_at', 'sent_at'])
    .where('office_id', '=', officeId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose,
    channel: r.channel,
    status: r.status,
    parts: Number(r.parts),
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}

export interface MessageCount {
  purpose: string;
  channel: 'email' | 'sms';
  status: 'queued' | 'sent' | 'failed';
  messages: number;
  parts: number;
}

/** The same month counted by purpose, channel and status (SMS parts summed: what the gateway bills). */
export async function countsBetween(db: Executor, officeId: number, from: string, to: string): Promise<MessageCount[]> {
  const rows = await db
    .selectFrom('citizen_message')
    .select(['purpose', 'channel', 'status', sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(parts), 0)`.as('p')])
    .where('office_id', '=', officeId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy(['purpose', 'channel', 'status'])
    .execute();
  return rows.map((r) => ({ purpose: r.purpose, channel: r.channel, status: r.status, messages: Number(r.n), parts: Number(r.p) }));
}
