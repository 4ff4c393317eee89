import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, signIn, startServer } from './server.js';

describe.skipIf(!hasChromium)('staff knowledge: a quiz attempt, the manual and rulings, the newsletter and the link check', () => {
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

  it('a clerk takes the law quiz at desktop and phone width and sees the score; every page is axe-clean', async () => {
    for (const [width, height, suffix, user] of [
      [1280, 900, 'desktop', 'clerk.zhubei'],
      [390, 844, 'phone', 'supervisor.zhubei'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await signIn(page, server.url, user);
      await page.goto(`${server.url}/staff/training`);
      await expectNoViolations(page, `training-${suffix}`);
      await page.locator('form', { hasText: '規費與罰鍰小測驗' }).locator('button').click();
      await page.waitForSelector('text=交卷');
      await expectNoViolations(page, `quiz-attempt-${suffix}`);
      // the first option of every question: some right, some wrong
      for (const group of await page.locator('fieldset').all()) await group.locator('input').first().check();
      await screenshot(page, `knowledge-quiz-attempt-${suffix}`);
      await page.click('button >> text=交卷');
      await page.waitForSelector('#score');
      expect(await page.locator('#score').textContent()).toMatch(/\d+\s*\/\s*5|\d+ 題/);
      await expectNoViolations(page, `quiz-result-${suffix}`);
      await screenshot(page, `knowledge-quiz-result-${suffix}`);
      await page.close();
    }
  });

  it('the manual, the rulings, the link check and the newsletter pages are axe-clean at both widths', async () => {
    for (const [width, height, suffix] of [
      [1280, 900, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${server.url}/newsletter`);
      await expectNoViolations(page, `newsletter-${suffix}`);
      await signIn(page, server.url, 'supervisor.zhubei');
      for (const path of ['/staff/manual', '/staff/manual/rulings', '/staff/manual/changes', '/staff/link-check', '/staff/content/reviews', '/staff/newsletter', '/staff/training/questions', '/staff/training/results']) {
        await page.goto(`${server.url}${path}`);
        expect(page.url()).toContain(path);
        await expectNoViolations(page, `${path}-${suffix}`);
      }
      await page.goto(`${server.url}/staff/manual/search?q=${encodeURIComponent('子女姓氏')}`);
      await screenshot(page, `knowledge-manual-search-${suffix}`);
      await page.close();
    }
  });
});
