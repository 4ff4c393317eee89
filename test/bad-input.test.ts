import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from './app.js';
import { DATABASE_KINDS, describeOn } from './databases.js';

/**
 * Bad input at the edge (platform/http/input-guard.ts), on both databases:
 * PostgreSQL refuses NUL in text, so before the guard every route that put
 * a field into a query answered 500 there. Each answer is a page in the
 * visitor's language with the exact status of the body-limits policy.
 */
const CLOCK = () => new Date('2026-11-24T02:00:00Z');
const fieldMessages = (html: string) => [...html.matchAll(/class="field-message"[^>]*>([^<]+)</g)].map((m) => m[1]);
const h1 = (html: string) => /<h1>([^<]*)</.exec(html)?.[1];
const lead = (html: string) => /class="error-summary"[^>]*><p>([^<]*)</.exec(html)?.[1];

/** 20,000 nested arrays: parses in V8, then overflows the stack of whatever walks it. */
const DEEP = `{"serviceId":${'['.repeat(20_000)}1${']'.repeat(20_000)},"day":"2026-11-25","starts":"09:00"}`;

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] bad input is never a 500`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let a: Agent;
    let token: string;
    let ip = 0;
    /** one address per request: the routes' own rate limits are not what is tested here */
    const addr = () => `10.7.${Math.floor(++ip / 200)}.${ip % 200}`;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: CLOCK });
      a = new Agent(t.app);
      token = csrfOf((await a.get('/lost-id/status')).body);
    });
    afterAll(async () => t?.dispose());

    const raw = (url: string, payload: string | Buffer, contentType: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url, payload, remoteAddress: addr(), headers: { 'content-type': contentType, cookie: `hz_anon=${a.cookie('hz_anon')}`, ...headers } });

    it('drops NUL and other C0 controls from a query string, so the page still renders', async () => {
      const res = await a.get('/search?q=%E6%88%B6%00%E7%B1%8D%01');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('value="戶籍"');
      expect((await a.get('/search?q=%00')).statusCode).toBe(200);
      expect((await a.get('/o/zhubei/booking/registration/details?day=2026-11-25%00&starts=09:00')).statusCode).not.toBe(500);
    });

    it('a path parameter with a control character names no page: 404', async () => {
      expect((await a.get('/b/%00abcdefghijklmnopqrst')).statusCode).toBe(404);
      expect((await a.get('/p/%00abcdefghijklmnopqrst')).statusCode).toBe(404);
    });

    const FORMS: { url: string; field: string; body: Record<string, string> }[] = [
      { url: '/o/zhubei/booking/registration/confirm', field: 'name', body: { day: '2026-11-25', starts: '09:00', name: '王\u0000小明', idNumber: 'A123456789', birthDate: '69/05/06', phone: '0912345678', email: 'a@example.com' } },
      { url: '/o/zhubei/survey', field: 'other', body: { channel: 'web', courtesy: '5', other: 'x\u0000' } },
      { url: '/cases/lookup', field: 'number', body: { number: '\u0000', idNumber: 'A123456789', birthDate: '69/05/06' } },
      { url: '/lost-id/status', field: 'idNumber', body: { idNumber: 'A123456789\u0000', birthDate: '69/05/06' } },
      { url: '/staff/login', field: 'username', body: { username: 'admin\u0000', password: 'x' } },
      { url: '/petitions/status', field: 'number', body: { number: 'P\u0000', password: 'x' } },
      { url: '/booking/manage', field: 'code', body: { code: 'AAAA\u001bAAAA', idNumber: 'A123456789' } },
    ];
    for (const f of FORMS) {
      it(`${f.url}: a NUL or C0 control in a field is 422 naming the field`, async () => {
        const res = await a.post(f.url, { _csrf: token, ...f.body }, {}, addr());
        expect(res.statusCode).toBe(422);
        expect(h1(res.body)).toBe('送出的資料有誤');
        expect(fieldMessages(res.body)).toEqual([`「${f.field}」欄含有看不見的控制字元（例如 NUL），請刪除後重新輸入。`]);
      });
    }

    it('the mailbox (multipart) holds its fields to the same rule, in English too', async () => {
      const res = await a.postMultipart('/o/zhubei/mailbox?lang=en', { _csrf: token, subject: 'noise\u0007', body: 'hello' }, [], addr());
      expect(res.statusCode).toBe(422);
      expect(fieldMessages(res.body)).toEqual(['The field “subject” holds invisible control characters (such as NUL). Delete them and type it again.']);
      await a.get('/?lang=zh-Hant');
    });

    it('bytes that are not UTF-8 (raw or escaped, e.g. Big5) are 422 naming the field', async () => {
      const rawBytes = Buffer.concat([Buffer.from(`_csrf=${token}&birthDate=69%2F05%2F06&idNumber=`), Buffer.from([0xc3, 0x28])]);
      const res = await raw('/lost-id/status', rawBytes, 'application/x-www-form-urlencoded');
      expect(res.statusCode).toBe(422);
      expect(fieldMessages(res.body)).toEqual(['「idNumber」欄含有無法辨識的字元（可能不是 UTF-8 編碼），請重新輸入。']);
      // 戶政 in Big5, percent-escaped as an old Big5 page would send it
      const big5 = await raw('/petitions/status', `_csrf=${token}&number=%A4%E1%AC%46&password=x`, 'application/x-www-form-urlencoded');
      expect(big5.statusCode).toBe(422);
      expect(fieldMessages(big5.body)).toEqual(['「number」欄含有無法辨識的字元（可能不是 UTF-8 編碼），請重新輸入。']);
    });

    it('tab, line feed and carriage return are ordinary characters', async () => {
      const res = await a.post('/lost-id/status', { _csrf: token, idNumber: '\tA123456789\r\n', birthDate: '69/05/06' }, {}, addr());
      expect(res.statusCode).toBe(200);
    });

    it('JSON nested 20,000 deep is 400 before anything walks it (queue take, reschedule)', async () => {
      for (const url of ['/o/zhubei/queue/take', '/b/abcdefghijklmnopqrst/reschedule', '/o/zhubei/booking/registration/confirm']) {
        const res = await raw(url, DEEP, 'application/json', { 'x-csrf-token': token });
        expect(res.statusCode).toBe(400);
        expect(lead(res.body)).toBe('送出的資料層次太深（上限 32 層）。');
      }
      // 32 levels is still JSON the route reads: [[…[1]…]] coerces to service 1 and a ticket is issued
      const ok = await raw('/o/zhubei/queue/take', `{"serviceId":${'['.repeat(31)}1${']'.repeat(31)}}`, 'application/json', { 'x-csrf-token': token });
      expect(ok.statusCode).toBe(303);
    });

    it('multipart without a boundary is 400, before the CSRF check', async () => {
      const res = await raw('/o/zhubei/mailbox', 'name=x', 'multipart/form-data');
      expect(res.statusCode).toBe(400);
      expect(lead(res.body)).toBe('送出的表單缺少分隔標記（boundary），無法讀取。');
    });

    it('a 10 MB body is 413: a form, a form to the mailbox, and a multipart field', async () => {
      const big = `_csrf=${token}&name=${'x'.repeat(10 * 1024 * 1024)}`;
      for (const url of ['/lost-id', '/o/zhubei/mailbox', '/o/zhubei/survey']) {
        const res = await raw(url, big, 'application/x-www-form-urlencoded');
        expect(res.statusCode).toBe(413);
        expect(h1(res.body)).toBe('送出的資料太大');
      }
      const multi = await a.postMultipart('/o/zhubei/mailbox', { _csrf: token, body: 'x'.repeat(10 * 1024 * 1024) }, [], addr());
      expect(multi.statusCode).toBe(413);
    });

    it('an id past the integer range is refused beside the field (422) on both databases, never a 500', async () => {
      for (const url of ['/o/zhubei/queue/take', '/o/zhubei/kiosk/ticket']) {
        const res = await a.post(url, { _csrf: token, serviceId: '9999999999' }, {}, addr());
        expect(res.statusCode).toBe(422);
      }
    });

    it('a type no form sends is 415', async () => {
      const res = await raw('/lost-id/status', 'idNumber=A123456789', 'text/plain');
      expect(res.statusCode).toBe(415);
      expect(h1(res.body)).toBe('無法處理這種資料格式');
    });

    it('a multipart body the parser cannot read is 400', async () => {
      // the body ends in the middle of a file part
      const cut = `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF-1.4`;
      const res = await raw('/o/zhubei/mailbox', cut, 'multipart/form-data; boundary=xyz');
      expect(res.statusCode).toBe(400);
      expect(lead(res.body)).toBe('送出的資料格式有誤，無法讀取。');
    });
  });
}

