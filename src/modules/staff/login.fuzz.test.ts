import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';

describe('public forms under random input', () => {
  let t: Awaited<ReturnType<typeof demoApp>>;
  beforeAll(async () => {
    t = await demoApp('sqlite');
  });
  afterAll(async () => t?.dispose());

  it('sign-in never fails with a 5xx, always explains, never echoes the password', async () => {
    const a = new Agent(t.app);
    const token = csrfOf((await a.get('/staff/login')).body);
    const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constant(''));
    await fc.assert(
      fc.asyncProperty(text, text.filter((p) => p.length >= 4), fc.option(fc.string({ maxLength: 30 })), async (username, password, next) => {
        const res = await a.post('/staff/login', { _csrf: token, username, password, ...(next === null ? {} : { next }) });
        expect([401, 422, 423, 429]).toContain(res.statusCode);
        if (res.statusCode === 429) {
          // the sign-in rate limit (30 a minute per address) answers with its own page
          expect(res.body).toContain('操作太頻繁');
        } else {
          expect(res.body).toContain('class="error-summary"');
          expect(res.body).toContain('class="field-message"');
        }
        // the password box is the one that must come back empty (the username may equal the password and is kept)
        const box = /<input[^>]*name="password"[^>]*>/.exec(res.body)?.[0] ?? '';
        if (res.statusCode !== 429) expect(box).toMatch(/ value( |\/|>)/);
        expect(box).not.toContain(`value="${password}"`);
      }),
      { numRuns: 60 },
    );
  });

  it('search answers every query with a page', async () => {
    const a = new Agent(t.app);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 120 }), async (q) => {
        const res = await a.get(`/search?q=${encodeURIComponent(q)}`);
        expect(res.statusCode).toBe(200);
      }),
      { numRuns: 100 },
    );
  });
});
