import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../../../config.js';
import type { Database } from '../../../db/index.js';
import type { Vault } from '../../../platform/identity/index.js';
import type { JobHandler } from '../../../platform/jobs/index.js';
import { createMailer, type Mailer } from '../../../platform/mail/index.js';
import { createSmsSender, SmppError, type SmsSender } from '../../../platform/sms/index.js';
import { MESSAGE_MAX_ATTEMPTS } from './queue.js';
import { markSent, markTryFailed, messageToSend } from './repo.js';

/** The two ways out, made once per handler set (one SMPP session and one SMTP transport for every message). */
export interface MessageSenders {
  mailer: Mailer;
  sms: SmsSender;
  close(): Promise<void>;
}

export function createMessageSenders(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'smsSmppUrl' | 'smsFrom' | 'dataDir'>): MessageSenders {
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.join(config.dataDir, 'outbox') });
  const sms = createSmsSender({ smppUrl: config.smsSmppUrl, from: config.smsFrom, outboxDir: path.join(config.dataDir, 'sms-outbox') });
  return {
    mailer,
    sms,
    async close() {
      mailer.close();
      await sms.close();
    },
  };
}

const payloadSchema = z.object({ messageId: z.number().int().positive() });
const bodySchema = z.object({ subject: z.string().optional(), text: z.string() });

/**
 * Why a try failed, in words safe for the message row, the jobs table and
 * the log: the gateway's status or the SMTP code, never the error's own text
 * (an SMTP reply may quote the address).
 */
export function failureReason(err: unknown): string {
  if (err instanceof SmppError) return `SMS: ${err.message}`;
  const e = err as { code?: unknown; responseCode?: unknown; name?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : null;
  const reply = typeof e?.responseCode === 'number' ? e.responseCode : null;
  if (code || reply) return `SMTP: ${[code, reply].filter(Boolean).join(' ')}`;
  return typeof e?.name === 'string' ? e.name : 'Error';
}

/** An SMTP 5xx or a number the gateway cannot use: trying again cannot help. */
function isPermanent(err: unknown): boolean {
  if (err instanceof SmppError) return err.permanent;
  const reply = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof reply === 'number' && reply >= 500;
}

/**
 * The MESSAGE_JOB handler: opens the message, sends it by its channel, and
 * marks it sent with the address and text dropped in the same UPDATE. A
 * failed try is counted and thrown again (as a plain reason) for the jobs
 * table's backoff; the last try, or a refusal that cannot change, fails the
 * message and drops its address and text as well.
 */
export function messageJobHandler(deps: { database: Database; vault: Vault; clock: () => Date }, senders: Pick<MessageSenders, 'mailer' | 'sms'>): JobHandler {
  const { db } = deps.database;
  return async (payload, ctx) => {
    const { messageId } = payloadSchema.parse(payload);
    const row = await messageToSend(db, messageId);
    // sent, failed or purged already (a second worker, a replayed job): nothing to do
    if (row?.status !== 'queued' || !row.to_enc || !row.body_enc) return;
    const to = deps.vault.decrypt(row.to_enc);
    const body = bodySchema.parse(JSON.parse(deps.vault.decrypt(row.body_enc)));
    let sent: { messageId: string; parts: number };
    try {
      sent =
        row.channel === 'email'
          ? { parts: 1, messageId: (await senders.mailer.send({ to, subject: body.subject ?? '', text: body.text })).messageId }
          : await senders.sms.send(to, body.text);
    } catch (err) {
      const reason = failureReason(err);
      const permanent = isPermanent(err);
      await markTryFailed(db, row.id, { reason, final: permanent || ctx.attempt >= MESSAGE_MAX_ATTEMPTS });
      if (permanent) return;
      throw new Error(reason);
    }
    // outside the try: a database hiccup here must not count as a failed send (and send it twice)
    await markSent(db, row.id, { providerId: sent.messageId, parts: sent.parts, at: deps.clock() });
  };
}
