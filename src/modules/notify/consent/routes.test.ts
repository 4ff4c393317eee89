import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { tools } from '../../../../test/tools.js';
import type { StaffPrincipal } from '../../../platform/auth/roles.js';
import { DEMO_PASSWORD } from '../../staff/index.js';
import { openBody } from '../body.js';
import { closedCase, seedAgencies, seedChecklist, staffOf } from './testing.js';

const PDFTOTEXT = tools.pdftotext();

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the consent page over HTTP`, () => {
    const now = new Date('2026-11-24T03:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let clerk: StaffPrincipal;
    let ids: Record<string, number>;
    const deps = () => ({ database: t.database, vault: t.services.vault, clock: () => now, baseUrl: t.config.publicBaseUrl });
    const signedIn = async (user = 'clerk.zhubei') => {
      const a = new Agent(t.app);
      await a.signIn(user, DEMO_PASSWORD);
      return a;
    };
    const count = async (caseId: number) => ({
      consents: (await t.database.db.selectFrom('notify_consent').select('id').where('case_id', '=', caseId).execute()).length,
      notices: (await t.database.db.selectFrom('notify_notice').select('id').where('case_id', '=', caseId).execute()).length,
    });

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      clerk = await staffOf(t.database.db, 'clerk.zhubei');
      ids = await seedAgencies(t.database.db, clerk.countyId ?? 0, now);
      await seedChecklist(t.database.db, 'move-in', now);
    });
    afterAll(async () => t?.dispose());

    it('sends the clerk to the consent page when a life event closes, and links it from the case', async () => {
      const a = await signedIn();
      const caseId = await closedCase(deps(), clerk, 'move-in', { close: false });
      const page = await a.get(`/staff/cases/${caseId}`);
      expect(page.body).toContain(`href="/staff/notify/cases/${caseId}"`);
      expect(page.body).toContain('跨機關通報與後續服務');
      const moved = await a.post(`/staff/cases/${caseId}/move`, { _csrf: csrfOf(page.body), to: 'closed' });
      expect(moved.statusCode).toBe(303);
      expect(moved.headers.location).toBe(`/staff/notify/cases/${caseId}`);
      // a case of a guide that is no life event keeps its own page, and has no link
      const other = await a.post('/staff/cases', { _csrf: csrfOf(page.body), guide: 'transcript', name: '林美玲', idNumber: 'A223456781', birthDate: '74/03/14' });
      const otherId = Number(String(other.headers.location).split('/').pop());
      for (const to of ['approved', 'closed']) {
        const r = await a.post(`/staff/cases/${otherId}/move`, { _csrf: csrfOf(page.body), to });
        expect(r.headers.location).toBe(`/staff/cases/${otherId}`);
      }
      expect((await a.get(`/staff/cases/${otherId}`)).body).not.toContain('/staff/notify/cases/');
      expect((await a.get(`/staff/notify/cases/${otherId}`)).statusCode).toBe(404);
    });

    it('asks for the read-back, keeps what was typed, then records and shows each notice', async () => {
      const a = await signedIn();
      const caseId = await closedCase(deps(), clerk, 'move-in', { email: 'lin@example.com' });
      const form = await a.get(`/staff/notify/cases/${caseId}`);
      expect(form.statusCode).toBe(200);
      for (const s of ['竹北地政事務所', '將收到：姓名、事件日期、身分證統一編號、新住址', '地政', '自來水', 'value="115/11/24"', 'value="lin@example.com"', '新住址']) expect(form.body).toContain(s);
      expect(form.body).not.toContain('舊電信公司'); // inactive
      const token = csrfOf(form.body);
      const chosen = new URLSearchParams({ _csrf: token, eventDate: '115/11/24', channel: 'email', email: 'lin@example.com', address: '竹北市光明六路 10 號' });
      chosen.append('recipient', String(ids['land-zhubei']));
      chosen.append('recipient', String(ids['water-3']));
      const post = (body: URLSearchParams) =>
        t.app.inject({ method: 'POST', url: `/staff/notify/cases/${caseId}`, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `hz_sid=${a.cookie('hz_sid')}` } });
      const noReadBack = await post(chosen);
      expect(noReadBack.statusCode).toBe(422);
      expect(noReadBack.body).toContain('請向民眾唸出勾選的機關並確認同意後，再勾選這一項。');
      expect(noReadBack.body).toContain('value="竹北市光明六路 10 號"');
      expect(noReadBack.body).toMatch(new RegExp(`value="${ids['water-3']}"[^>]*checked`));
      expect(await count(caseId)).toEqual({ consents: 0, notices: 0 });
      chosen.set('readBack', '1');
      const ok = await post(chosen);
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe(`/staff/notify/cases/${caseId}`);
      await t.database.db.updateTable('notify_notice').set({ status: 'acknowledged', acked_at: now.toISOString() }).where('recipient_id', '=', ids['land-zhubei'] ?? 0).execute();
      const status = await a.get(`/staff/notify/cases/${caseId}`);
      for (const s of ['已通報 2 個機關：1 已確認收到，1 待送出', '各機關通報狀態', '竹北地政事務所', '民國115年11月24日 11:00', '/staff/notify/consent/', '/f/']) expect(status.body).toContain(s);
      // a second submit (a double click) says it was recorded and doubles nothing
      const again = await post(chosen);
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('這個案件的通報同意已經記錄過了，不會重複通報。');
      expect(await count(caseId)).toEqual({ consents: 1, notices: 2 });
      const slip = /href="(\/staff\/notify\/consent\/[\w-]+\.pdf)"/.exec(status.body)?.[1] ?? '';
      const pdf = await a.get(slip);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      if (PDFTOTEXT) {
        const dir = mkdtempSync(path.join(tmpdir(), 'hz-consent-'));
        writeFileSync(path.join(dir, 'slip.pdf'), pdf.rawPayload);
        const text = execFileSync(PDFTOTEXT, ['-layout', path.join(dir, 'slip.pdf'), '-'], { encoding: 'utf8' });
        for (const s of ['新竹縣竹北市戶政事務所', '跨機關通報同意書', '民國115年11月24日', '竹北地政事務所', '台灣自來水公司第三區管理處', '個人資料保護法第 15 條、第 16 條', '申請人簽名']) expect(text.replace(/ {2,}/g, ' ')).toContain(s);
      }
      // another office's clerk sees neither the page nor the slip
      const stranger = await signedIn('clerk.jianshi');
      expect((await stranger.get(`/staff/notify/cases/${caseId}`)).statusCode).toBe(404);
      expect((await stranger.get(slip)).statusCode).toBe(404);
      const strangerForm = await stranger.get('/staff');
      expect((await stranger.post(`/staff/notify/cases/${caseId}`, { _csrf: csrfOf(strangerForm.body), channel: 'none', eventDate: '115/11/24' })).statusCode).toBe(404);
    });

    it('records a refusal when no agency is chosen, with a slip that says so', async () => {
      const a = await signedIn();
      const caseId = await closedCase(deps(), clerk, 'move-in');
      const form = await a.get(`/staff/notify/cases/${caseId}`);
      const r = await a.post(`/staff/notify/cases/${caseId}`, { _csrf: csrfOf(form.body), eventDate: '115/11/24', channel: 'print' });
      expect(r.statusCode).toBe(303);
      const status = await a.get(`/staff/notify/cases/${caseId}`);
      expect(status.body).toContain('已記錄：民眾不同意通報。');
      expect(status.body).toContain('民眾不同意通報');
      expect(await count(caseId)).toEqual({ consents: 1, notices: 0 });
      if (PDFTOTEXT) {
        const slip = /href="(\/staff\/notify\/consent\/[\w-]+\.pdf)"/.exec(status.body)?.[1] ?? '';
        const dir = mkdtempSync(path.join(tmpdir(), 'hz-consent-'));
        writeFileSync(path.join(dir, 'slip.pdf'), (await a.get(slip)).rawPayload);
        expect(execFileSync(PDFTOTEXT, [path.join(dir, 'slip.pdf'), '-'], { encoding: 'utf8' })).toContain('本人不同意');
      }
    });

    it('lets one of four parallel submits through', async () => {
      const a = await signedIn();
      const caseId = await closedCase(deps(), clerk, 'move-in');
      const token = csrfOf((await a.get(`/staff/notify/cases/${caseId}`)).body);
      const form = { _csrf: token, eventDate: '115/11/24', channel: 'none', recipient: String(ids['land-zhubei']), address: '竹北市 1 號', readBack: '1' };
      const answers = await Promise.all([1, 2, 3, 4].map(() => a.post(`/staff/notify/cases/${caseId}`, form)));
      expect(answers.map((r) => r.statusCode).sort()).toEqual([303, 409, 409, 409]);
      expect(await count(caseId)).toEqual({ consents: 1, notices: 1 });
      const notice = await t.database.db.selectFrom('notify_notice').select('body_enc').where('case_id', '=', caseId).executeTakeFirstOrThrow();
      expect(Object.keys(openBody(t.services.vault, notice.body_enc ?? '').fields).sort()).toEqual(['address', 'event_date', 'id_number', 'name']);
    });
  });
}
