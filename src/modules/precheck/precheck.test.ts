import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { createMemoryBus } from '../../platform/events/index.js';
import { computeIndicator, type IndicatorOffice } from '../../platform/indicators/index.js';
import { officeScope, writeSetting } from '../../platform/settings.js';
import { monthPeriod } from '../figures/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { precheck } from './service.js';

const fieldError = (body: string, name: string) => new RegExp(`id="f-${name}-error">([^<]*)<`).exec(body)?.[1] ?? null;
const missingItems = (body: string) => [...(/<ol class="precheck-missing">([\s\S]*?)<\/ol>/.exec(body)?.[1] ?? '').matchAll(/<li>([^<]*)/g)].map((m) => m[1]);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] roaming pre-check`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let now = new Date('2026-11-24T02:00:00Z'); // Tuesday 10:00 in Taipei
    let clerk: Agent;
    let office: { zhubei: number; jianshi: number };
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const offices = await t.database.db.selectFrom('office').select(['id', 'code']).execute();
      office = { zhubei: offices.find((o) => o.code === 'zhubei')!.id, jianshi: offices.find((o) => o.code === 'jianshi')!.id };
      clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    const checks = () => t.database.db.selectFrom('pre_check').selectAll().orderBy('id').execute();
    const tickets = () => t.database.db.selectFrom('ticket').select(['id', 'label', 'service_id']).orderBy('id').execute();
    const post = async (guide: string, form: Record<string, string | string[]>, agent = clerk) => {
      const page = await agent.get(`/staff/precheck/check/${guide}`);
      // a checkbox group sends its name once per tick: pairs, which URLSearchParams takes as well
      const pairs: string[][] = [['_csrf', csrfOf(page.body)]];
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, x]);
      return agent.post(`/staff/precheck/check/${guide}`, pairs as unknown as Record<string, string>);
    };

    it('lists the services; everything ticked issues a ticket tagged pre-checked, and the counter that calls it sees the list', async () => {
      const pick = await clerk.get('/staff/precheck');
      expect(pick.statusCode).toBe(200);
      expect(pick.body).toContain('/staff/precheck/check/id-card?office=zhubei');
      const en = await clerk.get('/staff/precheck?lang=en');
      expect(en.body).toContain('Which service has the person come for?');
      expect(en.body).not.toMatch(/precheck\.(?!css)[a-z]/); // no catalog key shown as itself
      await clerk.get('/staff/precheck?lang=zh-Hant');
      const form = await clerk.get('/staff/precheck/check/id-card');
      expect(form.body.match(/type="checkbox"/g)).toHaveLength(4);
      const res = await post('id-card', { have: ['0', '1', '2', '3'], office: 'zhubei' });
      expect(res.statusCode).toBe(303);
      const [c] = await checks();
      expect(res.headers.location).toBe(`/staff/precheck/${c!.id}/ticket`);
      const [ticket] = await tickets();
      expect(c).toMatchObject({ outcome: 'ticket', ticket_id: ticket!.id, ticket_label: 'B001', guide_code: 'id-card', day: '2026-11-24', note: null, missing: '[]' });
      const done = await clerk.get(res.headers.location as string);
      expect(done.body).toContain('<strong>B001</strong> <span class="tag">已預檢</span>');

      // the counter: open one that serves the id-card line and call the next ticket
      const counter = await t.database.db
        .selectFrom('counter_service')
        .innerJoin('counter', 'counter.id', 'counter_service.counter_id')
        .select('counter.id')
        .where('counter_service.service_id', '=', ticket!.service_id)
        .where('counter.office_id', '=', office.zhubei)
        .orderBy('counter.number', 'desc')
        .executeTakeFirstOrThrow();
      const pickPage = await clerk.get('/staff/queue');
      await clerk.post(`/staff/queue/counters/${counter.id}/open`, { _csrf: csrfOf(pickPage.body) });
      const before = await clerk.get(`/staff/queue/counters/${counter.id}`);
      expect(before.body).not.toContain('已預檢');
      await clerk.post(`/staff/queue/counters/${counter.id}/call`, { _csrf: csrfOf(before.body) });
      const consolePage = await clerk.get(`/staff/queue/counters/${counter.id}`);
      expect(consolePage.body).toContain('<span class="console-label">B001</span>');
      expect(consolePage.body).toContain('<span class="tag">已預檢</span> 民眾已備齊下列文件：');
      expect(consolePage.body).toContain('<li>戶口名簿</li>');
    });

    it('something not ticked: a slip of exactly the unticked documents, with their basis, and no ticket', async () => {
      const before = (await tickets()).length;
      const form = await clerk.get('/staff/precheck/check/name-change');
      const labels = [...form.body.matchAll(/<label for="f-have[^"]*">([^<]*)/g)].map((m) => m[1]);
      expect(labels).toHaveLength(5);
      const res = await post('name-change', { have: ['0', '2'], note: '戶籍謄本一份', office: 'zhubei' });
      expect(res.statusCode).toBe(303);
      const c = (await checks()).at(-1)!;
      expect(res.headers.location).toBe(`/staff/precheck/${c.id}/slip`);
      expect(c).toMatchObject({ outcome: 'slip', ticket_id: null, note: '戶籍謄本一份' });
      expect((await tickets()).length).toBe(before);
      const slip = await clerk.get(res.headers.location as string);
      expect(slip.statusCode).toBe(200);
      expect(missingItems(slip.body)).toEqual([labels[1], labels[3], labels[4]]);
      expect(slip.body).toContain('法源：姓名條例');
      expect(slip.body).toContain('其他說明：戶籍謄本一份');
      expect(slip.body).toContain('竹北');
      expect(slip.body).toContain('如有疑問請洽新竹縣竹北市戶政事務所，電話 (03) 555-0101。');
      expect(slip.body).toContain('服務時間：星期一至星期五 08:00–17:00');
      expect(slip.body).toContain('預檢日期：民國115年11月24日');
    });

    it('a full cap: the volunteer is told, no ticket, nothing stored', async () => {
      await writeSetting(t.database.db, officeScope(office.zhubei), 'queue', { dailyCap: { transcript: 1 } }, null);
      const first = await post('transcript', { have: ['0', '1', '2', '3'], office: 'zhubei' });
      expect(first.statusCode).toBe(303);
      const [n, m] = [(await checks()).length, (await tickets()).length];
      const refused = await post('transcript', { have: ['0', '1', '2', '3'], office: 'zhubei' });
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('此項服務今日號碼已發完');
      expect(refused.body.match(/<input type="checkbox"[^>]*\bchecked\b/g)).toHaveLength(4);
      expect([(await checks()).length, (await tickets()).length]).toEqual([n, m]);
    });

    it('refuses another office (403), bad ticks beside the field', async () => {
      const other = new Agent(t.app);
      await other.signIn('clerk.jianshi', DEMO_PASSWORD);
      expect((await other.get('/staff/precheck?office=zhubei')).statusCode).toBe(403);
      const page = await other.get('/staff/precheck');
      const res = await other.post('/staff/precheck/check/id-card', { _csrf: csrfOf(page.body), office: 'zhubei', have: '0' });
      expect(res.statusCode).toBe(403);
      const own = (await checks()).at(-1)!;
      expect((await other.get(`/staff/precheck/${own.id - 1}/slip`)).statusCode).toBe(403);
      const n = (await checks()).length;
      const bad = await post('id-card', { have: ['0', '9'], office: 'zhubei' });
      expect(bad.statusCode).toBe(422);
      expect(fieldError(bad.body, 'have')).toBe('請從選項中選擇一項。');
      expect((await checks()).length).toBe(n);
    });

    it('counts checks per office and period against hand-counted data', async () => {
      const staff = await t.database.db.selectFrom('staff').selectAll().where('username', '=', 'clerk.jianshi').executeTakeFirstOrThrow();
      const who = { id: staff.id, username: staff.username, displayName: staff.display_name, role: 'clerk' as const, countyId: staff.county_id, officeId: staff.office_id, mustChangePassword: false };
      const deps = { database: t.database, events: createMemoryBus(), clock: () => now };
      const run = (day: string, guideCode: string, have: number[], note: string | null = null) => {
        now = new Date(`${day}T10:00:00+08:00`);
        return precheck(deps, { officeId: office.jianshi, guideCode, have, note }, who);
      };
      // J November: 2 tickets, 3 slips; J December: 1 ticket
      await run('2026-11-25', 'id-card', [0, 1, 2, 3]);
      await run('2026-11-25', 'id-card', [0, 1]);
      await run('2026-11-26', 'transcript', [0, 1, 2, 3]);
      await run('2026-11-26', 'transcript', [0, 1, 2, 3], '委託書未簽名');
      await run('2026-11-27', 'move-out', []);
      await run('2026-12-01', 'id-card', [0, 1, 2, 3]);
      const at = async (key: string, code: 'zhubei' | 'jianshi', month: number) => {
        const o: IndicatorOffice = { id: office[code], code, countyId: 1 };
        return computeIndicator(t.database.db, key, o, monthPeriod(2026, month));
      };
      expect(await at('precheck.count', 'jianshi', 11)).toEqual({ value: 5 });
      expect(await at('precheck.ticketShare', 'jianshi', 11)).toEqual({ value: 40, base: 5 });
      expect(await at('precheck.slips', 'jianshi', 11)).toEqual({ value: 3 });
      expect(await at('precheck.count', 'jianshi', 12)).toEqual({ value: 1 });
      expect(await at('precheck.ticketShare', 'jianshi', 12)).toEqual({ value: 100, base: 1 });
      // Z November: the checks above (id-card and transcript tickets, the name-change slip)
      expect(await at('precheck.count', 'zhubei', 11)).toEqual({ value: 3 });
      expect(await at('precheck.ticketShare', 'zhubei', 11)).toEqual({ value: 66.7, base: 3 });
      expect(await at('precheck.ticketShare', 'zhubei', 12)).toEqual({ value: null });
      now = new Date('2026-11-24T02:00:00Z');
    });
  });
}
