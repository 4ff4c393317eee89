import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoDatabase } from '../../../test/app.js';
import { throwawayConfig } from '../../../test/config.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { smtpServer, textOf } from '../../../test/smtp.js';
import { buildApp, type HuzhengApp } from '../../app.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { createMailer, MAIL_JOB, mailJobHandler } from '../../platform/mail/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';

/**
 * Links in petition mail come from the configured address only, whatever
 * Host the request carried; a delivered mail leaves no password or link
 * behind in the jobs table; mail goes out in the petitioner's language.
 */
/** The Subject header with its RFC 2047 words (B or Q, as nodemailer chooses) decoded and its spaces kept. */
function subjectOfMail(raw: string): string {
  const folded = /^Subject: (.+(?:\r?\n[ \t].+)*)/m.exec(raw)?.[1] ?? '';
  const latin1 = folded
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('latin1')
        : data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    );
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

const at = (iso: string) => new Date(`${iso}+08:00`);
const EVIL = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] petition mail: links, secrets at rest, language`, () => {
    const smtp = smtpServer();
    let now = at('2026-11-25T10:00:00'); // Wednesday
    let built: HuzhengApp;
    let database: Awaited<ReturnType<typeof demoDatabase>>;
    let worker: JobWorker;
    let mailer: ReturnType<typeof createMailer>;
    beforeAll(async () => {
      const url = await smtp.listen();
      database = await demoDatabase(kind);
      // PUBLIC_BASE_URL unset, as on a demo install: links follow HOST/PORT, never the request
      const config = throwawayConfig({ PUBLIC_BASE_URL: undefined, HOST: '127.0.0.1', PORT: '4321' });
      built = await buildApp({ config, database, logger: false, clock: () => now });
      await built.app.ready();
      mailer = createMailer({ smtpUrl: url, from: 'no-reply@huzheng.test' });
      worker = new JobWorker(database, { handlers: { [MAIL_JOB]: mailJobHandler(mailer), ...built.jobHandlers() }, clock: () => now });
    });
    afterAll(async () => {
      mailer?.close();
      await built?.app.close();
      await database?.dispose();
      await smtp.close();
    });

    const lastMail = (email: string, subjectPart: string) => {
      const m = smtp.received.filter((r) => r.to.includes(email) && subjectOfMail(r.raw).includes(subjectPart)).at(-1);
      if (!m) throw new Error(`no mail "${subjectPart}" to ${email}`);
      return { subject: subjectOfMail(m.raw), text: textOf(m.raw).replace(/\r\n/g, '\n') };
    };
    /** Every column of every job row, as one text: what someone reading the table (or a backup of it) would see. */
    const jobTableText = async () => JSON.stringify(await database.db.selectFrom('job').selectAll().orderBy('id').execute());

    it('links an English confirmation to the configured site although the request said Host: evil.example, and keeps no password or link once sent', async () => {
      const a = new Agent(built.app);
      const page = await a.get('/o/zhubei/mailbox?lang=en', EVIL);
      const form = { _csrf: csrfOf(page.body), to: 'director', subject: 'Queue too long', category: 'service', body: 'I waited more than an hour at the counter last Wednesday.', name: 'John Smith', email: 'john@example.com', phone: '0912-345-678', wantsReply: '1', language: 'en' };
      expect((await a.post('/o/zhubei/mailbox', form, EVIL, '10.8.0.1')).statusCode).toBe(200);

      // queued but not yet sent, the job holds the link (so the search below would see a leftover)
      const pending = await jobTableText();
      const token = /\/petitions\/confirm\/([\w-]+)/.exec(pending)?.[1] ?? '';
      expect(token).toHaveLength(32);
      expect(await worker.runDue()).toBe(1);
      const confirm = lastMail('john@example.com', 'please confirm');
      expect(confirm.subject).toBe('Zhubei City Household Registration Office: please confirm your petition');
      expect(confirm.text).toContain(`Open this link before 28 November 2026 10:00 and press "Confirm and send" to make it a case:\n\nhttp://127.0.0.1:4321/petitions/confirm/${token}\n`);
      expect(confirm.text).not.toContain('evil.example');
      expect(await jobTableText()).not.toContain(token);

      const link = `/petitions/confirm/${token}`;
      const confirmPage = await a.get(link, EVIL);
      expect((await a.post(link, { _csrf: csrfOf(confirmPage.body) }, EVIL)).statusCode).toBe(200);
      expect(await worker.runDue()).toBe(1);
      const received = lastMail('john@example.com', 'opened');
      const number = /Case number: (\S+)/.exec(received.text)?.[1] ?? '';
      const password = /Password: (\S+)/.exec(received.text)?.[1] ?? '';
      const p = await database.db.selectFrom('petition').select(['id', 'view_token']).where('number', '=', number).executeTakeFirstOrThrow();
      expect(password).toHaveLength(10);
      expect(received.text).toContain('Your petition "Queue too long" is now a case.');
      expect(received.text).toContain(`Follow the case: http://127.0.0.1:4321/p/${p.view_token}`);
      expect(received.text).not.toContain('evil.example');

      // the citizen has both in the mail; the jobs table has neither, nor the case link
      const table = await jobTableText();
      expect([table.includes(password), table.includes(token), table.includes(p.view_token), table.includes('john@example.com')]).toEqual([false, false, false, false]);
      const mailJobs = await database.db.selectFrom('job').select(['status', 'payload']).where('kind', '=', MAIL_JOB).execute();
      expect(mailJobs).toEqual([
        { status: 'done', payload: 'null' },
        { status: 'done', payload: 'null' },
      ]);
    });

    it("reminds the handler of an English petition through the catalog, saying it is answered in English, linking to the configured site", async () => {
      now = at('2026-11-25T13:00:00');
      const clerk = await database.db.selectFrom('staff').select(['id']).where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow();
      const sup = new Agent(built.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const form = await sup.get('/staff/petitions/new', EVIL);
      const rec = await sup.post('/staff/petitions', { _csrf: csrfOf(form.body), channel: 'onsite', subject: 'Counter hours', category: 'service', body: 'Please open on Saturdays.', name: 'Jane Doe', language: 'en', wantsReply: '1', readBack: '1' }, EVIL);
      expect(rec.statusCode).toBe(303);
      const id = Number(/\/staff\/petitions\/(\d+)/.exec(String(rec.headers.location))?.[1]);
      const detail = await sup.get(`/staff/petitions/${id}`, EVIL);
      expect((await sup.post(`/staff/petitions/${id}/triage`, { _csrf: csrfOf(detail.body), cls: 'simple', triageCategory: 'service', assignee: String(clerk.id) }, EVIL)).statusCode).toBe(303);
      const p = await database.db.selectFrom('petition').select(['number', 'due_on']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(p.due_on).toBe('2026-11-30');
      now = at('2026-11-27T09:00:01'); // 09:00 on the working day before the due date
      await worker.runDue();
      const mail = lastMail('clerk.zhubei@example.gov.tw', p.number ?? '?');
      expect(mail.subject).toBe(`【陳情將到期】${p.number} Counter hours`);
      expect(mail.text).toContain(
        `王小華您好：\n\n陳情案件 ${p.number} 將於民國115年11月30日（星期一）到期，請於期限內回覆。\n\n陳情人以英文來信：請以英文回覆。\n\nhttp://127.0.0.1:4321/staff/petitions/${id}`,
      );
    });
  });
}
