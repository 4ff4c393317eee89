import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { isIsoDate } from '../../platform/calendar/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { CHECK_KINDS } from './registers-checks.js';

/**
 * The check form under random input (Taipei clock 2026-12-03): every answer is
 * a saved check (303) or the form again with its messages (422) — never a 5xx —
 * and a refusal stores nothing; what is stored keeps 1 ≤ items, 0 ≤ defects ≤ items
 * and a real date no later than today.
 */
const field = (valid: fc.Arbitrary<string>, max = 60) =>
  fc.oneof({ arbitrary: valid, weight: 20 }, { arbitrary: fc.string({ maxLength: max }), weight: 1 }, { arbitrary: fc.string({ unit: 'grapheme', maxLength: max }), weight: 1 }, { arbitrary: fc.constant(''), weight: 1 });
const number = fc.oneof(
  { arbitrary: fc.integer({ min: -2, max: 50 }).map(String), weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 50 }).map((n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))), weight: 1 },
  { arbitrary: fc.constantFrom('1e3', '3.5', '0x10', '99999999999', ' 7 ', '1,000', 'NaN', '-0'), weight: 1 },
);
const date = fc.oneof(
  { arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), weight: 4 },
  { arbitrary: fc.tuple(fc.integer({ min: -2, max: 130 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}/${m}/${d}`), weight: 1 },
  { arbitrary: fc.constantFrom('115/12/03', '115/12/04', '民國115年2月29日', '2026-02-30', '0000-01-01'), weight: 1 },
);
const form = fc.record({
  checkedOn: field(date, 30),
  kind: field(fc.constantFrom(...CHECK_KINDS), 20),
  area: field(fc.constantFrom('櫃台', '1 至 4 號櫃台'), 120),
  checker: field(fc.constantFrom('王督導'), 60),
  items: field(number, 20),
  defects: field(number, 20),
  findings: field(fc.constantFrom('未配戴識別證', '未配戴識別證', ''), 80),
  fixedOn: field(fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: date, weight: 1 }), 30),
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the check form under random input`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    it('answers 303 or 422, never 5xx, and stores nothing on refusal', async () => {
      const a = new Agent(t.app);
      await a.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const token = csrfOf((await a.get('/staff/plan/checks?office=zhubei')).body);
      const seen = { saved: 0, refused: 0 };
      const stored = async () => t.database.db.selectFrom('plan_check').selectAll().execute();
      await fc.assert(
        fc.asyncProperty(form, async (f) => {
          const before = (await stored()).length;
          const res = await a.post('/staff/plan/checks', { _csrf: token, office: 'zhubei', ...f });
          expect([303, 422]).toContain(res.statusCode);
          const rows = await stored();
          seen[res.statusCode === 303 ? 'saved' : 'refused'] += 1;
          if (res.statusCode !== 303) {
            expect(rows).toHaveLength(before);
            return;
          }
          expect(rows).toHaveLength(before + 1);
          const r = rows[rows.length - 1]!;
          expect(r.items_checked).toBeGreaterThanOrEqual(1);
          expect(r.defects).toBeGreaterThanOrEqual(0);
          expect(r.defects).toBeLessThanOrEqual(r.items_checked);
          expect(isIsoDate(r.checked_on) && r.checked_on >= '1912-01-01' && r.checked_on <= '2026-12-03').toBe(true);
          if (r.fixed_on !== null) expect(r.fixed_on >= r.checked_on && r.fixed_on <= '2026-12-03').toBe(true);
          if (r.defects > 0) expect(r.findings.length).toBeGreaterThan(0);
        }),
        // two that must be stored, so the saving path is always among the runs
        { numRuns: 80, examples: [[{ checkedOn: '115/11/20', kind: 'audit', area: '櫃台', checker: '王督導', items: '３０', defects: '3', findings: '未配戴識別證', fixedOn: '' }], [{ checkedOn: '2026-12-03', kind: 'phone', area: '電話', checker: '王', items: '1', defects: '0', findings: '', fixedOn: '2026-12-03' }]] },
      );
      expect(seen.saved).toBeGreaterThanOrEqual(2);
      expect(seen.refused).toBeGreaterThan(0);
    });
  });
}
