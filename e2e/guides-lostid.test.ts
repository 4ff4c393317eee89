import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, signIn, startServer } from './server.js';

/** The guide editor and the phone lost-ID pages at desktop and phone width: axe finds nothing. */
describe.skipIf(!hasChromium)('guide editor and lost ID by phone in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ clock: clockFrom('2026-11-24T02:00:00Z') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of [1280, 390]) {
    it(`guide editor, list and the phone report's three steps at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await signIn(page, server.url, 'director.zhubei');
      await page.goto(`${server.url}/staff/guides`);
      await expectNoViolations(page, 'guide list');
      await screenshot(page, `guides-list-${width}`);
      await page.goto(`${server.url}/staff/guides/new`);
      await page.click('button[type=submit] >> text=建立');
      expect(await page.locator('#f-code-error').textContent()).toBe('此欄必須填寫。');
      await expectNoViolations(page, 'guide editor with errors');
      await screenshot(page, `guides-editor-${width}`);

      await page.goto(`${server.url}/staff/lost-id/phone`);
      await expectNoViolations(page, 'phone lost-ID form');
      await screenshot(page, `lostid-phone-form-${width}`);
      // one card per width: a card already reported is refused
      await page.fill('#f-idNumber', width === 1280 ? 'A123456789' : 'F131104093');
      await page.fill('#f-name', '林小美');
      await page.fill('#f-birthDate', '1990-01-02');
      await page.fill('#f-address', '新竹縣竹北市光明六路 10 號');
      await page.fill('#f-contact', '0912-345-678');
      await page.click('button[type=submit] >> text=下一步：覆誦');
      expect(await page.locator('dd').nth(1).textContent()).toBe(width === 1280 ? 'A12****789' : 'F13****093');
      await page.click('button[type=submit] >> text=登錄掛失');
      expect(await page.locator('#f-readBack-error').textContent()).toBe('請先向來電者覆誦以上內容，確認無誤後再勾選。');
      await expectNoViolations(page, 'phone lost-ID read-back');
      await screenshot(page, `lostid-phone-readback-${width}`);
      await page.check('#f-readBack');
      await page.click('button[type=submit] >> text=登錄掛失');
      expect(await page.locator('strong.secret').textContent()).toHaveLength(10);
      await expectNoViolations(page, 'phone lost-ID done');
      await screenshot(page, `lostid-phone-done-${width}`);
      await page.close();
    });
  }
});
