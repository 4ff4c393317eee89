import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { clearNewsletter } from './test-helpers.js';

/**
 * The public subscribe form under random and hostile input: never a 5xx,
 * every refusal explained beside a field, and every stored address one the
 * form's own rule accepts (trimmed, lower case, no line breaks for a header).
 */
const email = fc.oneof(
  { arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z0-9._+-]{1,12}$/), fc.constantFrom('example.com', 'Example.ORG', 'mail.gov.tw')).map(([l, d]) => `${l}@${d}`), weight: 3 },
  fc.emailAddress(),
  fc.emailAddress().map((e) => ` ${e.toUpperCase()} `),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('', ' ', 'a@b', 'a@b.c', 'x@example.com\r\nBcc: victim@example.org', 'ａ@example.com', '<script>@x.tw', "' OR 1=1 --@x.tw", `${'a'.repeat(250)}@example.com`),
);
const locale = fc.oneof({ arbitrary: fc.constantFrom('zh-Hant', 'en'), weight: 4 }, fc.constantFrom('', 'fr', 'ZH-HANT'), fc.string({ maxLength: 10 }));

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the subscribe form under random input`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
      await clearNewsletter(t.database.db);
    });
    afterAll(async () => t?.dispose());

    it('never fails and never stores an address it should refuse', async () => {
      const a = new Agent(t.app);
      const csrf = csrfOf((await a.get('/newsletter')).body);
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.record({ email, locale }, { requiredKeys: [] }), fc.boolean(), async (body, office) => {
          // each try from its own address: the form's rate limit (10 per 10 minutes) is checked below
          n++;
          const res = await a.post(office ? '/o/zhubei/newsletter' : '/newsletter', { _csrf: csrf, ...body }, {}, `10.9.${n >> 8}.${n & 255}`);
          expect([303, 422]).toContain(res.statusCode);
          if (res.statusCode === 422) expect(res.body).toMatch(/class="field-message" id="f-(email|locale)-error"/);
        }),
        { numRuns: 80 },
      );
      const stored = await t.database.db.selectFrom('newsletter_subscriber').select(['email', 'locale', 'status']).execute();
      expect(stored.length).toBeGreaterThan(0);
      for (const r of stored) {
        expect(z.email().safeParse(r.email).success).toBe(true);
        expect(r.email).toBe(r.email.trim().toLowerCase());
        expect(['zh-Hant', 'en']).toContain(r.locale);
        expect(r.status).toBe('pending');
      }
    });

    it('limits one address to 10 tries in 10 minutes', async () => {
      const a = new Agent(t.app);
      const csrf = csrfOf((await a.get('/newsletter')).body);
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) codes.push((await a.post('/newsletter', { _csrf: csrf, email: `r${i}@example.com`, locale: 'en' }, {}, '10.8.0.1')).statusCode);
      expect(codes).toEqual([...Array(10).fill(303), 429]);
    });
  });
}
