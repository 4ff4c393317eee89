import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { throwawayConfig } from '../../../test/config.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { buildApp } from '../../app.js';
import { DEMO_CLOCK_COOKIE } from '../../platform/http/demo-clock.js';
import { writeSetting } from '../../platform/settings.js';

// Tuesday 2 June 2026, 21:46 in Taipei: Zhubei closed at 17:00 and opens on Wednesday at 08:00 (until 20:00)
const EVENING = new Date('2026-06-02T13:46:00Z');
const CLOSED = '目前非取號時間。';
const NEXT = '下次開始取號：民國115年6月3日（星期三）08:00';
const TRY = '以上班日上午10:00試用';

function registrationId(html: string): string {
  const id = /name="serviceId" value="(\d+)"[^>]*>[\s\S]*?戶籍登記/.exec(html)?.[1];
  if (!id) throw new Error('no 戶籍登記 button on the kiosk');
  return id;
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] demo: trying the kiosk at 21:46`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => EVENING });
    });
    afterAll(async () => t?.dispose());

    it('says the office is closed and until when, offers the working-morning button, and then issues a ticket dated that morning', async () => {
      const a = new Agent(t.app);
      const closed = await a.get('/o/zhubei/kiosk');
      expect(closed.statusCode).toBe(200);
      expect(closed.body).toContain(CLOSED);
      expect(closed.body).toContain(NEXT);
      expect(closed.body).toContain(TRY);

      const moved = await a.post('/demo/clock', { _csrf: csrfOf(closed.body), office: 'zhubei', to: 'morning', back: 'kiosk' });
      expect(moved.statusCode).toBe(303);
      expect(moved.headers.location).toBe('/o/zhubei/kiosk');
      expect(a.cookie(DEMO_CLOCK_COOKIE)).toBeDefined();

      const open = await a.get('/o/zhubei/kiosk');
      expect(open.body).not.toContain(CLOSED);
      expect(open.body).toContain('示範：此瀏覽器目前以民國115年6月3日 10:00 的時間試用。');
      const issued = await a.post('/o/zhubei/kiosk/ticket', { _csrf: csrfOf(open.body), serviceId: registrationId(open.body), priority: '0' });
      expect(issued.statusCode).toBe(303);
      expect(issued.headers.location).toMatch(/^\/o\/zhubei\/kiosk\/ticket\/[\w-]+$/);
      const tickets = await t.database.db.selectFrom('ticket').select(['label', 'day', 'issued_at', 'channel']).execute();
      // 10:00 Taipei on Wednesday 3 June = 02:00 UTC
      expect(tickets).toEqual([{ label: 'A001', day: '2026-06-03', issued_at: '2026-06-03T02:00:00.000Z', channel: 'kiosk' }]);

      // another browser is not moved
      const other = await new Agent(t.app).get('/o/zhubei/kiosk');
      expect(other.body).toContain(NEXT);

      // back to the real time: closed again
      const back = await a.post('/demo/clock', { _csrf: csrfOf(open.body), office: 'zhubei', to: 'now', back: 'kiosk' });
      expect(back.statusCode).toBe(303);
      expect((await a.get('/o/zhubei/kiosk')).body).toContain(NEXT);
    });

    it('the wait page explains the same and offers the button', async () => {
      const page = await new Agent(t.app).get('/o/zhubei/queue');
      expect(page.body).toContain(CLOSED);
      expect(page.body).toContain(NEXT);
      expect(page.body).toContain(TRY);
    });
  });

  describeOn(kind)(`[${kind}] not a demo: the offset is never honoured`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let app: Awaited<ReturnType<typeof buildApp>>['app'];
    beforeAll(async () => {
      // the demo county's data, but the site is a real one: the demo flag is off
      t = await demoApp(kind, { clock: () => EVENING });
      await writeSetting(t.database.db, 'global', 'demo', false, null, EVENING);
      app = (await buildApp({ config: throwawayConfig({ SESSION_SECRET: t.config.sessionSecret, PERSONAL_DATA_KEY: t.config.personalDataKey }), database: t.database, logger: false, clock: () => EVENING })).app;
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
    });

    it('a closed kiosk names the next opening, with no demo button', async () => {
      const page = await new Agent(app).get('/o/zhubei/kiosk');
      expect(page.body).toContain(CLOSED);
      expect(page.body).toContain(NEXT);
      expect(page.body).not.toContain(TRY);
    });

    it('a validly signed offset cookie does not open the kiosk, and /demo/clock does not exist', async () => {
      const a = new Agent(app);
      const page = await a.get('/o/zhubei/kiosk');
      // the same cookie the demo would set for Wednesday 10:00 (12 h 14 min ahead)
      const signed = encodeURIComponent(app.signCookie(String(12 * 3600_000 + 14 * 60_000)));
      const cookie = `hz_anon=${a.cookie('hz_anon')}; ${DEMO_CLOCK_COOKIE}=${signed}`;
      const withOffset = await a.get('/o/zhubei/kiosk', { cookie });
      expect(withOffset.body).toContain(NEXT);
      expect(withOffset.body).not.toContain('示範：');

      const service = await t.database.db
        .selectFrom('service')
        .innerJoin('office', 'office.id', 'service.office_id')
        .select('service.id')
        .where('office.code', '=', 'zhubei')
        .where('service.code', '=', 'registration')
        .executeTakeFirstOrThrow();
      const taken = await a.post('/o/zhubei/kiosk/ticket', { _csrf: csrfOf(page.body), serviceId: String(service.id), priority: '0' }, { cookie });
      expect(taken.statusCode).toBe(409);
      expect(taken.body).toContain(NEXT);
      expect(await t.database.db.selectFrom('ticket').select('id').execute()).toEqual([]);

      const move = await a.post('/demo/clock', { _csrf: csrfOf(page.body), office: 'zhubei', to: 'morning', back: 'kiosk' }, { cookie });
      expect(move.statusCode).toBe(404);
      expect(move.cookies.map((c) => c.name)).not.toContain(DEMO_CLOCK_COOKIE);
    });
  });
}
