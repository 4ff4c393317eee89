import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { capBySuperior } from './rules.js';

const fieldError = (body: string, name: string) => new RegExp(`id="f-${name}-error">([^<]*)<`).exec(body)?.[1] ?? null;

it('capBySuperior takes the earlier date, and the office date when there is no superior', () => {
  expect(capBySuperior('2026-11-30', '2026-11-27')).toBe('2026-11-27');
  expect(capBySuperior('2026-11-30', '2026-12-31')).toBe('2026-11-30');
  expect(capBySuperior('2026-11-30', null)).toBe('2026-11-30');
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] petitions handed down by a superior agency (上級機關交辦)`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    // Wednesday 2026-11-25, 10:00 in Taipei: the office's "simple" limit (3 working days) ends Monday 2026-11-30
    const now = new Date('2026-11-25T02:00:00Z');
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    const base = { channel: 'superior', subject: '民眾陳情戶籍謄本申請流程', category: 'registration', body: '縣府交辦：民眾反映謄本申請等候過久，請查明回覆。', name: '陳大文', language: 'zh-Hant', wantsReply: '1' };
    const petition = (id: number) => t.database.db.selectFrom('petition').select(['channel', 'due_on', 'limit_days', 'superior_agency', 'superior_doc_no', 'superior_due_on']).where('id', '=', id).executeTakeFirstOrThrow();
    const idOf = (location: unknown) => Number(/\/staff\/petitions\/(\d+)/.exec(String(location))?.[1]);

    it('needs the agency, its document number and its deadline, beside each field; a past deadline is refused', async () => {
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      const form = await clerk.get('/staff/petitions/new');
      const csrf = csrfOf(form.body);
      const missing = await clerk.post('/staff/petitions', { _csrf: csrf, ...base });
      expect(missing.statusCode).toBe(422);
      for (const f of ['superiorAgency', 'superiorDocNo', 'superiorDueOn']) expect(fieldError(missing.body, f)).toBe('上級機關交辦的案件須填交辦機關、文號與期限。');
      const past = await clerk.post('/staff/petitions', { _csrf: csrf, ...base, superiorAgency: '新竹縣政府民政處', superiorDocNo: '府民戶字第1150001234號', superiorDueOn: '2026-11-24' });
      expect(past.statusCode).toBe(422);
      expect(fieldError(past.body, 'superiorDueOn')).toBe('交辦期限不能早於今天。');
      expect(await t.database.db.selectFrom('petition').select('id').where('channel', '=', 'superior').execute()).toEqual([]);
    });

    it('the superior deadline wins when it is earlier, and still after a triage to a longer class', async () => {
      const clerk = new Agent(t.app);
      await clerk.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const form = await clerk.get('/staff/petitions/new');
      const r = await clerk.post('/staff/petitions', { _csrf: csrfOf(form.body), ...base, superiorAgency: '新竹縣政府民政處', superiorDocNo: '府民戶字第1150001234號', superiorDueOn: '115/11/27' });
      expect(r.statusCode).toBe(303);
      const id = idOf(r.headers.location);
      expect(await petition(id)).toEqual({ channel: 'superior', due_on: '2026-11-27', limit_days: 3, superior_agency: '新竹縣政府民政處', superior_doc_no: '府民戶字第1150001234號', superior_due_on: '2026-11-27' });
      const detail = await clerk.get(`/staff/petitions/${id}`);
      expect(detail.body).toContain('新竹縣政府民政處 · 交辦文號 府民戶字第1150001234號');
      expect(detail.body).toContain('<dd>上級機關交辦</dd>');
      expect((await clerk.post(`/staff/petitions/${id}/triage`, { _csrf: csrfOf(detail.body), cls: 'complex', triageCategory: 'registration', assignee: '' })).statusCode).toBe(303);
      const after = await petition(id);
      expect([after.limit_days, after.due_on]).toEqual([30, '2026-11-27']);
      const audit = await t.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'petition.record').where('target_id', '=', String(id)).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail ?? '{}')).toMatchObject({ channel: 'superior', superior: '新竹縣政府民政處', superiorDue: '2026-11-27', due: '2026-11-27' });
    });

    it("the office's own limit wins when the superior's deadline is later", async () => {
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      const form = await clerk.get('/staff/petitions/new');
      const r = await clerk.post('/staff/petitions', { _csrf: csrfOf(form.body), ...base, superiorAgency: '內政部戶政司', superiorDocNo: '台內戶字第1150100001號', superiorDueOn: '2026-12-31' });
      expect(r.statusCode).toBe(303);
      expect(await petition(idOf(r.headers.location))).toEqual({ channel: 'superior', due_on: '2026-11-30', limit_days: 3, superior_agency: '內政部戶政司', superior_doc_no: '台內戶字第1150100001號', superior_due_on: '2026-12-31' });
    });
  });
}
