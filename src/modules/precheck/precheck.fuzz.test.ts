import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';

/**
 * The pre-check form under random input: never a 5xx, and every answer
 * stores all of a check or nothing — a redirect adds exactly one check (and
 * one ticket exactly when it went to a ticket), anything else adds neither.
 */
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 600, size: 'max' }),
  // long printable text: a note near and past its 500 characters
  fc.string({ unit: fc.constantFrom('戶', '籍', '謄', '本', 'a', ' ', '。'), minLength: 80, maxLength: 560 }),
  fc.constantFrom('', ' ', '0', '1', '2', '3', '4', '99', '-1', '1.5', '999', '<script>alert(1)</script>', "' OR 1=1 --"),
);
const form = fc.record(
  {
    have: fc.oneof(value, fc.array(fc.oneof(fc.constantFrom('0', '1', '2', '3'), value), { maxLength: 8 })),
    note: value,
    office: fc.oneof(fc.constantFrom('zhubei', 'jianshi', '', 'nowhere'), value),
    guide: fc.constantFrom('id-card', 'transcript', 'name-change', 'no-such-guide', 'BAD!'),
  },
  { requiredKeys: ['guide'] },
);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] pre-check form under random input`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let clerk: Agent;
    let csrf: string;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-24T02:00:00Z') });
      clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      csrf = csrfOf((await clerk.get('/staff/precheck')).body);
    });
    afterAll(async () => t?.dispose());

    const counts = async () => {
      const c = await t.database.db.selectFrom('pre_check').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      const k = await t.database.db.selectFrom('ticket').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return { checks: Number(c.n), tickets: Number(k.n) };
    };

    it('never answers 5xx and never half-stores', { timeout: 120_000 }, async () => {
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(form, async (f) => {
          const pairs: string[][] = [['_csrf', csrf]];
          for (const x of f.have === undefined ? [] : Array.isArray(f.have) ? f.have : [f.have]) pairs.push(['have', x]);
          if (f.note !== undefined) pairs.push(['note', f.note]);
          if (f.office !== undefined) pairs.push(['office', f.office]);
          const before = await counts();
          const res = await clerk.post(`/staff/precheck/check/${f.guide}`, pairs as unknown as Record<string, string>);
          expect(res.statusCode).toBeLessThan(500);
          seen.add(res.statusCode);
          const after = await counts();
          if (res.statusCode === 303) {
            expect(after.checks).toBe(before.checks + 1);
            expect(after.tickets).toBe(before.tickets + (String(res.headers.location).endsWith('/ticket') ? 1 : 0));
          } else {
            expect([403, 404, 409, 422]).toContain(res.statusCode);
            expect(after).toEqual(before);
          }
          // every check that ended in a ticket names one; every slip names none
          const odd = await t.database.db
            .selectFrom('pre_check')
            .select('id')
            .where((eb) => eb.or([eb.and([eb('outcome', '=', 'ticket'), eb('ticket_id', 'is', null)]), eb.and([eb('outcome', '=', 'slip'), eb('ticket_id', 'is not', null)])]))
            .execute();
          expect(odd).toEqual([]);
        }),
        { numRuns: 60, seed: 20_261_124, endOnFailure: true },
      );
      // the run reached both sides: stored checks and refused input
      expect([...seen]).toEqual(expect.arrayContaining([303, 403, 404, 422]));
    });
  });
}
