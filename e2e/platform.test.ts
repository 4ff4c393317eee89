import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, describeViolations, pageOverflow } from './axe.js';
import { hasChromium, launchBrowser, startServer, signIn } from './server.js';

const SHOTS = process.env.SCREENSHOT_DIR;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe.skipIf(!hasChromium)('platform in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the county and office home pages in zh-Hant with the ROC date and switches to English', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hant-TW');
    await expect(page.locator('h1').textContent()).resolves.toContain('新竹縣');
    await page.click('text=新竹縣竹北市戶政事務所');
    await expect(page.locator('h1').textContent()).resolves.toBe('新竹縣竹北市戶政事務所');
    expect(await page.locator('.footer-meta').textContent()).toMatch(/民國\d{3}年\d{1,2}月\d{1,2}日/);
    for (const key of ['U', 'C', 'Z']) expect(await page.locator(`a[accesskey="${key}"]`).count()).toBe(1);
    expect(await page.locator('input[accesskey="S"]').count()).toBe(1);
    await page.click('text=English');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Zhubei City Household Registration Office');
    await page.close();
  });

  it('signs a clerk in and out', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'clerk.zhubei');
    await page.waitForURL(`${server.url}/staff`);
    expect(await page.locator('h1').textContent()).toBe('員工專區');
    await page.click('text=登出');
    await page.waitForURL(/\/staff\/login/);
    await page.close();
  });

  it('puts focus on the error summary when sign-in fails', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/staff/login`);
    await page.click('button[type=submit] >> text=登入');
    await page.waitForSelector('.error-summary');
    const focused = await page.evaluate(() => document.activeElement?.className);
    expect(focused).toContain('error-summary');
    await page.close();
  });

  const AXE_PAGES = ['/', '/o/zhubei', '/o/jianshi', '/sitemap', '/staff/login', '/privacy', '/open-data', '/o/zhubei/mailbox', '/search?q=謄本', '/no-such-page'];
  for (const vp of VIEWPORTS) {
    it(`has no axe-core WCAG 2.1 AA violations at ${vp.name} width`, async () => {
      const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
      const page = await context.newPage();
      const failures: string[] = [];
      for (const path of AXE_PAGES) {
        await page.goto(`${server.url}${path}`);
        const violations = await axe(page);
        if (violations.length > 0) failures.push(`${path}\n${describeViolations(violations)}`);
        const over = await pageOverflow(page);
        if (over > 0) failures.push(`${path}: ${over} px wider than the viewport`);
        if (SHOTS) {
          const name = path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
          await page.screenshot({ path: `${SHOTS}/${vp.name}-${name}.png`, fullPage: true });
        }
      }
      await context.close();
      expect(failures.join('\n\n')).toBe('');
    });
  }

  // every staff area's main page, as the system admin sees it: axe-clean, and at phone width never wider than the screen
  const STAFF_PAGES = [
    '/staff',
    '/staff/users',
    '/staff/audit',
    '/staff/calendar?year=2026',
    '/staff/account',
    '/staff/queue/office?office=zhubei',
    '/staff/queue/stats?office=zhubei',
    '/staff/queue/settings?office=zhubei',
    '/staff/booking?office=zhubei',
    '/staff/booking/figures?office=zhubei',
    '/staff/cases?office=zhubei',
    '/staff/petitions',
    '/staff/petitions/figures?office=zhubei',
    '/staff/surveys',
    '/staff/content',
    '/staff/content?kind=opengov',
    '/staff/admin/offices',
  ];
  for (const vp of VIEWPORTS) {
    it(`has no axe-core violations on the staff pages at ${vp.name} width, and they reflow`, { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
      const page = await context.newPage();
      await signIn(page, server.url, 'admin');
      await page.waitForURL(`${server.url}/staff`);
      const failures: string[] = [];
      for (const path of STAFF_PAGES) {
        await page.goto(`${server.url}${path}`);
        const violations = await axe(page);
        if (violations.length > 0) failures.push(`${path}\n${describeViolations(violations)}`);
        const over = await pageOverflow(page);
        if (over > 0) failures.push(`${path}: ${over} px wider than the viewport`);
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/staff-${vp.name}-${path.replace(/[^a-z0-9]+/gi, '_')}.png`, fullPage: true });
      }
      await context.close();
      expect(failures.join('\n\n')).toBe('');
    });
  }
});
