import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { STARTING_VOCABULARY } from '../../db/migrations/0030_search_vocabulary.js';
import { foldVariants, SearchIndex, understand } from '../../platform/search/index.js';
import { CITIZEN_QUERIES, type QueryKind } from './citizen-queries.js';
import { parseThesaurus } from './search.js';

/** The links of the results list, in order, as a reader sees them. */
function resultLinks(html: string): string[] {
  const list = html.slice(html.indexOf('<ol class="results"'), html.indexOf('</ol>', html.indexOf('<ol class="results"')));
  return [...list.matchAll(/<li><a href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
}

describe('understanding a question', () => {
  it('drops the question words and keeps what they ask', () => {
    expect(understand(foldVariants('辦身分證要帶什麼'))).toEqual({ subject: '身分證', intent: 'documents', english: false });
    expect(understand(foldVariants('印鑑證明多少錢'))).toEqual({ subject: '印鑑證明', intent: 'fee', english: false });
    expect(understand(foldVariants('戶政事務所在哪裡')).intent).toBe('where');
    expect(understand(foldVariants('出生登記期限是幾天')).intent).toBe('deadline');
    expect(understand(foldVariants('How much is a transcript?'))).toEqual({ subject: 'transcript', intent: 'fee', english: true });
    // a query that is only a question keeps itself rather than becoming nothing
    expect(understand(foldVariants('多少錢')).subject).toBe('多少錢');
  });

  it('folds typos, variants, widths and spaces inside words', () => {
    expect(foldVariants('戶藉謄本')).toBe('戶籍謄本');
    expect(foldVariants('身份証')).toBe('身分證');
    expect(foldVariants('戶 籍　謄本')).toBe('戶籍謄本');
    expect(foldVariants('ＩＤ card')).toBe('id card');
    expect(foldVariants('Naturalization')).toBe('naturalisation');
  });

  it('maps everyday words one way only, English ones as whole words', () => {
    const t = parseThesaurus(['搬家, 換地址 => 遷入, 住址變更', 'lost => replacement', '身分證, 身份證', 'nonsense', 'a => ']);
    expect(t.groups).toEqual([['身分證', '身份證']]);
    expect(t.oneWay).toEqual([
      { from: ['搬家', '換地址'], to: ['遷入', '住址變更'] },
      { from: ['lost'], to: ['replacement'] },
    ]);
    const doc = (key: string, title: string) => ({ key, kind: 'guide', category: '', locale: 'zh-Hant', title, body: '', url: `/${key}`, date: null });
    const index = new SearchIndex([doc('in', '遷入登記'), doc('home', '搬家公司'), doc('valid', 'valid replacement')], t);
    expect(index.search('搬家').map((h) => h.doc.key)).toContain('in');
    // one way: the official term does not bring the everyday word's pages
    expect(index.search('遷入').map((h) => h.doc.key)).not.toContain('home');
    expect(index.plan('invalid').variants).not.toContain('invreplacement');
  });

  it('never loses a query: whatever is typed keeps a subject, and folding twice changes nothing', () => {
    const t = parseThesaurus([...STARTING_VOCABULARY]);
    const index = new SearchIndex([], t);
    const typed = fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[身分證戶籍謄本要帶什麼多少錢嗎了掉搬家 a-zA-Z?？]{0,30}$/));
    fc.assert(
      fc.property(typed, (q) => {
        const folded = foldVariants(q);
        expect(foldVariants(folded)).toBe(folded);
        const u = understand(folded);
        if (folded.trim()) expect(u.subject.length).toBeGreaterThan(0);
        const plan = index.plan(q);
        if (folded.trim()) expect(plan.variants.length).toBeGreaterThan(0);
        expect(plan.variants.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 400 },
    );
  });

  it('ships a starting vocabulary of at least 150 everyday words, every line readable', () => {
    const t = parseThesaurus([...STARTING_VOCABULARY]);
    expect(t.oneWay).toHaveLength(STARTING_VOCABULARY.length);
    const everyday = new Set(t.oneWay.flatMap((w) => w.from));
    expect(everyday.size).toBeGreaterThanOrEqual(150);
  });
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] search as citizens ask`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
    });
    afterAll(async () => t?.dispose());

    it(`finds the page in the first five for ${CITIZEN_QUERIES.length} citizen-phrased queries (recall@5 ≥ 95 %)`, async () => {
      const a = new Agent(t.app);
      const missed: string[] = [];
      const byKind = new Map<QueryKind, { n: number; found: number }>();
      for (const [k, q, want] of CITIZEN_QUERIES) {
        const r = await a.get(`/search?q=${encodeURIComponent(q)}`);
        expect(r.statusCode).toBe(200);
        const top = resultLinks(r.body).slice(0, 5);
        const ok = top.some((u) => want.includes(u));
        const tally = byKind.get(k) ?? { n: 0, found: 0 };
        byKind.set(k, { n: tally.n + 1, found: tally.found + (ok ? 1 : 0) });
        if (!ok) missed.push(`${q} → ${want.join(' or ')} (got ${top.join(', ') || 'nothing'})`);
      }
      const recall = (CITIZEN_QUERIES.length - missed.length) / CITIZEN_QUERIES.length;
      const kinds = [...byKind].map(([k, v]) => `${k} ${v.found}/${v.n}`).join(', ');
      console.log(`[${kind}] citizen search recall@5 = ${(recall * 100).toFixed(1)}% on ${CITIZEN_QUERIES.length} queries (${kinds})${missed.length ? `; missed: ${missed.join(' | ')}` : ''}`);
      expect(CITIZEN_QUERIES.length).toBeGreaterThanOrEqual(120);
      for (const k of ['question', 'everyday', 'simplified', 'typo', 'english'] as const) expect(byKind.get(k)?.n ?? 0).toBeGreaterThanOrEqual(15);
      expect(recall).toBeGreaterThanOrEqual(0.95);
    });

    it('answers whatever is typed with a page that keeps the query in the box', async () => {
      const a = new Agent(t.app);
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60 }), async (q) => {
          const r = await a.get(`/search?q=${encodeURIComponent(q)}`);
          expect(r.statusCode).toBe(200);
          const typed = q.trim().slice(0, 100);
          const box = /<input id="f-q"[^>]*value="([^"]*)"/.exec(r.body)?.[1] ?? '';
          const unescaped = box.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
          if (q.length <= 100) expect(unescaped).toBe(typed);
        }),
        { numRuns: 60 },
      );
    });

    it('a fee question leads to the fee table and opens the guide’s snippet at its fee', async () => {
      const body = (await new Agent(t.app).get(`/search?q=${encodeURIComponent('印鑑證明多少錢')}`)).body;
      const links = resultLinks(body);
      expect(links[0]).toBe('/guides/seal');
      expect(links.slice(0, 3)).toContain('/fees');
      const first = body.slice(body.indexOf('<ol class="results"')).split('</li>')[0] ?? '';
      expect(first.replace(/<[^>]+>/g, '')).toContain('每份 20 元');
    });

    it('an English query shows the Chinese page with its English title', async () => {
      const body = (await new Agent(t.app).get('/search?q=birth+registration')).body;
      const first = body.slice(body.indexOf('<ol class="results"')).split('</li>')[0] ?? '';
      expect(first).toContain('href="/guides/birth"');
      expect(first).toMatch(/出生登記/);
      // its English version is one click away
      expect(first).toMatch(/<a class="alt-title" href="\/guides\/birth\?lang=en" lang="en" hreflang="en">Birth registration<\/a>/);
    });

    it('offers the nearest words and guides when nothing matches, and help when nothing is near', async () => {
      const near = (await new Agent(t.app).get(`/search?q=${encodeURIComponent('本謄籍戶')}`)).body;
      // no bigram of 本謄籍戶 is on any page; its characters are 戶籍謄本's
      expect(resultLinks(near)).toEqual([]);
      expect(near).toContain('您是不是要找');
      expect(near).toContain(`href="/search?q=${encodeURIComponent('戶籍謄本')}"`);
      expect(near).toContain('href="/guides/transcript"');
      const far = (await new Agent(t.app).get(`/search?q=${encodeURIComponent('量子電腦')}`)).body;
      expect(far).not.toContain('您是不是要找');
      expect(far).toContain('href="/faq"');
    });
  });
}
