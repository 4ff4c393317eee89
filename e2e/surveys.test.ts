import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, startServer, signIn } from './server.js';
import { tools } from '../test/tools.js';

const SOFFICE = tools.soffice();
const PDFTOTEXT = tools.pdftotext();
const PDFTOPPM = tools.pdftoppm();

describe.skipIf(!hasChromium)('satisfaction survey on the counter tablet and in the report', () => {
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

  async function answer(page: Page, comment: string) {
    await page.check('input[name="courtesy"][value="2"]');
    await page.check('input[name="speed"][value="4"]');
    await page.check('input[name="clarity"][value="5"]');
    await page.check('input[name="wait"][value="1"]');
    await page.check('input[name="heard"][value="1"]');
    await page.fill('#f-other', comment);
    await page.check('input[name="gender"][value="female"]');
    await page.click('button >> text=送出問卷');
    await page.waitForSelector('text=謝謝您填寫問卷');
  }

  it('a respondent answers on the tablet at phone and desktop width; the director sees it in the report', async () => {
    const sup = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(sup, server.url, 'supervisor.zhubei');
    await sup.goto(`${server.url}/staff/surveys`);
    await expectNoViolations(sup, 'survey list');
    await screenshot(sup, 'surveys-staff-list');
    const kiosk = (await sup.locator('a >> text=在平板上開啟').first().getAttribute('href'))!;

    for (const [width, height, name] of [
      [390, 844, 'phone'],
      [1280, 900, 'desktop'],
    ] as const) {
      const tablet = await browser.newPage({ viewport: { width, height } });
      await tablet.goto(`${server.url}${kiosk}`);
      await expectNoViolations(tablet, `kiosk ${name}`);
      await screenshot(tablet, `surveys-kiosk-${name}`);
      await tablet.click('button >> text=送出問卷');
      await tablet.waitForSelector('.error-summary');
      await expectNoViolations(tablet, `kiosk errors ${name}`);
      await answer(tablet, `櫃台平板測試意見 ${name}`);
      await expectNoViolations(tablet, `thanks ${name}`);
      await screenshot(tablet, `surveys-thanks-${name}`);
      await tablet.close();
    }

    const web = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await web.goto(`${server.url}/o/zhubei/survey`);
    await expectNoViolations(web, 'web survey');
    await screenshot(web, 'surveys-web-phone');

    const director = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(director, server.url, 'director.zhubei');
    await director.goto(`${server.url}/staff/surveys`);
    await director.click('main a >> text=報表 >> nth=0');
    await director.waitForSelector('text=各題結果');
    expect(await director.content()).toContain('櫃台平板測試意見 desktop');
    await expectNoViolations(director, 'report');
    await screenshot(director, 'surveys-report');
    await director.click('a >> text=性別統計（季報）');
    await expectNoViolations(director, 'gender');
    await screenshot(director, 'surveys-gender');

    // the quarterly table as the county receives it: ODS opened by LibreOffice, and the PDF
    const ods = await director.evaluate(async (href) => Array.from(new Uint8Array(await (await fetch(href)).arrayBuffer())), (await director.locator('a >> text=ODS').getAttribute('href'))!);
    const dir = process.env.SCREENSHOT_DIR ?? mkdtempSync(path.join(tmpdir(), 'hz-ods-'));
    writeFileSync(path.join(dir, 'surveys-gender.ods'), Buffer.from(ods));
    if (SOFFICE) {
      execFileSync(SOFFICE, ['--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'surveys-gender.ods')], { timeout: 120_000 });
      expect(existsSync(path.join(dir, 'surveys-gender.pdf'))).toBe(true);
      if (PDFTOPPM) execFileSync(PDFTOPPM, ['-png', '-r', '70', '-f', '1', '-l', '2', path.join(dir, 'surveys-gender.pdf'), path.join(dir, 'surveys-gender-ods')]);
    }
    const pdf = await director.evaluate(async (href) => Array.from(new Uint8Array(await (await fetch(href)).arrayBuffer())), (await director.locator('a >> text=PDF').getAttribute('href'))!);
    writeFileSync(path.join(dir, 'surveys-gender-report.pdf'), Buffer.from(pdf));
    if (PDFTOTEXT) {
      const text = execFileSync(PDFTOTEXT, [path.join(dir, 'surveys-gender-report.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('性別統計');
      if (process.env.SCREENSHOT_DIR && PDFTOPPM) execFileSync(PDFTOPPM, ['-png', '-r', '70', '-f', '1', '-l', '1', path.join(dir, 'surveys-gender-report.pdf'), path.join(dir, 'surveys-gender-pdf')]);
    }
  }, 180_000);
});
