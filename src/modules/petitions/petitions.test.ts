import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp, type MultipartFile } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { smtpServer, subjectOf, textOf } from '../../../test/smtp.js';
import { OfficeCalendar } from '../../platform/calendar/index.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { createMailer, MAIL_JOB, mailJobHandler } from '../../platform/mail/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { dueDate, limitForDue } from './rules.js';

const at = (iso: string) => new Date(`${iso}+08:00`);
let ip = 0;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('reply deadlines on the office calendar', () => {
  // 2026: 10/9 (Fri) and 10/10 (Sat) off for 國慶日
  const cal = new OfficeCalendar({ days: [{ date: '2026-10-09', off: true, note: '' }, { date: '2026-10-10', off: true, note: '' }] });
  it('counts working days, skipping holidays and days paused', () => {
    expect(dueDate(cal, '2026-10-07', 3, [])).toBe('2026-10-13'); // Thu, Mon, Tue
    expect(dueDate(cal, '2026-10-07', 5, [])).toBe('2026-10-15');
    // waiting for the citizen Thu 10/8 to Mon 10/12: two working days do not count
    expect(dueDate(cal, '2026-10-07', 3, [{ from: '2026-10-08', to: '2026-10-12' }])).toBe('2026-10-15');
    // an extension to a later date is stored as a longer limit, so later pauses still move it
    expect(limitForDue(cal, '2026-10-07', '2026-10-20', [])).toBe(8);
    expect(dueDate(cal, '2026-10-07', 8, [{ from: '2026-10-14', to: '2026-10-14' }])).toBe('2026-10-21');
  });
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] petitions`, () => {
    const smtp = smtpServer();
    let now = at('2026-11-25T10:00:00'); // Wednesday
    let t: Awaited<ReturnType<typeof demoApp>>;
    let worker: JobWorker;
    let mailer: ReturnType<typeof createMailer>;
    beforeAll(async () => {
      const url = await smtp.listen();
      t = await demoApp(kind, { clock: () => now });
      mailer = createMailer({ smtpUrl: url, from: 'no-reply@huzheng.test' });
      worker = new JobWorker(t.database, { handlers: { [MAIL_JOB]: mailJobHandler(mailer), ...t.jobHandlers() }, clock: () => now });
    });
    afterAll(async () => {
      mailer?.close();
      await t?.dispose();
      await smtp.close();
    });

    const mailTo = async (email: string, subjectPart: string) => {
      await worker.runDue();
      const m = smtp.received.filter((r) => r.to.includes(email) && subjectOf(r.raw).includes(subjectPart)).at(-1);
      if (!m) throw new Error(`no mail "${subjectPart}" to ${email}`);
      return textOf(m.raw);
    };

    async function write(email: string, extra: Record<string, string> = {}, files: MultipartFile[] = []) {
      const a = new Agent(t.app);
      const page = await a.get('/o/zhubei/mailbox');
      const form = { _csrf: csrfOf(page.body), to: 'director', subject: '櫃台等候太久', category: 'service', body: '上週三下午在櫃台等了一個多小時，希望能增加窗口。', name: '王小明', email, phone: '0912-345-678', wantsReply: '1', language: 'zh-Hant', ...extra };
      ip++;
      const addr = `10.7.${Math.floor(ip / 250)}.${ip % 250}`;
      const res = files.length ? await a.postMultipart('/o/zhubei/mailbox', form, files, addr) : await a.post('/o/zhubei/mailbox', form, {}, addr);
      return { a, res };
    }

    async function writeAndConfirm(email: string, extra: Record<string, string> = {}) {
      const { a, res } = await write(email, extra);
      expect(res.statusCode).toBe(200);
      const link = /\/petitions\/confirm\/([\w-]+)/.exec(await mailTo(email, '請確認'))?.[0] ?? '';
      const page = await a.get(link);
      const done = await a.post(link, { _csrf: csrfOf(page.body) });
      expect(done.statusCode).toBe(200);
      const mail = await mailTo(email, '陳情案件成立');
      const number = /案件編號：(\S+)/.exec(mail)?.[1] ?? '';
      const password = /查詢密碼：(\S+)/.exec(mail)?.[1] ?? '';
      const id = (await t.database.db.selectFrom('petition').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
      return { a, number, password, id, page: done.body };
    }

    async function staff(username: string) {
      const s = new Agent(t.app);
      await s.signIn(username, DEMO_PASSWORD);
      return s;
    }
    async function act(s: Agent, id: number, action: string, form: Record<string, string>) {
      const page = await s.get(`/staff/petitions/${id}`);
      return s.post(`/staff/petitions/${id}/${action}`, { _csrf: csrfOf(page.body), ...form });
    }
    const petition = (id: number) => t.database.db.selectFrom('petition').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('counts only after the e-mail is confirmed; then gives a number and a password that open the case', async () => {
      now = at('2026-11-25T10:00:00');
      const { a, number, password, page } = await writeAndConfirm('ming@example.com');
      expect(number).toMatch(/^P\d+-1151125-\d{3}$/);
      expect(page).toContain(number);
      expect(password).toHaveLength(10);
      const wrong = await a.post('/petitions/status', { _csrf: csrfOf((await a.get('/petitions/status')).body), number, password: 'not-it-at-all' });
      expect(wrong.statusCode).toBe(404);
      const ok = await a.post('/petitions/status', { _csrf: csrfOf((await a.get('/petitions/status')).body), number: number.toLowerCase(), password });
      expect(ok.statusCode).toBe(303);
      const own = await a.get(String(ok.headers.location));
      expect(own.body).toContain('已收件');
      expect(own.body).toContain('民國115年11月30日'); // simple: 3 working days after Wednesday
    });

    it('drops a message whose link expired, with its attachments', async () => {
      now = at('2026-11-25T11:00:00');
      const { a, res } = await write('late@example.com', {}, [{ field: 'files', name: 'photo.png', bytes: PNG, type: 'image/png' }]);
      expect(res.statusCode).toBe(200);
      const link = /\/petitions\/confirm\/([\w-]+)/.exec(await mailTo('late@example.com', '請確認'))?.[0] ?? '';
      const id = (await t.database.db.selectFrom('petition').select('id').where('email', '=', 'late@example.com').executeTakeFirstOrThrow()).id;
      expect(await t.database.db.selectFrom('petition_attachment').select('id').where('petition_id', '=', id).execute()).toHaveLength(1);
      now = at('2026-11-28T11:00:01');
      const page = await a.get(link);
      const r = await a.post(link, { _csrf: csrfOf(page.body) });
      expect(r.statusCode).toBe(410);
      expect(r.body).toContain('已過期');
      await worker.runDue();
      expect((await petition(id)).status).toBe('expired');
      expect(await t.database.db.selectFrom('petition_attachment').select('id').where('petition_id', '=', id).execute()).toHaveLength(0);
    });

    it('refuses attachments by count, size and real type, keeping what was typed and storing nothing', async () => {
      now = at('2026-11-25T12:00:00');
      const before = (await t.database.db.selectFrom('petition').select('id').execute()).length;
      const fake = await write('f@example.com', {}, [{ field: 'files', name: 'photo.png', bytes: Buffer.from('not a picture at all'), type: 'image/png' }]);
      expect(fake.res.statusCode).toBe(422);
      expect(fake.res.body).toContain('附件只接受 PDF、JPG、PNG 檔');
      expect(fake.res.body).toContain('value="櫃台等候太久"');
      const four = await write('f@example.com', {}, [1, 2, 3, 4].map((i) => ({ field: 'files', name: `p${i}.png`, bytes: PNG, type: 'image/png' })));
      expect(four.res.body).toContain('附件最多 3 個');
      const big = await write('f@example.com', {}, [{ field: 'files', name: 'big.png', bytes: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), type: 'image/png' }]);
      expect(big.res.body).toContain('不可超過 5 MB');
      expect((await t.database.db.selectFrom('petition').select('id').execute()).length).toBe(before);
    });

    it('reminds the handler, then shows the breach to the section chief and later the director', async () => {
      now = at('2026-11-25T13:00:00');
      const { id } = await writeAndConfirm('slow@example.com');
      const clerk = await t.database.db.selectFrom('staff').select('id').where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow();
      const sup = await staff('supervisor.zhubei');
      expect((await act(sup, id, 'triage', { cls: 'simple', triageCategory: 'service', assignee: String(clerk.id) })).statusCode).toBe(303);
      expect((await petition(id)).due_on).toBe('2026-11-30');
      now = at('2026-11-27T09:00:01'); // Friday, the working day before the due date
      await worker.runDue();
      expect(await mailTo('clerk.zhubei@example.gov.tw', '陳情將到期')).toContain('將於民國115年11月30日（星期一）到期');
      now = at('2026-12-01T00:00:01');
      await worker.runDue();
      expect((await petition(id)).escalation).toBe(1);
      // a day later: sign in again (sessions follow the clock)
      expect((await (await staff('supervisor.zhubei')).get('/staff')).body).toContain('已逾回覆期限');
      const director = await staff('director.zhubei');
      expect((await director.get('/staff')).body).not.toContain('已逾回覆期限');
      now = at('2026-12-03T00:00:01'); // two working days later
      await worker.runDue();
      expect((await petition(id)).escalation).toBe(2);
      expect((await (await staff('director.zhubei')).get('/staff')).body).toContain('已逾回覆期限');
    });

    it('stops the clock while waiting for the citizen, extends only with approval, and tells the citizen', async () => {
      now = at('2026-11-25T14:00:00');
      const { id } = await writeAndConfirm('pause@example.com');
      const clerk = await staff('clerk.zhubei');
      expect((await act(clerk, id, 'ask', { askText: '請提供當天的號碼牌號碼' })).statusCode).toBe(303);
      expect(await mailTo('pause@example.com', '請補充資料')).toContain('號碼牌號碼');
      now = at('2026-11-30T10:00:00'); // Monday: Thu and Fri were paused
      const clerkAgain = await staff('clerk.zhubei');
      expect((await act(clerkAgain, id, 'resume', { resumeText: '已來電補充：A023' })).statusCode).toBe(303);
      expect((await petition(id)).due_on).toBe('2026-12-02');
      const refused = await act(clerkAgain, id, 'extend', { until: '2026-12-10', extendReason: '需調閱監視器' });
      expect(refused.statusCode).toBe(403);
      const sup = await staff('supervisor.zhubei');
      expect((await act(sup, id, 'extend', { until: '2026-12-01', extendReason: '太早' })).statusCode).toBe(409);
      expect((await act(sup, id, 'extend', { until: '2026-12-10', extendReason: '需調閱監視器畫面' })).statusCode).toBe(303);
      const p = await petition(id);
      expect([p.due_on, p.extended_reason]).toEqual(['2026-12-10', '需調閱監視器畫面']);
      expect(await mailTo('pause@example.com', '延長處理期限')).toContain('需調閱監視器畫面');
    });

    it('declines under §173 with the ground, and transfers under §172 with notice', async () => {
      now = at('2026-11-26T10:00:00');
      const a = await writeAndConfirm('d@example.com');
      const b = await writeAndConfirm('x@example.com');
      const clerk = await staff('clerk.zhubei');
      expect((await act(clerk, a.id, 'decline', { ground: 'repeated' })).statusCode).toBe(303);
      expect((await petition(a.id)).status).toBe('declined');
      expect((await petition(a.id)).number).toBe(a.number);
      expect(await mailTo('d@example.com', '陳情處理通知')).toContain('第 173 條');
      expect((await act(clerk, b.id, 'transfer', { agency: '新竹縣政府民政處', transferNote: '屬縣府權責' })).statusCode).toBe(303);
      expect(await mailTo('x@example.com', '陳情移送通知')).toContain('新竹縣政府民政處');
      expect((await act(clerk, b.id, 'reply', { replyBody: 'x' })).statusCode).toBe(409);
    });

    it('replies, takes a rating within 7 days only, and opens a follow-up on a low score or an unanswered write-back', async () => {
      now = at('2026-11-26T11:00:00');
      const { a, id, number, password } = await writeAndConfirm('rate@example.com');
      const clerk = await staff('clerk.zhubei');
      expect((await act(clerk, id, 'reply', { replyBody: '已增設假日窗口，謝謝您的建議。' })).statusCode).toBe(303);
      const mail = await mailTo('rate@example.com', '陳情回覆');
      expect(mail).toContain('已增設假日窗口');
      expect(mail).toMatch(/\/p\/[\w-]+/);
      const status = await a.post('/petitions/status', { _csrf: csrfOf((await a.get('/petitions/status')).body), number, password });
      const own = String(status.headers.location);
      const page = await a.get(own);
      expect(page.body).toContain('已增設假日窗口');
      expect(page.body).toContain('name="score"');
      // writes back; nobody answers within 3 working days
      await a.post(`${own}/followup`, { _csrf: csrfOf(page.body), text: '假日窗口在哪一天？' });
      const low = await a.post(`${own}/rate`, { _csrf: csrfOf(page.body), score: '2', comment: '回覆太慢' });
      expect(low.statusCode).toBe(303);
      const again = await a.post(`${own}/rate`, { _csrf: csrfOf(page.body), score: '5' });
      expect(again.statusCode).toBe(409);
      now = at('2026-12-02T00:00:01');
      await worker.runDue();
      const followups = await t.database.db.selectFrom('petition_followup').select(['reason']).where('petition_id', '=', id).execute();
      expect(followups.map((f) => f.reason).sort()).toEqual(['low_score', 'no_response']);
      // another case, rated too late
      now = at('2026-11-26T12:00:00');
      const late = await writeAndConfirm('late-rate@example.com');
      await act(await staff('clerk.zhubei'), late.id, 'reply', { replyBody: '謝謝' });
      now = at('2026-12-03T12:00:01');
      const token = csrfOf((await late.a.get('/petitions/status')).body);
      const r = await late.a.post('/petitions/status', { _csrf: token, number: late.number, password: late.password });
      const latePage = await late.a.get(String(r.headers.location));
      expect(latePage.body).not.toContain('name="score"');
      expect((await late.a.post(`${r.headers.location}/rate`, { _csrf: token, score: '4' })).statusCode).toBe(409);
    });

    it('records an oral petition only when read back, and answers an English letter in English', async () => {
      now = at('2026-11-27T10:00:00');
      const clerk = await staff('clerk.zhubei');
      const form = await clerk.get('/staff/petitions/new');
      const base = { _csrf: csrfOf(form.body), channel: 'onsite', subject: 'Queue too long', category: 'service', body: 'I waited an hour on Wednesday.', name: 'John Smith', email: 'john@example.com', language: 'en', wantsReply: '1' };
      const noRead = await clerk.post('/staff/petitions', base);
      expect(noRead.statusCode).toBe(422);
      expect(noRead.body).toContain('宣讀並經陳情人確認');
      const ok = await clerk.post('/staff/petitions', { ...base, readBack: '1' });
      expect(ok.statusCode).toBe(303);
      await worker.runDue();
      const mail = await mailTo('john@example.com', 'petitioncase');
      expect(mail).toContain('Password:');
      const detail = await clerk.get(String(ok.headers.location));
      expect(detail.body).toContain('請以英文回覆');
    });

    it('gives supervisors the figures: on-time rate, days to reply, satisfaction; CSV and ODS', async () => {
      // the cases the tests above left in 竹北, counted by hand (received on, replied on, due):
      //   ming 11/25, slow 11/25 (due 11/30), pause 11/25, d 11/26 (declined: no reply date), john 11/27 (onsite): unanswered
      //   x 11/26 transferred 11/26, rate 11/26 replied 11/26 (score 2), late-rate 11/26 replied 11/26: on time, 0 working days
      // and now slow, answered late on Thu 12/3: Thu 11/26, Fri, Mon, Tue, Wed, Thu = 6 working days
      now = at('2026-12-03T10:00:00');
      const slow = (await t.database.db.selectFrom('petition').select('id').where('email', '=', 'slow@example.com').executeTakeFirstOrThrow()).id;
      expect((await act(await staff('clerk.zhubei'), slow, 'reply', { replyBody: '抱歉久候，已增加窗口。' })).statusCode).toBe(303);
      const sup = await staff('supervisor.zhubei');
      const page = await sup.get('/staff/petitions/figures?from=2026-11-01&to=2026-12-31');
      expect(page.body).toContain('如期回覆率');
      const csv = await sup.get('/staff/petitions/figures.csv?from=2026-11-01&to=2026-12-31');
      const rows = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      // 8 cases, 4 answered, 3 of them on time (75%), days [0, 0, 0, 6]: mean 1.5, p90 6; one rating, a 2
      expect(rows.slice(0, 9)).toEqual(['項目,數值', '案件數,8', '已回覆,4', '如期回覆率,75', '平均回覆工作天,1.5', '90% 案件回覆工作天,6', '填答滿意度件數,1', '滿意比率（4–5 分）,0', '平均滿意度,2']);
      // by channel (7 from the director's mailbox, 1 recorded at the counter) and by category (all 8 service)
      expect(rows.slice(9)).toEqual(['', '各管道件數', '來源,件數', '主任信箱,7', '臨櫃陳情,1', '', '各類別件數', '類別,件數', '服務態度與流程,8']);
      const ods = await sup.get('/staff/petitions/figures.ods?from=2026-11-01&to=2026-12-31');
      expect(ods.rawPayload.subarray(30, 38).toString()).toBe('mimetype');
    });
  });
}
