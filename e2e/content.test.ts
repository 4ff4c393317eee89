import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, startServer, signIn } from './server.js';

describe.skipIf(!hasChromium)('news on the marquee, the site, the feed and the board; search', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ clock: clockFrom('2026-11-25T02:00:00Z') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function check(page: Page, path: string, name: string) {
    await page.goto(`${server.url}${path}`);
    await expectNoViolations(page, name);
    await screenshot(page, `content-${name}`);
  }

  it('an editor publishes a news item for the marquee; citizens see it everywhere and can find it', async () => {
    const editor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(editor, server.url, 'supervisor.zhubei');
    await editor.goto(`${server.url}/staff/content/new?kind=news`);
    await editor.selectOption('#f-scope', 'county');
    await editor.fill('#f-titleZh', '戶政事務所年終大掃除暫停服務半日');
    await editor.fill('#f-bodyZh', '12 月 30 日下午暫停受理，**請提早辦理**。\n\n- 上午照常服務\n- 急件請來電');
    await editor.selectOption('#f-status', 'published');
    await editor.check('input[name="marquee"]');
    await editor.click('button >> text=預覽');
    await editor.waitForSelector('.preview strong');
    await expectNoViolations(editor, 'editor preview');
    await screenshot(editor, 'content-editor-preview');
    await editor.click('button >> text=儲存');
    await editor.waitForSelector('text=已儲存');

    for (const [width, height, suffix] of [
      [1280, 900, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await check(page, '/', `home-${suffix}`);
      await check(page, '/news', `news-${suffix}`);
      expect(await page.content()).toContain('戶政事務所年終大掃除暫停服務半日');
      await check(page, '/faq', `faq-${suffix}`);
      await check(page, '/open-gov', `open-gov-${suffix}`);
      await check(page, `/search?q=${encodeURIComponent('大掃除')}`, `search-${suffix}`);
      expect(await page.locator('ol.results mark').first().textContent()).toBe('大掃除');
      await check(page, `/search?q=${encodeURIComponent('量子電腦')}`, `no-results-${suffix}`);
      // how citizens ask: an English query shows the Chinese page with its English title; a near miss offers the site's words
      await check(page, '/search?q=birth+registration', `search-english-${suffix}`);
      expect(await page.locator('ol.results a.alt-title').first().textContent()).toBe('Birth registration');
      await check(page, `/search?q=${encodeURIComponent('本謄籍戶')}`, `did-you-mean-${suffix}`);
      await check(page, `/search?q=${encodeURIComponent('印鑑證明多少錢')}`, `search-fee-${suffix}`);
      await page.close();
    }
    const feed = await (await fetch(`${server.url}/news.rss`)).text();
    expect(feed).toContain('戶政事務所年終大掃除暫停服務半日');
    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(`${server.url}/o/zhubei/board`);
    expect(await board.locator('.board-marquee').textContent()).toContain('年終大掃除');
    await screenshot(board, 'content-board-marquee');
  });
});
