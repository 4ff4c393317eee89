import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { DEMO_PASSWORD } from '../../staff/index.js';
import { DEMO_RENUMBERING, demoPlans } from '../generator/plans.js';
import { generateRegister } from '../generator/register.js';
import { registerBytes } from '../generator/write.js';
import { addressesCli } from './cli.js';
import { csvBytes, withCell } from './testing.js';

const NOW = new Date('2026-11-24T02:00:00.000Z');
const PAGE = '/staff/house-numbers/import';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] ${PAGE}`, () => {
    let demo: Awaited<ReturnType<typeof demoApp>>;
    let county: Agent;
    beforeAll(async () => {
      demo = await demoApp(kind, { clock: () => NOW });
      county = new Agent(demo.app);
      await county.signIn('county', DEMO_PASSWORD);
    }, 60_000);
    afterAll(async () => demo?.dispose());

    async function upload(what: 'register' | 'boundaries', bytes: Uint8Array | null, name: string) {
      const page = await county.get(PAGE);
      return county.postMultipart(`${PAGE}/${what}`, { _csrf: csrfOf(page.body) }, bytes ? { field: what, name, bytes, type: 'text/csv' } : []);
    }

    it('is for county and system admins, with one h1 and both forms', async () => {
      const clerk = new Agent(demo.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect((await clerk.get(PAGE)).statusCode).toBe(403);
      expect((await new Agent(demo.app).get(PAGE)).statusCode).toBe(303);
      const res = await county.get(PAGE);
      expect(res.statusCode).toBe(200);
      expect(res.body.match(/<h1/g)).toHaveLength(1);
      expect(res.body).toContain(`action="${PAGE}/register"`);
      expect(res.body).toContain(`action="${PAGE}/boundaries"`);
      expect(res.body).toMatch(/<label[^>]*for="f-register"/);
    });

    it('refuses a bad file beside its form, with the line and column, in the chosen language', async () => {
      const files = () => demo.database.db.selectFrom('stat_file').select('id').where('kind', 'in', ['addresses', 'boundaries']).execute();
      const before = await files();
      const zh = await upload('register', csvBytes(withCell(1, 'number', 'abc')), 'bad.csv');
      expect(zh.statusCode).toBe(422);
      expect(zh.body).toContain('檔案有 1 個問題，未匯入任何資料');
      expect(zh.body).toContain('第 3 行「number」欄：門牌號無法辨識：「abc」');
      await county.get(`${PAGE}?lang=en`);
      const en = await upload('boundaries', Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}'), 'b.geojson');
      expect(en.statusCode).toBe(422);
      expect(en.body).toContain('Feature 1: The properties have no village code');
      const none = await upload('register', null, '');
      expect(none.statusCode).toBe(422);
      expect(none.body).toContain('Choose a file to upload.');
      await county.get(`${PAGE}?lang=zh-Hant`);
      expect(await files()).toEqual(before);
    });

    it('imports an upload, says so after the redirect, lists the file and gives it back as it came', async () => {
      const bytes = csvBytes(undefined, { big5: true });
      const res = await upload('register', bytes, '門牌.csv');
      expect(res.statusCode).toBe(303);
      const page = await county.get(res.headers.location as string);
      expect(page.body).toContain('已匯入 3 筆門牌：現行 2 筆、已廢止 1 筆。');
      expect(page.body).toContain('門牌.csv');
      const id = /files\/(\d+)"/.exec(page.body)?.[1];
      const raw = await county.get(`${PAGE}/files/${id}`);
      expect(raw.statusCode).toBe(200);
      expect(raw.headers['content-type']).toContain('charset=big5');
      expect(Buffer.from(raw.rawPayload).equals(Buffer.from(bytes))).toBe(true);
      const audit = await demo.database.db.selectFrom('audit_log').select(['actor_label', 'target_id']).where('action', '=', 'addresses.import').where('actor_label', '=', 'county').execute();
      expect(audit).toEqual([{ actor_label: 'county', target_id: id }]);
      expect((await county.get(`${PAGE}/files/999999`)).statusCode).toBe(404);
    });

    it('takes a register larger than the default 5 MB upload limit', async () => {
      const rows = generateRegister({ plans: demoPlans().map((p) => ({ ...p, points: p.points * 6 })), renumberings: [DEMO_RENUMBERING], seed: 1 });
      const bytes = registerBytes(rows, { format: 'csv', encoding: 'utf-8', keys: 'en' });
      expect(bytes.length).toBeGreaterThan(5 * 1024 * 1024);
      const res = await upload('register', bytes, 'big.csv');
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
      expect(await demo.database.db.selectFrom('addr_point').select('id').execute()).toHaveLength(rows.length);
    }, 60_000);

    it('imports from the command line with the same checks', async () => {
      const { mkdtempSync, writeFileSync } = await import('node:fs');
      const dir = mkdtempSync('/tmp/hz-addresses-');
      writeFileSync(`${dir}/bad.csv`, csvBytes(withCell(0, 'event', '變更')));
      writeFileSync(`${dir}/good.csv`, csvBytes());
      const lines: string[] = [];
      const ctx = { database: demo.database, now: NOW, out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
      expect(await addressesCli(['import', `${dir}/bad.csv`], ctx)).toBe(1);
      expect(lines[0]).toBe('第 2 行「event」欄：異動類別應為初編、改編、整編或廢止：「變更」。');
      expect(await addressesCli(['import', `${dir}/good.csv`], ctx)).toBe(0);
      expect(lines.at(-1)).toMatch(/^已匯入 3 筆門牌/);
      expect(await addressesCli(['import'], ctx)).toBe(2);
      expect(await addressesCli(['boundaries', `${dir}/missing.json`], ctx)).toBe(1);
    });
  });
}
