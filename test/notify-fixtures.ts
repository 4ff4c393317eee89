import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Executor } from '../src/db/index.js';
import { ackTokenHash, DELIVER_JOB, MAX_DELIVERY_ATTEMPTS, newAckToken, type NoticeBody, SIGNATURE_HEADER, sealBody, verifyWebhook } from '../src/modules/notify/body.js';
import type { Vault } from '../src/platform/identity/index.js';
import { enqueueJob } from '../src/platform/jobs/index.js';
import type { NoticeField } from '../src/platform/life-events.js';

/**
 * Rows for the notice-delivery tests, inserted directly (the consent area
 * makes them in the application): an office with a clerk (the demo's
 * Zhubei office when seeded, else a minimal one), cases with their consent,
 * recipients, and queued notices with their delivery jobs.
 */
export interface NotifyBasics {
  countyId: number;
  officeId: number;
  officeCode: string;
  officeName: string;
  staffId: number;
}

export async function notifyBasics(db: Executor, now: Date, officeCode = 'zhubei'): Promise<NotifyBasics> {
  const iso = now.toISOString();
  let office = await db.selectFrom('office').select(['id', 'county_id', 'code', 'name_zh']).where('code', '=', officeCode).executeTakeFirst();
  if (!office) {
    if (officeCode !== 'zhubei') throw new Error(`no office ${officeCode}: seed the demo first`);
    const county = await db.insertInto('county').values({ code: 'hsinchu', name_zh: '新竹縣', name_en: 'Hsinchu County', website: null, phone: null, email: null, address_zh: null, address_en: null, site_name_zh: null, site_name_en: null, logo_text: null, updated_at: iso }).returning('id').executeTakeFirstOrThrow();
    const o = await db
      .insertInto('office')
      .values({ county_id: county.id, code: 'zhubei', kind: 'city', name_zh: '新竹縣竹北市戶政事務所', name_en: 'Zhubei', address_zh: '竹北市', address_en: 'Zhubei', phone: '03-5551234', fax: null, email: null, director_name: null, updated_at: iso, parent_id: null, map_url: null, closed_at: null, successor_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    office = { id: o.id, county_id: county.id, code: 'zhubei', name_zh: '新竹縣竹北市戶政事務所' };
  }
  let staff = await db.selectFrom('staff').select('id').where('office_id', '=', office.id).orderBy('id').executeTakeFirst();
  staff ??= await db
    .insertInto('staff')
    .values({ username: 'clerk.test', display_name: '測試', email: null, password_hash: 'x', role: 'clerk', county_id: office.county_id, office_id: office.id, active: 1, must_change_password: 0, created_at: iso, updated_at: iso, password_changed_at: iso })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { countyId: office.county_id, officeId: office.id, officeCode: office.code, officeName: office.name_zh, staffId: staff.id };
}

export interface RecipientInput {
  code: string;
  channel: 'email' | 'webhook' | 'batch';
  email?: string;
  webhookUrl?: string;
  secret?: string;
  fields?: NoticeField[];
  ackDays?: number;
  name?: string;
}

export async function addRecipient(db: Executor, vault: Vault, b: NotifyBasics, r: RecipientInput, now: Date): Promise<number> {
  const iso = now.toISOString();
  const row = await db
    .insertInto('notify_recipient')
    .values({
      county_id: b.countyId,
      code: r.code,
      name: r.name ?? `測試機關${r.code}`,
      name_en: `Agency ${r.code}`,
      sector: 'tax',
      channel: r.channel,
      email: r.email ?? null,
      webhook_url: r.webhookUrl ?? null,
      secret_enc: r.secret ? vault.encrypt(r.secret) : null,
      events: JSON.stringify(['move', 'name_change', 'death', 'birth', 'marriage']),
      fields: JSON.stringify(r.fields ?? ['name', 'event_date', 'address']),
      ack_days: r.ackDays ?? 3,
      contact_name: '承辦人',
      contact_phone: '03-5550000',
      contact_email: null,
      active: 1,
      created_at: iso,
      updated_at: iso,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The person every test notice is about: a checksum-valid demo ID, never a real one. */
export const PERSON = { name: '林小美', id_number: 'A123456789', event_date: '2026-11-20', address: '新竹縣竹北市光明六路十號' } as const;
/** What a recipient with the default fields (name, event date, address) gets of PERSON. */
export const SEALED = { name: PERSON.name, event_date: PERSON.event_date, address: PERSON.address } as const;

export interface QueuedNotice {
  id: number;
  token: string;
  recipientId: number;
  caseId: number;
}

let caseSeq = 0;

/** One closed move-in case with its consent, and one queued notice (with its delivery job) per recipient. */
export async function queueNotices(db: Executor, vault: Vault, b: NotifyBasics, recipientIds: number[], now: Date, fields: Partial<Record<NoticeField, string>> = PERSON): Promise<QueuedNotice[]> {
  const iso = now.toISOString();
  caseSeq++;
  const number = `${b.officeCode}-1151120-${String(caseSeq).padStart(3, '0')}${randomBytes(2).toString('hex')}`;
  const c = await db
    .insertInto('case_file')
    .values({
      office_id: b.officeId,
      number,
      reference: randomBytes(6).toString('hex').toUpperCase(),
      locale: 'zh-Hant',
      lookup_failures: 0,
      lookup_locked_until: null,
      guide_code: 'move-in',
      status: 'closed',
      applicant_name: fields.name ?? PERSON.name,
      id_hash: vault.hash(PERSON.id_number),
      id_enc: vault.encrypt(PERSON.id_number),
      birth_hash: vault.hash('birth:1990-01-02'),
      email: null,
      phone: null,
      received_on: '2026-11-20',
      limit_days: 1,
      due_on: '2026-11-21',
      notices: 0,
      ticket_id: null,
      booking_id: null,
      created_by: b.staffId,
      created_at: iso,
      updated_at: iso,
      closed_at: iso,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const consent = await db
    .insertInto('notify_consent')
    .values({ case_id: c.id, office_id: b.officeId, event: 'move', event_date: '2026-11-20', recipients: recipientIds.length, read_back: 1, slip_code: randomBytes(9).toString('base64url'), details_enc: null, recorded_by: b.staffId, recorded_at: iso })
    .returning('id')
    .executeTakeFirstOrThrow();
  const out: QueuedNotice[] = [];
  for (const recipientId of recipientIds) {
    const token = newAckToken();
    // as the consent area seals it: name and event date always, then only what the recipient accepts
    const r = await db.selectFrom('notify_recipient').select('fields').where('id', '=', recipientId).executeTakeFirstOrThrow();
    const accepted = new Set<string>(['name', 'event_date', ...(JSON.parse(r.fields) as string[])]);
    const sealed = Object.fromEntries(Object.entries(fields).filter(([k]) => accepted.has(k)));
    const body: NoticeBody = { token, office: { code: b.officeCode, name: b.officeName }, caseNumber: number, event: 'move', fields: sealed };
    const n = await db
      .insertInto('notify_notice')
      .values({ consent_id: consent.id, case_id: c.id, office_id: b.officeId, recipient_id: recipientId, event: 'move', status: 'queued', body_enc: sealBody(vault, body), last_error: null, ack_token_hash: ackTokenHash(token), batch_id: null, queued_at: iso, sent_at: null, acked_at: null, failed_at: null, purge_after: null, purged_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueJob(db, { kind: DELIVER_JOB, payload: { noticeId: n.id }, dedupeKey: `notify:${n.id}`, maxAttempts: MAX_DELIVERY_ATTEMPTS }, now);
    out.push({ id: n.id, token, recipientId, caseId: c.id });
  }
  return out;
}

export interface ReceivedPost {
  noticeId: number;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  verified: boolean;
  body: Record<string, unknown>;
}

/**
 * An agency's system on 127.0.0.1: checks each POST's signature against the
 * secret at the test's clock, records it, and answers with what `answer`
 * says for that notice's n-th request (200 by default).
 */
export async function webhookReceiver(opts: { secret: string; nowSeconds: () => number; answer?: (noticeId: number, nth: number) => number }) {
  const received: ReceivedPost[] = [];
  const perNotice = new Map<number, number>();
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  const server = createServer(async (req, res) => {
    const raw = await read(req);
    const body = JSON.parse(raw) as Record<string, unknown>;
    const noticeId = Number(body.notice);
    const nth = (perNotice.get(noticeId) ?? 0) + 1;
    perNotice.set(noticeId, nth);
    const header = req.headers[SIGNATURE_HEADER];
    received.push({
      noticeId,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      contentType: req.headers['content-type'],
      verified: verifyWebhook(opts.secret, typeof header === 'string' ? header : undefined, raw, opts.nowSeconds()),
      body,
    });
    const status = opts.answer?.(noticeId, nth) ?? 200;
    res.writeHead(status, { 'content-type': 'text/plain' });
    // an answer that echoes what it got: it must never end up in last_error
    res.end(status >= 300 ? `refused ${raw}` : 'ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/notices`,
    received,
    countFor: (noticeId: number) => perNotice.get(noticeId) ?? 0,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A port nothing listens on (the receiver opened and closed it). */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}/notices`;
}

/** One attachment of a received message, by its file name, decoded (base64 or quoted-printable). */
export function attachmentOf(raw: string, filename: string): string | null {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = part.slice(0, split);
    if (!new RegExp(`filename="?${filename.replace(/\./g, '\\.')}"?`, 'i').test(head.replace(/\r?\n[ \t]/g, ' '))) continue;
    const body = part.slice(split).replace(/\r?\n--[^\r\n]*--\s*$/, '').trim();
    if (/Content-Transfer-Encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(head)) {
      return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8');
    }
    return body;
  }
  return null;
}
