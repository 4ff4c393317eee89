import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpServer, subjectOf, textOf } from '../test/smtp.js';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, startServer, signIn } from './server.js';

const PHONE = { width: 390, height: 844 };

async function waitForMail(smtp: ReturnType<typeof smtpServer>, to: string, subjectPart: string) {
  for (let i = 0; i < 100; i++) {
    const m = smtp.received.find((r) => r.to.includes(to) && subjectOf(r.raw).includes(subjectPart));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail "${subjectPart}" to ${to}`);
}

describe.skipIf(!hasChromium)('booking a holiday marriage registration in a real browser', () => {
  const smtp = smtpServer();
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    const smtpUrl = await smtp.listen();
    // Tuesday 1 December 2026, 10:00 in Taipei: Saturday 5 December is 3 working days away
    server = await startServer({ clock: clockFrom('2026-12-01T02:00:00Z'), smtpUrl });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp.close();
  });

  /**
   * Each step: axe clean and a phone-width screenshot. Without JavaScript
   * axe cannot run in the page (it is a script); the pages are the same
   * HTML the first run checked.
   */
  async function step(page: Page, name: string, shots: boolean) {
    if (!shots) return;
    await expectNoViolations(page, name);
    await screenshot(page, `booking-${name}`);
  }

  async function bookMarriage(ctx: BrowserContext, who: { a: string; b: string; email: string }, shots: boolean) {
    const page = await ctx.newPage();
    await page.goto(`${server.url}/o/zhubei/booking`);
    await step(page, '1-services', shots);
    await page.click('a >> text=假日結婚登記');
    await step(page, '2-days', shots);
    await page.click('a[href$="/2026-12-05"]');
    await step(page, '3-times', shots);
    await page.check('input[name="starts"][value="09:00"]');
    await page.click('button >> text=繼續');
    await page.waitForURL(/\/details/);
    await step(page, '4-details', shots);
    // first try with a mistake: the page says what is wrong and keeps the rest
    await page.fill('#f-name', '林大同');
    await page.fill('#f-idNumber', who.a.replace(/\d$/, (d) => String((Number(d) + 1) % 10)));
    await page.fill('#f-birthDate', '80/01/02');
    await page.fill('#f-phone', '0912-345-678');
    await page.fill('#f-email', who.email);
    await page.fill('#f-partnerName', '陳美麗');
    await page.fill('#f-partnerIdNumber', who.b);
    await page.click('button >> text=繼續');
    await page.waitForSelector('#f-idNumber-error');
    expect(await page.inputValue('#f-name')).toBe('林大同');
    await step(page, '5-details-error', shots);
    await page.fill('#f-idNumber', who.a);
    await page.click('button >> text=繼續');
    await page.waitForSelector('text=確認您的預約內容');
    await step(page, '6-check', shots);
    await page.click('button >> text=確認並送出預約');
    await page.waitForURL(/\/b\/[\w-]+\?new=1/);
    await step(page, '7-confirmation', shots);
    const code = (await page.locator('.booking-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    return { page, code };
  }

  async function lookUpAndCancel(ctx: BrowserContext, code: string, idNumber: string, shots: boolean) {
    const page = await ctx.newPage();
    await page.goto(`${server.url}/booking/manage`);
    await step(page, '8-manage', shots);
    await page.fill('#f-code', code.toLowerCase());
    await page.fill('#f-idNumber', idNumber);
    await page.click('button >> text=查詢');
    await page.waitForURL(/\/b\/[\w-]+$/);
    await step(page, '9-my-booking', shots);
    await page.click('a >> text=取消預約');
    await step(page, '10-cancel', shots);
    await page.click('button >> text=是，取消預約');
    await page.waitForSelector('text=已取消');
    await step(page, '11-cancelled', shots);
  }

  it('with JavaScript: books for two spouses, e-mails the confirmation, finds it by the second spouse, cancels it', async () => {
    const ctx = await browser.newContext({ viewport: PHONE });
    const who = { a: 'A123456789', b: 'F231104095', email: 'couple1@example.com' };
    const { code } = await bookMarriage(ctx, who, true);
    const mail = await waitForMail(smtp, who.email, `預約確認${code}`);
    expect(textOf(mail.raw)).toContain('結婚雙方都要親自到場');
    expect(textOf(mail.raw)).toContain('BEGIN:VCALENDAR');
    expect(mail.raw).not.toContain(who.a);
    await lookUpAndCancel(ctx, code, who.b, true);
    await waitForMail(smtp, who.email, `預約已取消${code}`);
    await ctx.close();
  });

  it('without JavaScript: the same flow works end to end', { timeout: 120_000 }, async () => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const who = { a: 'H223456788', b: 'F131104093', email: 'couple2@example.com' };
    const { code } = await bookMarriage(ctx, who, false);
    await waitForMail(smtp, who.email, `預約確認${code}`);
    await lookUpAndCancel(ctx, code, who.a, false);
    await waitForMail(smtp, who.email, `預約已取消${code}`);
    await ctx.close();
  });

  it('staff pages and the kiosk check-in pass axe (desktop)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/o/zhubei/kiosk/booking`);
    await step(page, 'kiosk-checkin', true);
    await signIn(page, server.url, 'supervisor.zhubei');
    for (const [path, name] of [
      ['/staff/booking?day=2026-12-05', 'staff-sheet'],
      ['/staff/booking/requests', 'staff-requests'],
      ['/staff/booking/close', 'staff-close'],
      ['/staff/booking/services', 'staff-services'],
      ['/staff/booking/settings', 'staff-settings'],
      ['/staff/booking/suspensions', 'staff-suspensions'],
      ['/staff/booking/figures', 'staff-figures'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await step(page, name, true);
    }
    await page.goto(`${server.url}/staff/booking/services`);
    const svc = await page.locator('a[href^="/staff/booking/services/"]').first().getAttribute('href');
    await page.goto(`${server.url}${svc}`);
    await step(page, 'staff-service-edit', true);
  });
});
