import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS } from '../../../test/databases.js';
import { SearchIndex, snippet, tokenize } from '../../platform/search/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { isPublished, renderBody } from './model.js';
import { indexFor } from './search.js';

/** Queries people type, and the page that must come back in the first five. */
const CHINESE_SET: [string, string][] = [
  ['謄本', 'guide:transcript'],
  ['戶籍謄本', 'guide:transcript'],
  ['戶口謄本', 'guide:transcript'],
  ['英文謄本', 'guide:english-transcript'],
  ['英文戶籍謄本', 'guide:english-transcript'],
  ['身份證', 'guide:id-card'],
  ['身分證', 'guide:id-card'],
  ['身分證補領', 'guide:id-card'],
  ['身份證遺失', 'faq:5'],
  ['出生', 'guide:birth'],
  ['報戶口', 'guide:birth'],
  ['新生兒', 'guide:birth'],
  ['結婚', 'guide:marriage'],
  ['登記結婚', 'guide:marriage'],
  ['結婚雙方', 'faq:7'],
  ['離婚', 'guide:divorce'],
  ['死亡', 'guide:death'],
  ['遷入', 'guide:move-in'],
  ['遷出國外', 'guide:move-out'],
  ['住址變更', 'guide:address-change'],
  ['改名', 'guide:name-change'],
  ['姓名變更', 'guide:name-change'],
  ['印鑑證明', 'guide:seal'],
  ['門牌', 'guide:house-number-certificate'],
  ['門牌初編', 'guide:house-number-assignment'],
  ['歸化', 'guide:naturalization'],
  ['外配', 'guide:naturalization'],
  ['新住民歸化', 'faq:8'],
  ['夜間服務', 'news:1'],
  ['週三延長', 'news:1'],
  ['傳統名字', 'faq:10'],
  ['網路預約', 'faq:9'],
  ['組織職掌', 'page:12'],
  ['預算', 'opengov:15'],
  ['委託書', 'download:16'],
];

describe('Chinese tokens and safe text', () => {
  it('makes words, bigrams and single characters, folding width and 台/臺', () => {
    const terms = tokenize('臺灣戶籍謄本 ＡＢＣ').map((t) => t.term);
    expect(terms).toContain('謄本');
    expect(terms).toContain('籍謄');
    expect(terms).toContain('abc');
    expect(tokenize('台北').map((t) => t.term)).toContain('臺北');
  });

  it('marks matches in a snippet', () => {
    expect(snippet('請帶國民身分證與印章', ['身分證']).filter((p) => p.mark).map((p) => p.text)).toEqual(['身分證']);
  });

  it('expands a query with a synonym group', () => {
    const idx = new SearchIndex([{ key: 'a', kind: 'guide', category: '', locale: 'zh-Hant', title: '國民身分證', body: '', url: '/a', date: null }], [['身分證', '身份證']]);
    expect(idx.search('身份證').map((h) => h.doc.key)).toEqual(['a']);
  });

  it('renders hostile content harmlessly', () => {
    const html = renderBody('<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> **ok** [gov](https://www.gov.tw)');
    expect(html).not.toMatch(/<(script|img)\b/i);
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<strong>ok</strong>');
    expect(html).toContain('href="https://www.gov.tw"');
  });

  it('publishes only inside the window', () => {
    const item = { status: 'published', publish_from: '2026-12-01T01:00:00.000Z', publish_until: '2026-12-31T16:00:00.000Z' };
    expect(isPublished(item, new Date('2026-12-01T00:59:59Z'))).toBe(false);
    expect(isPublished(item, new Date('2026-12-01T01:00:00Z'))).toBe(true);
    expect(isPublished(item, new Date('2026-12-31T16:00:00Z'))).toBe(false);
    expect(isPublished({ ...item, status: 'draft' }, new Date('2026-12-15T00:00:00Z'))).toBe(false);
  });
});

for (const kind of DATABASE_KINDS) {
  describe(`[${kind}] public information`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let now = new Date('2026-11-25T02:00:00Z');
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    it(`finds the right page in the first five for ${CHINESE_SET.length} Chinese queries (recall@5)`, async () => {
      const index = await indexFor(t.database.db, 'zh-Hant', now);
      const missed: string[] = [];
      for (const [q, want] of CHINESE_SET) {
        const top = index.search(q).slice(0, 5).map((h) => h.doc.key);
        if (!top.includes(want)) missed.push(`${q} → ${want} (got ${top.join(', ')})`);
      }
      const recall = (CHINESE_SET.length - missed.length) / CHINESE_SET.length;
      console.log(`[${kind}] search recall@5 = ${(recall * 100).toFixed(1)}% on ${CHINESE_SET.length} queries${missed.length ? `; missed: ${missed.join(' | ')}` : ''}`);
      expect(recall).toBeGreaterThanOrEqual(0.9);
      // English content answers English queries, typed full-width or not
      const en = await indexFor(t.database.db, 'en', now);
      expect(en.search('ｔｒａｎｓｃｒｉｐｔ').slice(0, 5).map((h) => h.doc.key)).toContain('guide:transcript');
    });

    it('publishes a news item on a schedule, on the marquee, the site, both feeds and the hall board', async () => {
      const s = new Agent(t.app);
      await s.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const form = await s.get('/staff/content/new?kind=news');
      const body = { _csrf: csrfOf(form.body), scope: 'county', category: 'notice', titleZh: '颱風停止上班公告', bodyZh: '明日颱風，**停止上班**。', titleEn: 'Closed for a typhoon', bodyEn: 'Closed tomorrow.', status: 'published', publishFrom: '2026-11-25 12:00', publishUntil: '', marquee: '1' };
      const saved = await s.post('/staff/content?kind=news', body);
      expect(saved.statusCode).toBe(303);
      const a = new Agent(t.app);
      expect((await a.get('/news')).body).not.toContain('颱風停止上班公告'); // not yet: 10:00 Taipei
      now = new Date('2026-11-25T04:00:01Z');
      expect((await a.get('/news')).body).toContain('颱風停止上班公告');
      const board = await a.get('/o/zhubei/board');
      expect(board.body).toContain('颱風停止上班公告');
      const rss = new XMLParser().parse((await a.get('/news.rss')).body) as { rss: { channel: { item: { title: string }[] } } };
      expect(rss.rss.channel.item.map((i) => i.title)).toContain('颱風停止上班公告');
      const atom = new XMLParser().parse((await a.get('/o/zhubei/news.atom')).body) as { feed: { entry: { title: string }[] } };
      expect(atom.feed.entry.map((e) => e.title)).toContain('颱風停止上班公告');
      expect((await a.get('/search?q=颱風')).body.replace(/<[^>]+>/g, '')).toContain('颱風停止上班公告');
      const revisions = await t.database.db.selectFrom('content_revision').selectAll().execute();
      expect(revisions.some((r) => r.title === '颱風停止上班公告')).toBe(true);
    });

    it('shows the ten §7 categories in order, and counts FAQ feedback', async () => {
      const a = new Agent(t.app);
      const page = await a.get('/open-gov');
      const order = [...page.body.matchAll(/id="cat-(\d+)"/g)].map((m) => Number(m[1]));
      expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(page.body).toContain('115 年度預算書');
      const faq = await a.get('/faq/5');
      expect((await a.post('/faq/5/helpful', { _csrf: csrfOf(faq.body), answer: 'no' })).statusCode).toBe(303);
      const row = await t.database.db.selectFrom('content_item').select('helpful_no').where('id', '=', 5).executeTakeFirstOrThrow();
      expect(row.helpful_no).toBe(1);
    });

    it('helps when nothing is found, and counts the query for staff', async () => {
      const a = new Agent(t.app);
      const r = await a.get('/search?q=量子電腦');
      expect(r.body).toContain('找不到與「量子電腦」有關的資料');
      expect(r.body).toContain('href="/faq"');
      const s = new Agent(t.app);
      await s.signIn('supervisor.zhubei', DEMO_PASSWORD);
      expect((await s.get('/staff/content/search')).body).toContain('量子電腦');
    });
  });
}
