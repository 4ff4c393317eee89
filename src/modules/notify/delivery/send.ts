import { absoluteUrl } from '../../../config.js';
import { formatRocDate, isIsoDate } from '../../../platform/calendar/index.js';
import { toCsv } from '../../../platform/export/index.js';
import { translator } from '../../../platform/i18n/index.js';
import type { MailMessage } from '../../../platform/mail/index.js';
import { NOTICE_FIELDS, type NoticeField } from '../../../platform/life-events.js';
import { type NoticeBody, SIGNATURE_HEADER, signWebhook } from '../body.js';
import type { DeliveryDeps } from './deps.js';

/**
 * The two ways a notice leaves by itself: a signed POST to the agency's
 * system, or an e-mail to its clerk with the same data attached. A failure
 * becomes a DeliveryError whose message is a short reason for the staff
 * page ("HTTP 503", "connection refused"): never the answer's body, which
 * may echo what we sent.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

export const ackLink = (deps: Pick<DeliveryDeps, 'config'>, token: string) => absoluteUrl(deps.config, `/notify/ack/${token}`);

/** What the agency receives, by webhook or as the e-mail's JSON attachment. */
export function noticeDocument(deps: Pick<DeliveryDeps, 'config'>, noticeId: number, body: NoticeBody) {
  return { notice: noticeId, event: body.event, office: body.office, caseNumber: body.caseNumber, fields: body.fields, ackUrl: ackLink(deps, body.token) };
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNECTION: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EDNS: 'host not found',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_SOCKET: 'connection reset',
  ESOCKET: 'connection reset',
  CERT_HAS_EXPIRED: 'TLS certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate',
};

/** A reason short and safe enough for the notice row and the staff page. */
export function shortReason(err: unknown): string {
  if (err instanceof DeliveryError) return err.message;
  const e = err as { name?: string; code?: string; responseCode?: number; cause?: { code?: string; name?: string } } | null;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.cause?.name === 'TimeoutError') return 'timeout';
  if (typeof e?.responseCode === 'number') return `SMTP ${e.responseCode}`;
  const code = e?.cause?.code ?? e?.code;
  return (code && NETWORK_REASONS[code]) || 'network error';
}

/** POSTs the notice; resolves on a 2xx, else throws a DeliveryError with the reason. */
export async function postWebhook(deps: Pick<DeliveryDeps, 'config'>, to: { url: string | null; secret: string | null }, noticeId: number, body: NoticeBody, now: Date): Promise<void> {
  if (!to.url || !to.secret) throw new DeliveryError('no webhook address');
  const json = JSON.stringify(noticeDocument(deps, noticeId, body));
  let res: Response;
  try {
    res = await fetch(to.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(to.secret, Math.floor(now.getTime() / 1000), json),
        'idempotency-key': `notice-${noticeId}`,
        'user-agent': 'Huzheng notify',
      },
      body: json,
      // a redirect would carry the signed body somewhere the registry never named
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (err) {
    throw new DeliveryError(shortReason(err));
  }
  // read and drop the answer so the connection is freed; what it says is not kept
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) throw new DeliveryError(`HTTP ${res.status}`);
}

const DATE_FIELDS: ReadonlySet<NoticeField> = new Set(['event_date', 'birth_date']);

/** The fields in the registry's order, dates as ROC dates (for people; the attachments keep ISO dates). */
export function shownFields(fields: NoticeBody['fields']): { field: NoticeField; value: string }[] {
  return NOTICE_FIELDS.filter((f) => fields[f] !== undefined).map((f) => {
    const v = fields[f] ?? '';
    return { field: f, value: DATE_FIELDS.has(f) && isIsoDate(v) ? formatRocDate(v) : v };
  });
}

/** The e-mail to the agency's clerk: in zh-Hant, with the link that acknowledges it and the data attached as JSON and CSV. */
export function noticeMail(deps: Pick<DeliveryDeps, 'config'>, to: { email: string; recipientName: string; ackDays: number }, noticeId: number, body: NoticeBody): MailMessage {
  const t = translator('zh-Hant');
  const event = t(`notify.delivery.event.${body.event}`);
  const doc = noticeDocument(deps, noticeId, body);
  const lines = [
    t('notify.delivery.mail.greeting', { recipient: to.recipientName }),
    '',
    t('notify.delivery.mail.lead', { office: body.office.name, event }),
    '',
    t('notify.delivery.mail.case', { caseNumber: body.caseNumber, notice: noticeId }),
    ...shownFields(body.fields).map((f) => `${t(`notify.delivery.field.${f.field}`)}：${f.value}`),
    '',
    t('notify.delivery.mail.ack', { days: to.ackDays }),
    doc.ackUrl,
    '',
    t('notify.delivery.mail.attachments', { notice: noticeId }),
    t('notify.delivery.mail.footer', { office: body.office.name }),
  ];
  const keys = NOTICE_FIELDS.filter((f) => body.fields[f] !== undefined);
  const csv = toCsv(['notice', 'event', 'office', 'caseNumber', ...keys], [[noticeId, body.event, body.office.code, body.caseNumber, ...keys.map((k) => body.fields[k] ?? null)]]);
  return {
    to: to.email,
    subject: t('notify.delivery.mail.subject', { office: body.office.name, event, caseNumber: body.caseNumber }),
    text: lines.join('\n'),
    attachments: [
      { filename: `notice-${noticeId}.json`, content: `${JSON.stringify(doc, null, 2)}\n`, contentType: 'application/json; charset=utf-8' },
      { filename: `notice-${noticeId}.csv`, content: csv, contentType: 'text/csv; charset=utf-8' },
    ],
  };
}
