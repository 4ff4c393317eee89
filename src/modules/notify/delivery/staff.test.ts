import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { addRecipient, type NotifyBasics, notifyBasics, PERSON, queueNotices } from '../../../../test/notify-fixtures.js';
import type { NotifyNoticeTable } from '../../../db/schema.js';
import { DEMO_PASSWORD } from '../../staff/index.js';
import { DELIVER_JOB } from '../body.js';

/** Tuesday 24 November 2026, 10:00 in Taipei. */
const T0 = new Date('2026-11-24T02:00:00Z');
/** The page's text with every tag a bar: table cells read |a|b|c|. */
const cells = (html: string) => html.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|');
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`).toISOString();

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the supervisor's pages over notices`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let zhubei: NotifyBasics;
    let hook: number;
    let mail: number;
    let failed: number;
    let elsewhere: number;
    const timing: Record<string, number> = {};
    let sup: Agent;

    /** A notice of the office for the recipient, then set to the given state (the delivery job's doing, done by hand). */
    async function noticeIn(b: NotifyBasics, recipient: number, set: Partial<Omit<NotifyNoticeTable, 'id' | 'attempts'>> & { attempts?: number }) {
      const [n] = await queueNotices(t.database.db, t.services.vault, b, [recipient], T0);
      await t.database.db
        .updateTable('notify_notice')
        .set(set as never)
        .where('id', '=', n!.id)
        .execute();
      return n!.id;
    }

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => T0 });
      const db = t.database.db;
      const vault = t.services.vault;
      zhubei = await notifyBasics(db, T0);
      const jianshi = await notifyBasics(db, T0, 'jianshi');
      hook = await addRecipient(db, vault, zhubei, { code: 'hook', channel: 'webhook', webhookUrl: 'http://127.0.0.1:9/x', secret: 'whsec-0123456789abcdef', name: '國稅局竹北分局' }, T0);
      mail = await addRecipient(db, vault, zhubei, { code: 'mail', channel: 'email', email: 'x@land.example.gov.tw', name: '竹北地政事務所', ackDays: 3 }, T0);
      const failedAt = at('2026-11-23', '15:00');
      const failedState = { status: 'failed' as const, attempts: 8, last_error: 'HTTP 503', failed_at: failedAt, purge_after: at('2026-12-23') };
      failed = await noticeIn(zhubei, hook, { ...failedState, queued_at: at('2026-11-23', '09:00') });
      for (const [i, outcome] of ['failed', 'failed'].entries()) {
        await db.insertInto('notify_attempt').values({ notice_id: failed, at: at('2026-11-23', `09:0${i}`), outcome: outcome as 'failed', detail: 'HTTP 503' }).execute();
      }
      elsewhere = await noticeIn(jianshi, hook, { ...failedState, queued_at: at('2026-11-23', '09:00') });
      // ack_days 3, on the office calendar (16–20 and 23–24 November are working days)
      timing.inTime = await noticeIn(zhubei, mail, { status: 'acknowledged', queued_at: at('2026-11-16'), sent_at: at('2026-11-16'), acked_at: at('2026-11-19') });
      timing.late = await noticeIn(zhubei, mail, { status: 'acknowledged', queued_at: at('2026-11-16'), sent_at: at('2026-11-16'), acked_at: at('2026-11-23') });
      timing.overdue = await noticeIn(zhubei, mail, { status: 'sent', queued_at: at('2026-11-17'), sent_at: at('2026-11-17') });
      timing.waiting = await noticeIn(zhubei, mail, { status: 'sent', queued_at: at('2026-11-23'), sent_at: at('2026-11-23') });
      sup = new Agent(t.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    it('/staff/notify counts by status and agency, lists the failed first with the reason and a retry, and never a body', async () => {
      const page = await sup.get('/staff/notify');
      expect(page.statusCode).toBe(200);
      const failedAt = page.body.indexOf('送達失敗</h2>');
      expect(failedAt).toBeGreaterThan(0);
      expect(page.body.indexOf(`/staff/notify/notices/${failed}"`)).toBeGreaterThan(failedAt);
      expect(page.body.indexOf(`/staff/notify/notices/${failed}"`)).toBeLessThan(page.body.indexOf('各機關統計'));
      expect(page.body).toContain('HTTP 503');
      expect(page.body).toContain(`action="/staff/notify/notices/${failed}/retry"`);
      expect(page.body).not.toContain(`/staff/notify/notices/${elsewhere}"`);
      // 竹北地政事務所: 2 sent, 2 acknowledged, 4 in all; 國稅局竹北分局: 1 failed
      expect(cells(page.body)).toContain('|竹北地政事務所|電子郵件|0|2|2|0|4|');
      expect(cells(page.body)).toContain('|國稅局竹北分局|系統介接|0|0|0|1|1|');
      for (const secret of [PERSON.name, PERSON.id_number, PERSON.address]) expect(page.body).not.toContain(secret);

      const narrow = await sup.get('/staff/notify?from=115/11/23&to=115/11/24');
      expect(cells(narrow.body)).toContain('|竹北地政事務所|電子郵件|0|1|0|0|1|');
      const bad = await sup.get('/staff/notify?from=115/02/30&to=115/11/24');
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('請輸入正確的日期');
      expect(bad.body).toContain('value="115/02/30"');
      const reversed = await sup.get('/staff/notify?from=115/11/24&to=115/11/01');
      expect(reversed.statusCode).toBe(422);
      expect(reversed.body).toContain('迄日不可早於起日');

      // the supervisor's home says so; a clerk sees neither
      expect((await sup.get('/staff')).body).toContain('有 1 筆跨機關通報送達失敗');
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect((await clerk.get('/staff/notify')).statusCode).toBe(403);
      expect((await clerk.get('/staff')).body).not.toContain('跨機關通報送達失敗');
      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const jianshi = await county.get('/staff/notify?office=jianshi');
      expect(jianshi.body).toContain(`/staff/notify/notices/${elsewhere}"`);
      expect(jianshi.body).not.toContain(`/staff/notify/notices/${failed}"`);
    });

    it('a notice’s page shows its history with outcomes, reasons and 民國 times, never what it carried', async () => {
      const page = await sup.get(`/staff/notify/notices/${failed}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`通報第 ${failed} 號`);
      expect(page.body).toContain('國稅局竹北分局');
      expect(page.body).toContain('送達失敗');
      expect(page.body).toContain('民國115年11月23日 15:00');
      expect(cells(page.body)).toContain('|民國115年11月23日 09:00|失敗|HTTP 503|');
      expect(page.body).toMatch(/zhubei-1151120-/);
      for (const secret of [PERSON.name, PERSON.id_number, PERSON.address]) expect(page.body).not.toContain(secret);
      expect((await sup.get(`/staff/notify/notices/${elsewhere}`)).statusCode).toBe(403);
      expect((await sup.get('/staff/notify/notices/999999')).statusCode).toBe(404);
    });

    it('"retry" puts a failed notice back in the queue with a new job, its line and the audit; once', async () => {
      const page = await sup.get('/staff/notify');
      const res = await sup.post(`/staff/notify/notices/${failed}/retry`, { _csrf: csrfOf(page.body), office: 'zhubei' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/staff/notify/notices/${failed}`);
      const row = await t.database.db.selectFrom('notify_notice').select(['status', 'failed_at', 'purge_after', 'last_error']).where('id', '=', failed).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'queued', failed_at: null, purge_after: null, last_error: 'HTTP 503' });
      const jobs = await t.database.db.selectFrom('job').select(['dedupe_key', 'status', 'payload', 'max_attempts']).where('kind', '=', DELIVER_JOB).where('dedupe_key', 'like', `notify:${failed}:%`).execute();
      expect(jobs).toEqual([{ dedupe_key: `notify:${failed}:retry:8`, status: 'pending', payload: JSON.stringify({ noticeId: failed }), max_attempts: 8 }]);
      const last = await t.database.db.selectFrom('notify_attempt').select(['outcome', 'detail']).where('notice_id', '=', failed).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(last).toEqual({ outcome: 'requeued', detail: 'supervisor.zhubei' });
      const audit = await t.database.db.selectFrom('audit_log').select(['detail', 'actor_label']).where('action', '=', 'notify.delivery.retry').execute();
      expect(audit).toEqual([{ detail: JSON.stringify({ attempts: 8, reason: 'HTTP 503' }), actor_label: 'supervisor.zhubei' }]);

      const again = await sup.post(`/staff/notify/notices/${failed}/retry`, { _csrf: csrfOf(page.body), office: 'zhubei' });
      expect(again.statusCode).toBe(303);
      expect((await sup.get(`/staff/notify/notices/${failed}`)).body).toContain('無法重新傳送');
      expect(await t.database.db.selectFrom('job').select('id').where('dedupe_key', 'like', `notify:${failed}:%`).execute()).toHaveLength(1);
      // another office's notice
      expect((await sup.post(`/staff/notify/notices/${elsewhere}/retry`, { _csrf: csrfOf(page.body), office: 'zhubei' })).statusCode).toBe(403);
      expect((await t.database.db.selectFrom('notify_notice').select('status').where('id', '=', elsewhere).executeTakeFirstOrThrow()).status).toBe('failed');
    });

    it('an agency’s page says whether each notice was acknowledged within its working days', async () => {
      const page = await sup.get(`/staff/notify/by-recipient/${mail}?from=115/11/1&to=115/11/24`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('應於送出後 3 個工作天內確認');
      const row = (id: number) => new RegExp(`/staff/notify/notices/${id}"[^]*?</tr>`).exec(page.body)?.[0] ?? '';
      expect(cells(row(timing.inTime!))).toMatch(/\|3\|期限內確認\|$/);
      expect(cells(row(timing.late!))).toMatch(/\|5\|逾期確認\|$/);
      expect(cells(row(timing.overdue!))).toMatch(/\|5\|逾期未確認\|$/);
      expect(cells(row(timing.waiting!))).toMatch(/\|1\|等待確認\|$/);
      expect(row(timing.late!)).toContain('tag-warning');
      expect(row(timing.inTime!)).not.toContain('tag-warning');
      expect(cells(page.body)).toContain('|期限內確認|1|逾期確認|1|等待確認|1|逾期未確認|1|');
      for (const secret of [PERSON.name, PERSON.address]) expect(page.body).not.toContain(secret);
    });
  });
}
