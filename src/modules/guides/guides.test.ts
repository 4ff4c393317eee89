import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { writeTransaction } from '../../db/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { applyGuideRows, exportGuideRows, guidesService } from './index.js';
import { GUIDES } from './seed-data.js';

const fieldError = (body: string, name: string) => new RegExp(`id="f-${name}-error">([^<]*)<`).exec(body)?.[1] ?? null;
const cardLinks = (body: string, base: string) => [...body.matchAll(new RegExp(`<a href="${base}/([a-z0-9-]+)">`, 'g'))].map((m) => m[1]);

const form = {
  category: 'certificate',
  nameZh: '寵物登記證明',
  nameEn: 'Pet registration certificate',
  whoZh: '飼主本人',
  whoEn: 'The owner',
  documents: '飼主身分證 | Owner ID card | 戶籍法第 10 條\n寵物晶片卡',
  feeNtd: '50',
  feeZh: '每份 50 元',
  feeEn: 'NT$50 each',
  deadlineDays: '',
  deadlineZh: '無期限',
  deadlineEn: 'No deadline',
  processingDays: '0',
  serviceCode: '',
};

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] guides: a county library, office guides, create / copy / retire`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const office: Record<string, number> = {};
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
      for (const o of await t.database.db.selectFrom('office').select(['id', 'code']).execute()) office[o.code] = o.id;
    });
    afterAll(async () => t?.dispose());

    const guidesOf = (officeId: number | null) => {
      const q = t.database.db.selectFrom('service_guide').select(['code', 'active', 'copied_from']).orderBy('id');
      return (officeId === null ? q.where('office_id', 'is', null) : q.where('office_id', '=', officeId)).execute();
    };
    const audits = (action: string) => t.database.db.selectFrom('audit_log').select(['actor_label', 'target_id', 'office_id', 'detail']).where('action', '=', action).orderBy('id').execute();

    it('the 16 seeded guides are the library; an office without guides of its own shows the library', async () => {
      expect((await guidesOf(null)).length).toBe(16);
      const a = new Agent(t.app);
      const county = await a.get('/guides');
      expect(cardLinks(county.body, '/guides').length).toBe(16);
      const zhubei = await a.get('/o/zhubei/guides');
      expect(zhubei.statusCode).toBe(200);
      expect(cardLinks(zhubei.body, '/o/zhubei/guides').length).toBe(16);
      expect((await a.get('/guides/birth')).statusCode).toBe(200);
      expect((await a.get('/o/zhubei/guides/birth')).statusCode).toBe(200);
    });

    it('a clerk has no guide pages; a director creates only in their own office, with errors beside the fields', async () => {
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect((await clerk.get('/staff/guides')).statusCode).toBe(403);

      const d = new Agent(t.app);
      await d.signIn('director.zhubei', DEMO_PASSWORD);
      const page = await d.get('/staff/guides/new');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('name="office" value="zhubei"');
      const csrf = csrfOf(page.body);

      const bad = await d.post('/staff/guides/new', { _csrf: csrf, office: 'zhubei', ...form, code: 'Pet Register', nameZh: '', processingDays: '200', feeNtd: 'abc' });
      expect(bad.statusCode).toBe(422);
      expect(fieldError(bad.body, 'code')).toBe('代碼只能用英文小寫、數字與連字號，且不以連字號開頭或結尾。');
      expect(fieldError(bad.body, 'nameZh')).toBe('此欄必須填寫。');
      expect(fieldError(bad.body, 'processingDays')).toBe('格式不正確。');
      expect(fieldError(bad.body, 'feeNtd')).toBe('格式不正確。');
      // what was typed stays
      expect(bad.body).toContain('value="Pet Register"');
      expect(bad.body).toContain('value="每份 50 元"');

      // asking for jianshi or the library gets nothing: their own office, or a refusal
      const asked = await d.post('/staff/guides/new', { _csrf: csrf, office: 'jianshi', ...form, code: 'pet-register' });
      expect(asked.statusCode).toBe(303);
      expect(asked.headers.location).toBe('/staff/guides?office=zhubei');
      expect((await d.post('/staff/guides/new', { _csrf: csrf, scope: 'library', ...form, code: 'pet-two' })).statusCode).toBe(403);
      expect(await guidesOf(office.zhubei!)).toEqual([{ code: 'pet-register', active: 1, copied_from: null }]);
      expect(await guidesOf(office.jianshi!)).toEqual([]);
      expect((await guidesOf(null)).length).toBe(16);

      const taken = await d.post('/staff/guides/new', { _csrf: csrf, office: 'zhubei', ...form, code: 'pet-register' });
      expect(taken.statusCode).toBe(422);
      expect(fieldError(taken.body, 'code')).toBe('這個代碼已經有人用了（停用的也算），請換一個。');

      const created = await audits('guides.guide.create');
      expect(created.map((r) => [r.actor_label, r.office_id])).toEqual([['director.zhubei', office.zhubei]]);
      const detail = JSON.parse(created[0]?.detail ?? '{}');
      expect(detail.before).toEqual({});
      expect(detail.after.code).toBe('pet-register');
      expect(detail.after.fee_ntd).toBe(50);

      // zhubei now shows its own list only; jianshi still the library
      const a = new Agent(t.app);
      expect(cardLinks((await a.get('/o/zhubei/guides')).body, '/o/zhubei/guides')).toEqual(['pet-register']);
      expect(cardLinks((await a.get('/o/jianshi/guides')).body, '/o/jianshi/guides').length).toBe(16);
      const own = await a.get('/o/zhubei/guides/pet-register');
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('寵物晶片卡');
      expect(own.body).toContain('法源：戶籍法第 10 條');
    });

    it('copies from the library keeping the code; a second copy is refused; the director cannot touch the library', async () => {
      const d = new Agent(t.app);
      await d.signIn('director.zhubei', DEMO_PASSWORD);
      const list = await d.get('/staff/guides');
      const csrf = csrfOf(list.body);
      const birth = await t.database.db.selectFrom('service_guide').select(['id']).where('code', '=', 'birth').where('office_id', 'is', null).executeTakeFirstOrThrow();
      expect((await d.post('/staff/guides/copy', { _csrf: csrf, office: 'zhubei', from: String(birth.id) })).statusCode).toBe(303);
      expect((await d.post('/staff/guides/copy', { _csrf: csrf, office: 'zhubei', from: String(birth.id) })).statusCode).toBe(303);
      expect(await guidesOf(office.zhubei!)).toEqual([
        { code: 'pet-register', active: 1, copied_from: null },
        { code: 'birth', active: 1, copied_from: birth.id },
      ]);
      expect((await audits('guides.guide.copy')).length).toBe(1);
      // the library guide is the county's
      expect((await d.post(`/staff/guides/${birth.id}/retire`, { _csrf: csrf })).statusCode).toBe(403);
      expect((await d.get(`/staff/guides/${birth.id}`)).statusCode).toBe(403);
      expect((await guidesOf(null)).filter((g) => g.active === 1).length).toBe(16);
    });

    it('a supervisor edits the text of an office guide but cannot retire it; only changed fields are audited', async () => {
      const sup = new Agent(t.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const g = await t.database.db.selectFrom('service_guide').select(['id']).where('code', '=', 'pet-register').executeTakeFirstOrThrow();
      const page = await sup.get(`/staff/guides/${g.id}`);
      expect(page.statusCode).toBe(200);
      const csrf = csrfOf(page.body);
      expect((await sup.post(`/staff/guides/${g.id}`, { _csrf: csrf, ...form, processingDays: '3' })).statusCode).toBe(303);
      const upd = await audits('guides.guide.update');
      expect(upd.map((r) => JSON.parse(r.detail ?? '{}'))).toEqual([{ before: { processing_days: 0 }, after: { processing_days: 3 } }]);
      expect((await sup.post(`/staff/guides/${g.id}/retire`, { _csrf: csrf })).statusCode).toBe(403);
    });

    it('the county admin retires a library guide: gone from the list, its page says so, cases keep reading it; a jianshi guide is not the zhubei director’s', async () => {
      const c = new Agent(t.app);
      await c.signIn('county', DEMO_PASSWORD);
      const lib = await c.get('/staff/guides?scope=library');
      expect(lib.statusCode).toBe(200);
      expect(lib.body).toContain('縣共用範本庫');
      const csrf = csrfOf(lib.body);
      const marriage = await t.database.db.selectFrom('service_guide').select(['id']).where('code', '=', 'marriage').where('office_id', 'is', null).executeTakeFirstOrThrow();
      expect((await c.post(`/staff/guides/${marriage.id}/retire`, { _csrf: csrf })).statusCode).toBe(303);
      const retired = await audits('guides.guide.retire');
      expect(retired.map((r) => [r.actor_label, r.target_id, r.office_id, JSON.parse(r.detail ?? '{}')])).toEqual([['county', 'marriage', null, { before: { active: 1 }, after: { active: 0 } }]]);

      const a = new Agent(t.app);
      const links = cardLinks((await a.get('/guides')).body, '/guides');
      expect(links.length).toBe(15);
      expect(links).not.toContain('marriage');
      expect((await guidesService.listGuides(t.database.db, 'zh-Hant')).map((g) => g.code)).not.toContain('marriage');
      const gone = await a.get('/guides/marriage');
      expect(gone.statusCode).toBe(410);
      expect(gone.body).toContain('這項申請須知已停用，不再提供。');
      expect(gone.body).toContain('<a href="/guides">回申請須知清單</a>');
      // a case opened with it still reads its documents
      expect(await guidesService.guideDocuments(t.database.db, 'marriage')).toEqual(GUIDES.find((g) => g.code === 'marriage')?.documents);

      // a library guide created by the county admin, then a jianshi guide
      expect((await c.post('/staff/guides/new', { _csrf: csrf, scope: 'library', ...form, code: 'pet-register' })).statusCode).toBe(303);
      expect((await c.post('/staff/guides/new', { _csrf: csrf, office: 'jianshi', ...form, code: 'tribal-status' })).statusCode).toBe(303);
      expect((await guidesOf(null)).length).toBe(17);
      expect(await guidesOf(office.jianshi!)).toEqual([{ code: 'tribal-status', active: 1, copied_from: null }]);
      const j = await t.database.db.selectFrom('service_guide').select(['id']).where('code', '=', 'tribal-status').executeTakeFirstOrThrow();
      const d = new Agent(t.app);
      await d.signIn('director.zhubei', DEMO_PASSWORD);
      const dl = await d.get('/staff/guides');
      expect((await d.get(`/staff/guides/${j.id}`)).statusCode).toBe(404);
      expect((await d.post(`/staff/guides/${j.id}/retire`, { _csrf: csrfOf(dl.body) })).statusCode).toBe(404);
      // the old /staff/guides/<code> address opens the library guide
      const old = await c.get('/staff/guides/birth');
      expect(old.statusCode).toBe(200);
      expect(old.body).toContain('本項屬於縣共用範本庫。');
    });

    it('an office guide retired: off the office list, its page says so and links the office list', async () => {
      const d = new Agent(t.app);
      await d.signIn('director.zhubei', DEMO_PASSWORD);
      const g = await t.database.db.selectFrom('service_guide').select(['id']).where('code', '=', 'pet-register').where('office_id', '=', office.zhubei!).executeTakeFirstOrThrow();
      const list = await d.get('/staff/guides');
      expect((await d.post(`/staff/guides/${g.id}/retire`, { _csrf: csrfOf(list.body) })).statusCode).toBe(303);
      const a = new Agent(t.app);
      expect(cardLinks((await a.get('/o/zhubei/guides')).body, '/o/zhubei/guides')).toEqual(['birth']);
      const page = await a.get('/o/zhubei/guides/pet-register');
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain('<a href="/o/zhubei/guides">回申請須知清單</a>');
      // the library's own pet-register is unaffected
      expect((await a.get('/guides/pet-register')).statusCode).toBe(200);
    });

    it('exports an office’s guides as sheet rows and applies them back (changes only, audited)', async () => {
      const rows = await exportGuideRows(t.database.db, office.zhubei!);
      expect(rows.map((r) => [r.code, r.active])).toEqual([
        ['pet-register', false],
        ['birth', true],
      ]);
      const county = await t.database.db.selectFrom('staff').select(['id', 'username', 'display_name', 'role', 'county_id', 'office_id']).where('username', '=', 'county').executeTakeFirstOrThrow();
      const actor = { id: county.id, username: county.username, displayName: county.display_name, role: 'county_admin' as const, countyId: county.county_id, officeId: county.office_id, mustChangePassword: false };
      const changed = rows.map((r) => (r.code === 'birth' ? { ...r, processingDays: 2 } : r));
      const result = await writeTransaction(t.database, (trx) => applyGuideRows(trx, office.zhubei!, [...changed, { ...changed[0]!, code: 'new-one', active: true }], actor, new Date('2026-11-25T02:00:00Z')));
      expect(result).toEqual({ created: 1, updated: 1 });
      expect((await guidesOf(office.zhubei!)).map((g) => g.code)).toEqual(['pet-register', 'birth', 'new-one']);
    });
  });
}
