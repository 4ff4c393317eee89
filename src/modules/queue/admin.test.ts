import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { applyCounterRows, applyQueueServiceRows, exportCounterRows, exportQueueServiceRows } from './index.js';
import { estimateWaitMinutes, type ServiceLine } from './snapshot.js';

/** Counters and queue services set up by staff (issue 13 §2), on both databases. */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] counters and queue services administration`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const now = new Date('2026-11-24T02:00:00Z'); // Tuesday 10:00 Taipei
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    const db = () => t.database.db;
    async function as(username: string) {
      const a = new Agent(t.app);
      expect((await a.signIn(username, DEMO_PASSWORD)).statusCode).toBe(303);
      return a;
    }
    const jianshi = async () => (await db().selectFrom('office').select(['id']).where('code', '=', 'jianshi').executeTakeFirstOrThrow()).id;
    const counterNo = async (officeId: number, n: number) =>
      db().selectFrom('counter').selectAll().where('office_id', '=', officeId).where('number', '=', n).executeTakeFirstOrThrow();
    const kioskServiceIds = (html: string) => [...html.matchAll(/name="serviceId" value="(\d+)"/g)].map((m) => Number(m[1]));
    const fieldMessage = (html: string, field: string) => new RegExp(`<p class="field-message" id="f-${field}-error">([^<]*)</p>`).exec(html)?.[1];

    it('a new service and two new counters in jianshi: offered at the kiosk only once a counter serves it, ticket taken and called there', async () => {
      const officeId = await jianshi();
      const county = await as('county');
      const list = await county.get('/staff/queue/services?office=jianshi');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('尖石鄉');
      const created = await county.post('/staff/queue/services?office=jianshi', {
        _csrf: csrfOf(list.body),
        office: 'jianshi',
        code: 'moving',
        letter: 'f',
        nameZh: '遷徙登記',
        nameEn: 'Moving house',
        avgMinutes: '20',
        sort: '6',
      });
      expect(created.statusCode).toBe(303);
      expect(created.headers.location).toBe('/staff/queue/services?office=jianshi');
      const svc = await db().selectFrom('service').selectAll().where('office_id', '=', officeId).where('code', '=', 'moving').executeTakeFirstOrThrow();
      expect({ letter: svc.queue_prefix, avg: svc.avg_minutes, sort: svc.sort, active: svc.active }).toEqual({ letter: 'F', avg: 20, sort: 6, active: 1 });

      // no counter serves it yet: neither the kiosk nor the phone form offers it, and a forged post is refused
      const visitor = new Agent(t.app);
      const before = await visitor.get('/o/jianshi/kiosk');
      expect(kioskServiceIds(before.body)).toHaveLength(5);
      expect(kioskServiceIds(before.body)).not.toContain(svc.id);
      expect((await visitor.get('/o/jianshi/queue')).body).not.toContain(`<option value="${svc.id}"`);
      const forged = await visitor.post('/o/jianshi/kiosk/ticket', { _csrf: csrfOf(before.body), serviceId: String(svc.id), priority: '0' });
      expect(forged.statusCode).toBe(409);
      expect(await db().selectFrom('ticket').select('id').where('service_id', '=', svc.id).execute()).toEqual([]);

      const countersPage = await county.get('/staff/queue/counters?office=jianshi');
      expect(countersPage.statusCode).toBe(200);
      for (const [n, priority] of [
        ['11', '0'],
        ['12', '1'],
      ] as const) {
        const r = await county.post('/staff/queue/counters?office=jianshi', {
          _csrf: csrfOf(countersPage.body),
          office: 'jianshi',
          number: n,
          nameZh: `遷徙櫃台 ${n}`,
          nameEn: `Moving ${n}`,
          services: String(svc.id),
          priorityFirst: priority,
          openDefault: '1',
        });
        expect(r.statusCode).toBe(303);
      }
      const c11 = await counterNo(officeId, 11);
      const c12 = await counterNo(officeId, 12);
      expect([c11.active, c11.priority_first, c11.open_default, c12.priority_first]).toEqual([1, 0, 1, 1]);
      expect(await db().selectFrom('counter_service').select('service_id').where('counter_id', 'in', [c11.id, c12.id]).execute()).toEqual([{ service_id: svc.id }, { service_id: svc.id }]);

      const kiosk = await visitor.get('/o/jianshi/kiosk');
      expect(kioskServiceIds(kiosk.body)).toHaveLength(6);
      expect(kioskServiceIds(kiosk.body)).toContain(svc.id);
      expect(kiosk.body).toContain('遷徙登記');
      const phone = await visitor.get('/o/jianshi/queue');
      expect(phone.body).toContain(`<option value="${svc.id}">遷徙登記</option>`);

      const issued = await visitor.post('/o/jianshi/kiosk/ticket', { _csrf: csrfOf(kiosk.body), serviceId: String(svc.id), priority: '0' });
      expect(issued.statusCode).toBe(303);
      const second = await visitor.post('/o/jianshi/kiosk/ticket', { _csrf: csrfOf(kiosk.body), serviceId: String(svc.id), priority: '0' });
      const slip = await visitor.get(second.headers.location as string);
      expect(slip.body).toContain('F002');

      const clerk = await as('clerk.jianshi');
      const pick = await clerk.get('/staff/queue');
      expect(pick.body).toContain('遷徙櫃台 11');
      expect((await clerk.post(`/staff/queue/counters/${c11.id}/open`, { _csrf: csrfOf(pick.body) })).statusCode).toBe(303);
      // one open counter, one person ahead, no service finished today: the service's own 20 minutes (the office default 6 would say 10)
      expect(slip.body).not.toContain('預估等候約 20 分鐘');
      expect((await visitor.get(second.headers.location as string)).body).toContain('預估等候約 20 分鐘');
      const called = await clerk.post(`/staff/queue/counters/${c11.id}/call`, { _csrf: csrfOf(pick.body) });
      expect(called.statusCode).toBe(303);
      const ticket = await db().selectFrom('ticket').selectAll().where('service_id', '=', svc.id).where('number', '=', 1).executeTakeFirstOrThrow();
      expect([ticket.label, ticket.status, ticket.counter_id]).toEqual(['F001', 'called', c11.id]);
    });

    it('refuses a taken counter number, a taken or reserved letter, beside the field, keeping what was typed', async () => {
      const director = await as('director.jianshi');
      const page = await director.get('/staff/queue/counters');
      const dup = await director.post('/staff/queue/counters', { _csrf: csrfOf(page.body), number: '2', nameZh: '重複', nameEn: 'Duplicate', priorityFirst: '0', openDefault: '1' });
      expect(dup.statusCode).toBe(422);
      expect(fieldMessage(dup.body, 'number')).toBe('本所已有 2 號櫃台，請換一個號碼。');
      expect(dup.body).toContain('value="重複"');
      const outOfRange = await director.post('/staff/queue/counters', { _csrf: csrfOf(page.body), number: '100', nameZh: 'x', nameEn: 'x', priorityFirst: '0', openDefault: '1' });
      expect(fieldMessage(outOfRange.body, 'number')).toBe('請輸入 1 到 99 的櫃台號碼。');

      const services = await director.get('/staff/queue/services');
      const letterA = await director.post('/staff/queue/services', { _csrf: csrfOf(services.body), code: 'other', letter: 'A', nameZh: '其他', nameEn: 'Other', sort: '9' });
      expect(letterA.statusCode).toBe(422);
      expect(fieldMessage(letterA.body, 'letter')).toBe('本所已有使用中的服務以 A 取號，請換一個字母。');
      const letterP = await director.post('/staff/queue/services', { _csrf: csrfOf(services.body), code: 'other', letter: 'P', nameZh: '其他', nameEn: 'Other', sort: '9' });
      expect(fieldMessage(letterP.body, 'letter')).toBe('P 保留給博愛號碼，請換一個字母。');
      const code = await director.post('/staff/queue/services', { _csrf: csrfOf(services.body), code: 'registration', letter: 'G', nameZh: '其他', nameEn: 'Other', sort: '9' });
      expect(fieldMessage(code.body, 'code')).toBe('本所已有代碼為 registration 的服務（包括已停用的），請換一個代碼。');
      const english = await director.get('/staff/queue/counters?lang=en');
      const en = await director.post('/staff/queue/counters', { _csrf: csrfOf(english.body), number: '3', nameZh: 'x', nameEn: 'x', priorityFirst: '0', openDefault: '1' });
      expect(en.statusCode).toBe(422);
      expect(fieldMessage(en.body, 'number')).toBe('This office already has a counter 3: choose another number.');
      const officeId = await jianshi();
      expect(await db().selectFrom('service').select('code').where('office_id', '=', officeId).where('code', '=', 'other').execute()).toEqual([]);
    });

    it('retiring a counter while it serves a ticket: confirmation first, the ticket untouched, finished there, then no new calls', async () => {
      const officeId = await jianshi();
      const c11 = await counterNo(officeId, 11);
      const clerk = await as('clerk.jianshi');
      const consolePage = await clerk.get(`/staff/queue/counters/${c11.id}`);
      expect((await clerk.post(`/staff/queue/counters/${c11.id}/start`, { _csrf: csrfOf(consolePage.body) })).statusCode).toBe(303);
      const before = await db().selectFrom('ticket').selectAll().where('counter_id', '=', c11.id).executeTakeFirstOrThrow();
      expect([before.label, before.status]).toEqual(['F001', 'serving']);

      const county = await as('county');
      const edit = await county.get(`/staff/queue/counters/${c11.id}/edit`);
      expect(edit.body).toContain('此櫃台目前正在服務 F001');
      const ask = await county.post(`/staff/queue/counters/${c11.id}/retire`, { _csrf: csrfOf(edit.body) });
      expect(ask.statusCode).toBe(200);
      expect(ask.body).toContain('11 號櫃台目前正在服務 F001。');
      expect(ask.body).toContain('F001 不受影響，繼續在 11 號櫃台辦理到完成。');
      expect(ask.body).toContain('name="confirm" value="1"');
      // nothing saved yet
      expect((await counterNo(officeId, 11)).active).toBe(1);
      expect(await db().selectFrom('audit_log').select('id').where('action', '=', 'queue.counter.retire').execute()).toEqual([]);

      const done = await county.post(`/staff/queue/counters/${c11.id}/retire`, { _csrf: csrfOf(ask.body), confirm: '1' });
      expect(done.statusCode).toBe(303);
      expect((await counterNo(officeId, 11)).active).toBe(0);
      expect(await db().selectFrom('ticket').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow()).toEqual(before);
      // the board keeps showing the counter while it serves F001
      const state = (await new Agent(t.app).get('/o/jianshi/queue/state.json')).json() as { counters: { number: number; current: { label: string } | null }[] };
      expect(state.counters.find((c) => c.number === 11)?.current?.label).toBe('F001');

      // the clerk finishes F001 at the retired counter; it then calls no one (F002 waits), and closes
      const again = await clerk.get(`/staff/queue/counters/${c11.id}`);
      expect((await clerk.post(`/staff/queue/counters/${c11.id}/finish`, { _csrf: csrfOf(again.body) })).statusCode).toBe(303);
      expect((await db().selectFrom('ticket').select('status').where('id', '=', before.id).executeTakeFirstOrThrow()).status).toBe('done');
      const call = await clerk.post(`/staff/queue/counters/${c11.id}/call`, { _csrf: csrfOf(again.body) });
      expect(call.statusCode).toBe(404);
      expect((await db().selectFrom('ticket').select('status').where('label', '=', 'F002').where('office_id', '=', officeId).executeTakeFirstOrThrow()).status).toBe('waiting');
      expect((await clerk.post(`/staff/queue/counters/${c11.id}/close`, { _csrf: csrfOf(again.body) })).statusCode).toBe(303);
      expect((await clerk.get('/staff/queue')).body).not.toContain('遷徙櫃台 11');
    });

    it('a change to an idle counter applies at once; retiring the service keeps its waiting ticket callable', async () => {
      const officeId = await jianshi();
      const c12 = await counterNo(officeId, 12);
      const director = await as('director.jianshi');
      const edit = await director.get(`/staff/queue/counters/${c12.id}/edit`);
      const svc = await db().selectFrom('service').selectAll().where('office_id', '=', officeId).where('code', '=', 'moving').executeTakeFirstOrThrow();
      const saved = await director.post(`/staff/queue/counters/${c12.id}/edit`, {
        _csrf: csrfOf(edit.body),
        number: '12',
        nameZh: '遷徙與博愛',
        nameEn: 'Moving and priority',
        services: String(svc.id),
        priorityFirst: '1',
        openDefault: '0',
        active: '1',
      });
      expect(saved.statusCode).toBe(303);
      expect((await counterNo(officeId, 12)).name_zh).toBe('遷徙與博愛');

      const svcEdit = await director.get(`/staff/queue/services/${svc.id}/edit`);
      expect(svcEdit.body).toContain('今天已取的 1 張號碼照常叫號辦理');
      expect((await director.post(`/staff/queue/services/${svc.id}/retire`, { _csrf: csrfOf(svcEdit.body) })).statusCode).toBe(303);
      expect(kioskServiceIds((await new Agent(t.app).get('/o/jianshi/kiosk')).body)).not.toContain(svc.id);
      const f002 = await db().selectFrom('ticket').selectAll().where('label', '=', 'F002').where('office_id', '=', officeId).executeTakeFirstOrThrow();
      const follow = await new Agent(t.app).get(`/q/${f002.code}`);
      expect(follow.body).toContain('遷徙登記');

      const clerk = await as('clerk.jianshi');
      const pick = await clerk.get('/staff/queue');
      await clerk.post(`/staff/queue/counters/${c12.id}/open`, { _csrf: csrfOf(pick.body) });
      expect((await clerk.post(`/staff/queue/counters/${c12.id}/call`, { _csrf: csrfOf(pick.body) })).statusCode).toBe(303);
      expect((await db().selectFrom('ticket').select(['status', 'counter_id']).where('id', '=', f002.id).executeTakeFirstOrThrow())).toEqual({ status: 'called', counter_id: c12.id });
      // a retired letter is free again for a new service
      const list = await director.get('/staff/queue/services');
      expect((await director.post('/staff/queue/services', { _csrf: csrfOf(list.body), code: 'moving-2', letter: 'F', nameZh: '遷徙登記（新）', nameEn: 'Moving', sort: '7' })).statusCode).toBe(303);
    });

    it('scope: the zhubei director cannot set up jianshi (403), a clerk has no access, the county admin can', async () => {
      const officeId = await jianshi();
      const c1 = await counterNo(officeId, 1);
      const director = await as('director.zhubei');
      expect((await director.get(`/staff/queue/counters/${c1.id}/edit`)).statusCode).toBe(403);
      expect((await director.get('/staff/queue/counters?office=jianshi')).statusCode).toBe(403);
      const own = await director.get('/staff/queue/counters');
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('竹北市');
      const post = await director.post(`/staff/queue/counters/${c1.id}/edit`, { _csrf: csrfOf(own.body), number: '1', nameZh: '改', nameEn: 'x', priorityFirst: '0', openDefault: '1', active: '1' });
      expect(post.statusCode).toBe(403);
      const create = await director.post('/staff/queue/counters', { _csrf: csrfOf(own.body), office: 'jianshi', number: '50', nameZh: '越權', nameEn: 'x', priorityFirst: '0', openDefault: '1' });
      expect(create.statusCode).toBe(403);
      const retire = await director.post(`/staff/queue/counters/${c1.id}/retire`, { _csrf: csrfOf(own.body), confirm: '1' });
      expect(retire.statusCode).toBe(403);
      expect(await counterNo(officeId, 1)).toMatchObject({ name_zh: c1.name_zh, active: 1 });
      expect(await db().selectFrom('counter').select('id').where('number', '=', 50).execute()).toEqual([]);

      const clerk = await as('clerk.jianshi');
      expect((await clerk.get('/staff/queue/counters')).statusCode).toBe(403);

      const county = await as('county');
      const edit = await county.get(`/staff/queue/counters/${c1.id}/edit`);
      expect(edit.statusCode).toBe(200);
      const ok = await county.post(`/staff/queue/counters/${c1.id}/edit`, { _csrf: csrfOf(edit.body), number: '1', nameZh: '綜合櫃台一', nameEn: c1.name_en, priorityFirst: String(c1.priority_first), openDefault: '1', active: '1' });
      expect(ok.statusCode).toBe(303);
    });

    it('audits every change with only the fields that changed, before and after', async () => {
      const officeId = await jianshi();
      const rows = await db().selectFrom('audit_log').select(['action', 'actor_label', 'target_type', 'detail', 'office_id']).where('action', 'like', 'queue.%').orderBy('id').execute();
      expect(rows.map((r) => `${r.actor_label} ${r.action}`)).toEqual([
        'county queue.service.create',
        'county queue.counter.create',
        'county queue.counter.create',
        'county queue.counter.retire',
        'director.jianshi queue.counter.update',
        'director.jianshi queue.service.retire',
        'director.jianshi queue.service.create',
        'county queue.counter.update',
      ]);
      expect(rows.every((r) => r.office_id === officeId)).toBe(true);
      expect(JSON.parse(rows[3]!.detail!)).toEqual({ before: { active: 1 }, after: { active: 0 } });
      expect(JSON.parse(rows[4]!.detail!)).toEqual({ before: { name_zh: '遷徙櫃台 12', name_en: 'Moving 12', open_default: 1 }, after: { name_zh: '遷徙與博愛', name_en: 'Moving and priority', open_default: 0 } });
      expect(JSON.parse(rows[5]!.detail!)).toEqual({ before: { active: 1 }, after: { active: 0 } });
      expect(JSON.parse(rows[0]!.detail!)).toEqual({ before: {}, after: { code: 'moving', queue_prefix: 'F', name_zh: '遷徙登記', name_en: 'Moving house', avg_minutes: 20, sort: 6, active: 1 } });
      // the county admin's edit took every service from counter 1 and renamed it
      expect(JSON.parse(rows[7]!.detail!)).toEqual({
        before: { name_zh: '博愛窗口', services: ['citizen-cert', 'id-card', 'nationality', 'registration', 'transcript'] },
        after: { name_zh: '綜合櫃台一', services: [] },
      });
    });

    it('config rows: export, then apply them back changes nothing; a new row creates, a bad row names its line', async () => {
      const officeId = await jianshi();
      const actor = { id: 1, username: 'county' };
      const services = await exportQueueServiceRows(db(), officeId);
      const counters = await exportCounterRows(db(), officeId);
      expect(counters.map((c) => c.number)).toEqual([1, 2, 3, 11, 12]);
      expect(counters[3]).toEqual({ number: 11, name_zh: '遷徙櫃台 11', name_en: 'Moving 11', services: 'moving', priority_first: 0, open_default: 1, active: 0 });
      const audits = async () => (await db().selectFrom('audit_log').select('id').execute()).length;
      const n = await audits();
      expect(await applyQueueServiceRows(db(), officeId, services, actor, now)).toEqual({ created: 0, updated: 0 });
      expect(await applyCounterRows(db(), officeId, counters, actor, now)).toEqual({ created: 0, updated: 0 });
      expect(await audits()).toBe(n);
      expect(await applyCounterRows(db(), officeId, [{ number: '20', name_zh: '新櫃台', name_en: 'New', services: 'registration、moving-2', priority_first: '否', open_default: '是', active: 1 }], actor, now)).toEqual({ created: 1, updated: 0 });
      const c20 = await counterNo(officeId, 20);
      expect(await db().selectFrom('counter_service').select('service_id').where('counter_id', '=', c20.id).orderBy('service_id').execute()).toHaveLength(2);
      await expect(applyCounterRows(db(), officeId, [counters[0], { ...counters[1], number: 2, services: 'nope' }], actor, now)).rejects.toMatchObject({ code: 'validation', params: { row: 3 } });
      await expect(applyQueueServiceRows(db(), officeId, [{ ...services[0], letter: 'P' }], actor, now)).rejects.toMatchObject({ code: 'validation', params: { row: 2 }, fields: [{ field: 'letter', key: 'queue.admin.err.letterReserved' }] });
    });

    it('serviceId beyond a PostgreSQL integer is a form error, never a 500', async () => {
      const a = new Agent(t.app);
      const page = await a.get('/o/zhubei/queue');
      expect((await a.post('/o/zhubei/queue/take', { _csrf: csrfOf(page.body), serviceId: '9999999999' })).statusCode).toBe(422);
      const kiosk = await a.get('/o/zhubei/kiosk');
      expect((await a.post('/o/zhubei/kiosk/ticket', { _csrf: csrfOf(kiosk.body), serviceId: '9999999999', priority: '0' })).statusCode).toBe(422);
    });
  });
}

it('the wait estimate uses the service’s own minutes until the day has service times', () => {
  const line: ServiceLine = {
    serviceId: 1,
    code: 'x',
    prefix: 'X',
    nameZh: '',
    nameEn: '',
    waitingIds: [],
    waiting: 0,
    oldestQueueAt: null,
    recentServiceMs: null,
    counters: 2,
    avgMinutes: 15,
    offered: true,
  };
  expect(estimateWaitMinutes(line, 3, 6)).toBe(25); // 3 × 15 ÷ 2 = 22.5 → 25
  expect(estimateWaitMinutes({ ...line, avgMinutes: null }, 3, 6)).toBe(10); // 3 × 6 ÷ 2 = 9 → 10
  expect(estimateWaitMinutes({ ...line, recentServiceMs: 4 * 60_000 }, 3, 6)).toBe(10); // today's own times win
});
