import { type AddressObject, simpleParser } from 'mailparser';
import { tagOfBounceAddress } from './model.js';

/**
 * What a delivery status notification (RFC 3464, multipart/report;
 * report-type=delivery-status) says: which of our mails came back and with
 * what status. The delivery is found by its VERP tag first (the report is
 * addressed to bounce+<tag>@…, or the returned headers carry
 * X-Huzheng-Newsletter), else by the Final- or Original-Recipient address.
 */
export interface Bounce {
  tag: string | null;
  recipient: string | null;
  /** the DSN status: 5.1.1, 4.2.2 … */
  status: string;
  kind: 'hard' | 'soft';
}

const addressesOf = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? '')).filter(Boolean);

/** Header lines `Name: value` of a delivery-status block (continuations joined), names lower case; the first of each wins. */
export function fieldsOf(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined && !out.has(m[1].toLowerCase())) out.set(m[1].toLowerCase(), m[2].trim());
  }
  return out;
}

const recipientOf = (v: string | undefined) => (v ? (/^\s*rfc822\s*;\s*(.+)$/i.exec(v)?.[1]?.trim().toLowerCase() ?? null) : null);

/** Reads one raw message; null when it is not a delivery failure report we can use (a delay notice, an auto-reply). */
export async function readBounce(raw: Buffer | string): Promise<Bounce | null> {
  const mail = await simpleParser(raw);
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value?.toLowerCase() !== 'multipart/report' || type.params?.['report-type']?.toLowerCase() !== 'delivery-status') return null;
  // mailparser folds message/delivery-status into the text; a report sent as an attachment is read too
  const blocks = [mail.text ?? '', ...mail.attachments.filter((a) => a.contentType === 'message/delivery-status').map((a) => a.content.toString('utf8'))].join('\n');
  const fields = fieldsOf(blocks.slice(blocks.search(/^(?:Original-Recipient|Final-Recipient|Action|Status):/im)));
  const status = /^([245])\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '')?.[0];
  const action = (fields.get('action') ?? '').toLowerCase();
  // a hard failure is 5.x.x given up on; a soft one is 4.x.x, given up on or still being retried
  const kind = status?.startsWith('5') && ['failed', ''].includes(action) ? 'hard' : status?.startsWith('4') && ['failed', 'delayed', ''].includes(action) ? 'soft' : null;
  if (!status || !kind) return null;
  const returned = mail.attachments.filter((a) => a.contentType === 'text/rfc822-headers' || a.contentType === 'message/rfc822').map((a) => a.content.toString('utf8'));
  const envelopeTo = [...addressesOf(mail.to), ...['delivered-to', 'x-original-to'].map((h) => String(mail.headers.get(h) ?? ''))];
  const tag = envelopeTo.map(tagOfBounceAddress).find(Boolean) ?? returned.map((h) => /^X-Huzheng-Newsletter:\s*([0-9a-f]{20})\s*$/im.exec(h)?.[1]).find(Boolean) ?? null;
  const recipient = recipientOf(fields.get('original-recipient')) ?? recipientOf(fields.get('final-recipient'));
  return { tag, recipient, status, kind };
}
