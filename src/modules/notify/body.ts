import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Vault } from '../../platform/identity/index.js';
import type { NoticeField } from '../../platform/life-events.js';

/**
 * What is stored, encrypted, in `notify_notice.body_enc`: the fields the
 * recipient accepts and the acknowledgement token. The token itself is kept
 * only here (the row keeps its SHA-256 for the look-up), so once the body is
 * purged nobody can rebuild a link, yet a link already sent still works.
 */
export interface NoticeBody {
  /** the acknowledgement token, 32 url-safe characters */
  token: string;
  /** office code and name, the case's running number (for the agency's records) */
  office: { code: string; name: string };
  caseNumber: string;
  event: string;
  fields: Partial<Record<NoticeField, string>>;
}

export const newAckToken = (): string => randomBytes(24).toString('base64url');
export const ackTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const sealBody = (vault: Vault, body: NoticeBody): string => vault.encrypt(JSON.stringify(body));
export const openBody = (vault: Vault, sealed: string): NoticeBody => JSON.parse(vault.decrypt(sealed)) as NoticeBody;

/** The job that delivers one notice; its payload is the notice id only (no personal data in the jobs table). */
export const DELIVER_JOB = 'notify.deliver';
/** The job that sends one citizen message (e-mail or SMS); payload: the message id. */
export const MESSAGE_JOB = 'notify.message';
/** The daily job that purges delivered notices' and sent messages' personal data after the retention period. */
export const PURGE_JOB = 'notify.purge';

/** Delivery tries before a notice is failed (the jobs table backs off 30 s, 1 min, 2 min … between them). */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** The header a webhook body is signed in: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'x-huzheng-signature';

export function signWebhook(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Checks a signature header against the body (for the agencies' callbacks,
 * and the receiving side in tests): right secret, and a timestamp within
 * `toleranceSeconds` of now so a captured request cannot be replayed later.
 */
export function verifyWebhook(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const want = Buffer.from(signWebhook(secret, t, body).slice(-64), 'hex');
  return timingSafeEqual(want, Buffer.from(m[2] ?? '', 'hex'));
}
