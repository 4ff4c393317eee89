import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { DEMO_PASSWORD } from '../../staff/index.js';
import { seedRegister, VILLAGES } from './test-fixture.js';

const now = new Date('2026-09-15T02:00:00Z');
const BASE = '/staff/house-numbers/renumberings';
const PUBLIC = '/o/zhubei/house-numbers/renumberings';
const h1s = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&gt;/g, '>').replace(/\s+/g, ' ');

const form = (items: string): Record<string, string> => ({
  office: 'zhubei',
  title: '光明六路門牌整編',
  villages: VILLAGES[0][0],
  effectiveOn: '115/10/1',
  docNo: '竹北戶字第1150001234號',
  note: '新門牌牌照於 10 月 5 日起至本所領取。',
  items,
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] renumbering pages`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let supervisor: Agent;
    let points: Map<string, number>;
    const notices = () => t.database.db.selectFrom('renumbering').selectAll().execute();

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const zhubei = await t.database.db.selectFrom('office').select(['id', 'county_id']).where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      points = await seedRegister(t.database.db, zhubei.county_id, zhubei.id);
      supervisor = new Agent(t.app);
      await supervisor.signIn('supervisor.zhubei', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    describe('staff', () => {
      it('offers the town’s villages and refuses bad lines by number, keeping what was typed and storing nothing', async () => {
        const page = await supervisor.get(`${BASE}/new`);
        expect(page.statusCode).toBe(200);
        for (const [code, name] of VILLAGES) {
          expect(page.body).toContain(`value="${code}"`);
          expect(page.body).toContain(name);
        }
        const typed = '光明六路10號 → 光明六路12號\n光明六路 → 光明六路14號\n\n光明六路20號 光明六路22號\n光明六路10號5樓 → 光明六路12號';
        const res = await supervisor.post(BASE, { _csrf: csrfOf(page.body), ...form(typed), docNo: '' });
        expect(res.statusCode).toBe(422);
        const words = text(res.body);
        expect(words).toContain('有 3 行無法讀取');
        expect(words).toContain('第 2 行：看不懂舊門牌「光明六路」');
        expect(words).toContain('第 4 行：請用「→」、Tab 或逗號分隔舊門牌與新門牌');
        expect(words).toContain('第 5 行：「光明六路10號5樓」請不要寫樓層');
        expect(res.body).toContain('id="f-docNo-error"');
        expect(res.body).toContain('光明六路20號 光明六路22號'); // the textarea as typed
        expect(res.body).toContain('新門牌牌照於 10 月 5 日起至本所領取。');
        expect(await notices()).toEqual([]);
      });

      it('says the same in English', async () => {
        const english = new Agent(t.app);
        await english.signIn('supervisor.zhubei', DEMO_PASSWORD);
        const page = await english.get(`${BASE}/new?lang=en`);
        const res = await english.post(BASE, { _csrf: csrfOf(page.body), ...form('光明六路 → 光明六路14號') });
        expect(res.statusCode).toBe(422);
        expect(text(res.body)).toContain('Line 1: the old number “光明六路” could not be read');
      });

      it('creates a draft, publishes it, shows it to the public, withdraws it', async () => {
        const page = await supervisor.get(`${BASE}/new`);
        const made = await supervisor.post(BASE, { _csrf: csrfOf(page.body), ...form('光明6路十號 → 光明六路12號\n光明六路10之1號\t光明六路12號之1\n中正路3巷5號, 中正路二段3巷7號') });
        expect(made.statusCode).toBe(303);
        const url = made.headers.location as string;
        expect(url).toMatch(new RegExp(`^${BASE}/\\d+$`));
        const id = Number(url.split('/').pop());

        const edit = await supervisor.get(url);
        expect(edit.statusCode).toBe(200);
        expect(edit.body).toContain('光明六路10號 → 光明六路12號');
        expect(edit.body).toContain('中正路二段3巷5號 → 中正路二段3巷7號');
        expect((await supervisor.get(`${PUBLIC}/${id}`)).statusCode).toBe(404); // a draft is not public

        const list = await supervisor.get(BASE);
        expect(text(list.body)).toContain('光明六路門牌整編');
        expect(text(list.body)).toContain('草稿');

        expect((await supervisor.post(`${url}/publish`, { _csrf: csrfOf(edit.body) })).statusCode).toBe(303);
        const visitor = new Agent(t.app);
        const pub = await visitor.get(PUBLIC);
        expect(pub.statusCode).toBe(200);
        expect(h1s(pub.body)).toBe(1);
        expect(pub.body).toContain(`href="${PUBLIC}/${id}"`);
        const detail = await visitor.get(`${PUBLIC}/${id}`);
        expect(detail.statusCode).toBe(200);
        expect(h1s(detail.body)).toBe(1);
        const words = text(detail.body);
        expect(words).toContain('民國115年10月1日');
        expect(words).toContain('竹北戶字第1150001234號');
        expect(words).toContain(VILLAGES[0][1]);
        expect(words).toContain('光明六路10號之1');
        expect(detail.body).toContain(`href="/o/zhubei/house-numbers/p/${points.get('光明六路12號')}"`);
        for (const href of ['/o/zhubei/guides/house-number-certificate', '/o/zhubei/guides/house-number-assignment', '/o/zhubei/booking']) expect(detail.body).toContain(`href="${href}"`);
        const en = await new Agent(t.app).get(`${PUBLIC}/${id}?lang=en`);
        expect(text(en.body)).toContain('1 October 2026');
        expect(text(en.body)).toContain('Old number');

        const again = await supervisor.get(url);
        expect((await supervisor.post(`${url}/withdraw`, { _csrf: csrfOf(again.body) })).statusCode).toBe(303);
        expect((await visitor.get(`${PUBLIC}/${id}`)).statusCode).toBe(404);
        expect(text((await visitor.get(PUBLIC)).body)).toContain('目前沒有門牌整編公告');
        const withdrawn = await supervisor.get(url);
        expect(withdrawn.body).not.toContain(`action="${url}"`); // no more edit form
        const refused = await supervisor.post(url, { _csrf: csrfOf(withdrawn.body), ...form('光明六路10號 → 光明六路14號') });
        expect(refused.statusCode).toBe(409);
        expect((await t.database.db.selectFrom('audit_log').select('action').where('target_type', '=', 'renumbering').orderBy('id').execute()).map((a) => a.action)).toEqual([
          'addresses.renumbering.create',
          'addresses.renumbering.publish',
          'addresses.renumbering.withdraw',
        ]);
      });

      it('is for supervisors and up; a clerk is refused', async () => {
        const clerk = new Agent(t.app);
        await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
        expect((await clerk.get(BASE)).statusCode).toBe(403);
        expect((await new Agent(t.app).get(BASE)).statusCode).toBeGreaterThanOrEqual(300);
      });

      it('lets the county admin work on any office, and keeps a notice to its own office', async () => {
        const county = new Agent(t.app);
        await county.signIn('county', DEMO_PASSWORD);
        const page = await county.get(`${BASE}/new?office=jianshi`);
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('value="jianshi"');
        const made = await county.post(BASE, { _csrf: csrfOf(page.body), ...form('那羅1號 → 那羅3號'), office: 'jianshi', villages: '' });
        expect(made.statusCode).toBe(303);
        const id = Number((made.headers.location as string).split('/').pop());
        // the supervisor of 竹北 does not see it, and 竹北's public pages do not have it
        expect((await supervisor.get(`${BASE}/${id}`)).statusCode).toBe(404);
        const edit = await county.get(`${BASE}/${id}`);
        await county.post(`${BASE}/${id}/publish`, { _csrf: csrfOf(edit.body) });
        expect((await new Agent(t.app).get(`${PUBLIC}/${id}`)).statusCode).toBe(404);
        expect((await new Agent(t.app).get(`/o/jianshi/house-numbers/renumberings/${id}`)).statusCode).toBe(200);
      });
    });

    it('answers unknown offices and ids with 404', async () => {
      const visitor = new Agent(t.app);
      expect((await visitor.get('/o/nowhere/house-numbers/renumberings')).statusCode).toBe(404);
      expect((await visitor.get(`${PUBLIC}/999999`)).statusCode).toBe(404);
      expect((await visitor.get(`${PUBLIC}/abc`)).statusCode).toBe(404);
    });
  });
}
