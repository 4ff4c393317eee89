import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { leaves, readPlan } from './model.js';
import { counts, Staff } from './plan-fixture.js';

/**
 * The item and measure forms under random input: whatever is typed, the
 * answer is a saved change (303: exactly one more revision and one more
 * audit entry) or the form again with its messages (422: nothing written
 * at all), never a server error; and the plan still reads as a tree whose
 * points add up and never go below zero.
 */
const typed = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 260 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', '   ', '0', '7.5', '7.55', '-1', '100', '100.1', '1e3', '０.５', '１０', 'NaN', '115/2/30', '2026-02-29', '民國115年1月1日', '１１５/１２/３１', '999/99/99', '一', '（一）'),
);

// points and dates that read well half the time, so saves happen as often as refusals
const points = fc.oneof(typed, fc.integer({ min: 0, max: 1000 }).map((n) => String(n / 10)));
const deadline = fc.oneof(typed, fc.constantFrom('', '115/12/31', '2026-06-30'));
const code = fc.oneof(typed, fc.constantFrom('一', '（二）', '3'));
const title = fc.oneof(typed, fc.constantFrom('便捷性', '資訊公開'));
const itemForm = fc.record({ code, title, strategy: typed, points, deadline, leadUnit: typed, coUnits: typed, benefit: typed });
const measureForm = fc.record({ kind: fc.constantFrom('indicator', 'hand', '', 'other'), indicator: fc.constantFrom('', 'queue.waitP50', 'nope.none', 'coretest.items'), label: title, unit: fc.constantFrom('', 'count', 'percent', 'bogus'), better: fc.constantFrom('', 'higher', 'lower', 'up'), target: fc.oneof(typed, fc.constantFrom('', '90', '-2.5')) });
const action = fc.oneof(
  fc.record({ what: fc.constant('addItem' as const), form: itemForm }),
  fc.record({ what: fc.constant('editItem' as const), form: itemForm }),
  fc.record({ what: fc.constant('addMeasure' as const), form: measureForm }),
);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the plan's forms under random input`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let planId = 0;

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    it('answers 303 or 422, writes all of a change or none of it, and keeps the points sound', async () => {
      const staff = new Staff(t.app);
      const res = await staff.post('supervisor.zhubei', '/staff/plan', '/staff/plan', { office: 'zhubei', year: '2026', source: 'template:gsqa' });
      planId = Number(/(\d+)$/.exec(res.headers.location as string)?.[1]);
      const a = await staff.as('supervisor.zhubei');
      const token = csrfOf((await a.get(`/staff/plan/${planId}/edit`)).body);
      const db = t.database.db;
      const leaf = (await readPlan(db, planId))?.flat.find((i) => i.children.length === 0)?.id ?? 0;
      const seen = { 303: 0, 422: 0 };
      await fc.assert(
        fc.asyncProperty(action, async ({ what, form }) => {
          const before = await counts(db, planId);
          const url = what === 'addItem' ? `/staff/plan/${planId}/items` : what === 'editItem' ? `/staff/plan/${planId}/items/${leaf}` : `/staff/plan/${planId}/items/${leaf}/measures`;
          const r = await a.post(url, { _csrf: token, ...form });
          expect([303, 422]).toContain(r.statusCode);
          seen[r.statusCode as 303 | 422] += 1;
          const after = await counts(db, planId);
          if (r.statusCode === 303) {
            expect(after).toEqual({ revisions: before.revisions + 1, revision: before.revision + 1, audit: before.audit + 1, items: before.items + (what === 'addItem' ? 1 : 0) });
          } else {
            expect(after).toEqual(before);
          }
          const tree = await readPlan(db, planId);
          expect(tree).not.toBeNull();
          const ls = leaves(tree!);
          expect(ls.every((i) => Number.isInteger(i.points10) && i.points10 >= 0 && i.points10 <= 1000)).toBe(true);
          expect(tree?.total10).toBe(ls.reduce((s, i) => s + i.points10, 0));
        }),
        { numRuns: 80 },
      );
      // both answers were exercised, not only refusals
      expect(seen[303]).toBeGreaterThan(3);
      expect(seen[422]).toBeGreaterThan(3);
    }, 120_000);
  });
}
