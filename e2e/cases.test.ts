import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, startServer, signIn } from './server.js';
import { tools } from '../test/tools.js';

const PDFTOTEXT = tools.pdftotext();
const PDFTOPPM = tools.pdftoppm();

const shot = (page: Page, name: string) => screenshot(page, `cases-${name}`);
const clean = expectNoViolations;

const SHOTS = process.env.SCREENSHOT_DIR;

describe.skipIf(!hasChromium)('cases, notice slip and look-up in a real browser', () => {
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

  it('a clerk opens a case and issues a notice slip; the citizen looks it up and sees "waiting for documents"', async () => {
    const clerk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(clerk, server.url, 'clerk.zhubei');
    await clerk.goto(`${server.url}/staff/cases/new`);
    await clean(clerk, 'new case');
    await clerk.selectOption('#f-guide', 'house-number-assignment');
    await clerk.fill('#f-name', '陳大文');
    await clerk.fill('#f-idNumber', 'A123456789');
    await clerk.fill('#f-birthDate', '69/05/06');
    await clerk.click('button >> text=收件');
    await clerk.waitForURL(/\/staff\/cases\/\d+$/);
    // the citizen looks a case up by its public reference, never the office's running number
    const number = (await clerk.locator('.case-reference').textContent())!.trim();
    await clean(clerk, 'case detail');
    await clerk.check('input[name="missing"][value="1"]');
    await clerk.check('input[name="missing"][value="2"]');
    await clerk.fill('#f-slipNote', '請另附一樓入口照片');
    await clerk.click('button >> text=開立');
    await clerk.waitForURL(/\/n\//);
    await clean(clerk, 'slip page');
    await shot(clerk, 'slip-page');
    const slipUrl = clerk.url();
    const pdf = await (await fetch(`${slipUrl}.pdf`)).arrayBuffer();
    if (PDFTOTEXT) {
      writeFileSync('/tmp/hz-e2e-slip.pdf', Buffer.from(pdf));
      const text = execFileSync(PDFTOTEXT, ['/tmp/hz-e2e-slip.pdf', '-'], { encoding: 'utf8' });
      rmSync('/tmp/hz-e2e-slip.pdf', { force: true });
      expect(text).toContain('請另附一樓入口照片');
      expect(text).toContain('建物位置圖及出入口示意圖');
    }
    if (SHOTS && PDFTOPPM) {
      writeFileSync(`${SHOTS}/cases-slip.pdf`, Buffer.from(pdf));
      execFileSync(PDFTOPPM, ['-png', '-r', '80', '-f', '1', '-l', '1', `${SHOTS}/cases-slip.pdf`, `${SHOTS}/cases-slip-pdf`]);
    }

    const citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await citizen.goto(`${server.url}/cases/lookup`);
    await clean(citizen, 'lookup');
    await citizen.fill('#f-number', number);
    await citizen.fill('#f-birthDate', '1980-05-06');
    await citizen.click('button >> text=查詢');
    await expect(citizen.locator('.case-status').textContent()).resolves.toBe('待補正文件');
    await clean(citizen, 'lookup result');
    await shot(citizen, 'lookup-phone');
    await citizen.goto(`${server.url}/cases/lookup`);
    await citizen.fill('#f-number', number);
    await citizen.fill('#f-idNumber', 'F131104093');
    await citizen.click('button >> text=查詢');
    await citizen.waitForSelector('.error-summary');
    expect(await citizen.evaluate(() => document.activeElement?.className)).toContain('error-summary');
  });

  it('public guide, fee, lost-ID pages pass axe at phone width', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    for (const p of ['/guides', '/guides/birth', '/fees', '/lost-id', '/lost-id/status', '/lost-id/revoke']) {
      await page.goto(`${server.url}${p}`);
      await clean(page, p);
      await shot(page, p.replace(/\W+/g, '-'));
    }
    // report a loss end to end, without JavaScript
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const nojs = await ctx.newPage();
    await nojs.goto(`${server.url}/lost-id`);
    await nojs.selectOption('#f-office', 'zhubei');
    await nojs.fill('#f-idNumber', 'F131104093');
    await nojs.fill('#f-name', '林小美');
    await nojs.fill('#f-birthDate', '79/01/02');
    await nojs.fill('#f-address', '新竹縣竹北市光明六路 10 號');
    await nojs.fill('#f-contact', '0912-345-678');
    await nojs.fill('#f-password', 'my-secret');
    await nojs.fill('#f-passwordConfirm', 'my-secret');
    await nojs.click('button >> text=確認掛失');
    await expect(nojs.locator('h1').textContent()).resolves.toBe('已完成掛失');
    await shot(nojs, 'lost-id-done');
    await ctx.close();
  });
});
