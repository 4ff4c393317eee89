import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Locale } from '../../../platform/i18n/index.js';
import { officesService } from '../../offices/index.js';
import { ackTokenHash, verifyWebhook } from '../body.js';
import type { DeliveryDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * An agency acknowledges a notice: its clerk through the link in the
 * e-mail (GET shows, POST confirms), or its system through a signed
 * callback. The token is looked up by its SHA-256 only, and never goes into
 * the audit log or an error.
 */

/** What an acknowledgement token opens; null for anything that is not a token we issued. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,64}$/;

export interface AckView {
  noticeId: number;
  status: repo.NoticeStatus;
  recipient: string;
  event: string;
  office: string;
  /** when the notice went out (or was queued, for one not sent yet) */
  date: string;
  ackedAt: string | null;
}

async function byToken(deps: DeliveryDeps, token: string) {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  return repo.noticeByTokenHash(deps.database.db, ackTokenHash(token));
}

/** The page's facts: agency, event, office, date; nothing about the person. */
export async function ackView(deps: DeliveryDeps, token: string, locale: Locale): Promise<AckView | null> {
  const n = await byToken(deps, token);
  if (!n) return null;
  const office = await officesService.officeById(deps.database.db, n.office_id, locale);
  return {
    noticeId: n.id,
    status: n.status,
    recipient: locale === 'en' ? n.recipient_name_en : n.recipient_name,
    event: n.event,
    office: office.name,
    date: n.sent_at ?? n.queued_at,
    ackedAt: n.acked_at,
  };
}

export type AckOutcome = { result: 'acknowledged' | 'already'; ackedAt: string } | { result: 'not_sent' };

/** Sent → acknowledged in one conditional UPDATE (two clicks, one acknowledgement), its try and its audit line. */
async function acknowledge(deps: DeliveryDeps, notice: { id: number; office_id: number }, via: 'link' | 'callback', ip: string | null): Promise<AckOutcome> {
  const now = deps.clock();
  const at = now.toISOString();
  return writeTransaction(deps.database, async (trx) => {
    if (await repo.markAcknowledged(trx, notice.id, at)) {
      await repo.addAttempt(trx, notice.id, at, 'acknowledged', via);
      await recordAudit(trx, { actor: null, action: 'notify.delivery.ack', target: { type: 'notify_notice', id: notice.id }, officeId: notice.office_id, detail: { via }, ip }, now);
      return { result: 'acknowledged', ackedAt: at };
    }
    const row = await repo.ackedAt(trx, notice.id);
    return row?.status === 'acknowledged' && row.acked_at ? { result: 'already', ackedAt: row.acked_at } : { result: 'not_sent' };
  });
}

/** The link's POST; null for an unknown token. */
export async function confirmByLink(deps: DeliveryDeps, token: string, ip: string | null): Promise<AckOutcome | null> {
  const n = await byToken(deps, token);
  if (!n) return null;
  return acknowledge(deps, n, 'link', ip);
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const callbackSchema = z.object({ notice: z.number().int().positive().max(2 ** 31 - 1), token: z.string().max(100) });

export type CallbackOutcome = { ok: false } | ({ ok: true; noticeId: number } & AckOutcome);

/**
 * The agency's system confirms: JSON {notice, token}, signed with the
 * recipient's webhook secret over the raw body. Anything wrong — not JSON,
 * unknown notice, no secret, a bad or stale signature, a token that is not
 * this notice's — is the same refusal, so a caller learns nothing.
 */
export async function confirmByCallback(deps: DeliveryDeps, rawBody: string, signature: string | undefined, ip: string | null): Promise<CallbackOutcome> {
  let parsed: z.infer<typeof callbackSchema>;
  try {
    const r = callbackSchema.safeParse(JSON.parse(rawBody));
    if (!r.success) return { ok: false };
    parsed = r.data;
  } catch {
    return { ok: false };
  }
  const n = await repo.noticeForCallback(deps.database.db, parsed.notice);
  if (!n?.secret_enc) return { ok: false };
  const nowSeconds = Math.floor(deps.clock().getTime() / 1000);
  if (!verifyWebhook(deps.vault.decrypt(n.secret_enc), signature, rawBody, nowSeconds)) return { ok: false };
  if (!sameHash(ackTokenHash(parsed.token), n.ack_token_hash)) return { ok: false };
  return { ok: true, noticeId: n.id, ...(await acknowledge(deps, n, 'callback', ip)) };
}
