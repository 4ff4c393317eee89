import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';

const NOW = new Date('2026-11-25T02:00:00Z');

/** Any text, the shapes a 字號 and a date take, and the awkward ones (full-width digits, ROC dates, blanks); good values weighted up so stores (and duplicate 字號) happen often. */
const text = fc.oneof({ arbitrary: fc.constantFrom('戶籍登記', '內政部戶政司', '出生登記'), weight: 4 }, fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', '　', '內政部', '１２３', '<b>x</b>', '"\''));
const number = fc.oneof(
  { arbitrary: fc.integer({ min: 1000, max: 1003 }).map((n) => `內授中戶字第114${n}號`), weight: 3 },
  { arbitrary: fc.integer({ min: 1000, max: 1003 }).map((n) => `內授中戶字第１１４${n}號`), weight: 2 },
  fc.constantFrom('', '內授中戶字第號', '第1140000000號', 'abc字第12345號'),
  fc.string({ maxLength: 30 }),
);
const date = fc.oneof({ arbitrary: fc.constantFrom('2026-11-01', '115/10/3', '2025-01-31', '民國115年2月3日'), weight: 4 }, fc.constantFrom('2026-02-30', '1151301', '', '13/13/13'), fc.string({ maxLength: 12 }));
const links = fc.oneof({ arbitrary: fc.constantFrom<string[]>([], ['birth'], ['birth', 'death']), weight: 3 }, fc.constantFrom(['nope'], ['../x'], ['BIRTH']));

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the ruling form under random input`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let agent: Agent;
    let csrf = '';

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      agent = new Agent(t.app);
      await agent.signIn('supervisor.zhubei', DEMO_PASSWORD);
      csrf = csrfOf((await agent.get('/staff/manual/rulings/new')).body);
    });
    afterAll(async () => t?.dispose());

    const counts = async () => {
      const db = t.database.db;
      const rulings = await db.selectFrom('manual_ruling').select(['id', 'revision']).execute();
      const revs = await db.selectFrom('manual_ruling_rev').select(['ruling_id', 'revision']).execute();
      return { rulings, revs };
    };

    it('never answers 500, and a ruling is stored whole (with its revision) or not at all', async () => {
      let stored = 0;
      await fc.assert(
        fc.asyncProperty(number, date, text, text, text, text, links, async (n, d, issuer, subject, body, tags, l) => {
          const before = await counts();
          const fields: Record<string, string> = { _csrf: csrf, number: n, issuedOn: d, issuer, subject, body, tags };
          const pairs = [...Object.entries(fields), ...l.map((x) => ['links', x])];
          const res = await agent.post('/staff/manual/rulings', pairs as unknown as Record<string, string>);
          expect([303, 409, 422]).toContain(res.statusCode);
          const after = await counts();
          expect(after.rulings.length).toBe(before.rulings.length + (res.statusCode === 303 ? 1 : 0));
          // every ruling has exactly the revisions 1..revision, and no revision is without its ruling
          for (const r of after.rulings) expect(after.revs.filter((v) => v.ruling_id === r.id).map((v) => v.revision)).toEqual([r.revision]);
          expect(after.revs.length).toBe(after.rulings.length);
          if (res.statusCode !== 303) expect(res.body).toContain('class="field-message"');
          else stored++;
        }),
        { numRuns: 60, seed: 20261125 },
      );
      // the run is fixed by its seed: some forms were good enough to store, so both branches were exercised
      expect(stored).toBeGreaterThan(0);
    });
  });
}
