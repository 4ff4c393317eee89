import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf } from '../../../test/app.js';
import { throwawayConfig } from '../../../test/config.js';
import { createThrowawayPostgres, describeOn, type ThrowawayPostgres } from '../../../test/databases.js';
import { buildApp, type HuzhengApp, ROOT } from '../../app.js';
import { type Database, openPostgres } from '../../db/index.js';
import { migrateToLatest } from '../../db/migrate.js';
import { seedDemo } from '../../demo/seed.js';
import { createPostgresBus, type EventBus } from '../../platform/events/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';

/**
 * Two app instances on one PostgreSQL database, each with its own
 * LISTEN/NOTIFY bus, standing for two processes behind a load balancer:
 * the hall board streams from one, the clerk calls on the other.
 */
describeOn('postgres')('[postgres] live queue pages across processes', () => {
  const now = new Date('2026-11-24T02:00:00Z'); // Tuesday 10:00 in Taipei
  let pgdb: ThrowawayPostgres;
  const instances: { built: HuzhengApp; database: Database; bus: EventBus }[] = [];

  async function instance(url: string) {
    const database = openPostgres(url, 5);
    const bus = await createPostgresBus(url);
    const built = await buildApp({ config: throwawayConfig({ DATABASE_URL: url }), database, events: bus, logger: false, clock: () => now });
    await built.app.ready();
    instances.push({ built, database, bus });
    return built;
  }

  beforeAll(async () => {
    pgdb = await createThrowawayPostgres();
    const seeding = openPostgres(pgdb.url, 5);
    await migrateToLatest(seeding);
    await seedDemo(seeding, ROOT, now);
    await seeding.close();
  });

  afterAll(async () => {
    for (const i of instances) {
      await i.built.app.close();
      await i.bus.close();
      await i.database.close();
    }
    await pgdb?.drop();
  });

  it('a board on one process shows the call a clerk makes on another', async () => {
    const a = await instance(pgdb.url);
    const b = await instance(pgdb.url);
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = b.app.server.address() as AddressInfo;

    const res = await fetch(`http://127.0.0.1:${port}/o/zhubei/queue/events`);
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let text = '';
    const read = async (until: string) => {
      const deadline = Date.now() + 10_000;
      while (!text.includes(until)) {
        if (Date.now() > deadline) throw new Error(`the board on process B never received ${until}`);
        const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 500))]);
        if (next?.value) text += dec.decode(next.value, { stream: true });
      }
    };
    await read('event: state');
    expect(b.hub.count()).toBe(1);

    const kiosk = new Agent(a.app);
    const page = await kiosk.get('/o/zhubei/kiosk');
    const serviceId = /name="serviceId" value="(\d+)"[^>]*>[\s\S]*?戶籍登記/.exec(page.body)?.[1];
    expect((await kiosk.post('/o/zhubei/kiosk/ticket', { _csrf: csrfOf(page.body), serviceId: serviceId!, priority: '0' })).statusCode).toBe(303);

    const clerk = new Agent(a.app);
    await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
    const pick = await clerk.get('/staff/queue');
    const counterId = /action="\/staff\/queue\/counters\/(\d+)\/open"[\s\S]*?綜合櫃台/.exec(pick.body)?.[1];
    await clerk.post(`/staff/queue/counters/${counterId}/open`, { _csrf: csrfOf(pick.body) });
    const desk = await clerk.get(`/staff/queue/counters/${counterId}`);
    expect((await clerk.post(`/staff/queue/counters/${counterId}/call`, { _csrf: csrfOf(desk.body) })).statusCode).toBe(303);

    await read('"kind":"called"');
    const called = text.split('\n\n').find((f) => f.includes('"kind":"called"'))!;
    expect(called).toMatch(/^id: \d+\nevent: change\ndata: /);
    const change = JSON.parse(called.slice(called.indexOf('data: ') + 6)) as { label: string; counterNumber: number; snapshot: { recentCalls: { label: string }[] } };
    expect(change.label).toBe('A001');
    expect(change.snapshot.recentCalls[0]?.label).toBe('A001');
    // the clerk's own process carries no page: the board got it through PostgreSQL
    expect(a.hub.count()).toBe(0);
    await reader.cancel();
  });
});
