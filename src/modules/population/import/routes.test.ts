import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { DEMO_PASSWORD } from '../../staff/index.js';
import { householdRows, householdRowsRevised, householdsCsv } from './fixtures.js';

const NOW = new Date('2026-11-24T02:00:00.000Z');
/** A month long before anything the demo may carry, so the demo's own figures never meet these. */
const YYYMM = '10801';
const MONTH = '2019-01';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] /staff/population`, () => {
    let demo: Awaited<ReturnType<typeof demoApp>>;
    let county: Agent;
    beforeAll(async () => {
      demo = await demoApp(kind, { clock: () => NOW });
      county = new Agent(demo.app);
      await county.signIn('county', DEMO_PASSWORD);
    }, 60_000);
    afterAll(async () => demo?.dispose());

    const filesOfMonth = () => demo.database.db.selectFrom('stat_file').selectAll().where('month', '=', MONTH).orderBy('id').execute();
    async function upload(bytes: Uint8Array, name: string) {
      const page = await county.get('/staff/population');
      return county.postMultipart('/staff/population', { _csrf: csrfOf(page.body) }, { field: 'file', name, bytes, type: 'text/csv' });
    }

    it('is for county and system admins only', async () => {
      const clerk = new Agent(demo.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect((await clerk.get('/staff/population')).statusCode).toBe(403);
      const anon = await new Agent(demo.app).get('/staff/population');
      expect(anon.statusCode).toBe(303);
    });

    it('shows the upload form, the accepted formats and an empty list', async () => {
      const res = await county.get('/staff/population');
      expect(res.statusCode).toBe(200);
      expect(res.body.match(/<h1/g)).toHaveLength(1);
      expect(res.body).toContain('enctype="multipart/form-data"');
      expect(res.body).toContain('<label');
      expect(res.body).toContain('可匯入的格式');
      expect(res.body).toContain('尚未匯入任何人口統計檔');
      const home = await county.get('/staff');
      expect(home.body).toContain('href="/staff/population"');
    });

    it('refuses a file that does not add up, listing line, column and message beside the form; nothing stored', async () => {
      const rows = householdRows(YYYMM);
      (rows[2] as string[])[4] = '-1010';
      (rows[0] as string[])[5] = '8,651';
      const res = await upload(householdsCsv(rows), '竹北-10801.csv');
      expect(res.statusCode).toBe(422);
      const body = res.body;
      expect(body).toContain('檔案未匯入');
      expect(body).toContain('檔案未匯入：發現 3 個問題');
      expect(body).toContain('<strong>第 2 列</strong> <code>people_total</code>：人口數 8,651 不等於男 4,300 加女 4,350。');
      const first = body.indexOf('<strong>第 2 列</strong> <code>people_total</code>：竹北市各村里加總為 8,650，合計列卻是 8,651。');
      const second = body.indexOf('<strong>第 4 列</strong> <code>household_no</code>：人數不能是負數（-1010）。');
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(first);
      expect(body).toContain('竹北-10801.csv');
      // beside the form: both in one two-column block, the form first
      const block = body.slice(body.indexOf('class="two-col"'));
      expect(block.indexOf('action="/staff/population"')).toBeLessThan(block.indexOf('檔案未匯入'));
      expect(await filesOfMonth()).toHaveLength(0);
      expect(await demo.database.db.selectFrom('pop_village_month').select('month').where('month', '=', MONTH).execute()).toHaveLength(0);
    });

    it('asks for a file, and refuses one that is not text', async () => {
      const page = await county.get('/staff/population');
      const none = await county.postMultipart('/staff/population', { _csrf: csrfOf(page.body) }, []);
      expect(none.statusCode).toBe(422);
      expect(none.body).toContain('請選擇要上傳的統計檔');
      const binary = await upload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]), 'x.csv');
      expect(binary.statusCode).toBe(422);
      expect(binary.body).toContain('這不是文字檔');
    });

    it('imports a good file, lists it with who and when, and gives the raw file back', async () => {
      const res = await upload(householdsCsv(householdRows(YYYMM)), '竹北-10801.csv');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/staff/population');
      const page = await county.get('/staff/population');
      expect(page.body).toContain('已匯入民國108年1月的村里戶數及人口數，共 3 個村里。');
      const staff = await demo.database.db.selectFrom('staff').select(['id', 'display_name']).where('username', '=', 'county').executeTakeFirstOrThrow();
      expect(page.body).toContain(staff.display_name);
      const [file] = await filesOfMonth();
      expect(file).toMatchObject({ imported_by: staff.id, source: 'upload', replaced_by: null });
      const raw = await county.get(`/staff/population/files/${file?.id}`);
      expect(raw.statusCode).toBe(200);
      expect(raw.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(raw.headers['content-disposition']).toContain("filename*=UTF-8''%E7%AB%B9%E5%8C%97-10801.csv");
      expect(Buffer.from(raw.rawPayload).equals(Buffer.from(householdsCsv(householdRows(YYYMM))))).toBe(true);
      const audit = await demo.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'population.import').execute();
      expect(audit.at(-1)).toMatchObject({ actor_staff_id: staff.id, actor_label: 'county', target_type: 'stat_file', target_id: String(file?.id) });
    });

    it('replaces the month on a second upload and says so; the first file shows as replaced', async () => {
      await county.get('/staff/population?lang=en');
      const res = await upload(householdsCsv(householdRowsRevised(YYYMM)), 'revised.csv');
      expect(res.statusCode).toBe(303);
      const page = await county.get('/staff/population');
      expect(page.body).toContain('Imported Jan 2019, Households and population: 3 villages. The month');
      expect(page.body).toContain('earlier file is now marked replaced');
      expect(page.body).toContain('Replaced');
      const files = await filesOfMonth();
      expect(files.map((f) => f.replaced_by)).toEqual([files[1]?.id, null]);
      const clerk = new Agent(demo.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect((await clerk.get(`/staff/population/files/${files[0]?.id}`)).statusCode).toBe(403);
      expect((await county.get('/staff/population/files/999999')).statusCode).toBe(404);
    });
  });
}
