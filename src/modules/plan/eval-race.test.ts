import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { writeTransaction } from '../../db/index.js';
import type { Role, StaffPrincipal } from '../../platform/auth/roles.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { createPlan } from './create.js';
import type { CountyInput, SelfLine } from './eval-form.js';
import { type EvalOffice, reviewEvaluation, saveSelf, submitEvaluation } from './eval-service.js';

/**
 * Two clicks at once on the same evaluation: two submits, a return and a
 * completed review. Every change moves the evaluation row only from the
 * state it read, so exactly one goes through and the other is told the
 * state changed. On PostgreSQL the calls run on separate pooled connections.
 * Plans: 竹北 2021–2025 from the 政府服務品質獎 template (8 items), every item self-scored 5.
 */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] evaluation races`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    const YEARS = [2021, 2022, 2023, 2024];
    let t: Awaited<ReturnType<typeof demoApp>>;
    let office: EvalOffice;
    let director: StaffPrincipal;
    let county: StaffPrincipal;
    const plans = new Map<number, { id: number; items: number[] }>();
    const stateOf = async (planId: number) => (await t.database.db.selectFrom('plan_evaluation').select('state').where('plan_id', '=', planId).executeTakeFirst())?.state;
    const auditsOf = async (planId: number) =>
      (await t.database.db.selectFrom('audit_log').select('action').where('target_type', '=', 'plan_evaluation').where('target_id', '=', String(planId)).orderBy('id').execute()).map((a) => a.action);
    const w = (actor: StaffPrincipal) => ({ actor, ip: null, now });

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const db = t.database.db;
      const o = await db.selectFrom('office').select(['id', 'county_id', 'code', 'name_zh']).where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      office = { id: o.id, countyId: o.county_id, code: o.code, name: o.name_zh };
      const who = async (username: string): Promise<StaffPrincipal> => {
        const s = await db.selectFrom('staff').select(['id', 'username', 'display_name', 'role', 'county_id', 'office_id']).where('username', '=', username).executeTakeFirstOrThrow();
        return { id: s.id, username: s.username, displayName: s.display_name, role: s.role as Role, countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
      };
      director = await who('director.zhubei');
      county = await who('county');
      for (const year of [...YEARS, 2025]) {
        const id = await writeTransaction(t.database, (trx) => createPlan(trx, { countyId: office.countyId, officeId: office.id, year, source: { template: 'gsqa' } }, { id: null, name: 'test' }, now));
        const leaves = await db.selectFrom('plan_item').select('id').where('plan_id', '=', id).where('parent_id', 'is not', null).orderBy('id').execute();
        const items = leaves.map((l) => l.id);
        plans.set(year, { id, items });
        await saveSelf(t.database, id, office, new Map<number, SelfLine>(items.map((i) => [i, { self10: 50, account: '', links: [], files: [] }])), w(director));
      }
    });
    afterAll(async () => t?.dispose());

    it('lets one of two submits at once through, four evaluations at once', async () => {
      const results = await Promise.allSettled(YEARS.flatMap((y) => [1, 2].map(() => submitEvaluation(t.database, plans.get(y)!.id, office, new Map(), w(director)))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(YEARS.length);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict', messageKey: 'plan.eval.err.state' });
      for (const y of YEARS) {
        expect(await stateOf(plans.get(y)!.id)).toBe('submitted');
        expect(await auditsOf(plans.get(y)!.id)).toEqual(['plan.evaluation.save', 'plan.evaluation.submit']);
      }
    });

    it('lets one of a return and a completed review at once through', async () => {
      const all = (y: number): CountyInput => ({ items: new Map(plans.get(y)!.items.map((i) => [i, { county10: 40, comment: '' }])), overall: '請補充佐證。' });
      const results = await Promise.allSettled(
        YEARS.flatMap((y) => [reviewEvaluation(t.database, plans.get(y)!.id, office, all(y), 'return', w(county)), reviewEvaluation(t.database, plans.get(y)!.id, office, all(y), 'complete', w(county))]),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(YEARS.length);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict', messageKey: 'plan.eval.err.state' });
      for (const y of YEARS) {
        const audits = await auditsOf(plans.get(y)!.id);
        expect(audits).toHaveLength(3);
        expect(await stateOf(plans.get(y)!.id)).toBe(audits[2] === 'plan.evaluation.return' ? 'returned' : 'reviewed');
      }
    });

    it('lets one of two submits at once through over HTTP, and tells the other', async () => {
      const a = new Agent(t.app);
      const b = new Agent(t.app);
      await a.signIn('director.zhubei', DEMO_PASSWORD);
      await b.signIn('director.zhubei', DEMO_PASSWORD);
      const url = `/staff/plan/${plans.get(2025)!.id}/evaluation`;
      const [pa, pb] = await Promise.all([a.get(url), b.get(url)]);
      const [ra, rb] = await Promise.all([a.post(url, { _csrf: csrfOf(pa.body), op: 'submit' }), b.post(url, { _csrf: csrfOf(pb.body), op: 'submit' })]);
      expect([ra.statusCode, rb.statusCode].sort()).toEqual([303, 409]);
      expect((ra.statusCode === 409 ? ra : rb).body).toContain('這份自評目前的狀態是「已送出，待縣府評核」');
      expect(await auditsOf(plans.get(2025)!.id)).toEqual(['plan.evaluation.save', 'plan.evaluation.submit']);
    });
  });
}
