import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { writeTransaction } from '../../db/index.js';
import type { Role, StaffPrincipal } from '../../platform/auth/roles.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { createPlan } from './create.js';
import { findPlan, readPlan } from './model.js';
import { decideProposal, submitProposal } from './registers-proposals.js';

/**
 * Proposals over HTTP and two decisions at once (Taipei clock 2026-12-03 10:00).
 * 竹北's 2027 plan comes from the 湖西 template: 100 points, 實施要項 四 has items 1, 2, 3 —
 * an adoption under it adds item 4 with 0 points, so the plan stays at 100 points and its revision goes up by one.
 */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] plan registers: proposals`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let office: { id: number; countyId: number };
    let planId = 0;
    let director: StaffPrincipal;
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
    const row = (id: number) => t.database.db.selectFrom('plan_proposal').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const listUrl = '/staff/plan/proposals?office=zhubei&year=2026';
    const who = async (username: string): Promise<StaffPrincipal> => {
      const s = await t.database.db.selectFrom('staff').select(['id', 'username', 'display_name', 'role', 'county_id', 'office_id']).where('username', '=', username).executeTakeFirstOrThrow();
      return { id: s.id, username: s.username, displayName: s.display_name, role: s.role as Role, countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
    };
    let proposalId = 0;
    let fourth = 0;

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const o = await t.database.db.selectFrom('office').select(['id', 'county_id']).where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      office = { id: o.id, countyId: o.county_id };
      director = await who('director.zhubei');
      const existing = await findPlan(t.database.db, office.id, office.countyId, 2027);
      planId = existing?.id ?? (await writeTransaction(t.database, (trx) => createPlan(trx, { countyId: office.countyId, officeId: office.id, year: 2027, source: { template: 'huxi103' } }, { id: null, name: 'test' }, now)));
      const tree = await readPlan(t.database.db, planId);
      fourth = tree?.items.find((i) => i.code === '四')?.id ?? 0;
    });
    afterAll(async () => t?.dispose());

    it('takes a proposal from a clerk, credited to the clerk; an empty title is refused beside the field', async () => {
      const empty = await postOn('clerk.zhubei', listUrl, '/staff/plan/proposals', { office: 'zhubei', year: '2026', title: ' ', problem: '外籍配偶聽不懂叫號', proposal: '叫號加英語及越南語' });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toMatch(/id="f-title-error"/);
      expect(empty.body).toContain('外籍配偶聽不懂叫號');
      const res = await postOn('clerk.zhubei', listUrl, '/staff/plan/proposals', { office: 'zhubei', year: '2026', title: '多語叫號廣播', problem: '外籍配偶聽不懂叫號', proposal: '叫號加英語及越南語' });
      expect(res.statusCode).toBe(303);
      proposalId = Number(/\/staff\/plan\/proposals\/(\d+)$/.exec(String(res.headers.location))?.[1]);
      const p = await row(proposalId);
      expect([p.state, p.proposer_name, p.office_id]).toEqual(['submitted', '王小華', office.id]);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', 'like', 'plan.proposal.%').execute();
      expect(audit).toEqual([{ action: 'plan.proposal.submit', target_id: String(proposalId) }]);
    });

    it('does not let a clerk decide (403) and leaves the proposal as it was', async () => {
      const url = `/staff/plan/proposals/${proposalId}`;
      expect((await postOn('clerk.zhubei', url, `${url}/decide`, { decision: 'adopt', as: 'none' })).statusCode).toBe(403);
      expect((await postOn('supervisor.zhubei', url, `${url}/decide`, { decision: 'adopt', as: 'none' })).statusCode).toBe(403);
      expect((await row(proposalId)).state).toBe('submitted');
    });

    it('asks the director for a reason to decline, an item for the plan, a label for a service', async () => {
      const url = `/staff/plan/proposals/${proposalId}`;
      const noReason = await postOn('director.zhubei', url, `${url}/decide`, { decision: 'decline', as: 'none', reason: '' });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.body).toContain('不採納時，請寫明理由。');
      const noItem = await postOn('director.zhubei', url, `${url}/decide`, { decision: 'adopt', as: 'item', item: '' });
      expect(noItem.statusCode).toBe(422);
      expect(noItem.body).toMatch(/id="f-item-error"/);
      const noLabel = await postOn('director.zhubei', url, `${url}/decide`, { decision: 'adopt', as: 'service', usageLabel: '' });
      expect(noLabel.statusCode).toBe(422);
      expect(noLabel.body).toContain('列為標準服務時，請填寫使用量名稱');
      expect((await row(proposalId)).state).toBe('submitted');
      expect((await (await as('director.jianshi')).get(url)).statusCode).toBe(404);
    });

    it('adopts it into the 2027 plan under 四 as item 4 with 0 points and records a plan revision; a second decision is 409', async () => {
      const before = await readPlan(t.database.db, planId);
      const url = `/staff/plan/proposals/${proposalId}`;
      const page = await (await as('director.zhubei')).get(url);
      expect(page.body).toContain(`<option value="${fourth}">民國116年 四 創新加值服務</option>`);
      const res = await postOn('director.zhubei', url, `${url}/decide`, { decision: 'adopt', as: 'item', item: String(fourth), usageLabel: '使用人次', reason: '' });
      expect(res.statusCode).toBe(303);
      const p = await row(proposalId);
      expect([p.state, p.decided_on, p.decided_by]).toEqual(['adopted', '2026-12-03', director.id]);
      const after = await readPlan(t.database.db, planId);
      const added = after?.flat.find((i) => i.id === p.plan_item_id);
      expect([added?.parentId, added?.code, added?.title, added?.points10]).toEqual([fourth, '4', '多語叫號廣播', 0]);
      expect(after?.total10).toBe(1000);
      expect(after?.plan.revision).toBe((before?.plan.revision ?? 0) + 1);
      const revs = await t.database.db.selectFrom('plan_revision').select(['revision', 'reason']).where('plan_id', '=', planId).orderBy('revision', 'desc').executeTakeFirstOrThrow();
      expect(revs).toEqual({ revision: (before?.plan.revision ?? 0) + 1, reason: `proposal:${proposalId}` });
      const again = await postOn('director.zhubei', url, `${url}/decide`, { decision: 'decline', as: 'none', reason: '改變主意' });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('這件提案已經決定過了');
      expect((await row(proposalId)).state).toBe('adopted');
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['plan.proposal.adopt', 'plan.proposal.decline']).execute();
      expect(audit.map((a) => a.action)).toEqual(['plan.proposal.adopt']);
    });

    it('takes one usage count a month, replaced on re-entry, only from the month of adoption on', async () => {
      const url = `/staff/plan/proposals/${proposalId}`;
      expect((await postOn('clerk.zhubei', url, `${url}/uses`, { month: '2026-12', count: '30' })).statusCode).toBe(403);
      expect((await postOn('supervisor.zhubei', url, `${url}/uses`, { month: '2026-12', count: '30' })).statusCode).toBe(303);
      expect((await postOn('supervisor.zhubei', url, `${url}/uses`, { month: '2026-12', count: '45' })).statusCode).toBe(303);
      const early = await postOn('supervisor.zhubei', url, `${url}/uses`, { month: '2026-11', count: '9' });
      expect(early.statusCode).toBe(422);
      expect(early.body).toContain('請選擇採納當月到本月之間的月份。');
      const negative = await postOn('supervisor.zhubei', url, `${url}/uses`, { month: '2026-12', count: '-3' });
      expect(negative.statusCode).toBe(422);
      const uses = await t.database.db.selectFrom('plan_proposal_use').select(['month', 'count']).where('proposal_id', '=', proposalId).execute();
      expect(uses).toEqual([{ month: '2026-12', count: 45 }]);
      expect(text((await (await as('clerk.zhubei')).get(url)).body)).toContain('民國115年12月 45 合計 45');
    });

    it('lists the year’s proposals with the proposer, the decision and the uses', async () => {
      const declined = await submitProposal(t.database, office, { title: '延長午休服務', problem: '中午人多', proposal: '中午不休息' }, await who('supervisor.zhubei'), null, now);
      await decideProposal(t.database, declined, office, { decision: 'decline', as: 'none', usageLabel: '', reason: '人力不足' }, director, null, now);
      const body = text((await (await as('clerk.zhubei')).get(listUrl)).body);
      expect(body).toContain('多語叫號廣播 民國115年12月3日 王小華 採納 民國115年12月3日 列入服務品質計畫 45');
      expect(body).toContain('延長午休服務 民國115年12月3日 張志明 不採納 民國115年12月3日 — —');
    });

    it('lets exactly one of two decisions at once through (service calls, six proposals)', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) ids.push(await submitProposal(t.database, office, { title: `提案${i}`, problem: 'p', proposal: 'q' }, director, null, now));
      const results = await Promise.allSettled(
        ids.flatMap((id) => [
          decideProposal(t.database, id, office, { decision: 'adopt', as: 'item', item: fourth, usageLabel: '', reason: '' }, director, null, now),
          decideProposal(t.database, id, office, { decision: 'decline', as: 'none', usageLabel: '', reason: '重複' }, director, null, now),
        ]),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict', messageKey: 'plan.reg.proposal.err.decided' });
      const rows = await t.database.db.selectFrom('plan_proposal').select(['id', 'state', 'plan_item_id']).where('id', 'in', ids).execute();
      const adopted = rows.filter((r) => r.state === 'adopted');
      for (const r of rows) expect(r.state === 'adopted' ? r.plan_item_id !== null : r.state === 'declined' && r.plan_item_id === null).toBe(true);
      // each adoption added one item and one revision; the revisions never collided
      const items = await t.database.db.selectFrom('plan_item').select('id').where('parent_id', '=', fourth).execute();
      expect(items).toHaveLength(4 + adopted.length);
      const revisions = await t.database.db.selectFrom('plan_revision').select('reason').where('plan_id', '=', planId).where('reason', 'like', 'proposal:%').execute();
      expect(revisions).toHaveLength(1 + adopted.length);
      const audit = await t.database.db.selectFrom('audit_log').select('target_id').where('action', 'in', ['plan.proposal.adopt', 'plan.proposal.decline']).where('target_id', 'in', ids.map(String)).execute();
      expect(audit).toHaveLength(6);
    });

    it('lets one of two clicks at once through over HTTP and tells the other', async () => {
      const id = await submitProposal(t.database, office, { title: '雙擊', problem: 'p', proposal: 'q' }, director, null, now);
      const url = `/staff/plan/proposals/${id}`;
      const a = new Agent(t.app);
      const b = new Agent(t.app);
      await a.signIn('director.zhubei', DEMO_PASSWORD);
      await b.signIn('director.zhubei', DEMO_PASSWORD);
      const [pa, pb] = await Promise.all([a.get(url), b.get(url)]);
      const [ra, rb] = await Promise.all([
        a.post(`${url}/decide`, { _csrf: csrfOf(pa.body), decision: 'adopt', as: 'none' }),
        b.post(`${url}/decide`, { _csrf: csrfOf(pb.body), decision: 'decline', as: 'none', reason: '不需要' }),
      ]);
      expect([ra.statusCode, rb.statusCode].sort()).toEqual([303, 409]);
      expect((ra.statusCode === 409 ? ra : rb).body).toContain('這件提案已經決定過了');
      expect((await row(id)).state).toBe(ra.statusCode === 303 ? 'adopted' : 'declined');
    });
  });
}
