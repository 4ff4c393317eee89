import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeGsm7 } from './gsm7.js';
import { MAX_SMS_PARTS, smsEncoding, splitSms } from './parts.js';
import { parseSmppUrl, SmppError, SmppTransmitter } from './smpp-client.js';

/**
 * Texts to citizens. With an smpp:// URL they go to the bulk-SMS gateway;
 * without one (a demo, a laptop) each text is written as a .txt file in the
 * outbox folder, as mail without SMTP becomes an .eml. Neither path logs the
 * number or the text, and no error message carries them.
 */
export interface SmsSender {
  send(to: string, text: string): Promise<{ messageId: string; parts: number }>;
  close(): Promise<void>;
}

/**
 * A number as SMPP destination_addr (TON international, NPI E.164): a Taiwan
 * mobile 09xxxxxxxx becomes 8869xxxxxxxx; +8869… and other +<country> numbers
 * lose the plus. Spaces, dashes, dots and brackets are ignored. Anything else
 * (a landline, a typo) is refused for good: resending cannot fix it.
 */
export function smsDestination(to: string): string {
  const n = to.replace(/[\s\-.()]/g, '');
  if (/^09\d{8}$/.test(n)) return `886${n.slice(1)}`;
  if (/^\+?8869\d{8}$/.test(n)) return n.replace(/^\+/, '');
  if (/^\+(?!886)[1-9]\d{7,14}$/.test(n)) return n.slice(1);
  throw new SmppError('not a mobile number', 'invalid');
}

/** Is this a number a text can go to? (For forms: check before queueing.) */
export function isSmsNumber(to: string): boolean {
  try {
    smsDestination(to);
    return true;
  } catch {
    return false;
  }
}

// an alphanumeric sender (Huzheng) or a number
function sourceAddress(from: string): { source_addr: string; source_addr_ton: number; source_addr_npi: number } {
  if (/^\+\d{3,15}$/.test(from)) return { source_addr: from.slice(1), source_addr_ton: 1, source_addr_npi: 1 };
  if (/^\d{3,15}$/.test(from)) return { source_addr: from, source_addr_ton: 0, source_addr_npi: 1 };
  return { source_addr: from, source_addr_ton: 5, source_addr_npi: 0 };
}

/** The short_message octets of each part: a concatenation header (05 00 03 ref total seq) when there is more than one. */
export function smsPayloads(text: string, ref: number = randomInt(256)): { dataCoding: 0 | 8; esmClass: 0 | 0x40; payloads: Buffer[] } {
  const encoding = smsEncoding(text);
  const parts = splitSms(text);
  if (parts.length > MAX_SMS_PARTS) throw new SmppError(`text too long: ${parts.length} parts`, 'invalid');
  const encode = (s: string) => (encoding === 'ucs2' ? Buffer.from(s, 'utf16le').swap16() : encodeGsm7(s));
  const payloads = parts.map((p, i) => (parts.length === 1 ? encode(p) : Buffer.concat([Buffer.from([0x05, 0x00, 0x03, ref & 0xff, parts.length, i + 1]), encode(p)])));
  return { dataCoding: encoding === 'ucs2' ? 8 : 0, esmClass: parts.length > 1 ? 0x40 : 0, payloads };
}

function smppSender(url: string, from: string): SmsSender {
  const link = new SmppTransmitter(parseSmppUrl(url));
  const source = sourceAddress(from);
  return {
    async send(to, text) {
      const destination_addr = smsDestination(to);
      const { dataCoding, esmClass, payloads } = smsPayloads(text);
      const ids: string[] = [];
      for (const short_message of payloads) {
        const fields = {
          service_type: '',
          ...source,
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          destination_addr,
          esm_class: esmClass,
          registered_delivery: 1,
          data_coding: dataCoding,
          short_message,
        };
        try {
          ids.push(await link.submit(fields));
        } catch (err) {
          // a session the gateway dropped while idle: bind again once, but only before any part went out (no doubles)
          if (ids.length > 0 || !(err instanceof SmppError) || err.kind !== 'dropped') throw err;
          ids.push(await link.submit(fields));
        }
      }
      return { messageId: ids.join(','), parts: payloads.length };
    },
    close: () => link.close(),
  };
}

function outboxSender(dir: string, from: string): SmsSender {
  return {
    async send(to, text) {
      smsDestination(to);
      const parts = splitSms(text).length;
      const messageId = `outbox-${randomBytes(8).toString('hex')}`;
      mkdirSync(dir, { recursive: true });
      const head = [`To: ${to}`, `From: ${from}`, `Encoding: ${smsEncoding(text)}`, `Parts: ${parts}`, `Message-Id: ${messageId}`];
      writeFileSync(path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId}.txt`), `${head.join('\n')}\n\n${text}\n`);
      return { messageId, parts };
    },
    close: async () => {},
  };
}

export function createSmsSender(opts: { smppUrl?: string | undefined; from: string; outboxDir?: string }): SmsSender {
  return opts.smppUrl ? smppSender(opts.smppUrl, opts.from) : outboxSender(opts.outboxDir ?? 'data/sms-outbox', opts.from);
}
