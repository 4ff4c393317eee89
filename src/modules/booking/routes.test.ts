import { solveChallenge } from 'altcha-lib';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { officeScope, writeSetting } from '../../platform/settings.js';
import { DEMO_PASSWORD } from '../staff/index.js';

const at = (iso: string) => new Date(`${iso}+08:00`);
const DETAILS = '/o/zhubei/booking/registration/details?day=2026-11-26&starts=09:00';
const person = (idNumber: string) => ({ day: '2026-11-26', starts: '09:00', slots: '1', name: '王小明', idNumber, birthDate: '69/05/06', phone: '0912-345-678', email: 'ming@example.com' });

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] booking over HTTP`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let now = at('2026-11-25T10:00:00');
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    async function bookThrough(a: Agent, idNumber: string) {
      const page = await a.get(DETAILS);
      const token = csrfOf(page.body);
      const check = await a.post('/o/zhubei/booking/registration/check', { _csrf: token, ...person(idNumber) });
      expect(check.statusCode).toBe(200);
      return a.post('/o/zhubei/booking/registration/confirm', { _csrf: csrfOf(check.body), ...person(idNumber), stamp: /name="stamp" value="([^"]+)"/.exec(check.body)?.[1] ?? '' });
    }

    it('walks service → day → time with full times shown as full', async () => {
      const a = new Agent(t.app);
      expect((await a.get('/booking')).body).toContain('假日結婚登記');
      const days = await a.get('/o/zhubei/booking/nationality');
      expect(days.body).toContain('/o/zhubei/booking/nationality/2026-11-26');
      expect(days.body).not.toContain('/o/zhubei/booking/nationality/2026-11-28'); // a Saturday
      const times = await a.get('/o/zhubei/booking/nationality/2026-11-26');
      expect(times.body).toContain('value="08:30"');
      expect(times.body).toContain('尚餘 1 個名額');
    });

    it('an old link to a day gone by lands on the service page saying why', async () => {
      now = at('2026-11-25T10:00:00');
      const a = new Agent(t.app);
      for (const url of ['/o/zhubei/booking/registration/2026-11-20', '/o/zhubei/booking/registration/details?day=2026-11-20&starts=09:00']) {
        const res = await a.get(url);
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe('/o/zhubei/booking/registration');
        const landed = await a.get('/o/zhubei/booking/registration');
        expect(landed.body).toContain('您開啟的日期目前無法預約（已經過了、已截止、尚未開放或當天不受理），請從下面重新選擇日期。');
        // said once: the next visit of the page is quiet
        expect((await a.get('/o/zhubei/booking/registration')).body).not.toContain('您開啟的日期已經過了');
      }
    });

    it('counts a home visit in two steps (no day or time to choose), a counter booking in four', async () => {
      const a = new Agent(t.app);
      expect((await a.get('/o/zhubei/booking/home-visit/details')).body).toContain('第 1 步，共 2 步');
      expect((await a.get(DETAILS)).body).toContain('第 3 步，共 4 步');
    });

    it('explains each bad answer beside its field, keeps what was typed, and stores nothing', async () => {
      const a = new Agent(t.app);
      const token = csrfOf((await a.get(DETAILS)).body);
      const res = await a.post('/o/zhubei/booking/registration/check', { _csrf: token, ...person('A123456788'), birthDate: '1980-02-30', phone: 'abc' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('id="f-idNumber-error"');
      expect(res.body).toContain('id="f-birthDate-error"');
      expect(res.body).toContain('請輸入正確的電話號碼');
      expect(res.body).toContain('value="王小明"');
      const en = await a.post('/o/zhubei/booking/registration/check?lang=en', { _csrf: token, ...person('A123456788'), phone: 'abc' });
      expect(en.body).toContain('Enter a phone number');
      expect(await t.database.db.selectFrom('booking').select('id').execute()).toHaveLength(0);
    });

    it('checks answers with the ID masked, books, and shows the code, QR and calendar file', async () => {
      const a = new Agent(t.app);
      const token = csrfOf((await a.get(DETAILS)).body);
      const check = await a.post('/o/zhubei/booking/registration/check', { _csrf: token, ...person('A123456789') });
      expect(check.body).toContain('A12****789');
      const done = await a.post('/o/zhubei/booking/registration/confirm', { _csrf: token, ...person('A123456789') });
      expect(done.statusCode).toBe(303);
      const url = String(done.headers.location);
      expect(url).toMatch(/^\/b\/[\w-]{20}\?new=1$/);
      expect(url).not.toContain('A123456789');
      const page = await a.get(url);
      expect(page.body).toContain('預約完成');
      expect(page.body).toContain('<svg');
      const code = /class="booking-code">([^<]+)</.exec(page.body)?.[1] ?? '';
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const ics = await a.get(`${url.replace(/\?.*$/, '')}/booking.ics`);
      expect(ics.headers['content-type']).toContain('text/calendar');
      expect(ics.body).toContain('DTSTART:20261126T010000Z');

      // look-up: a wrong ID says the same as a wrong code
      const m = new Agent(t.app);
      const mt = csrfOf((await m.get('/booking/manage')).body);
      const wrongId = await m.post('/booking/manage', { _csrf: mt, code, idNumber: 'B123456780' });
      const wrongCode = await m.post('/booking/manage', { _csrf: mt, code: 'AAAA-AAAA', idNumber: 'A123456789' });
      expect(wrongId.statusCode).toBe(404);
      expect(wrongCode.statusCode).toBe(404);
      const msg = (body: string) => /<div class="error-summary"[^>]*>\s*<p>([^<]+)/.exec(body)?.[1];
      expect(msg(wrongId.body)).toBe(msg(wrongCode.body));
      const found = await m.post('/booking/manage', { _csrf: mt, code: code.toLowerCase(), idNumber: 'a123456789' });
      expect(found.headers.location).toBe(url.replace(/\?.*$/, ''));

      // the same person cannot take a second time that day
      const again = await bookThrough(new Agent(t.app), 'A123456789');
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('每人每天限預約一次');

      // cancel from the booking's page
      const cancelPage = await m.get(`${url.replace(/\?.*$/, '')}/cancel`);
      const cancelled = await m.post(`${url.replace(/\?.*$/, '')}/cancel`, { _csrf: csrfOf(cancelPage.body) });
      expect(cancelled.statusCode).toBe(303);
      expect((await m.get(url.replace(/\?.*$/, ''))).body).toContain('已取消');
    });

    it('rate-limits look-ups: 10 a minute from one address', async () => {
      const a = new Agent(t.app);
      const token = csrfOf((await a.get('/booking/manage')).body);
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) codes.push((await a.post('/booking/manage', { _csrf: token, code: 'AAAA-AAAA', idNumber: 'A123456789' }, {}, '10.9.9.9')).statusCode);
      expect(codes.slice(0, 10).every((c) => c === 404)).toBe(true);
      expect(codes[10]).toBe(429);
    });

    it('on a hot date asks for a proof of work, and accepts a solved one', async () => {
      const office = await t.database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      await writeSetting(t.database.db, officeScope(office.id), 'booking', { antiBot: 'always' }, null);
      const a = new Agent(t.app);
      const token = csrfOf((await a.get(DETAILS)).body);
      const check = await a.post('/o/zhubei/booking/registration/check', { _csrf: token, ...person('F131104093') });
      expect(check.body).toContain('data-pow="/booking/challenge"');
      const fast = await a.post('/o/zhubei/booking/registration/confirm', { _csrf: token, ...person('F131104093') });
      expect(fast.statusCode).toBe(429);
      expect(fast.body).toContain('送出太快');
      const c = JSON.parse((await a.get('/booking/challenge')).body) as { algorithm: string; challenge: string; salt: string; signature: string; maxnumber: number };
      const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
      const altcha = Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution?.number, salt: c.salt, signature: c.signature })).toString('base64');
      const ok = await a.post('/o/zhubei/booking/registration/confirm', { _csrf: token, ...person('F131104093'), altcha });
      expect(ok.statusCode).toBe(303);
      // a solution is good once
      const replay = await a.post('/o/zhubei/booking/registration/confirm', { _csrf: token, ...person('F131104093'), day: '2026-11-27', altcha });
      expect(replay.statusCode).toBe(429);
      // nor re-encoded: keys reordered and pretty-printed, with an extra field
      const reencoded = Buffer.from(JSON.stringify({ signature: c.signature, salt: c.salt, number: solution?.number, challenge: c.challenge, algorithm: c.algorithm, took: 900 }, null, 2)).toString('base64');
      const again = await a.post('/o/zhubei/booking/registration/confirm', { _csrf: token, ...person('F131104093'), day: '2026-11-27', altcha: reencoded });
      expect(again.statusCode).toBe(429);
      await writeSetting(t.database.db, officeScope(office.id), 'booking', {}, null);
    });

    it('without JavaScript: a stamp confirms only for the visitor and the time it was shown for, once, after the reading time', async () => {
      const office = await t.database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      await writeSetting(t.database.db, officeScope(office.id), 'booking', { antiBot: 'always' }, null);
      // the later tests book without a stamp: put the setting back even when this one fails
      onTestFinished(() => writeSetting(t.database.db, officeScope(office.id), 'booking', {}, null));
      now = at('2026-11-25T11:00:00');
      const slot = { starts: '10:00' };
      const a = new Agent(t.app);
      const check = await a.post('/o/zhubei/booking/registration/check', { _csrf: csrfOf((await a.get(DETAILS)).body), ...person('O124696708'), ...slot });
      expect(check.statusCode).toBe(200);
      const csrf = csrfOf(check.body);
      const stamp = /name="stamp" value="([^"]+)"/.exec(check.body)?.[1] ?? '';
      expect(stamp).toMatch(/^\d+\.[\w-]{22}\.[\w-]{43}$/);
      const confirm = (agent: Agent, token: string, extra: Record<string, string>) => agent.post('/o/zhubei/booking/registration/confirm', { _csrf: token, ...person('O124696708'), ...slot, stamp, ...extra });
      // too soon: refused, and the stamp is not used up by it
      expect((await confirm(a, csrf, {})).statusCode).toBe(429);
      now = new Date(now.getTime() + 9000);
      // another visitor (own cookie and CSRF token) with the harvested stamp
      const b = new Agent(t.app);
      expect((await confirm(b, csrfOf((await b.get(DETAILS)).body), {})).statusCode).toBe(429);
      // the same visitor, another time that day
      expect((await confirm(a, csrf, { starts: '10:30' })).statusCode).toBe(429);
      const ok = await confirm(a, csrf, {});
      expect(ok.statusCode).toBe(303);
      // used once: a second booking (another person, another time) with it is refused as a bot, not as a duplicate
      const twice = await confirm(a, csrf, { idNumber: 'M220412849' });
      expect(twice.statusCode).toBe(429);
      expect(twice.body).toContain('送出太快');
      const held = await t.database.db.selectFrom('booking').select(['starts']).where('day', '=', '2026-11-26').where('starts', 'in', ['10:00', '10:30']).execute();
      expect(held).toEqual([{ starts: '10:00' }]);
    });

    it('lets a clerk check a booking in from the day sheet, and the kiosk refuse an unknown code', async () => {
      const a = new Agent(t.app);
      const done = await bookThrough(a, 'H223456788');
      const code = /class="booking-code">([^<]+)</.exec((await a.get(String(done.headers.location))).body)?.[1] ?? '';
      now = at('2026-11-26T08:55:00');
      const c = new Agent(t.app);
      await c.signIn('clerk.zhubei', DEMO_PASSWORD);
      const sheet = await c.get('/staff/booking');
      expect(sheet.body).toContain(code);
      expect(sheet.body).toContain('H22****788');
      expect(sheet.body).not.toContain('H223456788');
      const res = await c.post('/staff/booking/checkin', { _csrf: csrfOf(sheet.body), office: 'zhubei', code });
      expect(res.statusCode).toBe(303);
      expect((await c.get(String(res.headers.location))).body).toMatch(/已發給優先號碼 P\d{3}/);
      const k = new Agent(t.app);
      const kiosk = await k.get('/o/zhubei/kiosk/booking');
      const unknown = await k.post('/o/zhubei/kiosk/booking', { _csrf: csrfOf(kiosk.body), code: 'ZZZZ-ZZZZ' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('查無此預約代碼');
      const twice = await k.post('/o/zhubei/kiosk/booking', { _csrf: csrfOf(kiosk.body), code });
      expect(twice.statusCode).toBe(409);
      expect(twice.body).toContain('已經報到過了');
    });

    it('gives supervisors the figures as a page, CSV and ODS', async () => {
      const s = new Agent(t.app);
      await s.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const page = await s.get('/staff/booking/figures');
      expect(page.body).toContain('網路預約占來客');
      const csv = await s.get('/staff/booking/figures.csv');
      expect(csv.body.charCodeAt(0)).toBe(0xfeff);
      expect(csv.body).toContain('預約數');
      const ods = await s.get('/staff/booking/figures.ods');
      expect(ods.rawPayload.subarray(30, 38).toString()).toBe('mimetype');
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect((await clerk.get('/staff/booking/figures')).statusCode).toBe(403);
    });
  });
}
