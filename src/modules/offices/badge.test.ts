import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { writeSetting } from '../../platform/settings.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { BADGE_KEY, badgeScope } from './badge.js';

/**
 * The footer's 無障礙網站標章 slot: the demo seeds one for 竹北 and none for
 * 尖石 or the county site; staff set, replace and remove it; a value that
 * no longer parses shows nothing rather than a broken image.
 */

// the smallest PNG there is (1×1): file-type knows it by its signature
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const footerOf = (html: string) => html.slice(html.indexOf('<footer'), html.indexOf('</footer>'));
const badgeOf = (html: string) => /<p class="footer-badge"><a href="([^"]+)"><img src="([^"]+)" alt="([^"]+)"( lang="[^"]+")? width="88" height="31"\/><\/a><\/p>/.exec(footerOf(html));

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the accessibility badge in the footer`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let director: Agent;
    let county: Agent;
    const visitor = () => new Agent(t.app);
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
      director = new Agent(t.app);
      await director.signIn('director.zhubei', DEMO_PASSWORD);
      county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    it('shows the demo badge for 竹北 only, with its alt text in each language', async () => {
      const zh = badgeOf((await visitor().get('/o/zhubei')).body);
      expect(zh?.slice(1, 4)).toEqual(['https://accessibility.moda.gov.tw/', '/static/img/a11y-badge-demo.svg', '通過AA檢測等級無障礙網頁檢測（示範用，非正式標章）']);
      expect(badgeOf((await visitor().get('/o/zhubei?lang=en')).body)?.[3]).toContain('level AA');
      for (const page of ['/o/jianshi', '/', '/o/zhubei/mailbox?lang=en']) {
        const html = (await visitor().get(page)).body;
        expect(footerOf(html).includes('footer-badge'), page).toBe(page.startsWith('/o/zhubei'));
      }
      // staff pages have no public footer grid, so no badge either
      expect((await director.get('/staff')).body).not.toContain('footer-badge');
    });

    it('lets the director upload a badge, refuses a bad address or a file that is no image, and removes it', async () => {
      const form = '/staff/admin/offices/zhubei/badge';
      const csrf = csrfOf((await director.get(form)).body);
      const fields = { _csrf: csrf, href: 'https://accessibility.moda.gov.tw/Applications/Detail?category=20260001', altZh: '通過AA檢測等級無障礙網頁檢測', altEn: '' };
      const png = { field: 'image', name: 'aa.png', bytes: PNG, type: 'image/png' };

      const badHref = await director.postMultipart(form, { ...fields, href: 'http://example.com/' }, png);
      expect(badHref.statusCode).toBe(422);
      expect(badHref.body).toContain('請輸入以 https:// 開頭的完整網址。');
      const notImage = await director.postMultipart(form, fields, { field: 'image', name: 'aa.png', bytes: Buffer.from('not a picture'), type: 'image/png' });
      expect(notImage.statusCode).toBe(422);
      expect(notImage.body).toContain('請上傳 PNG、GIF、JPEG 或 WebP 圖片。');
      // neither touched what the footer shows
      expect(badgeOf((await visitor().get('/o/zhubei')).body)?.[2]).toBe('/static/img/a11y-badge-demo.svg');

      const saved = await director.postMultipart(form, fields, png);
      expect(saved.statusCode).toBe(303);
      const shown = badgeOf((await visitor().get('/o/zhubei')).body);
      expect(shown?.slice(1, 4)).toEqual([fields.href.replace(/&/g, '&amp;'), `data:image/png;base64,${PNG.toString('base64')}`, fields.altZh]);
      // no English text given: the English page shows the Chinese one and says so
      expect(badgeOf((await visitor().get('/o/zhubei?lang=en')).body)?.[4]).toBe(' lang="zh-Hant-TW"');

      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'detail']).where('action', 'like', 'offices.badge.%').execute();
      expect(audit.map((a) => a.action)).toEqual(['offices.badge.save']);
      expect(audit[0]?.detail).not.toContain(PNG.toString('base64'));

      const removed = await director.post(`${form}/remove`, { _csrf: csrf });
      expect(removed.statusCode).toBe(303);
      expect(footerOf((await visitor().get('/o/zhubei')).body)).not.toContain('footer-badge');
      // with no image left, saving without a file asks for one
      const noImage = await director.post(form, fields);
      expect(noImage.statusCode).toBe(422);
      expect(noImage.body).toContain('請選擇標章圖片。');
    });

    it("keeps a director to their own office, and gives the county site its own badge", async () => {
      expect((await director.get('/staff/admin/offices/jianshi/badge')).statusCode).toBe(403);
      expect((await director.get('/staff/admin/county/badge')).statusCode).toBe(403);
      const form = '/staff/admin/county/badge';
      const csrf = csrfOf((await county.get(form)).body);
      const res = await county.postMultipart(form, { _csrf: csrf, href: 'https://accessibility.moda.gov.tw/', altZh: '通過A檢測等級無障礙網頁檢測', altEn: 'Passed the level A check' }, { field: 'image', name: 'a.png', bytes: PNG, type: 'image/png' });
      expect(res.statusCode).toBe(303);
      expect(badgeOf((await visitor().get('/')).body)?.[3]).toBe('通過A檢測等級無障礙網頁檢測');
      expect(badgeOf((await visitor().get('/?lang=en')).body)?.[3]).toBe('Passed the level A check');
      expect(footerOf((await visitor().get('/o/jianshi')).body)).not.toContain('footer-badge');
    });

    it('shows nothing for a stored value that no longer parses', async () => {
      const jianshi = await t.database.db.selectFrom('office').select('id').where('code', '=', 'jianshi').executeTakeFirstOrThrow();
      // an image from elsewhere would break the CSP and is refused like any other bad value
      await writeSetting(t.database.db, badgeScope(jianshi.id), BADGE_KEY, { image: 'https://evil.example/x.png', href: 'https://a.example/', altZh: '標章' }, null);
      expect(footerOf((await visitor().get('/o/jianshi')).body)).not.toContain('footer-badge');
      await t.database.db.updateTable('setting').set({ value: '{not json' }).where('scope', '=', badgeScope(jianshi.id)).where('key', '=', BADGE_KEY).execute();
      const res = await visitor().get('/o/jianshi');
      expect(res.statusCode).toBe(200);
      expect(footerOf(res.body)).not.toContain('footer-badge');
    });
  });
}
