import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { tools } from '../../../../test/tools.js';
import { DEMO_PASSWORD } from '../../staff/index.js';
import { checklistFor, generateFollowupList } from './generate.js';
import { seedFollowups } from './seed.js';

const PDFTOTEXT = tools.pdftotext();

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] follow-up checklists and the citizen's list`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const now = new Date('2026-11-24T02:00:00Z');
    let zhubei = 0;
    let jianshi = 0;
    let caseId = 0;
    let birthCaseId = 0;
    let code = '';
    const audits = async (action: string) => (await t.database.db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      await seedFollowups(t.database.db, now);
      const offices = await t.database.db.selectFrom('office').select(['id', 'code']).execute();
      zhubei = offices.find((o) => o.code === 'zhubei')!.id;
      jianshi = offices.find((o) => o.code === 'jianshi')!.id;
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      const form = await clerk.get('/staff/cases/new');
      const made = await clerk.post('/staff/cases', { _csrf: csrfOf(form.body), guide: 'death', name: '陳大文', idNumber: 'A123456789', birthDate: '40/05/06' });
      caseId = Number((made.headers.location as string).split('/').pop());
      const birth = await clerk.post('/staff/cases', { _csrf: csrfOf(form.body), guide: 'birth', name: '林小美', idNumber: 'F131104093', birthDate: '80/01/02' });
      birthCaseId = Number((birth.headers.location as string).split('/').pop());
    });
    afterAll(async () => t?.dispose());

    it('seeds the county lists once, with the legal periods as days that never pass the legal end', async () => {
      await seedFollowups(t.database.db, now);
      const death = await checklistFor(t.database.db, 'death', zhubei);
      expect(death.every((r) => r.office_id === null)).toBe(true);
      expect(death.filter((r) => r.title === '遺產稅申報')).toHaveLength(1);
      const estate = death.find((r) => r.title === '遺產稅申報')!;
      expect(estate.deadline_days).toBe(181);
      expect(estate.deadline_note).toContain('遺產及贈與稅法第23條');
      expect(death.find((r) => r.title === '不動產繼承登記')?.deadline_days).toBe(181);
      for (const guide of ['birth', 'marriage', 'name-change', 'move-in', 'move-out', 'address-change']) expect((await checklistFor(t.database.db, guide, zhubei)).length).toBeGreaterThan(3);
    });

    it('lets an office start its own list from the county’s, which then replaces the county’s for that office only', async () => {
      const sup = new Agent(t.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const page = await sup.get('/staff/notify/followups/death?office=zhubei');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('本所目前沿用縣府清單');
      // adding to a list the office does not have yet would replace the county's by one line: refused
      const early = await sup.post('/staff/notify/followups/death/items?office=zhubei', { _csrf: csrfOf(page.body), kind: 'todo', titleZh: '本所事項', titleEn: 'Ours', placeZh: '本所', placeEn: 'Here' });
      expect(early.statusCode).toBe(409);
      const county = await checklistFor(t.database.db, 'death', zhubei);
      const copied = await sup.post('/staff/notify/followups/death/copy?office=zhubei', { _csrf: csrfOf(page.body) });
      expect(copied.statusCode).toBe(303);
      const own = await checklistFor(t.database.db, 'death', zhubei);
      expect(own.map((r) => r.title)).toEqual(county.map((r) => r.title));
      expect(own.every((r) => r.office_id === zhubei)).toBe(true);
      // copying twice would double every line
      await sup.post('/staff/notify/followups/death/copy?office=zhubei', { _csrf: csrfOf(page.body) });
      expect(await checklistFor(t.database.db, 'death', zhubei)).toHaveLength(county.length);
      const added = await sup.post('/staff/notify/followups/death/items?office=zhubei', {
        _csrf: csrfOf(page.body),
        kind: 'benefit',
        titleZh: '竹北市喪葬補助',
        titleEn: 'Zhubei funeral grant',
        placeZh: '竹北市公所',
        placeEn: 'Zhubei City Office',
        noteZh: '依主管機關公告',
        noteEn: 'As announced',
      });
      expect(added.statusCode).toBe(303);
      const mine = await checklistFor(t.database.db, 'death', zhubei);
      expect(mine.at(-1)?.title).toBe('竹北市喪葬補助');
      const theirs = await checklistFor(t.database.db, 'death', jianshi);
      expect(theirs.every((r) => r.office_id === null)).toBe(true);
      expect(theirs.some((r) => r.title === '竹北市喪葬補助')).toBe(false);
      expect(await audits('notify.followups.copy')).toBe(1);
      expect(await audits('notify.followups.create')).toBe(1);
      const overview = await sup.get('/staff/notify/followups');
      expect(overview.body).toContain(`本所清單 ${county.length + 1} 項`);
      expect(overview.body).toContain('沿用縣府清單');
    });

    it('moves, edits and deletes items, each audited; bad input is explained beside the field and kept', async () => {
      const sup = new Agent(t.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const page = await sup.get('/staff/notify/followups/death?office=zhubei');
      const csrf = csrfOf(page.body);
      const before = await checklistFor(t.database.db, 'death', zhubei);
      const second = before[1]!;
      expect((await sup.post(`/staff/notify/followups/death/items/${second.id}/up?office=zhubei`, { _csrf: csrf })).statusCode).toBe(303);
      const after = await checklistFor(t.database.db, 'death', zhubei);
      expect(after[0]?.id).toBe(second.id);
      expect(after[1]?.id).toBe(before[0]?.id);
      // the first cannot go higher: nothing moves
      await sup.post(`/staff/notify/followups/death/items/${second.id}/up?office=zhubei`, { _csrf: csrf });
      expect((await checklistFor(t.database.db, 'death', zhubei))[0]?.id).toBe(second.id);
      expect(await audits('notify.followups.move')).toBe(1);

      const bad = await sup.post(`/staff/notify/followups/death/items/${second.id}?office=zhubei`, {
        _csrf: csrf,
        kind: 'todo',
        titleZh: '拋棄繼承（改）',
        titleEn: 'Renouncing',
        placeZh: '地方法院',
        placeEn: 'District court',
        deadlineDays: '三個月',
        noteZh: '',
        noteEn: '',
        link: 'javascript:alert(1)',
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('請填 1 到 3650 之間的整數日數');
      expect(bad.body).toContain('請填以 https:// 或 http:// 開頭的完整網址');
      expect(bad.body).toContain('value="拋棄繼承（改）"');
      expect((await checklistFor(t.database.db, 'death', zhubei))[0]?.title).toBe(second.title);
      const noNote = await sup.post(`/staff/notify/followups/death/items/${second.id}?office=zhubei`, { _csrf: csrf, kind: 'todo', titleZh: 'x', titleEn: 'x', placeZh: 'x', placeEn: 'x', deadlineDays: '89' });
      expect(noNote.statusCode).toBe(422);
      expect(noNote.body).toContain('有期限日數時，請寫出法定期間與依據');

      const ok = await sup.post(`/staff/notify/followups/death/items/${second.id}?office=zhubei`, {
        _csrf: csrf,
        kind: 'todo',
        titleZh: '拋棄繼承（改）',
        titleEn: 'Renouncing (edited)',
        placeZh: '地方法院',
        placeEn: 'District court',
        deadlineDays: '８９',
        noteZh: '知悉得繼承之時起 3 個月內（民法第1174條）',
        noteEn: 'Within 3 months (Civil Code, art. 1174)',
        link: 'https://www.judicial.gov.tw',
      });
      expect(ok.statusCode).toBe(303);
      const edited = await t.database.db.selectFrom('followup_item').selectAll().where('id', '=', second.id).executeTakeFirstOrThrow();
      expect(edited.title).toBe('拋棄繼承（改）');
      expect(edited.deadline_days).toBe(89);
      expect(await audits('notify.followups.update')).toBe(1);

      const last = (await checklistFor(t.database.db, 'death', zhubei)).at(-1)!;
      expect((await sup.post(`/staff/notify/followups/death/items/${last.id}/delete?office=zhubei`, { _csrf: csrf })).statusCode).toBe(303);
      expect((await checklistFor(t.database.db, 'death', zhubei)).some((r) => r.id === last.id)).toBe(false);
      expect(await audits('notify.followups.delete')).toBe(1);
    });

    it('keeps the county list to those with setup.county, and another office’s items out of reach', async () => {
      const sup = new Agent(t.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const page = await sup.get('/staff/notify/followups/birth?scope=county');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('您可以查看這份清單，但沒有修改的權限');
      const refused = await sup.post('/staff/notify/followups/birth/items?scope=county', { _csrf: csrfOf(page.body), kind: 'todo', titleZh: 'x', titleEn: 'x', placeZh: 'x', placeEn: 'x' });
      expect(refused.statusCode).toBe(403);
      const countyItem = (await checklistFor(t.database.db, 'birth', zhubei))[0]!;
      // a county item named under an office's scope is not that office's item
      const wrongScope = await sup.post(`/staff/notify/followups/birth/items/${countyItem.id}/delete?office=zhubei`, { _csrf: csrfOf(page.body) });
      expect(wrongScope.statusCode).toBe(404);
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect((await clerk.get('/staff/notify/followups')).statusCode).toBe(403);

      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const cp = await county.get('/staff/notify/followups/birth?scope=county');
      const added = await county.post('/staff/notify/followups/birth/items?scope=county', {
        _csrf: csrfOf(cp.body),
        kind: 'benefit',
        titleZh: '新竹縣新生兒營養補助金',
        titleEn: 'Hsinchu newborn nutrition grant',
        placeZh: '新竹縣政府社會處',
        placeEn: 'Social Affairs Department',
        noteZh: '依新竹縣政府公告',
        noteEn: 'As the county announces',
      });
      expect(added.statusCode).toBe(303);
      expect((await checklistFor(t.database.db, 'birth', jianshi)).at(-1)?.title).toBe('新竹縣新生兒營養補助金');
      expect((await county.get('/staff/notify/followups/not-a-guide?scope=county')).statusCode).toBe(404);
    });

    it('makes the citizen’s list once, dated from the event, and a later edit does not change a list already given', async () => {
      const first = await generateFollowupList(t.database.db, { caseId, officeId: jianshi, guideCode: 'death', eventDate: '2026-11-20', locale: 'zh-Hant', channel: 'sms' }, now);
      code = first.code;
      expect(code).toMatch(/^[\w-]{12}$/);
      const estate = first.items.find((i) => i.title === '遺產稅申報')!;
      expect(estate.due_on).toBe('2027-05-20');
      expect(first.items.find((i) => i.title.startsWith('拋棄繼承'))?.due_on).toBe('2027-02-17');
      expect(first.items.find((i) => i.title === '全民健康保險退保')?.due_on).toBeNull();
      const countyEstate = await t.database.db.selectFrom('followup_item').select('id').where('office_id', 'is', null).where('title', '=', '遺產稅申報').executeTakeFirstOrThrow();
      await t.database.db.updateTable('followup_item').set({ title: '遺產稅申報（新版）', deadline_days: 200 }).where('id', '=', countyEstate.id).execute();
      const again = await generateFollowupList(t.database.db, { caseId, officeId: jianshi, guideCode: 'death', eventDate: '2026-12-01', locale: 'en', channel: 'email' }, now);
      expect(again.code).toBe(code);
      expect(again.items).toEqual(first.items);
      const page = await new Agent(t.app).get(`/f/${code}`);
      expect(page.body).toContain('遺產稅申報');
      expect(page.body).not.toContain('新版');
      await t.database.db.updateTable('followup_item').set({ title: '遺產稅申報', deadline_days: 181 }).where('id', '=', countyEstate.id).execute();
      expect(await t.database.db.selectFrom('followup_list').select('id').where('case_id', '=', caseId).execute()).toHaveLength(1);
    });

    it('shows the list at /f/<code> without signing in, grouped, dated in 民國, never indexed; English on ?lang=en; unknown codes 404', async () => {
      const a = new Agent(t.app);
      const page = await a.get(`/f/${code}`);
      expect(page.statusCode).toBe(200);
      expect(page.headers['x-robots-tag']).toContain('noindex');
      for (const s of ['辦理死亡登記身後事一覽表', '待辦事項', '可申請的補助與給付', '請於民國116年5月20日前辦理', '遺產及贈與稅法第23條', '死亡日期', '民國115年11月20日', '新竹縣尖石鄉戶政事務所', 'https://www.etax.nat.gov.tw']) {
        expect(page.body).toContain(s);
      }
      expect(page.body.indexOf('待辦事項')).toBeLessThan(page.body.indexOf('可申請的補助與給付'));
      const en = await a.get(`/f/${code}?lang=en`);
      for (const s of ['After a death registration: what to do next', 'Things to do', 'Benefits and payments you may claim', 'Do by 20 May 2027', 'Estate tax return']) expect(en.body).toContain(s);
      expect((await a.get('/f/AAAAAAAAAAAA')).statusCode).toBe(404);
      expect((await a.get('/f/no')).statusCode).toBe(404);
      expect((await a.get('/f/AAAAAAAAAAAA.pdf')).statusCode).toBe(404);
    });

    it('reads a list in the language the citizen chose at the counter when the link names none', async () => {
      const list = await generateFollowupList(t.database.db, { caseId: birthCaseId, officeId: zhubei, guideCode: 'birth', eventDate: '2026-11-01', locale: 'en', channel: 'email' }, now);
      const page = await new Agent(t.app).get(`/f/${list.code}`);
      expect(page.body).toContain('After a birth registration: what to do next');
      expect(page.body).toContain('Date of birth');
      expect((await new Agent(t.app).get(`/f/${list.code}?lang=zh-Hant`)).body).toContain('辦理出生登記後應辦事項一覽表');
    });

    it('prints the list as a PDF', async () => {
      const pdf = await new Agent(t.app).get(`/f/${code}.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['x-robots-tag']).toContain('noindex');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it.skipIf(!PDFTOTEXT)('prints the PDF as real text (pdftotext)', async () => {
      const pdf = await new Agent(t.app).get(`/f/${code}.pdf`);
      const dir = mkdtempSync(path.join(tmpdir(), 'hz-followups-'));
      writeFileSync(path.join(dir, 'list.pdf'), pdf.rawPayload);
      const text = execFileSync(PDFTOTEXT!, [path.join(dir, 'list.pdf'), '-'], { encoding: 'utf8' });
      for (const s of ['辦理死亡登記身後事一覽表', '待辦事項', '可申請的補助與給付', '遺產稅申報', '民國116年5月20日', '勞工保險死亡給付']) expect(text).toContain(s);
    });
  });
}
