import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { SearchIndex, snippet, tokenize } from '../../platform/search/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import { isPublished, isSafeHref, renderBody } from './model.js';
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

  // what a hostile (or careless) editor can type as a link target; markdown-it decodes entities before we see the href
  const HOSTILE: string[] = [
    '//evil.example',
    '/\\evil.example',
    '/%5Cevil.example',
    '/%2F/evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript&#58;alert(1)',
    '&#x2F;&#x2F;evil.example',
    '&#47;&#92;evil.example',
    'data:text/html;base64,PHNjcmlwdD4=',
    'DATA:text/html,x',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'Https:evil.example',
    'file:///etc/passwd',
    'evil.example/page',
    '#top',
  ];
  it.each(HOSTILE)('renders [x](%s) as text, not a link', (href) => {
    const html = renderBody(`[x](${href})`, '（外部網站）');
    expect(html).not.toContain('<a ');
    expect(html.startsWith('<p>[x](')).toBe(true);
  });
  it('keeps http(s), mailto, tel and site links, and marks the ones that leave the site', () => {
    const zh = '（外部網站）';
    expect(renderBody('[ok](HTTP://ok.example)', zh)).toBe('<p><a href="HTTP://ok.example" rel="noopener noreferrer external" class="external">ok<span class="visually-hidden">（外部網站）</span></a></p>\n');
    expect(renderBody('[內政部](https://www.moi.gov.tw/)', zh)).toBe('<p><a href="https://www.moi.gov.tw/" rel="noopener noreferrer external" class="external">內政部<span class="visually-hidden">（外部網站）</span></a></p>\n');
    expect(renderBody('[預約](/booking)', zh)).toBe('<p><a href="/booking">預約</a></p>\n');
    expect(renderBody('[信](mailto:hz@example.gov.tw)', zh)).toBe('<p><a href="mailto:hz@example.gov.tw">信</a></p>\n');
    expect(renderBody('[電話](tel:+886-3-551-1234)', zh)).toBe('<p><a href="tel:+886-3-551-1234">電話</a></p>\n');
    // feeds: no label to read out, the rel and class stay
    expect(renderBody('[x](https://a.example)')).toBe('<p><a href="https://a.example" rel="noopener noreferrer external" class="external">x</a></p>\n');
    expect(renderBody('[r][1]\n\n[1]: //evil.example', zh)).toBe('<p>[r][1]</p>\n<p>[1]: //evil.example</p>\n');
    expect([' /\t/evil', '/news/1', 'tel:110'].map(isSafeHref)).toEqual([false, true, true]);
  });
  it('publishes only inside the window', () => {
    const item = { status: 'published', publish_from: '2026-12-01T01:00:00.000Z', publish_until: '2026-12-31T16:00:00.000Z' };
    expect(isPublished(item, new Date('2026-12-01T00:59:59Z'))).toBe(false);
    expect(isPublished(item, new Date('2026-12-01T01:00:00Z'))).toBe(true);
    expect(isPublished(item, new Date('2026-12-31T16:00:00Z'))).toBe(false);
    expect(isPublished({ ...item, status: 'draft' }, new Date('2026-12-15T00:00:00Z'))).toBe(false);
  });
});

/**
 * The demo is seeded with the test's clock; the search and content tests
 * run from late November 2026 and again a year later, so nothing in them
 * leans on a date the seed happens to share with today. Footer dates
 * below are the Taipei dates of these instants, counted by hand.
 */
const STARTS = [
  { start: '2026-11-25T02:00:00Z', office: '民國115年11月25日', news: '民國115年12月3日', faq5: '民國115年10月16日' },
  { start: '2027-11-25T02:00:00Z', office: '民國116年11月25日', news: '民國116年12月3日', faq5: '民國116年10月16日' },
];
const footerDate = (html: string) => /最後更新日期：([^<]*)</.exec(html)?.[1] ?? null;
const tagsOf = (html: string) => [...html.matchAll(/<a class="tag" href="\/search\?q=[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]);

for (const kind of DATABASE_KINDS) for (const when of STARTS) {
  describeOn(kind)(`[${kind}] public information from ${when.start}`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const start = new Date(when.start);
    const today = taipeiToday(start);
    let now = start;
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
      console.log(`[${kind} ${when.start}] search recall@5 = ${(recall * 100).toFixed(1)}% on ${CHINESE_SET.length} queries${missed.length ? `; missed: ${missed.join(' | ')}` : ''}`);
      // decision 0006 promises 100 % on this set: every miss is listed above and fails the test
      expect(missed).toEqual([]);
      // English content answers English queries, typed full-width or not
      const en = await indexFor(t.database.db, 'en', now);
      expect(en.search('ｔｒａｎｓｃｒｉｐｔ').slice(0, 5).map((h) => h.doc.key)).toContain('guide:transcript');
    });

    it('publishes a news item on a schedule, on the marquee, the site, both feeds and the hall board', async () => {
      const s = new Agent(t.app);
      await s.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const form = await s.get('/staff/content/new?kind=news');
      const body = { _csrf: csrfOf(form.body), scope: 'county', category: 'notice', titleZh: '颱風停止上班公告', bodyZh: '明日颱風，**停止上班**。', titleEn: 'Closed for a typhoon', bodyEn: 'Closed tomorrow.', status: 'published', publishFrom: `${today} 12:00`, publishUntil: '', marquee: '1' };
      const saved = await s.post('/staff/content?kind=news', body);
      expect(saved.statusCode).toBe(303);
      const a = new Agent(t.app);
      expect((await a.get('/news')).body).not.toContain('颱風停止上班公告'); // not yet: 10:00 Taipei
      now = new Date(start.getTime() + 2 * 3600_000 + 1000); // 12:00:01 Taipei
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
      // and the day's answers, for the plan's figure of a period
      const today = taipeiToday(now);
      const day = await t.database.db.selectFrom('content_feedback').select(['day', 'yes', 'no']).where('item_id', '=', 5).where('day', '=', today).execute();
      expect(day).toEqual([{ day: today, yes: 0, no: 1 }]);
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

    it('never stores an ID number, phone number or e-mail address someone searched for', async () => {
      now = new Date(start.getTime() + 3 * 3600_000);
      const a = new Agent(t.app);
      const typed = ['A123456789', '身分證 ａ１２３４５６７８９ 補發', 'f 131 104 093', '0912-345-678', '（０３）５５５－１２３４', '+886 912 345 678', '聯絡 someone@example.com', 'someone＠example.com.tw'];
      for (const q of typed) expect((await a.get(`/search?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
      const rows = await t.database.db.selectFrom('search_log').select('query').where('at', '=', now.toISOString()).orderBy('id').execute();
      expect(rows.map((r) => r.query)).toEqual(['〔身分證號〕', '身分證 〔身分證號〕 補發', '〔身分證號〕', '〔電話〕', '〔電話〕', '〔電話〕', '聯絡 〔電子郵件〕', '〔電子郵件〕']);
      // and nothing of them anywhere in the table, whatever the row
      const all = (await t.database.db.selectFrom('search_log').select('query').execute()).map((r) => r.query.normalize('NFKC')).join('\n');
      for (const secret of ['123456789', '131', '345', '5551234', '555-1234', 'someone', 'example.com']) expect(all).not.toContain(secret);
    });

    it('lists only the site\'s own vocabulary under "others often search for"', async () => {
      now = new Date(start.getTime() + 4 * 3600_000);
      const a = new Agent(t.app);
      // strangers' terms that find something, asked more often than anything else
      for (let i = 0; i < 6; i++) await a.get(`/search?q=${encodeURIComponent('謄本代辦 加LINE賺錢')}`);
      for (let i = 0; i < 6; i++) await a.get(`/search?q=${encodeURIComponent('A223456789 謄本')}`);
      // a guide's name and a synonym term
      for (let i = 0; i < 3; i++) await a.get(`/search?q=${encodeURIComponent('門牌初編')}`);
      for (let i = 0; i < 2; i++) await a.get(`/search?q=${encodeURIComponent('戶口謄本')}`);
      const page = (await a.get(`/search?q=${encodeURIComponent('量子電腦')}`)).body;
      // only what was searched and is the site's vocabulary; near words are the separate 「您是不是要找」 line (none here)
      expect(tagsOf(page)).toEqual(['門牌初編', '戶口謄本']);
      // a row written before queries were masked on the way in
      await t.database.db.insertInto('search_log').values({ query: '補領 B123456789', locale: 'zh-Hant', results: 1, at: now.toISOString() }).execute();
      // editors still see every query (masked) with its count
      const s = new Agent(t.app);
      await s.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const staff = (await s.get('/staff/content/search')).body;
      expect(staff).toContain('謄本代辦 加LINE賺錢');
      expect(staff).toContain('〔身分證號〕 謄本');
      expect(staff).not.toContain('A223456789');
      expect(staff).toContain('補領 〔身分證號〕');
      expect(staff).not.toContain('B123456789');
    });

    it('dates the footer by what the page shows: the news list by its latest item, an FAQ by its answer, the office home by the office record', async () => {
      const s = new Agent(t.app);
      await s.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const form = await s.get('/staff/content/new?kind=news');
      const publishFrom = `${addDays(today, 8)} 09:00`;
      const saved = await s.post('/staff/content?kind=news', { _csrf: csrfOf(form.body), scope: 'county', category: 'notice', titleZh: '年終盤點暫停服務', bodyZh: '盤點當日暫停服務。', status: 'published', publishFrom, publishUntil: '' });
      expect(saved.statusCode).toBe(303);
      now = new Date(new Date(`${addDays(today, 8)}T10:00:00+08:00`).getTime());
      const a = new Agent(t.app);
      const officeNews = (await a.get('/o/zhubei/news')).body;
      expect(officeNews).toContain('年終盤點暫停服務');
      expect(footerDate(officeNews)).toBe(when.news);
      expect(footerDate((await a.get('/news')).body)).toBe(when.news);
      expect(footerDate((await a.get('/faq/5')).body)).toBe(when.faq5);
      expect(footerDate((await a.get('/o/zhubei')).body)).toBe(when.office);
    });
  });
}
