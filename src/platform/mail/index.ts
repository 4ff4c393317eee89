import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import { enqueueJob, type JobHandler } from '../jobs/index.js';

/**
 * Outgoing mail through nodemailer. Without SMTP settings (a demo or a
 * laptop) each message is written as an .eml file in the outbox folder, so
 * "we sent you an e-mail" is still true and a person can open it.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
  /** extra header lines (List-Unsubscribe, List-Unsubscribe-Post …); never From, To, Subject or Return-Path */
  headers?: Record<string, string>;
  /** the envelope sender (Return-Path) where bounces go, e.g. a VERP address; unset: the From address */
  returnPath?: string;
}

/** What nodemailer is given for a message: the envelope sender becomes `envelope.from`. */
function toNodemailer(from: string, msg: MailMessage) {
  const { returnPath, ...rest } = msg;
  return { from, ...rest, ...(returnPath ? { envelope: { from: returnPath, to: msg.to } } : {}) };
}

export interface Mailer {
  send(msg: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/** The SMTP URL with nodemailer's timeouts (read from its query) unless the URL sets its own. */
export function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [key, ms] of [['connectionTimeout', 30_000], ['greetingTimeout', 30_000], ['socketTimeout', 60_000]] as const) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(ms));
  }
  return url.toString();
}

export function createMailer(opts: { smtpUrl?: string | undefined; from: string; outboxDir?: string }): Mailer {
  if (opts.smtpUrl) {
    // every wait well inside the jobs table's 5-minute lease: a hung server must fail the try, not let
    // a second worker take the job over while the first may still send it (nodemailer waits 10 minutes)
    const transport = nodemailer.createTransport(withTimeouts(opts.smtpUrl));
    return {
      async send(msg) {
        const info = await transport.sendMail(toNodemailer(opts.from, msg));
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const dir = opts.outboxDir ?? 'data/outbox';
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(msg) {
      const info = await transport.sendMail(toNodemailer(opts.from, msg));
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`);
      writeFileSync(file, info.message as Buffer);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

export const MAIL_JOB = 'mail.send';

const mailPayload = z.object({
  to: z.string().min(3),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  attachments: z
    .array(z.object({ filename: z.string(), contentBase64: z.string(), contentType: z.string().optional() }))
    .optional(),
  headers: z.record(z.string(), z.string()).optional(),
  returnPath: z.string().optional(),
});

/** Queue a message to go out after the surrounding transaction commits (and be retried if SMTP is down). */
export async function enqueueMail(db: Executor, msg: MailMessage, opts: { dedupeKey?: string; now?: Date } = {}): Promise<number | null> {
  const payload = {
    to: msg.to,
    subject: msg.subject,
    text: msg.text,
    ...(msg.html ? { html: msg.html } : {}),
    ...(msg.attachments
      ? {
          attachments: msg.attachments.map((a) => ({
            filename: a.filename,
            contentBase64: Buffer.from(a.content).toString('base64'),
            ...(a.contentType ? { contentType: a.contentType } : {}),
          })),
        }
      : {}),
    ...(msg.headers ? { headers: msg.headers } : {}),
    ...(msg.returnPath ? { returnPath: msg.returnPath } : {}),
  };
  return enqueueJob(db, { kind: MAIL_JOB, payload, maxAttempts: 8, ...(opts.dedupeKey ? { dedupeKey: opts.dedupeKey } : {}) }, opts.now);
}

export function mailJobHandler(mailer: Mailer): JobHandler {
  return async (raw) => {
    const p = mailPayload.parse(raw);
    await mailer.send({
      to: p.to,
      subject: p.subject,
      text: p.text,
      ...(p.html ? { html: p.html } : {}),
      ...(p.attachments
        ? { attachments: p.attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.contentBase64, 'base64'), ...(a.contentType ? { contentType: a.contentType } : {}) })) }
        : {}),
      ...(p.headers ? { headers: p.headers } : {}),
      ...(p.returnPath ? { returnPath: p.returnPath } : {}),
    });
  };
}
