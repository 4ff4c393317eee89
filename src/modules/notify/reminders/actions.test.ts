import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { tools } from '../../../../test/tools.js';
import { addEntry, auditOf, contactsOf, reminderRow, signedIn } from './testing.js';

const PDFTOTEXT = tools.pdftotext();

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the reminders register: letters, texts, calls, outcomes, CSV lists`, () => {
    const now = new Date('2026-11-25T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());
    const db = () => t.database.db;
    const csrf = async (a: Agent, id: number) => csrfOf((await a.get(`/staff/notify/reminders/${id}`)).body);

    it('a letter moves the entry to reminded, with its contact and audit line; the PDF says what, by when, what to bring and the fine', async () => {
      const a = await signedIn(t.app);
      // a judgment final on 1 October: due 31 October, a Saturday, so Monday 2 November; 23 days late today
      const id = await addEntry(a, { kind: 'court_judgment', name: '林志明', idNumber: '', phone: '', sourceRef: '臺灣新竹地方法院115年度婚字第123號', eventDate: '115/10/01' });
      const sent = await a.post(`/staff/notify/reminders/${id}/letter`, { _csrf: await csrf(a, id) });
      expect(sent.statusCode).toBe(303);
      const [contact] = await contactsOf(db(), id);
      expect(contact).toMatchObject({ channel: 'letter' });
      expect(contact?.letter_code).toMatch(/^R261125[0-9A-F]{8}$/);
      expect((await reminderRow(db(), id)).status).toBe('reminded');
      expect((await auditOf(db(), id)).map((r) => [r.action, JSON.parse(r.detail ?? '{}')])).toEqual([
        ['notify.reminders.create', { kind: 'court_judgment', via: 'form' }],
        ['notify.reminders.contact', { channel: 'letter', contact: contact?.id, status: 'reminded', letter: contact?.letter_code }],
      ]);
      const page = await a.get(`/staff/notify/reminders/${id}`);
      const href = `/staff/notify/reminders/letter/${contact?.letter_code}.pdf`;
      expect(page.body).toContain(`href="${href}"`);
      const pdf = await a.get(href);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      if (PDFTOTEXT) {
        const dir = mkdtempSync(path.join(tmpdir(), 'hz-reminder-'));
        writeFileSync(path.join(dir, 'letter.pdf'), pdf.rawPayload);
        const text = execFileSync(PDFTOTEXT, [path.join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        for (const s of ['新竹縣竹北市戶政事務所', '戶籍登記提醒函', '受文者：林志明', '民國115年11月2日', '判決確定後的戶籍登記', '臺灣新竹地方法院115年度婚字第123號', '法院判決書正本及判決確定證明書', '戶口名簿', '逾法定期間23日', '新臺幣500元', '發文日期：民國115年11月25日']) {
          expect(text).toContain(s);
        }
        // the divorce agreement is what a judgment replaces: not asked for
        expect(text).not.toContain('離婚協議書');
      }
      // another office's clerk cannot open the letter
      expect((await (await signedIn(t.app, 'clerk.jianshi')).get(href)).statusCode).toBe(404);
    });

    it('the move and its audit line are one transaction: a refused audit line leaves no contact and the entry open', async () => {
      const a = await signedIn(t.app);
      const id = await addEntry(a, { name: '張家豪', sourceRef: '出生通報第1150500號' });
      if (kind === 'sqlite') {
        await sql`CREATE TRIGGER refuse_contact BEFORE INSERT ON audit_log WHEN NEW.action = 'notify.reminders.contact' BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(db());
      } else {
        await sql`CREATE FUNCTION refuse_contact() RETURNS trigger AS $$ BEGIN IF NEW.action = 'notify.reminders.contact' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(db());
        await sql`CREATE TRIGGER refuse_contact BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_contact()`.execute(db());
      }
      try {
        const token = await csrf(a, id);
        expect((await a.post(`/staff/notify/reminders/${id}/letter`, { _csrf: token })).statusCode).toBe(500);
        expect((await a.post(`/staff/notify/reminders/${id}/message`, { _csrf: token, channel: 'sms', n: '1' })).statusCode).toBe(500);
        expect((await a.post(`/staff/notify/reminders/${id}/contact`, { _csrf: token, channel: 'phone', note: '通話' })).statusCode).toBe(500);
      } finally {
        await sql`DROP TRIGGER refuse_contact${sql.raw(kind === 'postgres' ? ' ON audit_log' : '')}`.execute(db());
        if (kind === 'postgres') await sql`DROP FUNCTION refuse_contact()`.execute(db());
      }
      expect(await contactsOf(db(), id)).toEqual([]);
      expect((await reminderRow(db(), id)).status).toBe('open');
      expect(await db().selectFrom('citizen_message').select('id').where('reminder_id', '=', id).execute()).toEqual([]);
    });

    it('queues a text once per click, whatever the double clicks; the phone and text stay out of the job', async () => {
      const a = await signedIn(t.app);
      const id = await addEntry(a, { name: '吳雅婷', sourceRef: '出生通報第1150600號' });
      const page = await a.get(`/staff/notify/reminders/${id}`);
      expect(page.body).toContain('name="n" value="1"');
      const click = () => a.post(`/staff/notify/reminders/${id}/message`, { _csrf: csrfOf(page.body), channel: 'sms', n: '1' });
      const [first, second] = [await click(), await click()];
      expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
      const messages = await db().selectFrom('citizen_message').selectAll().where('reminder_id', '=', id).execute();
      expect(messages.map((m) => [m.purpose, m.channel, m.parts, m.dedupe_key, m.status])).toEqual([['reminder', 'sms', 1, `reminder:${id}:1`, 'queued']]);
      const text = JSON.parse(t.services.vault.decrypt(messages[0]?.body_enc ?? '')).text as string;
      expect(text).toBe('新竹縣竹北市戶政事務所提醒：吳雅婷請於民國115年12月31日前辦理出生登記，逾期依法處罰鍰。電話(03) 555-0101');
      expect(text.length).toBeLessThanOrEqual(70);
      expect(t.services.vault.decrypt(messages[0]?.to_enc ?? '')).toBe('0912345678');
      const contacts = await contactsOf(db(), id);
      expect(contacts.map((c) => [c.channel, c.note])).toEqual([['sms', '0912***678']]);
      const jobs = await db().selectFrom('job').select(['payload']).where('kind', '=', 'notify.message').execute();
      for (const j of jobs) expect(j.payload).not.toMatch(/0912|吳雅婷/);
      // the page drawn again offers the next contact: a new click is a new text
      const next = await a.get(`/staff/notify/reminders/${id}`);
      expect(next.body).toContain('name="n" value="2"');
      expect((await a.post(`/staff/notify/reminders/${id}/message`, { _csrf: csrfOf(next.body), channel: 'sms', n: '2' })).statusCode).toBe(303);
      expect((await db().selectFrom('citizen_message').select('id').where('reminder_id', '=', id).execute()).length).toBe(2);
      // no e-mail address, no e-mail
      const none = await a.post(`/staff/notify/reminders/${id}/message`, { _csrf: csrfOf(next.body), channel: 'email', n: '3' });
      expect(none.statusCode).toBe(422);
      expect(none.body).toContain('沒有電子郵件地址');
    });

    it('records a call or a visit with its note, then the outcome; a finished entry takes no more contacts', async () => {
      const a = await signedIn(t.app);
      const id = await addEntry(a, { name: '李美玲', sourceRef: '出生通報第1150700號', phone: '' });
      const token = await csrf(a, id);
      const empty = await a.post(`/staff/notify/reminders/${id}/contact`, { _csrf: token, channel: 'visit', note: '' });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('f-note-error');
      expect((await a.post(`/staff/notify/reminders/${id}/contact`, { _csrf: token, channel: 'visit', note: '家訪未遇，留下通知單。' })).statusCode).toBe(303);
      expect((await reminderRow(db(), id)).status).toBe('reminded');
      // a registration date is needed, not before the birth, not after today
      for (const [on, code] of [
        ['', 422],
        ['115/10/31', 422],
        ['115/11/26', 422],
      ] as const) {
        const r = await a.post(`/staff/notify/reminders/${id}/resolve`, { _csrf: token, outcome: 'registered', on, reason: '' });
        expect(r.statusCode).toBe(code);
        expect(r.body).toContain('f-on-error');
      }
      expect((await a.post(`/staff/notify/reminders/${id}/resolve`, { _csrf: token, outcome: 'registered', on: '115/11/24', reason: '' })).statusCode).toBe(303);
      expect(await reminderRow(db(), id)).toMatchObject({ status: 'registered', resolved_on: '2026-11-24' });
      const late = await a.post(`/staff/notify/reminders/${id}/contact`, { _csrf: token, channel: 'phone', note: '再打一次' });
      expect(late.statusCode).toBe(409);
      expect((await a.post(`/staff/notify/reminders/${id}/resolve`, { _csrf: token, outcome: 'closed', reason: '重複' })).statusCode).toBe(409);
      expect((await auditOf(db(), id)).map((r) => r.action)).toEqual(['notify.reminders.create', 'notify.reminders.contact', 'notify.reminders.resolve']);

      const other = await addEntry(a, { name: '高志強', sourceRef: '出生通報第1150701號' });
      const noReason = await a.post(`/staff/notify/reminders/${other}/resolve`, { _csrf: token, outcome: 'closed', reason: '' });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.body).toContain('f-reason-error');
      expect((await a.post(`/staff/notify/reminders/${other}/resolve`, { _csrf: token, outcome: 'closed', reason: '已遷出轄區' })).statusCode).toBe(303);
      expect(await reminderRow(db(), other)).toMatchObject({ status: 'closed', resolved_on: '2026-11-25', outcome_note: '已遷出轄區' });
    });

    it('imports a CSV list all or nothing: one bad row stores no row and names row and column', async () => {
      const a = await signedIn(t.app);
      const page = await a.get('/staff/notify/reminders/import');
      expect(page.body).toContain('身分證統一編號<br/><span class="muted" lang="en">id_number</span>');
      const count = async () => (await db().selectFrom('reminder').select('id').execute()).length;
      const before = await count();
      const header = '類別,姓名,身分證統一編號,地址,電話,電子郵件,來源字號,事件日期';
      const good = ['出生通報,陳美華,,新竹縣竹北市光明六路20號,0912000111,,出生通報第1150800號,115/11/10', '法院判決,林大同,A123456789,新竹縣竹北市中正西路5號,,lin@example.com,臺灣新竹地方法院115年度家字第5號,1151020'];
      const upload = (lines: string[], bom = true) =>
        a.postMultipart('/staff/notify/reminders/import', { _csrf: csrfOf(page.body) }, { field: 'file', name: 'list.csv', type: 'text/csv', bytes: new TextEncoder().encode(`${bom ? '\uFEFF' : ''}${[header, ...lines].join('\r\n')}\r\n`) });
      const bad = await upload([...good, '死亡通報,王大明家屬,,竹北市,,,死亡通報第1150900號,115/13/01']);
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('第 4 列，事件日期：');
      expect(await count()).toBe(before);
      const ok = await upload(good, false);
      expect(ok.statusCode).toBe(303);
      expect(await count()).toBe(before + 2);
      const audit = await db().selectFrom('audit_log').select('detail').where('action', '=', 'notify.reminders.create').where('detail', 'like', '%csv%').execute();
      expect(audit.length).toBe(2);
      // the same list again: refused as a whole, naming the first row already there
      const again = await upload(good);
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('第 2 列');
      expect(await count()).toBe(before + 2);
      // a forged request without the page's token is refused
      const forged = await a.postMultipart('/staff/notify/reminders/import', { _csrf: 'nope' }, { field: 'file', name: 'list.csv', type: 'text/csv', bytes: new TextEncoder().encode(header) });
      expect(forged.statusCode).toBe(403);
    });
  });
}
