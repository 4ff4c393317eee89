import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, startServer, signIn } from './server.js';


const shot = (page: Page, name: string) => screenshot(page, `queue-${name}`);
const noViolations = expectNoViolations;

describe.skipIf(!hasChromium)('queue in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    // a Tuesday at 10:00 in Taipei, whatever the hour CI runs
    server = await startServer({ clock: clockFrom('2026-11-24T02:00:00Z') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('kiosk ticket → phone page → console call: board and phone change within a second', async () => {
    const kiosk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await kiosk.goto(`${server.url}/o/zhubei/kiosk`);
    await noViolations(kiosk, 'kiosk');
    await shot(kiosk, 'kiosk');
    await kiosk.goto(`${server.url}/o/zhubei/kiosk/priority`);
    await noViolations(kiosk, 'kiosk priority');
    await kiosk.goto(`${server.url}/o/zhubei/kiosk`);
    await kiosk.click('button.kiosk-button >> text=戶籍登記');
    await kiosk.waitForURL(/\/kiosk\/ticket\//);
    await expect(kiosk.locator('.slip-number').textContent()).resolves.toBe('A001');
    await noViolations(kiosk, 'kiosk slip');
    await shot(kiosk, 'slip');
    await kiosk.emulateMedia({ media: 'print' });
    await shot(kiosk, 'slip-print');
    const followUrl = await kiosk.locator('.slip-qr').evaluate(() => document.querySelector('[data-back]') && location.href);
    expect(followUrl).toContain('/kiosk/ticket/');
    const code = followUrl!.split('/').pop()!.split('?')[0];

    // a live page is subscribed once its event stream answers (the server sends the state first)
    const subscribed = (page: Page) => page.waitForResponse((r) => r.url().endsWith('/o/zhubei/queue/events'));
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const phoneLive = subscribed(phone);
    await phone.goto(`${server.url}/q/${code}`);
    await expect(phone.locator('.ticket-number').textContent()).resolves.toContain('A001');
    await noViolations(phone, 'phone ticket');
    await shot(phone, 'phone-waiting');

    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const boardLive = subscribed(board);
    await board.goto(`${server.url}/o/zhubei/board`);
    await noViolations(board, 'board');

    const wait = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await wait.goto(`${server.url}/o/zhubei/queue`);
    await noViolations(wait, 'wait page');
    await shot(wait, 'wait-phone');

    const clerk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(clerk, server.url, 'clerk.zhubei');
    await clerk.goto(`${server.url}/staff/queue`);
    await noViolations(clerk, 'counter pick');
    await clerk.click('button.counter-card >> text=綜合櫃台');
    await clerk.waitForURL(/\/staff\/queue\/counters\/\d+$/);
    const counterNumber = (await clerk.locator('h1').textContent())?.match(/(\d+)/)?.[1];
    await noViolations(clerk, 'console');
    await Promise.all([boardLive, phoneLive]);
    const t0 = Date.now();
    await clerk.keyboard.press('n'); // the shortcut presses "call next"
    await board.waitForFunction((label) => document.querySelector('[data-field="latest"]')?.textContent?.includes(label), 'A001', { timeout: 1000 });
    await phone.waitForSelector('.ticket-turn', { timeout: 1000 });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(2000);
    expect(await phone.locator('.ticket-turn').textContent()).toContain(`請到 ${counterNumber} 號櫃台`);
    await shot(phone, 'phone-turn');
    await shot(board, 'board');
    await clerk.waitForURL(/counters/);
    await shot(clerk, 'console');
    await noViolations(phone, 'phone your turn');

    // the board queued the call to be spoken (sound is off until someone clicks, so it waits in the queue)
    const spoken = await board.evaluate(() => (window as unknown as { __boardQueue?: { label: string; counter: number }[] }).__boardQueue ?? null);
    expect(spoken).toEqual([{ label: 'A001', counter: Number(counterNumber) }]);

    const sup = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(sup, server.url, 'supervisor.zhubei');
    for (const path of ['/staff/queue/office', '/staff/queue/stats', '/staff/queue/settings']) {
      await sup.goto(`${server.url}${path}`);
      await noViolations(sup, path);
      await shot(sup, path.replace(/\W+/g, '-'));
    }
  });

  it('works without JavaScript: take a phone ticket and follow it', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/o/jianshi/queue`);
    await page.selectOption('#f-serviceId', { label: '謄本、印鑑、門牌證明' });
    await page.click('button >> text=取號');
    await page.waitForURL(/\/q\//);
    await expect(page.locator('.ticket-number').textContent()).resolves.toContain('C001');
    await shot(page, 'phone-nojs');
    await context.close();
  });
});
