import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';

/**
 * The registers over HTTP with the demo county (Taipei clock 2026-12-03 10:00).
 * Fixture for the checks (year 2025, so nothing the demo holds for this year counts):
 *   115/… is ROC: 114/10/05 = 2025-10-05 counter 20 items 2 defects; 2025-11-03 phone 10 items 0 defects;
 *   114/11/20 = 2025-11-20 audit 30 items 3 defects
 *   → Oct: 1 check, 20 items, 2 defects, 10%; Nov: 2 checks, 40 items, 3 defects, 7.5%;
 *     合計 3 checks, 60 items, 5 defects, 8.3% (5/60); every other month of 2025: 0, 0, 0, —.
 */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] plan registers: checks, process reviews, awards, evidence`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    const agents: Record<string, Agent> = {};
    const as = async (who: string) => {
      if (!agents[who]) {
        agents[who] = new Agent(t.app);
        await agents[who].signIn(who, DEMO_PASSWORD);
      }
      return agents[who];
    };
    const postOn = async (who: string, pageUrl: string, action: string, form: Record<string, string>) => {
      const a = await as(who);
      const page = await a.get(pageUrl);
      return a.post(action, { _csrf: csrfOf(page.body), ...form });
    };
    const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const count = async (table: 'plan_check' | 'plan_process_review' | 'plan_award' | 'plan_file') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const audits = (action: string) => t.database.db.selectFrom('audit_log').select(['action', 'target_id', 'office_id']).where('action', '=', action).orderBy('id').execute();
    const checksUrl = '/staff/plan/checks?office=zhubei&year=2025';
    const check = (over: Record<string, string>) => ({ office: 'zhubei', year: '2025', checkedOn: '114/10/05', kind: 'counter', area: '1 至 4 號櫃台', checker: '王督導', items: '20', defects: '2', findings: '2 號櫃台未配戴識別證', ...over });

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    it('lets a clerk read the checks but not record one (403, nothing stored)', async () => {
      const page = await (await as('clerk.zhubei')).get(checksUrl);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('method="post" action="/staff/plan/checks"');
      const before = await count('plan_check');
      const res = await postOn('clerk.zhubei', checksUrl, '/staff/plan/checks', check({}));
      expect(res.statusCode).toBe(403);
      expect(await count('plan_check')).toBe(before);
    });

    it('records checks, in one transaction with their audit entries, and counts them by month with a 合計 row', async () => {
      for (const form of [check({}), check({ checkedOn: '2025-11-03', kind: 'phone', items: '10', defects: '0', findings: '' }), check({ checkedOn: '114/11/20', kind: 'audit', items: '３０', defects: '3', findings: '檔案未上鎖' })]) {
        const res = await postOn('supervisor.zhubei', checksUrl, '/staff/plan/checks', form);
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe('/staff/plan/checks?office=zhubei&year=2025');
      }
      expect((await audits('plan.check.record')).length).toBe(3);
      const page = await (await as('supervisor.zhubei')).get(checksUrl);
      const body = text(page.body);
      expect(body).toContain('竹北市戶政事務所 民國114年 抽查、內部稽核');
      expect(body).toContain('10月 1 20 2 10%');
      expect(body).toContain('11月 2 40 3 7.5%');
      expect(body).toContain('9月 0 0 0 —');
      expect(body).toContain('合計 3 60 5 8.3%');
      expect(body).toContain('民國114年10月5日 櫃台服務抽查 1 至 4 號櫃台 王督導 20 2');
      expect(body).toContain('尚未改善');
      // the 合計 row is the sum of the month rows above it
      const table = /<caption>[^<]*抽查缺失按月統計<\/caption>([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? '';
      const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1] ?? '');
      const body_ = /<tbody>([\s\S]*)<\/tbody>/.exec(table)?.[1] ?? '';
      const rows = [...body_.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[1] ?? ''));
      expect(rows).toHaveLength(12);
      const foot = cells(/<tfoot>([\s\S]*)<\/tfoot>/.exec(table)?.[1] ?? '');
      for (const col of [1, 2, 3]) expect(rows.reduce((n, r) => n + Number(r[col]), 0)).toBe(Number(foot[col]));
      // in English, from the same catalog
      const english = new Agent(t.app);
      await english.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const en = text((await english.get(`${checksUrl}&lang=en`)).body);
      expect(en).toContain('2025 Spot checks and internal audits');
      expect(en).toContain('Total 3 60 5 8.3%');
      expect(en).toContain('5 October 2025 Counter service');
    });

    it('keeps what was typed, with the message beside the field, and stores nothing when defects exceed items', async () => {
      const before = await count('plan_check');
      const res = await postOn('supervisor.zhubei', checksUrl, '/staff/plan/checks', check({ checkedOn: '114/11/21', items: '5', defects: '6' }));
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('缺失數不能多於抽查項目數。');
      expect(res.body).toMatch(/id="f-defects-error"/);
      expect(res.body).toContain('value="114/11/21"');
      expect(res.body).toContain('value="6"');
      const future = await postOn('supervisor.zhubei', checksUrl, '/staff/plan/checks', check({ checkedOn: '115/12/04' }));
      expect(future.statusCode).toBe(422);
      expect(future.body).toContain('日期不能晚於今天。');
      expect(await count('plan_check')).toBe(before);
    });

    it('records the fixed date later by editing; not before the check, and not for another office', async () => {
      const row = await t.database.db.selectFrom('plan_check').select('id').where('checked_on', '=', '2025-11-20').executeTakeFirstOrThrow();
      const url = `/staff/plan/checks/${row.id}`;
      const form = await (await as('supervisor.zhubei')).get(url);
      expect(form.body).toContain('value="114/11/20"');
      const early = await postOn('supervisor.zhubei', url, url, check({ checkedOn: '114/11/20', kind: 'audit', items: '30', defects: '3', findings: '檔案未上鎖', fixedOn: '114/11/19' }));
      expect(early.statusCode).toBe(422);
      expect(early.body).toContain('改善完成日期不能早於抽查日期。');
      const ok = await postOn('supervisor.zhubei', url, url, check({ checkedOn: '114/11/20', kind: 'audit', items: '30', defects: '3', findings: '檔案未上鎖', fixedOn: '2025-11-25' }));
      expect(ok.statusCode).toBe(303);
      expect((await t.database.db.selectFrom('plan_check').select('fixed_on').where('id', '=', row.id).executeTakeFirstOrThrow()).fixed_on).toBe('2025-11-25');
      expect((await audits('plan.check.update')).map((a) => a.target_id)).toEqual([String(row.id)]);
      expect(text((await (await as('supervisor.zhubei')).get(checksUrl)).body)).toContain('檔案未上鎖 民國114年11月25日');
      expect((await (await as('director.jianshi')).get(url)).statusCode).toBe(404);
    });

    it('records a process review linked to a guide and shows it before → after with the difference', async () => {
      const guide = await t.database.db.selectFrom('service_guide').select(['code', 'name_zh']).where('office_id', 'is', null).where('active', '=', 1).orderBy('sort').executeTakeFirstOrThrow();
      const url = '/staff/plan/process-reviews?office=zhubei&year=2026';
      const form = { office: 'zhubei', year: '2026', reviewedOn: '115/11/12', guide: guide.code, title: '出生登記流程簡化', beforeSteps: '5', beforeForms: '3', beforeDocuments: '4', beforeMinutes: '20', afterSteps: '3', afterForms: '3', afterDocuments: '2', afterMinutes: '25', summary: '改以線上預填' };
      expect((await postOn('clerk.zhubei', url, '/staff/plan/process-reviews', form)).statusCode).toBe(403);
      const bad = await postOn('supervisor.zhubei', url, '/staff/plan/process-reviews', { ...form, guide: 'no-such-guide', afterSteps: '-1' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('value="-1"');
      expect(await count('plan_process_review')).toBe(0);
      const res = await postOn('supervisor.zhubei', url, '/staff/plan/process-reviews', form);
      expect(res.statusCode).toBe(303);
      const body = text((await (await as('clerk.zhubei')).get(url)).body);
      expect(body).toContain('出生登記流程簡化');
      expect(body).toContain('民國115年11月12日');
      expect(body).toContain(guide.name_zh);
      expect(body).toContain('步驟數 5 3 減少 2');
      expect(body).toContain('表單數 3 3 不變');
      expect(body).toContain('應備文件數 4 2 減少 2');
      expect(body).toContain('臨櫃時間（分鐘） 20 25 增加 5');
      expect((await audits('plan.processReview.record')).length).toBe(1);
    });

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const awardsUrl = '/staff/plan/awards?office=zhubei&year=2026';
    const award = (token: string, over: Record<string, string> = {}) => ({ _csrf: token, office: 'zhubei', year: '2026', name: '政府服務品質獎', awardedBy: '行政院', state: 'won', decidedOn: '115/11/20', note: '第一線服務機關', ...over });

    it('records an award with its evidence; a refused file or a missing date stores nothing', async () => {
      const a = await as('supervisor.zhubei');
      const token = csrfOf((await a.get(awardsUrl)).body);
      const [awards, files] = [await count('plan_award'), await count('plan_file')];
      const wrong = await a.postMultipart('/staff/plan/awards', award(token), { field: 'file', name: 'note.txt', bytes: Buffer.from('just text'), type: 'text/plain' });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.body).toContain('只接受 PDF、JPEG、PNG 或 ODF');
      expect(wrong.body).toContain('value="政府服務品質獎"');
      const undated = await a.postMultipart('/staff/plan/awards', award(token, { decidedOn: '' }), { field: 'file', name: 'a.pdf', bytes: pdf, type: 'application/pdf' });
      expect(undated.statusCode).toBe(422);
      expect(undated.body).toContain('得獎或未得獎時，請填寫公布日期。');
      expect([await count('plan_award'), await count('plan_file')]).toEqual([awards, files]);
      const noToken = await a.postMultipart('/staff/plan/awards', award('forged'), { field: 'file', name: 'a.pdf', bytes: pdf, type: 'application/pdf' });
      expect(noToken.statusCode).toBe(403);
      const ok = await a.postMultipart('/staff/plan/awards', award(token), { field: 'file', name: '獎狀 (正本).pdf', bytes: pdf, type: 'application/pdf' });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe(awardsUrl);
      const body = text((await (await as('clerk.zhubei')).get(awardsUrl)).body);
      expect(body).toContain('政府服務品質獎 行政院 得獎 民國115年11月20日');
      expect((await audits('plan.award.record')).length).toBe(1);
    });

    it('hands the evidence only to people who may read that office (another office’s staff: 404)', async () => {
      const row = await t.database.db.selectFrom('plan_award').select('file_id').where('name', '=', '政府服務品質獎').executeTakeFirstOrThrow();
      const url = `/staff/plan/files/${row.file_id}`;
      const mine = await (await as('clerk.zhubei')).get(url);
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['content-type']).toBe('application/pdf');
      expect(mine.headers['content-disposition']).toBe(`attachment; filename="__ (__).pdf"; filename*=UTF-8''%E7%8D%8E%E7%8B%80%20%28%E6%AD%A3%E6%9C%AC%29.pdf`);
      expect(mine.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.from(mine.rawPayload).equals(pdf)).toBe(true);
      expect((await (await as('county')).get(url)).statusCode).toBe(200);
      expect((await (await as('clerk.jianshi')).get(url)).statusCode).toBe(404);
      expect((await (await as('director.jianshi')).get(url)).statusCode).toBe(404);
      expect((await (await as('clerk.zhubei')).get('/staff/plan/files/999999')).statusCode).toBe(404);
      expect((await (await as('clerk.zhubei')).get('/staff/plan/files/abc')).statusCode).toBe(404);
    });

    it('changes an award later: a new file replaces the evidence, none keeps it; another office cannot open it', async () => {
      const row = await t.database.db.selectFrom('plan_award').select(['id', 'file_id']).where('name', '=', '政府服務品質獎').executeTakeFirstOrThrow();
      const url = `/staff/plan/awards/${row.id}`;
      const a = await as('supervisor.zhubei');
      const page = await a.get(url);
      expect(page.body).toContain('value="115/11/20"');
      const token = csrfOf(page.body);
      const entered = await a.postMultipart(url, award(token, { state: 'entered' }), []);
      expect(entered.statusCode).toBe(422);
      expect(entered.body).toContain('尚未公布的獎項不填公布日期。');
      expect((await a.postMultipart(url, award(token, { note: '複審通過' }), [])).statusCode).toBe(303);
      expect((await t.database.db.selectFrom('plan_award').select(['file_id', 'note']).where('id', '=', row.id).executeTakeFirstOrThrow())).toEqual({ file_id: row.file_id, note: '複審通過' });
      const replaced = await a.postMultipart(url, award(token), { field: 'file', name: 'certificate.pdf', bytes: pdf, type: 'application/pdf' });
      expect(replaced.statusCode).toBe(303);
      const after = await t.database.db.selectFrom('plan_award').select('file_id').where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(after.file_id).not.toBe(row.file_id);
      expect((await audits('plan.award.update')).length).toBe(2);
      expect((await (await as('director.jianshi')).get(url)).statusCode).toBe(404);
    });
  });
}
