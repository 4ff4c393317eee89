import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { LOOKUP_PER_MINUTE } from './routes.js';

const PDFTOTEXT = '/usr/bin/pdftotext';
// a missing poppler shows as a skipped test; under CI it is a failure (the test runs and says why)
const SKIP_PDF_TEXT = !existsSync(PDFTOTEXT) && process.env.CI !== 'true';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] guides, cases, notice slips, look-up and lost ID over HTTP`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let now = new Date('2026-11-24T02:00:00Z');
    let caseNumber = '';
    let reference = '';
    let slipCode = '';
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    it('publishes guides with documents, basis, fee, deadline, and the fee and fine tables', async () => {
      const a = new Agent(t.app);
      const list = await a.get('/guides');
      expect(list.body).toContain('出生登記');
      const birth = await a.get('/guides/birth');
      expect(birth.body).toContain('出生證明書');
      expect(birth.body).toContain('民法第1059條');
      expect(birth.body).toContain('出生後 60 日內申請');
      const fees = await a.get('/fees');
      for (const s of ['戶籍謄本（每張）', '>15<', '>200<', '181 日以上', '>900<']) expect(fees.body).toContain(s);
      const pdf = await a.get('/guides/marriage.pdf');
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('lets a clerk open a case, keeping what was typed on a bad ID', async () => {
      const c = new Agent(t.app);
      await c.signIn('clerk.zhubei', DEMO_PASSWORD);
      const form = await c.get('/staff/cases/new');
      const bad = await c.post('/staff/cases', { _csrf: csrfOf(form.body), guide: 'house-number-assignment', name: '陳大文', idNumber: 'A123456788', birthDate: '69/05/06' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('檢查碼不符');
      expect(bad.body).toContain('value="陳大文"');
      expect(await t.database.db.selectFrom('case_file').select('id').execute()).toHaveLength(0);
      const noTicket = await c.post('/staff/cases', { _csrf: csrfOf(form.body), guide: 'house-number-assignment', name: '陳大文', idNumber: 'A123456789', birthDate: '69/05/06', ticket: 'A999' });
      expect(noTicket.statusCode).toBe(422);
      expect(noTicket.body).toContain('今天沒有這個號碼');
      const kiosk = await new Agent(t.app).get('/o/zhubei/kiosk');
      const kioskAgent = new Agent(t.app);
      const kp = await kioskAgent.get('/o/zhubei/kiosk');
      const sid = /name="serviceId" value="(\d+)"/.exec(kp.body)?.[1];
      await kioskAgent.post('/o/zhubei/kiosk/ticket', { _csrf: csrfOf(kp.body), serviceId: sid!, priority: '0' });
      expect(kiosk.statusCode).toBe(200);
      const ok = await c.post('/staff/cases', { _csrf: csrfOf(form.body), guide: 'house-number-assignment', name: '陳大文', idNumber: 'a123456789', birthDate: '69/05/06', email: 'chen@example.com', ticket: 'a001' });
      expect(ok.statusCode).toBe(303);
      const detail = await c.get(ok.headers.location as string);
      expect(detail.body).toContain('A12****789');
      expect(detail.body).not.toContain('A123456789');
      caseNumber = /(\d+-1151124-\d{4})/.exec(detail.body)?.[1] ?? '';
      expect(caseNumber).not.toBe('');
      // the receipt the clerk gives: the public reference beside the office's number
      reference = /class="case-reference">([^<]+)</.exec(detail.body)?.[1] ?? '';
      expect(reference).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);
      expect(detail.body).toContain(`已收件，案件編號 ${caseNumber}，民眾查詢碼 ${reference}。`);
      const slip = await c.post(`${ok.headers.location}/slip`, { _csrf: csrfOf(detail.body), missing: '1', slipNote: '請附入口照片', within: '5' });
      expect(slip.statusCode).toBe(303);
      slipCode = (slip.headers.location as string).split('/').pop()!;
      const linked = await t.database.db.selectFrom('case_file').innerJoin('ticket', 'ticket.id', 'case_file.ticket_id').select(['ticket.label']).executeTakeFirstOrThrow();
      expect(linked.label).toBe('A001');
      const views = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'case.view').execute();
      expect(views.length).toBeGreaterThan(0);
    });

    it('shows the slip with every missing item, basis, date, officer and office, as a page and a PDF', async () => {
      const a = new Agent(t.app);
      const page = await a.get(`/n/${slipCode}`);
      expect(page.body).toContain('建物使用執照影本（或合法房屋證明）');
      expect(page.body).toContain('請附入口照片');
      expect(page.body).toContain('王小華');
      expect(page.body).toContain('民國115年12月1日');
      // the citizen's slip names the case by the reference they look it up with, not the office's number
      expect(page.body).toContain(`案件查詢碼：${reference}`);
      expect(page.body).not.toContain(caseNumber);
      const pdf = await a.get(`/n/${slipCode}.pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it.skipIf(SKIP_PDF_TEXT)('prints the slip PDF as real text (pdftotext)', async () => {
      expect(existsSync(PDFTOTEXT), `${PDFTOTEXT} (poppler-utils) is needed to check the PDF text`).toBe(true);
      const pdf = await new Agent(t.app).get(`/n/${slipCode}.pdf`);
      const dir = mkdtempSync(path.join(tmpdir(), 'hz-slip-'));
      writeFileSync(path.join(dir, 'slip.pdf'), pdf.rawPayload);
      const text = execFileSync(PDFTOTEXT, [path.join(dir, 'slip.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('一次告知單');
      expect(text).toContain('建物使用執照影本');
      expect(text).toContain('王小華');
      expect(text).toContain(reference);
      expect(text).not.toContain(caseNumber);
    });

    /** Another reference of the same shape: the last character moved along the alphabet. */
    const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
    const otherReference = (r: string) => `${r.slice(0, -1)}${ALPHABET[(ALPHABET.indexOf(r.slice(-1)) + 1) % 32]}`;

    it('finds the case by its reference and ID or birth date; a wrong reference and a wrong ID get the same answer', async () => {
      const a = new Agent(t.app);
      const page = await a.get('/cases/lookup');
      const byId = await a.post('/cases/lookup', { _csrf: csrfOf(page.body), number: reference, idNumber: 'A123456789' });
      expect(byId.statusCode).toBe(200);
      expect(byId.body).toContain('待補正文件');
      expect(byId.body).toContain('建物使用執照影本');
      expect(byId.body).toContain(reference);
      expect(byId.body).not.toContain(caseNumber);
      const byBirth = await a.post('/cases/lookup', { _csrf: csrfOf(page.body), number: reference.toLowerCase(), birthDate: '1980-05-06' });
      expect(byBirth.body).toContain('待補正文件');
      const wrongId = await a.post('/cases/lookup', { _csrf: csrfOf(page.body), number: reference, idNumber: 'F131104093' });
      const wrongNumber = await a.post('/cases/lookup', { _csrf: csrfOf(page.body), number: otherReference(reference), idNumber: 'A123456789' });
      expect(wrongId.statusCode).toBe(404);
      expect(wrongNumber.statusCode).toBe(404);
      const msg = (b: string) => /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(b)?.[1];
      expect(msg(wrongId.body)).toBe(msg(wrongNumber.body));
      expect(wrongId.body).not.toContain('F131104093');
      // the office's running number is sequential, so it no longer opens the case
      const byRunningNumber = await a.post('/cases/lookup', { _csrf: csrfOf(page.body), number: caseNumber, idNumber: 'A123456789' });
      expect(byRunningNumber.statusCode).toBe(404);
      expect(byRunningNumber.body.replaceAll(caseNumber, '«typed»')).toBe(wrongNumber.body.replaceAll(otherReference(reference), '«typed»'));
    });

    it('locks a case after 5 wrong birth dates: the right one then gets the wrong-number page, until 15 minutes pass', async () => {
      const start = now;
      const a = new Agent(t.app);
      // its own address, so the per-address limit (10 a minute) stays out of the way
      const post = async (form: Record<string, string>) => a.post('/cases/lookup', { _csrf: csrfOf((await a.get('/cases/lookup')).body), ...form }, {}, '10.7.7.7');
      try {
        for (const birthDate of ['1980-05-01', '1980-05-02', '1980-05-03', '1980-05-04', '1980-05-05']) expect((await post({ number: reference, birthDate })).statusCode).toBe(404);
        const locked = await post({ number: reference, birthDate: '1980-05-06' });
        const wrongNumber = await post({ number: otherReference(reference), birthDate: '1980-05-06' });
        expect(locked.statusCode).toBe(404);
        expect(wrongNumber.statusCode).toBe(404);
        // byte for byte the same page, once the echoed input is set aside
        expect(locked.body.replaceAll(reference, '«typed»')).toBe(wrongNumber.body.replaceAll(otherReference(reference), '«typed»'));
        now = new Date(start.getTime() + 14 * 60_000);
        expect((await post({ number: reference, birthDate: '1980-05-06' })).statusCode).toBe(404);
        now = new Date(start.getTime() + 15 * 60_000);
        const found = await post({ number: reference, birthDate: '1980-05-06' });
        expect(found.statusCode).toBe(200);
        expect(found.body).toContain('待補正文件');
      } finally {
        now = start;
      }
    });

    it(`rate-limits look-ups to ${LOOKUP_PER_MINUTE} a minute per address`, async () => {
      expect(LOOKUP_PER_MINUTE).toBe(10); // the limit the README documents
      const a = new Agent(t.app);
      const page = await a.get('/cases/lookup');
      const form = { _csrf: csrfOf(page.body), number: 'X', birthDate: '1980-01-01' };
      const codes: number[] = [];
      for (let i = 0; i < LOOKUP_PER_MINUTE + 1; i++) codes.push((await a.post('/cases/lookup', form, {}, '10.9.9.9')).statusCode);
      expect(codes).toEqual([...Array.from({ length: LOOKUP_PER_MINUTE }, () => 404), 429]);
      // the limit belongs to that address only
      expect((await a.post('/cases/lookup', form, {}, '10.9.9.10')).statusCode).toBe(404);
    });

    it('reports a lost ID, refuses a second report, checks it, and revokes only with the right password', async () => {
      const a = new Agent(t.app);
      const form = await a.get('/lost-id');
      const data = { office: 'zhubei', idNumber: 'F131104093', name: '林小美', birthDate: '1990-01-02', address: '新竹縣竹北市光明六路 10 號', contact: '0912-345-678', password: 'my-secret', passwordConfirm: 'my-secret' };
      const mismatch = await a.post('/lost-id', { _csrf: csrfOf(form.body), ...data, passwordConfirm: 'other' });
      expect(mismatch.statusCode).toBe(422);
      expect(mismatch.body).toContain('兩次輸入的密碼不一致');
      expect(mismatch.body).not.toContain('my-secret');
      const done = await a.post('/lost-id', { _csrf: csrfOf(form.body), ...data });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('已完成掛失');
      expect((await a.post('/lost-id', { _csrf: csrfOf(form.body), ...data })).statusCode).toBe(409);
      const row = await t.database.db.selectFrom('lost_id_report').selectAll().executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain('F131104093');
      expect(JSON.stringify(row)).not.toContain('林小美');
      const status = await a.post('/lost-id/status', { _csrf: csrfOf(form.body), idNumber: 'F131104093', birthDate: '1990-01-02' });
      expect(status.body).toContain('起掛失中');
      const wrong = await a.post('/lost-id/revoke', { _csrf: csrfOf(form.body), idNumber: 'F131104093', birthDate: '1990-01-02', password: 'guess' });
      expect(wrong.statusCode).toBe(404);
      const wrongBirth = await a.post('/lost-id/revoke', { _csrf: csrfOf(form.body), idNumber: 'F131104093', birthDate: '1990-01-03', password: 'my-secret' });
      expect(wrongBirth.statusCode).toBe(404);
      const staff = new Agent(t.app);
      await staff.signIn('clerk.zhubei', DEMO_PASSWORD);
      const list = await staff.get('/staff/lost-id');
      expect(list.body).toContain('F13****093');
      expect(list.body).toContain('林小美');
      expect(list.body).not.toContain('F131104093');
      const ok = await a.post('/lost-id/revoke', { _csrf: csrfOf(form.body), idNumber: 'F131104093', birthDate: '1990-01-02', password: 'my-secret' });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('已撤銷掛失');
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'lostid.%').execute();
      expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['lostid.report', 'lostid.view', 'lostid.revoke']));
    });
  });
}
