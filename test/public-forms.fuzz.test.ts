import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/modules/staff/index.js';
import { Agent, csrfOf, demoApp } from './app.js';
import { DATABASE_KINDS, describeOn } from './databases.js';

/**
 * Every public form under hostile and random input, on both databases:
 * never a 5xx, never a stack trace, every rejection explained in the page,
 * nothing typed as a password echoed back, and nothing half-written stored.
 *
 * First one of each kind of record is made through the real forms (a
 * lost-ID report, a booking, a petition, a ticket, a case), so the
 * invariants at the end are checked over rows that exist, and the refused
 * shapes can be shown to have added none.
 */
const CLOCK = () => new Date('2026-11-24T02:00:00Z');
const SLOT = { day: '2026-11-25', starts: '09:00' };
const PERSON = ['name', 'idNumber', 'birthDate', 'phone', 'email'];
const LOST = ['idNumber', 'name', 'birthDate', 'address', 'contact', 'password', 'passwordConfirm'];
const SURVEY = ['courtesy', 'speed', 'clarity', 'wait', 'facilities', 'heard', 'other', 'gender', 'age', 'identity'];
const MAILBOX = ['to', 'subject', 'category', 'body', 'name', 'email', 'phone', 'wantsReply', 'language'];

// 400 for the queue: a service id past PostgreSQL's integer range is refused by the database
// itself (the queue's schema has no upper bound yet), mapped to 400 in the app's error handler
const FORMS: { page: string; action: string; fields: string[]; ok: number[]; fixed?: Record<string, string> }[] = [
  { page: '/cases/lookup', action: '/cases/lookup', fields: ['number', 'idNumber', 'birthDate'], ok: [200, 404, 422] },
  { page: '/lost-id', action: '/lost-id', fields: LOST, fixed: { office: 'zhubei' }, ok: [200, 409, 422] },
  { page: '/lost-id/status', action: '/lost-id/status', fields: ['idNumber', 'birthDate'], ok: [200, 422] },
  { page: '/lost-id/revoke', action: '/lost-id/revoke', fields: ['idNumber', 'birthDate', 'password'], ok: [200, 404, 422] },
  { page: '/o/zhubei/queue', action: '/o/zhubei/queue/take', fields: ['serviceId'], ok: [303, 400, 409, 422] },
  { page: '/o/zhubei/kiosk', action: '/o/zhubei/kiosk/ticket', fields: ['serviceId', 'priority'], ok: [303, 400, 409, 422] },
  { page: '/o/zhubei/booking/registration/details?day=2026-11-25&starts=09:00', action: '/o/zhubei/booking/registration/check', fields: PERSON, fixed: SLOT, ok: [200, 422] },
  { page: '/o/zhubei/booking/registration/details?day=2026-11-25&starts=09:00', action: '/o/zhubei/booking/registration/confirm', fields: PERSON, fixed: SLOT, ok: [303, 409, 422, 429] },
  { page: '/o/zhubei/booking/registration/details?day=2026-11-25&starts=09:00', action: '/o/zhubei/booking/registration/check', fields: [...PERSON, 'day', 'starts'], ok: [200, 303, 422] },
  { page: '/o/zhubei/booking/home-visit/details', action: '/o/zhubei/booking/home-visit/confirm', fields: [...PERSON, 'address', 'village', 'reason', 'preferredDays', 'note'], ok: [303, 409, 422, 429] },
  { page: '/o/zhubei/booking/director/details?day=2026-11-25&starts=14:00', action: '/o/zhubei/booking/director/check', fields: [...PERSON, 'topic'], fixed: { day: '2026-11-25', starts: '14:00' }, ok: [200, 422] },
  { page: '/o/zhubei/mailbox', action: '/o/zhubei/mailbox', fields: MAILBOX, ok: [200, 422] },
  { page: '/petitions/status', action: '/petitions/status', fields: ['number', 'password'], ok: [404, 422] },
  { page: '/o/zhubei/survey', action: '/o/zhubei/survey', fields: SURVEY, fixed: { channel: 'web' }, ok: [200, 422] },
  { page: '/faq/5', action: '/faq/5/helpful', fields: ['answer'], ok: [303] },
  { page: '/booking/manage', action: '/booking/manage', fields: ['code', 'idNumber'], ok: [404, 422] },
  { page: '/o/zhubei/kiosk/booking', action: '/o/zhubei/kiosk/booking', fields: ['code'], ok: [404, 409, 422] },
];

const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('', ' ', 'A123456789', 'A123456788', 'ａ１２３４５６７８９', '69/05/06', '1980-02-30', '<script>alert(1)</script>', "' OR 1=1 --", '1', '-1', '9999999999'),
);

/** What the seed made through the forms, for the routes that need a real token. */
interface Seeded {
  bookingToken: string;
  ticketCode: string;
  reportReference: string;
  caseId: number;
}

/**
 * Every public POST route (`grep -rn "app.post(" src/modules | grep -v staff`,
 * plus the staff sign-in, which is public) with the fields its form sends.
 * `_csrf` is a field of every form and is fuzzed like the rest.
 */
const ROUTES = (s: Seeded): { url: string; fields: string[] }[] => [
  { url: '/cases/lookup', fields: ['number', 'idNumber', 'birthDate'] },
  { url: `/b/${s.bookingToken}/cancel`, fields: [] },
  { url: `/b/${s.bookingToken}/reschedule`, fields: ['day', 'starts'] },
  { url: '/booking/manage', fields: ['code', 'idNumber'] },
  { url: '/o/zhubei/kiosk/booking', fields: ['code'] },
  { url: '/o/zhubei/booking/registration/details', fields: [...PERSON, 'day', 'starts'] },
  { url: '/o/zhubei/booking/registration/check', fields: [...PERSON, 'day', 'starts'] },
  { url: '/o/zhubei/booking/registration/confirm', fields: [...PERSON, 'day', 'starts', 'stamp', 'altcha'] },
  { url: '/o/zhubei/booking/home-visit/confirm', fields: [...PERSON, 'address', 'village', 'reason', 'preferredDays', 'note'] },
  { url: '/faq/5/helpful', fields: ['answer'] },
  { url: '/o/zhubei/queue/take', fields: ['serviceId'] },
  { url: `/q/${s.ticketCode}/cancel`, fields: [] },
  { url: '/o/zhubei/kiosk/ticket', fields: ['serviceId', 'priority'] },
  { url: '/lost-id', fields: [...LOST, 'office'] },
  { url: '/o/zhubei/lost-id', fields: LOST },
  { url: '/lost-id/status', fields: ['idNumber', 'birthDate'] },
  { url: '/lost-id/revoke', fields: ['idNumber', 'birthDate', 'password'] },
  { url: '/o/zhubei/survey', fields: ['channel', ...SURVEY] },
  { url: '/o/zhubei/mailbox', fields: MAILBOX },
  { url: '/petitions/confirm/abcdefghijklmnopqrstuv', fields: [] },
  { url: '/petitions/status', fields: ['number', 'password'] },
  { url: '/p/abcdefghijklmnopqrstuv/rate', fields: ['score', 'comment'] },
  { url: '/p/abcdefghijklmnopqrstuv/followup', fields: ['text'] },
  { url: '/staff/login', fields: ['username', 'password', 'next'] },
];

/** The C0 controls a form may not carry besides NUL (tab, LF and CR are allowed), taken in turn. */
const C0 = [0x01, 0x02, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f].map((c) => String.fromCharCode(c));
/** Values the other fields carry, so that the one bad field gets as far into the route (and the database) as it can. */
const PLAUSIBLE: Record<string, string> = {
  idNumber: 'A123456789',
  birthDate: '69/05/06',
  day: SLOT.day,
  starts: SLOT.starts,
  email: 'a@example.com',
  phone: '0912345678',
  name: '王小明',
  number: '1150001',
  code: 'AAAA-AAAA',
  password: 'password-1',
  passwordConfirm: 'password-1',
  to: 'director',
  category: 'other',
  wantsReply: '0',
  language: 'zh-Hant',
  channel: 'web',
  office: 'zhubei',
  username: 'clerk.zhubei',
};
const MALFORMED_UTF8 = Buffer.from([0xc3, 0x28]);
/** 戶政 in Big5 */
const BIG5 = Buffer.from([0xa4, 0xe1, 0xac, 0x46]);
/** with a good CSRF token, so that without the depth limit the route itself would walk it */
const DEEP = (token: string, field: string) => `{"_csrf":"${token}","${field}":${'['.repeat(20_000)}1${']'.repeat(20_000)}}`;
const TEN_MB = 10 * 1024 * 1024;

const fieldMessages = (html: string) => [...html.matchAll(/class="field-message"[^>]*>([^<]+)</g)].map((m) => m[1]);
const controlMessage = (f: string) => `「${f}」欄含有看不見的控制字元（例如 NUL），請刪除後重新輸入。`;
const encodingMessage = (f: string) => `「${f}」欄含有無法辨識的字元（可能不是 UTF-8 編碼），請重新輸入。`;

async function countRows(t: Awaited<ReturnType<typeof demoApp>>) {
  const n = async (table: 'lost_id_report' | 'booking' | 'petition' | 'ticket' | 'case_file') =>
    Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { lostId: await n('lost_id_report'), booking: await n('booking'), petition: await n('petition'), ticket: await n('ticket'), caseFile: await n('case_file') };
}

/** One of each through the forms a citizen (or, for the case, a clerk) uses. */
async function seedThroughForms(t: Awaited<ReturnType<typeof demoApp>>): Promise<Seeded> {
  const a = new Agent(t.app);
  const report = await a.submit('/lost-id', '/lost-id', {
    office: 'zhubei',
    idNumber: 'H223456788',
    name: '林美玲',
    birthDate: '70/03/15',
    address: '新竹縣竹北市光明六路 10 號',
    contact: '0912-345-678',
    password: 'seed-password',
    passwordConfirm: 'seed-password',
  });
  expect(report.statusCode).toBe(200);

  // the anti-bot stamp comes from the check page this same visitor fetched
  const person = { ...SLOT, slots: '1', name: '王小明', idNumber: 'F131104093', birthDate: '69/05/06', phone: '0912-345-678', email: 'ming@example.com' };
  const details = await a.get(`/o/zhubei/booking/registration/details?day=${SLOT.day}&starts=${SLOT.starts}`);
  const check = await a.post('/o/zhubei/booking/registration/check', { _csrf: csrfOf(details.body), ...person });
  expect(check.statusCode).toBe(200);
  const stamp = /name="stamp" value="([^"]+)"/.exec(check.body)?.[1] ?? '';
  const booked = await a.post('/o/zhubei/booking/registration/confirm', { _csrf: csrfOf(check.body), ...person, stamp });
  expect(booked.statusCode).toBe(303);
  const bookingToken = /^\/b\/([\w-]+)/.exec(String(booked.headers.location))?.[1] ?? '';

  const mailbox = await a.get('/o/zhubei/mailbox');
  const sent = await a.postMultipart(
    '/o/zhubei/mailbox',
    { _csrf: csrfOf(mailbox.body), to: 'director', subject: '櫃台動線', category: 'facilities', body: '等候區的號碼牌機可以移到入口旁邊嗎？', name: '陳小華', email: 'hua@example.com', phone: '', wantsReply: '1', language: 'zh-Hant' },
    [],
  );
  expect(sent.statusCode).toBe(200);

  const queue = await a.get('/o/zhubei/queue');
  const serviceId = /<option value="(\d+)"/.exec(queue.body)?.[1] ?? '';
  const took = await a.post('/o/zhubei/queue/take', { _csrf: csrfOf(queue.body), serviceId });
  expect(took.statusCode).toBe(303);
  const ticketCode = /^\/q\/([\w-]+)/.exec(String(took.headers.location))?.[1] ?? '';

  const clerk = new Agent(t.app);
  await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
  const form = await clerk.get('/staff/cases/new');
  const opened = await clerk.post('/staff/cases', { _csrf: csrfOf(form.body), guide: 'house-number-assignment', name: '陳大文', idNumber: 'A123456789', birthDate: '69/05/06' });
  expect(opened.statusCode).toBe(303);
  const caseId = Number(/^\/staff\/cases\/(\d+)$/.exec(String(opened.headers.location))?.[1]);

  const row = await t.database.db.selectFrom('lost_id_report').select('reference').executeTakeFirstOrThrow();
  return { bookingToken, ticketCode, reportReference: row.reference, caseId };
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] public forms under hostile and random input`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let seeded: Seeded;
    let visitor: Agent;
    let token: string;
    let ip = 0;
    /** a fresh address for each request: the routes' own rate limits are tested elsewhere */
    const addr = () => `10.${Math.floor(++ip / 40000) + 20}.${Math.floor(ip / 200) % 200}.${ip % 200}`;
    const SEEDED = { lostId: 1, booking: 1, petition: 1, ticket: 1, caseFile: 1 };

    beforeAll(async () => {
      t = await demoApp(kind, { clock: CLOCK });
      seeded = await seedThroughForms(t);
      visitor = new Agent(t.app);
      token = csrfOf((await visitor.get('/lost-id/status')).body);
    });
    afterAll(async () => t?.dispose());

    const send = (url: string, payload: string | Buffer, contentType: string) =>
      t.app.inject({ method: 'POST', url, payload, remoteAddress: addr(), headers: { 'content-type': contentType, cookie: `hz_anon=${visitor.cookie('hz_anon')}` } });
    const form = (fields: string[], bad: Record<string, string> = {}) =>
      new URLSearchParams({ _csrf: token, ...Object.fromEntries(fields.map((f) => [f, PLAUSIBLE[f] ?? '1'])), ...bad }).toString();

    it('seeded one of each through the real forms', async () => {
      expect(await countRows(t)).toEqual(SEEDED);
      expect(seeded.bookingToken).toMatch(/^[\w-]{20,}$/);
      expect(seeded.ticketCode).toMatch(/^[\w-]+$/);
    });

    it('every public POST route refuses each hostile shape with its 4xx, never a 5xx', async () => {
      for (const route of ROUTES(seeded)) {
        const all = ['_csrf', ...route.fields];
        const expectStatus = (label: string, res: { statusCode: number; body: string }, status: number) => {
          // soft: one run lists every route and shape that answers wrongly
          expect.soft(res.statusCode, `${route.url} ${label}`).toBe(status);
          expect.soft(res.body).not.toMatch(/at .*\.ts:\d+|Error:/);
        };
        // NUL (which PostgreSQL refuses in text) and another C0 control, one field at a time, each refused by name
        for (const [i, f] of all.entries()) {
          for (const c of ['\u0000', C0[i % C0.length] ?? '\u0001']) {
            const bad = `${f === '_csrf' ? token : 'ab'}${c}c`;
            const res = await send(route.url, form(route.fields, { [f]: bad }), 'application/x-www-form-urlencoded');
            expectStatus(`C0 ${c.charCodeAt(0)} in ${f}`, res, 422);
            expect.soft(fieldMessages(res.body), `${route.url} C0 in ${f}`).toEqual([controlMessage(f)]);
          }
        }
        // bytes that are not UTF-8: malformed, and Big5 from an old page
        const target = route.fields[0] ?? '_csrf';
        for (const [label, bytes] of [
          ['malformed UTF-8', MALFORMED_UTF8],
          ['Big5', BIG5],
        ] as const) {
          const others = new URLSearchParams(form(route.fields));
          others.delete(target);
          const res = await send(route.url, Buffer.concat([Buffer.from(`${others}&${target}=`), bytes]), 'application/x-www-form-urlencoded');
          expectStatus(label, res, 422);
          expect.soft(fieldMessages(res.body), `${route.url} ${label}`).toEqual([encodingMessage(target)]);
        }
        expectStatus('deep JSON', await send(route.url, DEEP(token, target), 'application/json'), 400);
        expectStatus('multipart without boundary', await send(route.url, form(route.fields), 'multipart/form-data'), 400);
        expectStatus('10 MB', await send(route.url, `${form(route.fields)}&pad=${'x'.repeat(TEN_MB)}`, 'application/x-www-form-urlencoded'), 413);
      }
    });

    it('the refused shapes stored nothing', async () => {
      expect(await countRows(t)).toEqual(SEEDED);
    });

    for (const f of FORMS) {
      it(`${f.action} explains every rejection and never fails`, async () => {
        const a = new Agent(t.app);
        const formToken = csrfOf((await a.get(f.page)).body);
        await fc.assert(
          fc.asyncProperty(fc.record(Object.fromEntries(f.fields.map((k) => [k, value]))), async (body) => {
            const res = await a.post(f.action, { _csrf: formToken, ...(body as Record<string, string>), ...f.fixed }, {}, addr());
            expect(f.ok).toContain(res.statusCode);
            expect(res.body).not.toMatch(/at .*\.ts:\d+|Error:/);
            if (res.statusCode === 422) expect(res.body).toMatch(/class="(field-message|kiosk-error)"/);
            const b = body as Record<string, string>;
            const pw = b.password;
            const elsewhere = Object.entries(b).some(([k, v]) => k !== 'password' && k !== 'passwordConfirm' && v === pw);
            if (pw && pw.length > 3 && !elsewhere && res.statusCode !== 303) expect(res.body).not.toContain(`value="${pw}"`);
          }),
          { numRuns: 60 },
        );
      });
    }

    it('stored nothing half-written, over the seeded rows and whatever the fuzz added', async () => {
      const db = t.database.db;
      const reports = await db.selectFrom('lost_id_report').selectAll().execute();
      expect(reports.map((r) => r.reference)).toContain(seeded.reportReference);
      for (const r of reports) expect([r.id_enc, r.name_enc, r.address_enc, r.contact_enc, r.revoke_hash].every((v) => typeof v === 'string' && v.length > 0)).toBe(true);

      const tickets = await db.selectFrom('ticket').select('id').execute();
      const issued = await db.selectFrom('ticket_event').select('ticket_id').where('kind', '=', 'issued').execute();
      expect(issued.map((e) => e.ticket_id).sort((x, y) => x - y)).toEqual(tickets.map((x) => x.id).sort((x, y) => x - y));

      // every booking that holds a time holds its seat and its person-day, and the seat counts agree
      const bookings = await db.selectFrom('booking').selectAll().execute();
      expect(bookings.some((b) => b.token === seeded.bookingToken && b.status === 'booked')).toBe(true);
      for (const b of bookings.filter((x) => x.status === 'booked' && x.day)) {
        expect((await db.selectFrom('booking_seat').select('slot_id').where('booking_id', '=', b.id).execute()).length).toBe(1);
        // one person-day each: the only service booked here (registration) is for one applicant
        expect((await db.selectFrom('booking_person').select('id').where('booking_id', '=', b.id).execute()).length).toBe(1);
      }
      for (const slot of await db.selectFrom('booking_slot').selectAll().execute()) {
        const seats = await db.selectFrom('booking_seat').select('booking_id').where('slot_id', '=', slot.id).execute();
        expect(seats.length).toBe(slot.booked);
      }

      // a petition from the web is either waiting for its e-mail link or registered with a number, never in between
      const petitions = await db.selectFrom('petition').selectAll().execute();
      expect(petitions.filter((p) => p.status === 'unconfirmed')).toHaveLength(petitions.length);
      for (const p of petitions) expect(p.confirm_hash !== null && p.number === null).toBe(true);

      // every case has its opening event, and nothing in this test moved one
      const cases = await db.selectFrom('case_file').select('id').execute();
      expect(cases.map((c) => c.id)).toContain(seeded.caseId);
      for (const c of cases) expect((await db.selectFrom('case_event').select('id').where('case_id', '=', c.id).execute()).length).toBe(1);
    });
  });
}
