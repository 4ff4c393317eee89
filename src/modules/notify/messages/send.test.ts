import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../../../test/databases.js';
import { smppServer } from '../../../../test/smpp.js';
import { smtpServer, subjectOf, textOf } from '../../../../test/smtp.js';
import { type Database, writeTransaction } from '../../../db/index.js';
import { createVault } from '../../../platform/identity/index.js';
import { JobWorker } from '../../../platform/jobs/index.js';
import { MESSAGE_JOB } from '../body.js';
import { type CitizenMessageInput, MESSAGE_MAX_ATTEMPTS, queueCitizenMessage } from './queue.js';
import { createMessageSenders, type MessageSenders, messageJobHandler } from './send.js';

const BIRTH = '竹北戶政事務所：寶寶的出生登記已完成，出生即時通提醒您於六十日內申請生育補助。';
const LONG = `${'親愛的家長您好，出生登記已完成。請於六十日內向區公所申請生育補助，並為新生兒辦理全民健保投保與預防接種。'.repeat(3)}祝闔家平安。`;

async function officeOf(database: Database): Promise<number> {
  const county = await database.db.insertInto('county').values({ code: 'msg', name_zh: '測試縣', name_en: 'Test', website: null }).returning('id').executeTakeFirstOrThrow();
  const office = await database.db
    .insertInto('office')
    .values({ county_id: county.id, code: 'msgo', kind: 'city', name_zh: '測試所', name_en: 'Test office', address_zh: '', address_en: '', phone: '03-5551234', fax: null, email: null, director_name: null, updated_at: '2026-01-01T00:00:00.000Z', parent_id: null, map_url: null, closed_at: null, successor_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return office.id;
}

forEachDatabase((get) => {
  const gateway = smppServer();
  const smtp = smtpServer();
  const vault = createVault(randomBytes(32));
  let now = new Date('2026-11-24T02:00:00.000Z');
  let officeId = 0;
  let senders: MessageSenders;
  let worker: JobWorker;
  let seq = 0;

  beforeAll(async () => {
    const [smppUrl, smtpUrl] = await Promise.all([gateway.listen(), smtp.listen()]);
    officeId = await officeOf(get());
    senders = createMessageSenders({ smsSmppUrl: smppUrl, smsFrom: 'Huzheng', smtpUrl, mailFrom: 'no-reply@example.gov.tw', dataDir: '/nonexistent' });
    worker = new JobWorker(get(), { handlers: { [MESSAGE_JOB]: messageJobHandler({ database: get(), vault, clock: () => now }, senders) }, clock: () => now });
  });
  afterAll(async () => {
    await senders?.close();
    await Promise.all([gateway.close(), smtp.close()]);
  });

  const queue = (m: Omit<CitizenMessageInput, 'officeId' | 'dedupeKey'>) =>
    writeTransaction(get(), (trx) => queueCitizenMessage(trx, vault, { officeId, dedupeKey: `test:${++seq}`, ...m }, now));
  const message = (id: number) => get().db.selectFrom('citizen_message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const jobOf = (id: number) => get().db.selectFrom('job').selectAll().where('kind', '=', MESSAGE_JOB).where('dedupe_key', '=', `message:${id}`).executeTakeFirstOrThrow();

  it('sends a one-part and a three-part Chinese text through the SMPP gateway, then keeps neither number nor text', async () => {
    const one = (await queue({ purpose: 'birth_instant', channel: 'sms', to: '0912345678', text: BIRTH }))!;
    const three = (await queue({ purpose: 'birth_instant', channel: 'sms', to: '0912-000-333', text: LONG }))!;
    // the job carries the message id only; the row holds the number sealed
    const job = await jobOf(one);
    expect(JSON.parse(job.payload)).toEqual({ messageId: one });
    expect((await message(one)).to_enc).not.toContain('0912345678');
    expect((await message(three)).parts).toBe(3);

    expect(await worker.runDue()).toBe(2);
    expect(gateway.textsTo('886912345678')).toEqual([BIRTH]);
    expect(gateway.textsTo('886912000333')).toEqual([LONG]);
    expect(gateway.problems).toEqual([]);
    for (const [id, parts] of [
      [one, 1],
      [three, 3],
    ] as const) {
      const row = await message(id);
      expect(row).toMatchObject({ status: 'sent', parts, attempts: 1, to_enc: null, body_enc: null, last_error: null, sent_at: now.toISOString() });
      expect(row.provider_id?.split(',')).toHaveLength(parts);
    }
    expect((await jobOf(one)).status).toBe('done');
  });

  it('sends an e-mail through SMTP and purges the address and text in the same update', async () => {
    const id = (await queue({ purpose: 'followup', channel: 'email', to: 'parent@example.com', subject: '後續服務一覽表', text: '請於期限內辦理以下事項。' }))!;
    const before = smtp.received.length;
    expect(await worker.runDue()).toBe(1);
    const got = smtp.received[before];
    expect(got?.to).toEqual(['parent@example.com']);
    expect(subjectOf(got!.raw)).toBe('後續服務一覽表');
    expect(textOf(got!.raw)).toContain('請於期限內辦理以下事項。');
    expect(await message(id)).toMatchObject({ status: 'sent', parts: 1, to_enc: null, body_enc: null });
  });

  it('does nothing when the job runs again for a message already sent', async () => {
    const id = (await queue({ purpose: 'reminder', channel: 'sms', to: '0955111222', text: '主動提醒：請記得辦理。' }))!;
    await worker.runDue();
    const handler = messageJobHandler({ database: get(), vault, clock: () => now }, senders);
    await handler({ messageId: id }, { jobId: 0, attempt: 1, now });
    expect(gateway.textsTo('886955111222')).toHaveLength(1);
  });

  it('counts each refused try with its status, retries with backoff, and fails on the last try with the number purged', async () => {
    gateway.state.refuse = 0x58; // ESME_RTHROTTLED
    try {
      const id = (await queue({ purpose: 'birth_instant', channel: 'sms', to: '0966000111', text: BIRTH }))!;
      for (let attempt = 1; attempt <= MESSAGE_MAX_ATTEMPTS; attempt++) {
        expect(await worker.runDue()).toBe(1);
        const row = await message(id);
        expect(row.attempts).toBe(attempt);
        expect(row.last_error).toContain('ESME_RTHROTTLED');
        if (attempt < MESSAGE_MAX_ATTEMPTS) {
          expect(row).toMatchObject({ status: 'queued' });
          expect(row.to_enc).not.toBeNull();
          // not due again until the backoff has passed
          expect(await worker.runDue()).toBe(0);
          now = new Date(now.getTime() + 3600_000);
        } else {
          expect(row).toMatchObject({ status: 'failed', to_enc: null, body_enc: null, sent_at: null });
        }
      }
      const job = await jobOf(id);
      expect(job.status).toBe('failed');
      expect(job.last_error).toContain('ESME_RTHROTTLED');
      expect(job.last_error).not.toMatch(/0966000111|886966000111/);
      expect(gateway.textsTo('886966000111')).toEqual([]);
    } finally {
      gateway.state.refuse = 0;
    }
  });

  it('fails at once, without retrying, when the gateway says the number itself is wrong', async () => {
    gateway.state.refuse = 0x0b; // ESME_RINVDSTADR
    try {
      const id = (await queue({ purpose: 'reminder', channel: 'sms', to: '0977000111', text: '提醒' }))!;
      expect(await worker.runDue()).toBe(1);
      expect(await message(id)).toMatchObject({ status: 'failed', attempts: 1, to_enc: null, body_enc: null });
      expect((await jobOf(id)).status).toBe('done');
    } finally {
      gateway.state.refuse = 0;
    }
  });

  it('fails a landline at once without asking the gateway', async () => {
    const parts = gateway.parts.length;
    const id = (await queue({ purpose: 'reminder', channel: 'sms', to: '03-5551234', text: '提醒' }))!;
    expect(await worker.runDue()).toBe(1);
    expect(await message(id)).toMatchObject({ status: 'failed', attempts: 1, to_enc: null, last_error: 'SMS: not a mobile number' });
    expect(gateway.parts.length).toBe(parts);
  });

  it('retries an e-mail the SMTP server puts off, with a reason that does not quote the address', async () => {
    smtp.state.reject = true;
    const id = (await queue({ purpose: 'followup', channel: 'email', to: 'later@example.com', subject: '一覽表', text: '內容' }))!;
    expect(await worker.runDue()).toBe(1);
    const row = await message(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toMatch(/^SMTP: /);
    expect(row.last_error).not.toContain('later@example.com');
    expect((await jobOf(id)).last_error).not.toContain('later@example.com');
    smtp.state.reject = false;
    now = new Date(now.getTime() + 3600_000);
    expect(await worker.runDue()).toBe(1);
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 2, to_enc: null, body_enc: null });
  });
});
