import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../app.js';
import type { Database } from '../db/index.js';
import { DATABASE_KINDS, describeOn, freshDatabase } from '../../test/databases.js';
import { figuresOf, monthPeriod, talliesFor } from '../modules/figures/index.js';
import { findPlan, measureStatus, measureValue, readPlan } from '../modules/plan/model.js';
import { CHECK_KINDS } from '../modules/plan/registers-checks.js';
import { seedPlan } from './plan.js';
import { seedDemo } from './seed.js';

/**
 * The demo seeded with its history on Thursday 3 December 2026 (Taipei).
 * The whole months before it are January–November 2026: eleven. The 湖西
 * template has six hand-entered measures (計畫報府備查, 網站無障礙標章,
 * 電子參與活動, 推出創新服務項目數, 標竿學習參訪次數, 自評完成), so 66 hand
 * values. Each month's 所務會議 is the second working day of the next month
 * in the 2026 government calendar: 3 Feb, 3 Mar, 2 Apr, 5 May (1 May is
 * Labour Day, off), 2 Jun, 2 Jul, 4 Aug, 2 Sep, 2 Oct, 3 Nov, 2 Dec.
 * The plan is filed on Monday 9 February and published three working days
 * later, Thursday 12 February.
 */
const NOW = new Date('2026-12-03T02:00:00Z');
const TODAY = '2026-12-03';
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const MEETINGS = ['2026-02-03', '2026-03-03', '2026-04-02', '2026-05-05', '2026-06-02', '2026-07-02', '2026-08-04', '2026-09-02', '2026-10-02', '2026-11-03', '2026-12-02'];

const count = async (database: Database, table: 'plan' | 'plan_hand_value' | 'plan_review' | 'plan_action' | 'plan_check' | 'plan_proposal' | 'plan_proposal_use' | 'plan_process_review' | 'plan_award' | 'plan_file' | 'plan_revision') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the demo plan`, () => {
    let database: Database & { dispose(): Promise<void> };
    let office: { id: number; code: string; countyId: number };
    let planId: number;
    beforeAll(async () => {
      database = await freshDatabase(kind);
      await seedDemo(database, ROOT, NOW, { history: true });
      const o = await database.db.selectFrom('office').select(['id', 'code', 'county_id']).where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      office = { id: o.id, code: o.code, countyId: o.county_id };
      planId = (await findPlan(database.db, office.id, office.countyId, 2026))?.id ?? 0;
    }, 240_000);
    afterAll(async () => {
      await database?.dispose();
    });

    it("is Zhubei's 2026 plan from the 湖西 template, filed in February and published, and the county has its own draft", async () => {
      const tree = await readPlan(database.db, planId);
      // revision 4: the wheelchair proposal, adopted on 6 July 2026 (150 days before), became item 四 4 with no points
      expect(tree?.plan).toMatchObject({ year: 2026, state: 'published', source: 'template:huxi103', filedOn: '2026-02-09', publishedOn: '2026-02-12', revision: 4 });
      expect(tree?.plan.filedDoc).toMatch(/^府民戶字第11500\d{5}號$/);
      expect(tree?.total10).toBe(1000);
      const four = tree?.items.find((i) => i.code === '四');
      expect(four?.children.map((i) => [i.code, i.title, i.points10])).toEqual([
        ['1', '有價值的創新服務', 100],
        ['2', '創新服務標竿學習效益', 100],
        ['3', '組織內部創新機制', 100],
        ['4', '等候區輪椅及老花眼鏡借用', 0],
      ]);
      const wheelchair = await database.db.selectFrom('plan_proposal').select(['id', 'plan_item_id', 'decided_on']).where('title', '=', '等候區輪椅及老花眼鏡借用').executeTakeFirstOrThrow();
      expect(wheelchair).toMatchObject({ plan_item_id: four?.children[3]?.id, decided_on: '2026-07-06' });
      const revisions = await database.db.selectFrom('plan_revision').select(['revision', 'reason', 'at']).where('plan_id', '=', planId).orderBy('revision').execute();
      expect(revisions.map((r) => [r.revision, r.reason])).toEqual([
        [1, 'created'],
        [2, 'state.filed'],
        [3, 'state.published'],
        [4, `proposal:${wheelchair.id}`],
      ]);
      expect(revisions.map((r) => r.at)).toEqual([...revisions.map((r) => r.at)].sort());
      // the published revision's snapshot is the plan as it stood that day
      const snapshot = await database.db.selectFrom('plan_revision').select('snapshot').where('plan_id', '=', planId).where('revision', '=', 3).executeTakeFirstOrThrow();
      expect(JSON.parse(snapshot.snapshot).plan).toMatchObject({ state: 'published', filedOn: '2026-02-09', publishedOn: '2026-02-12', revision: 3 });
      const audit = await database.db.selectFrom('audit_log').select(['action', 'at']).where('action', 'like', 'plan.state.%').orderBy('at').execute();
      expect(audit.map((a) => a.action)).toEqual(['plan.state.filed', 'plan.state.published']);
      const county = await findPlan(database.db, null, office.countyId, 2026);
      expect(county).toMatchObject({ state: 'draft', source: 'template:huxi103', officeId: null });
    });

    it('has a value, typed in by hand, for every hand measure and every past month', async () => {
      const tree = await readPlan(database.db, planId);
      const hand = (tree?.flat ?? []).flatMap((i) => i.measures).filter((m) => m.indicatorKey === null);
      expect(hand).toHaveLength(6);
      expect(await count(database, 'plan_hand_value')).toBe(66);
      for (const m of hand) {
        for (const month of MONTHS) {
          const v = await measureValue(database.db, office, m, monthPeriod(2026, Number(month.slice(5))));
          expect(v, `${m.label} ${month}`).toMatchObject({ origin: 'hand', handMonth: month });
          expect(v.value, `${m.label} ${month}`).not.toBeNull();
          expect(v.note).not.toBe('');
        }
      }
      // 計畫報府備查: not yet in January, done from February, with the filing letter as evidence in February
      const filing = hand.find((m) => m.label.startsWith('計畫報府備查'))!;
      const rows = await database.db.selectFrom('plan_hand_value').select(['month', 'value', 'file_id']).where('measure_id', '=', filing.id).orderBy('month').execute();
      expect(rows.map((r) => Number(r.value))).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
      expect(rows.filter((r) => r.file_id !== null).map((r) => r.month)).toEqual(['2026-02']);
      // four evidence files: three attached to hand values, one to the award won; all PDFs
      const files = await database.db.selectFrom('plan_file').select(['content', 'mime', 'office_id']).execute();
      expect(files).toHaveLength(4);
      for (const f of files) {
        expect(f.mime).toBe('application/pdf');
        expect(f.office_id).toBe(office.id);
        expect(Buffer.from(f.content).subarray(0, 5).toString()).toBe('%PDF-');
      }
    });

    it('has a meeting for every past month, held early the next month, and decisions of which one is open past its due date', async () => {
      const reviews = await database.db.selectFrom('plan_review').select(['month', 'held_on', 'minutes']).where('plan_id', '=', planId).orderBy('month').execute();
      expect(reviews.map((r) => r.month)).toEqual(MONTHS);
      expect(reviews.map((r) => r.held_on)).toEqual(MEETINGS);
      for (const r of reviews) expect(r.minutes).toContain('執行情形');
      const actions = await database.db.selectFrom('plan_action').selectAll().where('plan_id', '=', planId).execute();
      expect(actions.length).toBeGreaterThanOrEqual(6);
      expect(actions.length).toBeLessThanOrEqual(10);
      const open = actions.filter((a) => a.state === 'open');
      expect(open).toHaveLength(2);
      expect(open.filter((a) => a.due_on < TODAY)).toHaveLength(1);
      for (const a of actions.filter((x) => x.state !== 'open')) {
        expect(a.closed_on! < TODAY).toBe(true);
        expect(a.closed_month! > a.raised_month).toBe(true);
        expect(a.closing_note).toBeTruthy();
      }
    });

    it('shows the director an off-track indicator in November: 15-minute share against the 90 % target', async () => {
      const tree = await readPlan(database.db, planId);
      const within15 = (tree?.flat ?? []).flatMap((i) => i.measures).find((m) => m.indicatorKey === 'queue.within15')!;
      expect(within15.target).toBe(90);
      const t = (await talliesFor(database.db, [office.id], monthPeriod(2026, 11))).get(office.id) ?? {};
      expect(measureStatus(within15, figuresOf(t).within15 ?? null)).toBe('off_track');
    });

    it('keeps registers: spot checks every month, five proposals, two process reviews on real guides, two awards', async () => {
      const checks = await database.db.selectFrom('plan_check').select(['checked_on', 'kind', 'items_checked', 'defects']).where('office_id', '=', office.id).execute();
      for (const month of MONTHS) expect(checks.filter((c) => c.checked_on.startsWith(month)).length, month).toBeGreaterThanOrEqual(2);
      for (const c of checks) {
        expect(c.checked_on < TODAY).toBe(true);
        expect(c.defects).toBeLessThanOrEqual(c.items_checked);
        expect(CHECK_KINDS).toContain(c.kind);
      }
      const proposals = await database.db.selectFrom('plan_proposal').select(['id', 'state', 'reason', 'usage_label']).where('office_id', '=', office.id).execute();
      expect(proposals.map((p) => p.state).sort()).toEqual(['adopted', 'adopted', 'adopted', 'declined', 'submitted']);
      expect(proposals.find((p) => p.state === 'declined')?.reason).toBeTruthy();
      const uses = await database.db.selectFrom('plan_proposal_use').select('proposal_id').execute();
      for (const p of proposals.filter((x) => x.state === 'adopted')) {
        expect(p.usage_label).toBeTruthy();
        expect(uses.some((u) => u.proposal_id === p.id)).toBe(true);
      }
      const reviews = await database.db.selectFrom('plan_process_review').select(['guide_code', 'before_figures', 'after_figures']).execute();
      expect(reviews.map((r) => r.guide_code).sort()).toEqual(['move-in', 'transcript']);
      const guides = await database.db.selectFrom('service_guide').select('code').where('code', 'in', ['move-in', 'transcript']).execute();
      expect(new Set(guides.map((g) => g.code)).size).toBe(2);
      for (const r of reviews) expect(Object.keys(JSON.parse(r.after_figures)).sort()).toEqual(['documents', 'forms', 'minutes', 'steps']);
      const awards = await database.db.selectFrom('plan_award').select(['state', 'file_id', 'year']).execute();
      expect(awards.map((a) => [a.state, a.file_id !== null, a.year]).sort()).toEqual([
        ['entered', false, 2026],
        ['won', true, 2026],
      ]);
    });

    it('does nothing when seeded again', async () => {
      const tables = ['plan', 'plan_revision', 'plan_hand_value', 'plan_review', 'plan_action', 'plan_check', 'plan_proposal', 'plan_proposal_use', 'plan_process_review', 'plan_award', 'plan_file'] as const;
      const before = await Promise.all(tables.map((t) => count(database, t)));
      await seedPlan(database, NOW);
      expect(await Promise.all(tables.map((t) => count(database, t)))).toEqual(before);
      expect(before[0]).toBe(2);
    });
  });
}
