import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { smtpServer, subjectOf, textOf } from '../../../test/smtp.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { createMailer, MAIL_JOB, mailJobHandler } from '../../platform/mail/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { newsletterJobs } from './jobs.js';
import { clearNewsletter } from './test-helpers.js';

const START = new Date('2026-11-25T02:00:00Z');
const fieldError = (body: string, name: string) => new RegExp(`id="f-${name}-error">([^<]*)<`).exec(body)?.[1] ?? null;
const linkIn = (raw: string, kind: 'confirm' | 'unsubscribe') => new RegExp(`http://huzheng\\.test(/newsletter/${kind}/[A-Za-z0-9_-]{43})`).exec(textOf(raw))?.[1] ?? '';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] newsletter: subscribe, confirm, unsubscribe`, () => {
    const smtp = smtpServer();
    let t: Awaited<ReturnType<typeof demoApp>>;
    let worker: JobWorker;
    let mailer: ReturnType<typeof createMailer>;
    let now = START;
    beforeAll(async () => {
      const url = await smtp.listen();
      t = await demoApp(kind, { clock: () => now, env: { MAIL_FROM: 'Huzheng <no-reply@huzheng.test>' } });
      await clearNewsletter(t.database.db);
      mailer = createMailer({ smtpUrl: url, from: 'Huzheng <no-reply@huzheng.test>' });
      worker = new JobWorker(t.database, { handlers: { [MAIL_JOB]: mailJobHandler(mailer), ...newsletterJobs(t.services, { mailer }) }, clock: () => now });
    });
    afterAll(async () => {
      mailer?.close();
      await t?.dispose();
      await smtp.close();
    });

    const rows = () => t.database.db.selectFrom('newsletter_subscriber').select(['email', 'status', 'locale', 'confirm_hash']).orderBy('id').execute();
    const subscribe = async (email: string, locale = 'zh-Hant', page = '/newsletter') => {
      const a = new Agent(t.app);
      const form = await a.get(page);
      return a.post(page, { _csrf: csrfOf(form.body), email, locale });
    };
    const mailsTo = (to: string) => smtp.received.filter((m) => m.to.includes(to));

    it('subscribes only after the mailed link is confirmed (GET shows a button, POST confirms)', async () => {
      const res = await subscribe('  May.Lin@Example.COM ');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/newsletter/check');
      expect(await rows()).toEqual([{ email: 'may.lin@example.com', status: 'pending', locale: 'zh-Hant', confirm_hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
      expect(await worker.runDue()).toBe(1);
      const [mail] = mailsTo('may.lin@example.com');
      expect(subjectOf(mail!.raw)).toBe('請確認訂閱電子報');
      const link = linkIn(mail!.raw, 'confirm');
      expect(link).not.toBe('');
      // the stored hash is not the token
      expect((await rows())[0]!.confirm_hash).not.toContain(link.split('/').at(-1));

      const a = new Agent(t.app);
      const page = await a.get(link);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('may.lin@example.com');
      expect((await rows())[0]!.status).toBe('pending');
      const done = await a.post(link, { _csrf: csrfOf(page.body) });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('已完成訂閱');
      expect(await rows()).toEqual([{ email: 'may.lin@example.com', status: 'active', locale: 'zh-Hant', confirm_hash: null }]);
      // the link is spent
      expect((await a.get(link)).statusCode).toBe(404);
    });

    it('keeps what was typed and says what is wrong beside the field', async () => {
      const res = await subscribe('may@@example', 'en', '/o/zhubei/newsletter');
      expect(res.statusCode).toBe(422);
      expect(fieldError(res.body, 'email')).toBe('請輸入有效的電子信箱，例如 name@example.com。');
      expect(res.body).toContain('value="may@@example"');
      expect(res.body).toMatch(/value="en"[^>]*checked/);
      const none = await subscribe('ok@example.com', 'fr');
      expect(fieldError(none.body, 'locale')).toBe('請選擇電子報語言。');
      expect((await rows()).map((r) => r.email)).toEqual(['may.lin@example.com']);
    });

    it('refuses a confirmation link after seven days', async () => {
      await subscribe('late@example.com', 'en', '/o/zhubei/newsletter');
      await worker.runDue();
      const link = linkIn(mailsTo('late@example.com')[0]!.raw, 'confirm');
      const a = new Agent(t.app);
      const page = await a.get(link);
      now = new Date(START.getTime() + 7 * 86_400_000 + 1000);
      try {
        expect((await a.get(link)).statusCode).toBe(404);
        expect((await a.post(link, { _csrf: csrfOf(page.body) })).statusCode).toBe(404);
        expect((await rows()).find((r) => r.email === 'late@example.com')?.status).toBe('pending');
      } finally {
        now = START;
      }
      const office = await t.database.db.selectFrom('newsletter_subscriber').innerJoin('office', 'office.id', 'newsletter_subscriber.office_id').select('office.code').where('newsletter_subscriber.email', '=', 'late@example.com').executeTakeFirst();
      expect(office?.code).toBe('zhubei');
    });

    it('keeps one row and sends one mail when the same address is sent twice at once', async () => {
      const before = smtp.received.length;
      const [a, b] = await Promise.all([subscribe('twice@example.com'), subscribe('TWICE@example.com')]);
      expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
      expect((await rows()).filter((r) => r.email === 'twice@example.com')).toHaveLength(1);
      await worker.runDue();
      expect(smtp.received.length - before).toBe(1);
      // an active address subscribing again changes nothing and gets no mail
      await subscribe('may.lin@example.com');
      await worker.runDue();
      expect(mailsTo('may.lin@example.com')).toHaveLength(1);
      // the database holds the rule by itself
      await expect(
        t.database.db.insertInto('newsletter_subscriber').values({ email: 'twice@example.com', locale: 'en', office_id: null, status: 'pending', confirm_hash: null, confirm_expires_at: null, confirmed_at: null, left_at: null, created_at: START.toISOString(), updated_at: START.toISOString() }).execute(),
      ).rejects.toThrow();
    });

    it('sends an issue to each active subscriber once, with one-click unsubscribe headers, through the jobs table', async () => {
      // hand-made states: active (may.lin), pending (late, twice), unsubscribed, bounced
      const db = t.database.db;
      const base = { locale: 'zh-Hant', office_id: null, confirm_hash: null, confirm_expires_at: null, created_at: START.toISOString(), updated_at: START.toISOString() };
      await db
        .insertInto('newsletter_subscriber')
        .values([
          { ...base, email: 'en.reader@example.com', locale: 'en', status: 'active', confirmed_at: START.toISOString(), left_at: null },
          { ...base, email: 'gone@example.com', status: 'unsubscribed', confirmed_at: START.toISOString(), left_at: START.toISOString() },
          { ...base, email: 'dead@example.com', status: 'bounced', confirmed_at: START.toISOString(), left_at: START.toISOString() },
        ])
        .execute();
      const editor = new Agent(t.app);
      await editor.signIn('county', DEMO_PASSWORD);
      const form = await editor.get('/staff/newsletter/new');
      expect(form.statusCode).toBe(200);
      const itemIds = [...form.body.matchAll(/name="items" value="(\d+)"/g)].map((m) => m[1]!).slice(0, 2);
      expect(itemIds).toHaveLength(2);
      const empty = await editor.post('/staff/newsletter', { _csrf: csrfOf(form.body), titleZh: '第 2 期', introZh: '' });
      expect(empty.statusCode).toBe(422);
      expect(fieldError(empty.body, 'items')).toBe('請至少選擇一則發布中的最新消息。');
      expect(empty.body).toContain('value="第 2 期"');
      const body = new URLSearchParams({ _csrf: csrfOf(form.body), titleZh: '戶政電子報第 2 期', introZh: '本期重點。', titleEn: 'Issue 2' });
      for (const id of itemIds) body.append('items', id);
      const made = await t.app.inject({ method: 'POST', url: '/staff/newsletter', payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `hz_sid=${editor.cookie('hz_sid')}` } });
      expect(made.statusCode).toBe(303);
      const issueUrl = made.headers.location as string;
      const preview = await editor.get(issueUrl);
      expect(preview.body).toContain('本期重點。');
      expect(preview.body).toContain('寄送給目前 2 位訂閱中的訂閱者');

      const before = smtp.received.length;
      expect((await editor.post(`${issueUrl}/send`, { _csrf: csrfOf(preview.body) })).statusCode).toBe(303);
      expect((await editor.post(`${issueUrl}/send`, { _csrf: csrfOf(preview.body) })).statusCode).toBe(409);
      expect(await worker.runDue()).toBe(3); // the fan-out and two mails
      const sent = smtp.received.slice(before);
      expect(sent.map((m) => m.to[0]).sort()).toEqual(['en.reader@example.com', 'may.lin@example.com']);
      for (const m of sent) {
        expect(m.raw).toMatch(/^List-Unsubscribe:\s+<http:\/\/huzheng\.test\/newsletter\/unsubscribe\/[A-Za-z0-9_-]{43}>,\s+<mailto:unsubscribe\+[0-9a-f]{20}@huzheng\.test\?subject=unsubscribe>/m);
        expect(m.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
      }
      expect(subjectOf(sent.find((m) => m.to[0] === 'en.reader@example.com')!.raw)).toBe('Issue2');
      const issue = await db.selectFrom('newsletter_issue').selectAll().where('title_zh', '=', '戶政電子報第 2 期').executeTakeFirstOrThrow();
      expect(issue.status).toBe('sent');

      // running the jobs again mails nobody twice
      const handlers = newsletterJobs(t.services, { mailer });
      await handlers['newsletter.send']!({ issueId: issue.id }, { jobId: 0, attempt: 1, now });
      const delivery = await db.selectFrom('newsletter_delivery').select(['id']).where('issue_id', '=', issue.id).executeTakeFirstOrThrow();
      await handlers['newsletter.mail']!({ deliveryId: delivery.id, issueId: issue.id, message: { to: 'x@example.com', subject: 's', text: 't', headers: {}, returnPath: 'b@x' } }, { jobId: 0, attempt: 1, now });
      expect(await worker.runDue()).toBe(0);
      expect(smtp.received.length - before).toBe(2);
      const list = await editor.get('/staff/newsletter');
      expect(list.body).toMatch(/戶政電子報第 2 期<\/a><\/td><td[^>]*>已寄出/);

      // one click: a POST from the mail program, no cookie, no CSRF token
      const link = linkIn(sent.find((m) => m.to[0] === 'may.lin@example.com')!.raw, 'unsubscribe');
      const page = await t.app.inject({ method: 'GET', url: link });
      expect(page.body).toContain('取消訂閱');
      expect((await rows()).find((r) => r.email === 'may.lin@example.com')?.status).toBe('active');
      const click = await t.app.inject({ method: 'POST', url: link, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(click.statusCode).toBe(200);
      expect((await rows()).find((r) => r.email === 'may.lin@example.com')?.status).toBe('unsubscribed');
      expect((await t.app.inject({ method: 'POST', url: link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) })).statusCode).toBe(404);
    });
  });
}
