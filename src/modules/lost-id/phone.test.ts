import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { smtpServer, textOf } from '../../../test/smtp.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { createMailer, MAIL_JOB, mailJobHandler } from '../../platform/mail/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';

const fieldError = (body: string, name: string) => new RegExp(`id="f-${name}-error">([^<]*)<`).exec(body)?.[1] ?? null;
const caller = { idNumber: 'A123456789', name: '林小美', birthDate: '1990-01-02', address: '新竹縣竹北市光明六路 10 號', contact: '0912-345-678' };

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] lost ID reported by phone`, () => {
    const smtp = smtpServer();
    let t: Awaited<ReturnType<typeof demoApp>>;
    let worker: JobWorker;
    let mailer: ReturnType<typeof createMailer>;
    const now = new Date('2026-11-25T02:00:00Z');
    beforeAll(async () => {
      const url = await smtp.listen();
      t = await demoApp(kind, { clock: () => now });
      mailer = createMailer({ smtpUrl: url, from: 'no-reply@huzheng.test' });
      worker = new JobWorker(t.database, { handlers: { [MAIL_JOB]: mailJobHandler(mailer) }, clock: () => now });
    });
    afterAll(async () => {
      mailer?.close();
      await t?.dispose();
      await smtp.close();
    });

    const reports = () => t.database.db.selectFrom('lost_id_report').select(['reference', 'channel', 'created_by', 'office_id', 'revoke_hash', 'status']).orderBy('id').execute();

    it('checks the fields like the public form, needs the read-back, records channel phone and e-mails the password', async () => {
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      const page = await clerk.get('/staff/lost-id/phone');
      expect(page.statusCode).toBe(200);
      const csrf = csrfOf(page.body);

      const bad = await clerk.post('/staff/lost-id/phone', { _csrf: csrf, ...caller, idNumber: 'A123456788', address: '', email: 'not-an-email' });
      expect(bad.statusCode).toBe(422);
      expect(fieldError(bad.body, 'idNumber')).toBe('身分證統一編號或居留證號檢查碼不符，請再核對一次。');
      expect(fieldError(bad.body, 'address')).toBe('此欄必須填寫。');
      expect(fieldError(bad.body, 'email')).toBe('請輸入有效的電子信箱，例如 name@example.com。');

      const readBack = await clerk.post('/staff/lost-id/phone', { _csrf: csrf, ...caller, email: 'may@example.com' });
      expect(readBack.statusCode).toBe(200);
      expect(readBack.body).toContain('<dd>A12****789</dd>');
      expect(readBack.body).toContain('寄到 may@example.com');
      expect(await reports()).toEqual([]);

      const unconfirmed = await clerk.post('/staff/lost-id/phone', { _csrf: csrf, ...caller, email: 'may@example.com', step: 'confirm' });
      expect(unconfirmed.statusCode).toBe(422);
      expect(fieldError(unconfirmed.body, 'readBack')).toBe('請先向來電者覆誦以上內容，確認無誤後再勾選。');
      expect(await reports()).toEqual([]);

      const done = await clerk.post('/staff/lost-id/phone', { _csrf: csrf, ...caller, email: 'may@example.com', step: 'confirm', readBack: '1' });
      expect(done.statusCode).toBe(200);
      expect(done.headers['cache-control']).toBe('no-store');
      expect(done.body).toContain('撤銷密碼已寄到 may@example.com。');
      const clerkId = (await t.database.db.selectFrom('staff').select('id').where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow()).id;
      const zhubei = (await t.database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow()).id;
      const rows = await reports();
      expect(rows.map((r) => [r.channel, r.created_by, r.office_id, r.status])).toEqual([['phone', clerkId, zhubei, 'active']]);
      const reference = rows[0]?.reference ?? '';
      expect(done.body).toContain(`掛失編號：${reference}`);

      expect(await worker.runDue()).toBe(1);
      const mail = smtp.received.filter((m) => m.to.includes('may@example.com'));
      expect(mail.length).toBe(1);
      const text = textOf(mail[0]?.raw ?? '');
      const password = /撤銷密碼：(\S+)/.exec(text)?.[1] ?? '';
      expect(password).toHaveLength(10);
      expect(text).toContain(`掛失編號：${reference}`);
      // the page never showed it, the table holds only its hash
      expect(done.body).not.toContain(password);
      expect(rows[0]?.revoke_hash).not.toContain(password);
      expect(JSON.stringify(await t.database.db.selectFrom('job').selectAll().execute())).not.toContain(password);

      const audit = await t.database.db.selectFrom('audit_log').select(['actor_label', 'target_id', 'office_id', 'detail']).where('action', '=', 'lostid.report.phone').execute();
      expect(audit.map((a) => [a.actor_label, a.office_id, JSON.parse(a.detail ?? '{}')])).toEqual([['clerk.zhubei', zhubei, { channel: 'phone', reference, readBack: true, delivery: 'email' }]]);
      expect(JSON.stringify(audit)).not.toContain('A123456789');

      // the caller withdraws with the e-mailed password on the public page
      const a = new Agent(t.app);
      const revokePage = await a.get('/lost-id/revoke');
      const revoked = await a.post('/lost-id/revoke', { _csrf: csrfOf(revokePage.body), idNumber: caller.idNumber, birthDate: caller.birthDate, password });
      expect(revoked.statusCode).toBe(200);
      expect((await reports())[0]?.status).toBe('revoked');
    });

    it('without an e-mail the password is shown once on the confirmation page, and nothing is mailed', async () => {
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.jianshi', DEMO_PASSWORD);
      const page = await clerk.get('/staff/lost-id/phone');
      const sent = smtp.received.length;
      const done = await clerk.post('/staff/lost-id/phone', { _csrf: csrfOf(page.body), ...caller, idNumber: 'F131104093', step: 'confirm', readBack: '1' });
      expect(done.statusCode).toBe(200);
      const password = /<strong class="secret">([^<]+)<\/strong>/.exec(done.body)?.[1] ?? '';
      expect(password).toHaveLength(10);
      expect(await worker.runDue()).toBe(0);
      expect(smtp.received.length).toBe(sent);
      const a = new Agent(t.app);
      const revokePage = await a.get('/lost-id/revoke');
      expect((await a.post('/lost-id/revoke', { _csrf: csrfOf(revokePage.body), idNumber: 'F131104093', birthDate: caller.birthDate, password })).statusCode).toBe(200);
      const audit = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'lostid.report.phone').orderBy('id').execute();
      expect(JSON.parse(audit[1]?.detail ?? '{}').delivery).toBe('read_out');
    });
  });
}
