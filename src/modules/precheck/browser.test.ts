import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations, expectReflow, screenshot } from '../../../e2e/axe.js';
import { clockFrom, hasChromium, launchBrowser, signIn, startServer } from '../../../e2e/server.js';

/**
 * The pre-check in a real browser, as a volunteer's tablet (1024×768) and
 * phone (390 px) use it, ending in a slip: axe finds nothing, nothing
 * scrolls sideways, the checklist is real checkboxes, and the printed slip
 * leaves the site's header and menus out.
 */
describe.skipIf(!hasChromium)('roaming pre-check in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ clock: clockFrom('2026-11-24T02:00:00Z') });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [width, height] of [
    [1024, 768],
    [390, 844],
  ] as const) {
    it(`picks a service, ticks, and prints a slip at ${width}×${height}`, { timeout: 90_000 }, async () => {
      const page = await browser.newPage({ viewport: { width, height } });
      await signIn(page, server.url, 'clerk.zhubei');
      await page.goto(`${server.url}/staff/precheck`);
      await expectNoViolations(page, 'pre-check services');
      await expectReflow(page, 'pre-check services');
      const tile = page.locator('a.precheck-service[href^="/staff/precheck/check/name-change"]');
      const box = await tile.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      await tile.click();
      await expectNoViolations(page, 'pre-check checklist');
      await expectReflow(page, 'pre-check checklist');
      await screenshot(page, `precheck-form-${width}`);
      const labels = await page.locator('fieldset.choices label').allTextContents();
      expect(labels).toHaveLength(5);
      // a label is the checkbox's target too: tapping the words ticks the box
      await page.locator('fieldset.choices label').nth(0).click();
      await page.check('#f-have-2');
      expect(await page.isChecked('#f-have')).toBe(true);
      await page.click('button[type=submit] >> text=完成預檢');
      await page.waitForURL(/\/slip$/);
      await expectNoViolations(page, 'pre-check slip');
      await expectReflow(page, 'pre-check slip');
      await screenshot(page, `precheck-slip-${width}`);
      const missing = await page.locator('ol.precheck-missing > li').evaluateAll((els) => els.map((e) => e.firstChild?.textContent ?? ''));
      expect(missing).toEqual([labels[1], labels[3], labels[4]?.replace(/法源：.*$/, '')]);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.locator('p.no-print').first().isVisible()).toBe(false);
      expect(await page.locator('.precheck-slip').isVisible()).toBe(true);
      await page.close();
    });
  }
});
