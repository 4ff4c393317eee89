import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { announceManualChange } from './search.js';
import * as manual from './service.js';

const NOW = new Date('2026-11-25T02:00:00Z');
const SAVED = new Date('2026-11-10T02:00:00Z');
const proc = (guideCode: string, title: string, steps: string) => ({ guideCode, title, steps, checks: '', mistakes: '', basis: '' });

/** The selected option of the <select name=…>, or null. */
const selected = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>(.*?)</select>`, 's').exec(html)?.[1] ?? '';
  return /<option[^>]*value="([^"]*)"[^>]*selected/.exec(select)?.[1] ?? null;
};

/** The county admin switched to 尖石 (?office=jianshi) sees 尖石's own procedures and the county's, never 竹北's own. */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the work manual follows ?office=`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let a: Agent;
    let jianshi: number;

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      const db = t.database.db;
      const offices = new Map((await db.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
      jianshi = offices.get('jianshi')!;
      // the demo's own manual is saved at the demo clock: start from an empty manual, so the month holds only this file's saves
      for (const table of ['manual_procedure_rev', 'manual_procedure'] as const) await db.deleteFrom(table).execute();
      await manual.saveProcedure(t.database, null, null, proc('seal', '全縣印鑑作業程序', '1. 共通步驟甲'), null, SAVED);
      await manual.saveProcedure(t.database, null, jianshi, proc('seal', '尖石自訂印鑑程序', '1. 山區巡迴服務鸚鵡'), null, SAVED);
      await manual.saveProcedure(t.database, null, offices.get('zhubei')!, proc('seal', '竹北自訂印鑑程序', '1. 竹北櫃檯分流鸚鵡'), null, SAVED);
      await announceManualChange(t.services);
      a = new Agent(t.app);
      await a.signIn('county', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    it('the procedure list: the county\'s and 尖石\'s own, the picker on 尖石, links kept on 尖石; without ?office= every office\'s', async () => {
      const page = await a.get('/staff/manual?office=jianshi');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('尖石自訂印鑑程序');
      expect(page.body).toContain('全縣印鑑作業程序');
      expect(page.body).not.toContain('竹北自訂印鑑程序');
      expect(selected(page.body, 'office')).toBe('jianshi');
      for (const href of ['/staff/manual/search?office=jianshi', '/staff/manual/changes?office=jianshi', '/staff/manual/procedures/new?office=jianshi']) expect(page.body).toContain(`href="${href}"`);
      const all = await a.get('/staff/manual');
      expect(all.body).toContain('尖石自訂印鑑程序');
      expect(all.body).toContain('竹北自訂印鑑程序');
      expect(selected(all.body, 'office') ?? '').toBe('');
    });

    it("this month's changes and the search: 尖石's procedure, not 竹北's", async () => {
      const changes = await a.get('/staff/manual/changes?office=jianshi');
      const listed = [...changes.body.matchAll(/data-kind="procedure">[^<]*<a href="[^"]+">([^<]+)</g)].map((m) => m[1]).sort();
      expect(listed).toEqual(['全縣印鑑作業程序', '尖石自訂印鑑程序']);
      expect(selected(changes.body, 'office')).toBe('jianshi');
      expect(changes.body).toContain('<input type="hidden" name="office" value="jianshi"');
      const found = await a.get(`/staff/manual/search?office=jianshi&q=${encodeURIComponent('鸚鵡')}`);
      expect(found.body).toContain('尖石自訂印鑑程序');
      expect(found.body).not.toContain('竹北自訂印鑑程序');
      expect(selected(found.body, 'office')).toBe('jianshi');
      // the county account without ?office= finds both
      const both = await a.get(`/staff/manual/search?q=${encodeURIComponent('鸚鵡')}`);
      expect(both.body).toContain('尖石自訂印鑑程序');
      expect(both.body).toContain('竹北自訂印鑑程序');
    });

    it('a new procedure: 尖石 preselected, 全縣通用 still offered; the save goes back on 尖石', async () => {
      const form = await a.get('/staff/manual/procedures/new?office=jianshi');
      expect(selected(form.body, 'scope')).toBe(String(jianshi));
      expect(form.body).toContain('<option value="county"');
      expect(selected((await a.get('/staff/manual/procedures/new')).body, 'scope')).toBe('county');
      const saved = await a.post('/staff/manual/procedures', { _csrf: csrfOf(form.body), office: 'jianshi', guideCode: 'divorce', scope: String(jianshi), title: '尖石離婚登記', steps: '1. 核對' });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toMatch(/^\/staff\/manual\/procedures\/\d+\?office=jianshi$/);
      const row = await t.database.db.selectFrom('manual_procedure').select('office_id').where('title', '=', '尖石離婚登記').executeTakeFirstOrThrow();
      expect(row.office_id).toBe(jianshi);
    });
  });
}
