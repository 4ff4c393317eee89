import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, describeViolations } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, startEmptyServer, startServer } from './server.js';

const SHOTS = process.env.SCREENSHOT_DIR;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;


describe.skipIf(!hasChromium)('first start and the demo clock in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('/setup is accessible at both widths and creates the first administrator', async () => {
    const server = await startEmptyServer();
    try {
      for (const vp of VIEWPORTS) {
        const page = await browser.newPage({ viewport: { width: vp.width, height: vp.height } });
        await page.goto(`${server.url}/setup`);
        expect(await page.locator('h1').textContent()).toBe('首次設定');
        const violations = await axe(page);
        expect(violations, describeViolations(violations)).toEqual([]);
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/setup-${vp.name}.png`, fullPage: true });
        await page.close();
      }
      const page = await browser.newPage();
      await page.goto(`${server.url}/setup`);
      await page.fill('#f-token', 'not-the-token');
      await page.fill('#f-countyName', '新竹縣');
      await page.fill('#f-countyCode', 'hsinchu');
      await page.fill('#f-username', 'root.admin');
      await page.fill('#f-displayName', '系統管理者');
      await page.fill('#f-password', 'first-admin-passw0rd');
      await page.fill('#f-confirm', 'first-admin-passw0rd');
      await page.click('button[type=submit] >> text=建立系統管理者');
      expect(await page.locator('.error-summary').textContent()).toContain('設定碼不正確');
      const violations = await axe(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/setup-wrong-token.png`, fullPage: true });
      await page.fill('#f-token', server.token);
      await page.fill('#f-password', 'first-admin-passw0rd');
      await page.fill('#f-confirm', 'first-admin-passw0rd');
      await page.click('button[type=submit] >> text=建立系統管理者');
      await page.waitForURL(`${server.url}/staff/login`);
      await page.fill('#f-username', 'root.admin');
      await page.fill('#f-password', 'first-admin-passw0rd');
      await page.click('button[type=submit] >> text=登入');
      await page.waitForURL(`${server.url}/staff`);
      await page.close();
    } finally {
      await server.close();
    }
  });

  it('the closed kiosk at 21:46 says until when, and the demo button opens it for this browser', async () => {
    // Tuesday 2 June 2026, 21:46 Taipei
    const server = await startServer({ clock: clockFrom('2026-06-02T13:46:00Z') });
    try {
      for (const vp of VIEWPORTS) {
        const page = await browser.newPage({ viewport: { width: vp.width, height: vp.height } });
        await page.goto(`${server.url}/o/zhubei/kiosk`);
        expect(await page.locator('.queue-clock').textContent()).toContain('下次開始取號：民國115年6月3日（星期三）08:00');
        const violations = await axe(page);
        expect(violations, describeViolations(violations)).toEqual([]);
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/kiosk-closed-${vp.name}.png`, fullPage: true });
        await page.click('text=以上班日上午10:00試用');
        await page.waitForURL(`${server.url}/o/zhubei/kiosk`);
        expect(await page.locator('.queue-clock').textContent()).toContain('民國115年6月3日 10:');
        const after = await axe(page);
        expect(after, describeViolations(after)).toEqual([]);
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/kiosk-demo-morning-${vp.name}.png`, fullPage: true });
        await page.goto(`${server.url}/o/zhubei/queue`);
        const wait = await axe(page);
        expect(wait, describeViolations(wait)).toEqual([]);
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/queue-demo-morning-${vp.name}.png`, fullPage: true });
        await page.close();
      }
    } finally {
      await server.close();
    }
  });
});
