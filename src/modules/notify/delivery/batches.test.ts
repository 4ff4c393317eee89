import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { addRecipient, type NotifyBasics, notifyBasics, PERSON, type QueuedNotice, queueNotices } from '../../../../test/notify-fixtures.js';
import { tools } from '../../../../test/tools.js';
import { ODS_MIME } from '../../../platform/export/index.js';
import { DEMO_PASSWORD } from '../../staff/index.js';

const T0 = new Date('2026-11-24T02:00:00Z');
const PDFTOTEXT = tools.pdftotext();
/** The page's text with every tag a bar: table cells read |a|b|c|. */
const cells = (html: string) => html.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|');

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] printed lists for agencies with neither e-mail nor webhook`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let zhubei: NotifyBasics;
    let paper: number;
    let other: number;
    let mine: QueuedNotice[] = [];
    let theirs: QueuedNotice[] = [];
    let sup: Agent;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => T0 });
      const db = t.database.db;
      const vault = t.services.vault;
      zhubei = await notifyBasics(db, T0);
      const jianshi = await notifyBasics(db, T0, 'jianshi');
      paper = await addRecipient(db, vault, zhubei, { code: 'paper-a', channel: 'batch', name: '台灣自來水公司第三區處', fields: ['name', 'event_date', 'address'] }, T0);
      other = await addRecipient(db, vault, zhubei, { code: 'paper-b', channel: 'batch', name: '竹北郵局' }, T0);
      for (let i = 0; i < 3; i++) mine = mine.concat(await queueNotices(db, vault, zhubei, [paper], T0));
      await queueNotices(db, vault, zhubei, [other], T0);
      theirs = await queueNotices(db, vault, jianshi, [paper], T0);
      sup = new Agent(t.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    const notices = (ids: number[]) => t.database.db.selectFrom('notify_notice').select(['id', 'status', 'batch_id', 'sent_at', 'acked_at', 'purge_after']).where('id', 'in', ids).orderBy('id').execute();
    const batches = () => t.database.db.selectFrom('notify_batch').selectAll().orderBy('id').execute();

    it('shows each batch agency with the office’s queued count; clerks may not', async () => {
      const page = await sup.get('/staff/notify/batches');
      expect(page.statusCode).toBe(200);
      expect(cells(page.body)).toContain('|台灣自來水公司第三區處|3|製作清冊|');
      expect(cells(page.body)).toContain('|竹北郵局|1|製作清冊|');
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect((await clerk.get('/staff/notify/batches')).statusCode).toBe(403);
    });

    it('"make list" moves the office’s queued notices to sent on one batch in one transaction; a second click finds none', async () => {
      const page = await sup.get('/staff/notify/batches');
      const made = await sup.post('/staff/notify/batches', { _csrf: csrfOf(page.body), office: 'zhubei', recipient: String(paper) });
      expect(made.statusCode).toBe(303);
      const [batch] = await batches();
      expect(batch).toMatchObject({ recipient_id: paper, office_id: zhubei.officeId, notices: 3, handed_over_at: null });
      const rows = await notices(mine.map((n) => n.id));
      expect(rows.every((r) => r.status === 'sent' && r.batch_id === batch!.id && r.sent_at === T0.toISOString() && r.purge_after !== null)).toBe(true);
      // Jianshi's notice for the same agency is Jianshi's to list
      expect((await notices(theirs.map((n) => n.id)))[0]).toMatchObject({ status: 'queued', batch_id: null });
      const listed = await t.database.db.selectFrom('notify_attempt').select(['notice_id', 'outcome']).where('outcome', '=', 'listed').execute();
      expect(listed.map((l) => l.notice_id).sort((a, b) => a - b)).toEqual(mine.map((n) => n.id));
      const audit = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'notify.delivery.batch').execute();
      expect(audit).toEqual([{ detail: JSON.stringify({ recipient: paper, notices: 3 }) }]);

      const again = await sup.post('/staff/notify/batches', { _csrf: csrfOf(page.body), office: 'zhubei', recipient: String(paper) });
      expect(again.statusCode).toBe(303);
      expect(await batches()).toHaveLength(1);
      const shown = await sup.get('/staff/notify/batches');
      expect(shown.body).toContain('目前沒有待列入清冊的通報');
      expect(shown.body).toContain('清冊第 1 號');
    });

    it('the list as ODS holds the accepted fields decrypted (and nothing else); opening it is audited', async () => {
      const [batch] = await batches();
      const ods = await sup.get(`/staff/notify/batches/${batch!.id}.ods`);
      expect(ods.statusCode).toBe(200);
      expect(ods.headers['content-type']).toBe(ODS_MIME);
      const content = strFromU8(unzipSync(new Uint8Array(ods.rawPayload))['content.xml']!);
      for (const header of ['通報', '案號', '事項', '姓名', '事件日期', '住址']) expect(content).toContain(`<text:p>${header}</text:p>`);
      expect(content).toContain(PERSON.name);
      expect(content).toContain(PERSON.address);
      expect(content).toContain('民國115年11月20日');
      expect(content).not.toContain(PERSON.id_number);
      const views = await t.database.db.selectFrom('audit_log').select(['detail', 'actor_label']).where('action', '=', 'notify.delivery.batch.view').execute();
      expect(views).toEqual([{ detail: JSON.stringify({ notices: 3, as: 'ods' }), actor_label: 'supervisor.zhubei' }]);
    });

    it('the list as a tagged PDF', async () => {
      const [batch] = await batches();
      const pdf = await sup.get(`/staff/notify/batches/${batch!.id}.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.includes(Buffer.from('/StructTreeRoot'))).toBe(true);
      if (!PDFTOTEXT) return;
      const dir = mkdtempSync(path.join(tmpdir(), 'hz-batch-'));
      try {
        writeFileSync(path.join(dir, 'list.pdf'), pdf.rawPayload);
        const text = execFileSync(PDFTOTEXT, [path.join(dir, 'list.pdf'), '-'], { encoding: 'utf8' });
        expect(text).toContain('跨機關通報清冊');
        expect(text).toContain(PERSON.name);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('another office’s list is refused; the county account lists Jianshi’s', async () => {
      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const page = await county.get('/staff/notify/batches?office=jianshi');
      expect(cells(page.body)).toContain('|台灣自來水公司第三區處|1|製作清冊|');
      expect((await county.post('/staff/notify/batches', { _csrf: csrfOf(page.body), office: 'jianshi', recipient: String(paper) })).statusCode).toBe(303);
      const jianshiBatch = (await batches()).find((b) => b.office_id !== zhubei.officeId)!;
      expect(jianshiBatch.notices).toBe(1);
      expect((await sup.get(`/staff/notify/batches/${jianshiBatch.id}.ods`)).statusCode).toBe(403);
      const page2 = await sup.get('/staff/notify/batches');
      expect((await sup.post(`/staff/notify/batches/${jianshiBatch.id}/handover`, { _csrf: csrfOf(page2.body), office: 'zhubei', date: '115/11/24' })).statusCode).toBe(403);
    });

    it('"handed over" checks the day beside the field, then acknowledges the batch’s notices on that day, once', async () => {
      const [batch] = await batches();
      const page = await sup.get('/staff/notify/batches');
      const url = `/staff/notify/batches/${batch!.id}/handover`;
      const future = await sup.post(url, { _csrf: csrfOf(page.body), office: 'zhubei', date: '115/11/25' });
      expect(future.statusCode).toBe(422);
      expect(future.body).toContain('交付日期不可晚於今天');
      expect(future.body).toContain('value="115/11/25"');
      const before = await sup.post(url, { _csrf: csrfOf(page.body), office: 'zhubei', date: '115/11/20' });
      expect(before.statusCode).toBe(422);
      expect(before.body).toContain('不可早於清冊製作日（民國115年11月24日）');
      const nonsense = await sup.post(url, { _csrf: csrfOf(page.body), office: 'zhubei', date: '115/13/40' });
      expect(nonsense.statusCode).toBe(422);
      expect((await batches())[0]!.handed_over_at).toBeNull();

      const done = await sup.post(url, { _csrf: csrfOf(page.body), office: 'zhubei', date: '115/11/24' });
      expect(done.statusCode).toBe(303);
      const dayStart = '2026-11-23T16:00:00.000Z';
      expect((await batches())[0]!.handed_over_at).toBe(dayStart);
      const rows = await notices(mine.map((n) => n.id));
      expect(rows.every((r) => r.status === 'acknowledged' && r.acked_at === dayStart)).toBe(true);
      const again = await sup.post(url, { _csrf: csrfOf(page.body), office: 'zhubei', date: '115/11/24' });
      expect(again.statusCode).toBe(303);
      expect((await sup.get('/staff/notify/batches')).body).toContain('先前已登記交付');
      const audit = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'notify.delivery.handover').execute();
      expect(audit).toEqual([{ detail: JSON.stringify({ date: '2026-11-24', notices: 3 }) }]);
    });
  });
}
