import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { officeScope, writeSetting } from '../../platform/settings.js';
import { DEMO_PASSWORD } from '../staff/index.js';

describe('queue pages over HTTP', () => {
  let t: Awaited<ReturnType<typeof demoApp>>;
  let now = new Date('2026-11-24T02:00:00Z'); // Tuesday 10:00 Taipei
  beforeAll(async () => {
    t = await demoApp('sqlite', { clock: () => now });
  });
  afterAll(async () => t?.dispose());

  async function clerk() {
    const a = new Agent(t.app);
    await a.signIn('clerk.zhubei', DEMO_PASSWORD);
    return a;
  }

  it('kiosk → printed ticket → phone page → counter call → "your turn"', async () => {
    const visitor = new Agent(t.app);
    const kiosk = await visitor.get('/o/zhubei/kiosk');
    expect(kiosk.statusCode).toBe(200);
    const serviceId = /name="serviceId" value="(\d+)"[^>]*>[\s\S]*?戶籍登記/.exec(kiosk.body)?.[1];
    const issued = await visitor.post('/o/zhubei/kiosk/ticket', { _csrf: csrfOf(kiosk.body), serviceId: serviceId!, priority: '0' });
    expect(issued.statusCode).toBe(303);
    const slip = await visitor.get(issued.headers.location as string);
    expect(slip.body).toContain('A001');
    expect(slip.body).toContain('<svg');
    const code = /\/q\/([\w-]+)/.exec(slip.body)?.[1] ?? (issued.headers.location as string).split('/').pop();
    const phone = await new Agent(t.app).get(`/q/${code}`);
    expect(phone.body).toContain('前面還有 0 人');

    const c = await clerk();
    const pick = await c.get('/staff/queue');
    const counterId = /action="\/staff\/queue\/counters\/(\d+)\/open"[\s\S]*?綜合櫃台/.exec(pick.body)?.[1];
    const opened = await c.post(`/staff/queue/counters/${counterId}/open`, { _csrf: csrfOf(pick.body) });
    expect(opened.headers.location).toBe(`/staff/queue/counters/${counterId}`);
    const consolePage = await c.get(`/staff/queue/counters/${counterId}`);
    expect(consolePage.body).toContain('叫下一號');
    const called = await c.post(`/staff/queue/counters/${counterId}/call`, { _csrf: csrfOf(consolePage.body) });
    expect(called.statusCode).toBe(303);
    const after = await new Agent(t.app).get(`/q/${code}`);
    expect(after.body).toMatch(/輪到您了！請到 <span class="nowrap">\d 號櫃台<\/span>/);
    const board = await new Agent(t.app).get('/o/zhubei/board');
    expect(board.body).toContain('A001');
    const again = await c.get(`/staff/queue/counters/${counterId}`);
    const tooSoon = await c.post(`/staff/queue/counters/${counterId}/recall`, { _csrf: csrfOf(again.body) });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.body).toContain('秒後再重呼');
    now = new Date(now.getTime() + 5 * 60_000);
    expect((await c.post(`/staff/queue/counters/${counterId}/finish`, { _csrf: csrfOf(again.body) })).statusCode).toBe(303);
    expect((await new Agent(t.app).get(`/q/${code}`)).body).toContain('已辦理完成');
  });

  it('takes a phone ticket, rejects a missing service beside the field, and lets the citizen cancel', async () => {
    const a = new Agent(t.app);
    const page = await a.get('/o/zhubei/queue');
    expect(page.body).toContain('用手機線上取號');
    const bad = await a.post('/o/zhubei/queue/take', { _csrf: csrfOf(page.body), serviceId: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('請選擇要辦理的服務');
    const sid = /<option value="(\d+)"[^>]*>謄本/.exec(page.body)?.[1];
    const ok = await a.post('/o/zhubei/queue/take', { _csrf: csrfOf(page.body), serviceId: sid! });
    expect(ok.statusCode).toBe(303);
    const ticket = await a.get(ok.headers.location as string);
    expect(ticket.body).toContain('C001');
    const cancelled = await a.post(`${ok.headers.location}/cancel`, { _csrf: csrfOf(ticket.body) });
    expect(cancelled.statusCode).toBe(303);
    expect((await a.get(ok.headers.location as string)).body).toContain('此號碼已取消');
  });

  it('says plainly when the office is closed and issues nothing', async () => {
    const saved = now;
    now = new Date('2026-11-24T12:00:00Z'); // 20:00 Taipei
    const a = new Agent(t.app);
    const page = await a.get('/o/zhubei/kiosk');
    const sid = /name="serviceId" value="(\d+)"/.exec(page.body)?.[1];
    const res = await a.post('/o/zhubei/kiosk/ticket', { _csrf: csrfOf(page.body), serviceId: sid!, priority: '1' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('目前非取號時間');
    now = saved;
  });

  it('shows statistics with chart, CSV and ODS to a supervisor', async () => {
    const sup = new Agent(t.app);
    await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
    const page = await sup.get('/staff/queue/stats?date=2026-11-24');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('等候時間中位數');
    const csv = await sup.get('/staff/queue/stats.csv?date=2026-11-24');
    expect(csv.headers['content-type']).toContain('text/csv');
    // A001: called at once, served 5 minutes
    expect(csv.body).toContain('戶籍登記,1,1,0,0,0,0,5,5,100');
    const ods = await sup.get('/staff/queue/stats.ods?date=2026-11-24');
    const files = unzipSync(new Uint8Array(ods.rawPayload));
    expect(strFromU8(files['content.xml']!)).toContain('戶籍登記');
    const svg = await sup.get('/staff/queue/stats/chart.svg?date=2026-11-24');
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    expect((await (await clerk()).get('/staff/queue/stats')).statusCode).toBe(403);
  });

  it('opens and closes a support counter from the supervisor view, logging the line before and after', async () => {
    const sup = new Agent(t.app);
    await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
    const view = await sup.get('/staff/queue/office');
    expect(view.statusCode).toBe(200);
    const counterId = /name="counterId" value="(\d+)"[\s\S]*?開啟支援櫃台/.exec(view.body)?.[1];
    const open = await sup.post('/staff/queue/office/support/open', { _csrf: csrfOf(view.body), counterId: counterId!, office: 'zhubei' });
    expect(open.statusCode).toBe(303);
    const close = await sup.post('/staff/queue/office/support/close', { _csrf: csrfOf(view.body), counterId: counterId!, office: 'zhubei' });
    expect(close.statusCode).toBe(303);
    const log = await t.database.db.selectFrom('peak_event').selectAll().where('kind', 'in', ['support_open', 'support_close']).execute();
    expect(log.map((e) => e.kind)).toEqual(['support_open', 'support_close']);
    expect(JSON.parse(log[1]!.detail!)).toMatchObject({ waitingAtOpen: 0, servedWhileOpen: 0 });
  });

  it('validates settings beside each field and keeps what was typed', async () => {
    const sup = new Agent(t.app);
    await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
    const page = await sup.get('/staff/queue/settings');
    const bad = await sup.post('/staff/queue/settings', {
      _csrf: csrfOf(page.body),
      office: 'zhubei',
      ruleMode: 'every_n',
      ruleValue: '0',
      peakWaiting: 'many',
      peakMinutes: '30',
      recallMinSeconds: '30',
      stopBefore: '0',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="many"');
    expect(bad.body).toContain('class="error-summary"');
    const ok = await sup.post('/staff/queue/settings', {
      _csrf: csrfOf(page.body),
      office: 'zhubei',
      ruleMode: 'every_n',
      ruleValue: '3',
      peakWaiting: '20',
      peakMinutes: '25',
      recallMinSeconds: '20',
      stopBefore: '15',
      cap_transcript: '200',
      remoteEnabled: '1',
      marqueeZh: '本所週三延長服務至晚上 8 點',
    });
    expect(ok.statusCode).toBe(303);
    const board = await new Agent(t.app).get('/o/zhubei/board');
    expect(board.body).toContain('本所週三延長服務至晚上 8 點');
  });

  it('raises one peak alert past the threshold, shown to supervisors and the named support staff', async () => {
    const office = await t.database.db.selectFrom('office').select('id').where('code', '=', 'jianshi').executeTakeFirstOrThrow();
    await writeSetting(t.database.db, officeScope(office.id), 'queue', { peak: { waiting: 1, oldestMinutes: 60 }, supportStaff: ['clerk.jianshi'] }, null);
    const a = new Agent(t.app);
    const page = await a.get('/o/jianshi/kiosk');
    const sid = /name="serviceId" value="(\d+)"/.exec(page.body)?.[1];
    for (let i = 0; i < 3; i++) await a.post('/o/jianshi/kiosk/ticket', { _csrf: csrfOf(page.body), serviceId: sid!, priority: '0' });
    const alerts = await t.database.db.selectFrom('peak_event').selectAll().where('office_id', '=', office.id).where('kind', '=', 'alert').execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.waiting).toBe(2);
    const support = new Agent(t.app);
    await support.signIn('clerk.jianshi', DEMO_PASSWORD);
    expect((await support.get('/staff')).body).toContain('尖峰警示');
    const director = new Agent(t.app);
    await director.signIn('director.jianshi', DEMO_PASSWORD);
    expect((await director.get('/staff')).body).toContain('尖峰警示');
    const otherOffice = new Agent(t.app);
    await otherOffice.signIn('clerk.zhubei', DEMO_PASSWORD);
    expect((await otherOffice.get('/staff')).body).not.toContain('尖峰警示');
  });

  it('streams changes to live pages over Server-Sent Events', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/o/zhubei/queue/events`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let text = '';
    const read = async (until: string) => {
      while (!text.includes(until)) text += dec.decode((await reader.read()).value);
    };
    await read('event: state');
    const a = new Agent(t.app);
    const page = await a.get('/o/zhubei/kiosk');
    const sid = /name="serviceId" value="(\d+)"/.exec(page.body)?.[1];
    await a.post('/o/zhubei/kiosk/ticket', { _csrf: csrfOf(page.body), serviceId: sid!, priority: '1' });
    await read('event: change');
    expect(text).toContain('"kind":"issued"');
    expect(text).toContain('"label":"P001"');
    expect(t.hub.count()).toBe(1);
    await reader.cancel();
  });
});
