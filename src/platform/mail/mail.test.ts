import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/databases.js';
import { smtpServer } from '../../../test/smtp.js';
import { JobWorker } from '../jobs/index.js';
import { createMailer, enqueueMail, MAIL_JOB, mailJobHandler, withTimeouts } from './index.js';

describe('mail through the jobs table and real SMTP', () => {
  const smtp = smtpServer();
  let url = '';
  beforeAll(async () => {
    url = await smtp.listen();
  });
  afterAll(() => smtp.close());

  forEachDatabase((get) => {
    it('sends a queued Chinese message once the worker runs', async () => {
      const database = get();
      const mailer = createMailer({ smtpUrl: url, from: 'Huzheng <no-reply@example.gov.tw>' });
      await enqueueMail(database.db, { to: 'citizen@example.com', subject: '預約確認 A012', text: '您的預約已完成。' });
      const before = smtp.received.length;
      const worker = new JobWorker(database, { handlers: { [MAIL_JOB]: mailJobHandler(mailer) } });
      expect(await worker.runDue()).toBe(1);
      const got = smtp.received[before];
      expect(got?.to).toEqual(['citizen@example.com']);
      // nodemailer encodes the subject per RFC 2047
      const subject = /^Subject: (.+)$/m.exec(got!.raw)?.[1] ?? '';
      const decoded = subject.replace(/=\?UTF-8\?B\?([^?]+)\?=/gi, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8')).replace(/\s+/g, '');
      expect(decoded).toBe('預約確認A012');
      mailer.close();
    });

    it('keeps the message and retries when the SMTP server says try later', async () => {
      const database = get();
      const mailer = createMailer({ smtpUrl: url, from: 'no-reply@example.gov.tw' });
      smtp.state.reject = true;
      let now = new Date('2026-11-24T01:00:00Z');
      await enqueueMail(database.db, { to: 'later@example.com', subject: 'retry', text: 'x' }, { now });
      const worker = new JobWorker(database, { handlers: { [MAIL_JOB]: mailJobHandler(mailer) }, clock: () => now });
      expect(await worker.runDue()).toBe(1);
      const job = await database.db.selectFrom('job').selectAll().where('payload', 'like', '%later@example.com%').executeTakeFirstOrThrow();
      expect(job.status).toBe('pending');
      smtp.state.reject = false;
      now = new Date(now.getTime() + 60_000);
      expect(await worker.runDue()).toBe(1);
      expect(smtp.received.some((m) => m.to.includes('later@example.com'))).toBe(true);
      mailer.close();
    });
  });

  it('writes a readable .eml into the outbox when no SMTP server is set', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hz-outbox-'));
    const mailer = createMailer({ from: 'no-reply@example.gov.tw', outboxDir: dir });
    await mailer.send({ to: 'a@example.com', subject: 'Test', text: 'hello' });
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(readFileSync(path.join(dir, files[0]!), 'utf8')).toContain('To: a@example.com');
  });
});

it('waits for an SMTP server well inside a job lease, unless the URL says otherwise', () => {
  expect(withTimeouts('smtp://user:pw@mail.example.tw:587')).toBe('smtp://user:pw@mail.example.tw:587?connectionTimeout=30000&greetingTimeout=30000&socketTimeout=60000');
  expect(withTimeouts('smtp://mail.example.tw?socketTimeout=5000')).toBe('smtp://mail.example.tw?socketTimeout=5000&connectionTimeout=30000&greetingTimeout=30000');
});
