import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools } from '../test/tools.js';
import { expectNoViolations, expectReflow, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, signIn, startServer } from './server.js';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe.skipIf(!hasChromium)('county figures in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    // Thursday 3 December 2026 in Taipei: November is the last whole month; the demo's fourteen months of history are rolled up
    server = await startServer({ clock: clockFrom('2026-12-03T02:00:00Z'), history: true });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function check(page: Page, name: string) {
    await expectNoViolations(page, name);
    await expectReflow(page, name);
    await screenshot(page, `figures-${name}`);
  }

  for (const vp of VIEWPORTS) {
    it(`a county officer opens the dashboard, drills into 尖石 and downloads the ODS (${vp.name})`, { timeout: 180_000 }, async () => {
      const page = await browser.newPage({ viewport: { width: vp.width, height: vp.height }, acceptDownloads: true });
      page.setDefaultTimeout(20_000);
      await signIn(page, server.url, 'county');
      await page.waitForURL(`${server.url}/staff`);
      await page.goto(`${server.url}/staff/figures/county`);
      expect(await page.locator('h1').textContent()).toContain('民國115年11月');
      // both offices side by side, each with a tally (the demo history has tickets every working day)
      const headline = page.locator('table').first();
      expect(await headline.textContent()).toContain('竹北市戶政事務所');
      expect(await headline.textContent()).toContain('尖石鄉戶政事務所');
      await check(page, `${vp.name}-county`);

      // a quarter, a league table pinned at the top by the median wait
      await page.goto(`${server.url}/staff/figures/county?period=2026-Q3&sort=waitP50`);
      expect(await page.locator('h1').textContent()).toContain('民國115年第3季');
      await check(page, `${vp.name}-county-q3`);
      // every chart image the page shows loads (SVG rendered on the server)
      const broken = await page.evaluate(() => Array.from(document.images).filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
      expect(broken).toEqual([]);

      // drill down to 尖石's own page
      await page.goto(`${server.url}/staff/figures/county`);
      await page.locator('a', { hasText: '尖石鄉戶政事務所' }).first().click();
      await page.waitForURL(/\/staff\/figures\/office\?office=jianshi/);
      expect(await page.locator('h1').textContent()).toContain('尖石鄉戶政事務所');
      await check(page, `${vp.name}-jianshi`);

      // the whole dashboard as a spreadsheet: LibreOffice opens it and reads both offices' rows
      await page.goto(`${server.url}/staff/figures/county`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href*="county.ods"]').first().click()]);
      const dir = mkdtempSync(path.join(tmpdir(), 'hz-figures-'));
      try {
        const file = path.join(dir, 'county.ods');
        await download.saveAs(file);
        expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
        const soffice = tools.soffice();
        if (soffice) {
          execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, file], { timeout: 120_000 });
          const csv = readFileSync(path.join(dir, 'county.csv'), 'utf8');
          expect(csv).toContain('竹北市戶政事務所');
          expect(csv).toContain('尖石鄉戶政事務所');
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      await page.close();
    });
  }
});
