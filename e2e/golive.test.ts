import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, startEmptyServer } from './server.js';

const DESK = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const ADMIN = { username: 'root.admin', password: 'first-admin-passw0rd' };


describe.skipIf(!hasChromium)('go-live: from an empty database to a citizen’s ticket and booking', () => {
  let server: Awaited<ReturnType<typeof startEmptyServer>>;
  let browser: Browser;
  beforeAll(async () => {
    // Tuesday 1 December 2026, 10:00 in Taipei: a working day, the new office open
    server = await startEmptyServer(clockFrom('2026-12-01T02:00:00Z'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Every page visited: axe clean (WCAG 2.1 AA) and a full-page screenshot. */
  async function check(page: Page, name: string) {
    await expectNoViolations(page, name);
    await screenshot(page, `golive-${name}`);
  }

  /** A form posted: the flash says it worked, else the page's error summary is the failure message. */
  async function expectFlash(page: Page, text: string) {
    const errors = await page.locator('.error-summary').allTextContents();
    expect(errors, `form refused: ${errors.join(' ')}`).toEqual([]);
    expect(await page.locator('.flash, [role=status]').first().textContent()).toContain(text);
  }

  it('an administrator sets up a new office in the staff area; a citizen takes a ticket and books', { timeout: 180_000 }, async () => {
    const page = await browser.newPage({ viewport: DESK });
    page.setDefaultTimeout(10_000);

    // 1. /setup with the console's token: the first system administrator and the county
    await page.goto(`${server.url}/setup`);
    expect(await page.locator('h1').textContent()).toBe('首次設定');
    await check(page, '01-setup');
    await page.fill('#f-token', server.token);
    await page.fill('#f-countyName', '新竹縣');
    await page.fill('#f-countyCode', 'hsinchu');
    await page.fill('#f-username', ADMIN.username);
    await page.fill('#f-displayName', '系統管理者');
    await page.fill('#f-password', ADMIN.password);
    await page.fill('#f-confirm', ADMIN.password);
    await page.click('button[type=submit] >> text=建立系統管理者');
    await page.waitForURL(`${server.url}/staff/login`);
    await check(page, '02-login');

    // 2. sign in
    await page.fill('#f-username', ADMIN.username);
    await page.fill('#f-password', ADMIN.password);
    await page.click('button[type=submit] >> text=登入');
    await page.waitForURL(`${server.url}/staff`);
    await check(page, '03-staff-home');

    // 3. a new office, then its weekly hours
    await page.goto(`${server.url}/staff/admin/offices`);
    await check(page, '04-offices');
    await page.goto(`${server.url}/staff/admin/offices/new`);
    await check(page, '05-office-new');
    await page.fill('#f-code', 'hukou');
    await page.selectOption('#f-kind', 'township');
    await page.fill('#f-nameZh', '湖口戶政事務所');
    await page.fill('#f-nameEn', 'Hukou Household Registration Office');
    await page.fill('#f-addressZh', '新竹縣湖口鄉中正路一段100號');
    await page.fill('#f-addressEn', 'No. 100, Sec. 1, Zhongzheng Rd., Hukou Township, Hsinchu County');
    await page.fill('#f-phone', '03-5991234');
    await page.click('button[type=submit] >> text=新增');
    await page.waitForURL(`${server.url}/staff/admin/offices/hukou/hours`);
    await check(page, '06-office-hours');
    // a new office starts with Monday–Friday 08:00–17:00 filled in (admin.ts FIRST_WEEK): exactly the hours wanted
    for (const wd of [1, 2, 3, 4, 5]) {
      expect(await page.isChecked(`input[name="open${wd}"][value="1"]`)).toBe(true);
      expect([await page.inputValue(`#f-opens${wd}`), await page.inputValue(`#f-closes${wd}`)]).toEqual(['08:00', '17:00']);
    }
    for (const wd of [6, 0]) expect(await page.isChecked(`input[name="open${wd}"][value="0"]`)).toBe(true);
    // a lunch break on Wednesday, so the save changes something and the hours form is exercised
    await page.check('input[name="lunch3"][value="break"]');
    await page.fill('#f-lunchFrom3', '12:00');
    await page.fill('#f-lunchTo3', '13:00');
    await page.click('form[action$="/hours"] button[type=submit]');
    await page.waitForURL(`${server.url}/staff/admin/offices/hukou/hours`);
    await expectFlash(page, '服務時間已儲存');
    expect(await page.inputValue('#f-lunchFrom3')).toBe('12:00');
    await check(page, '07-office-hours-saved');

    // 4. one queue service: household registration, letter A
    await page.goto(`${server.url}/staff/queue/services?office=hukou`);
    await check(page, '08-queue-services');
    await page.fill('#f-code', 'registration');
    await page.fill('#f-letter', 'A');
    await page.fill('#f-nameZh', '戶籍登記');
    await page.fill('#f-nameEn', 'Household registration');
    await page.fill('#f-avgMinutes', '10');
    await page.fill('#f-sort', '1');
    await page.click('button[type=submit] >> text=新增服務項目');
    await page.waitForURL(`${server.url}/staff/queue/services?office=hukou`);
    await expectFlash(page, '戶籍登記');
    await check(page, '09-queue-service-saved');

    // 5. two counters serving it
    await page.goto(`${server.url}/staff/queue/counters?office=hukou`);
    await check(page, '10-counters');
    for (const n of ['1', '2']) {
      await page.fill('#f-number', n);
      await page.fill('#f-nameZh', `${n}號櫃台`);
      await page.fill('#f-nameEn', `Counter ${n}`);
      await page.getByRole('checkbox', { name: /戶籍登記/ }).check();
      await page.click('button[type=submit] >> text=新增櫃台');
      await page.waitForURL(`${server.url}/staff/queue/counters?office=hukou`);
      await expectFlash(page, n);
    }
    await check(page, '11-counters-saved');

    // 6. one counter booking service with a weekly schedule
    await page.goto(`${server.url}/staff/booking/services/new?office=hukou`);
    await check(page, '12-booking-new');
    await page.selectOption('#f-kind', 'counter');
    await page.fill('#f-code', 'move-in');
    await page.fill('#f-nameZh', '遷入登記');
    await page.fill('#f-nameEn', 'Moving in');
    await page.fill('#f-slotMinutes', '30');
    await page.fill('#f-capacity', '2');
    await page.fill('#f-minDays', '1');
    await page.fill('#f-maxDays', '30');
    for (const d of [1, 2, 3, 4, 5]) await page.fill(`#f-hours${d}`, '08:30-12:00, 13:30-16:30');
    expect(await page.inputValue('#f-queue')).toBe('registration');
    await page.click('button[type=submit] >> text=建立');
    await page.waitForURL(/\/staff\/booking\/services\/\d+$/);
    await expectFlash(page, '遷入登記');
    await check(page, '13-booking-service-saved');

    // 7. a guide for the office: an empty install has no county library and no other office, so nothing to copy: write one
    await page.goto(`${server.url}/staff/guides?office=hukou`);
    await check(page, '14-guides');
    expect(await page.locator('form[action="/staff/guides/copy"]').count()).toBe(0);
    await page.click('a >> text=新增申請須知');
    await page.waitForURL(`${server.url}/staff/guides/new?office=hukou`);
    await check(page, '15-guide-new');
    await page.fill('#f-code', 'move-in');
    await page.selectOption('#f-category', 'registration');
    await page.fill('#f-nameZh', '遷入登記');
    await page.fill('#f-nameEn', 'Moving in');
    await page.fill('#f-whoZh', '遷入者本人或戶長');
    await page.fill('#f-whoEn', 'The person moving in or the head of household');
    await page.fill('#f-documents', '國民身分證\n印章或簽名\n遷入地址之建物所有權狀');
    await page.fill('#f-feeNtd', '0');
    await page.fill('#f-feeZh', '免費');
    await page.fill('#f-feeEn', 'Free');
    await page.fill('#f-deadlineDays', '30');
    await page.fill('#f-deadlineZh', '遷入後30日內');
    await page.fill('#f-deadlineEn', 'Within 30 days of moving in');
    await page.fill('#f-processingDays', '0');
    await page.selectOption('#f-serviceCode', 'registration');
    await page.click('button[type=submit] >> text=建立');
    await page.waitForURL(`${server.url}/staff/guides?office=hukou`);
    await expectFlash(page, '已新增「遷入登記」');
    await check(page, '16-guides-saved');
    await page.close();

    // 8. a citizen, not signed in, on a phone: a ticket at the kiosk
    const ctx = await browser.newContext({ viewport: PHONE });
    const citizen = await ctx.newPage();
    citizen.setDefaultTimeout(10_000);
    await citizen.goto(`${server.url}/o/hukou/kiosk`);
    await check(citizen, '17-kiosk');
    await citizen.click('button.kiosk-button >> text=戶籍登記');
    await citizen.waitForURL(/\/kiosk\/ticket\//);
    expect(await citizen.locator('.slip-number').textContent()).toBe('A001');
    await check(citizen, '18-kiosk-slip');

    // 9. and a booking, through to the confirmation with its reference
    await citizen.goto(`${server.url}/o/hukou/booking`);
    await check(citizen, '19-booking-services');
    await citizen.click('a >> text=遷入登記');
    await check(citizen, '20-booking-days');
    await citizen.click('a[href$="/2026-12-03"]');
    await check(citizen, '21-booking-times');
    await citizen.check('input[name="starts"][value="09:00"]');
    await citizen.click('button >> text=繼續');
    await citizen.waitForURL(/\/details/);
    await check(citizen, '22-booking-details');
    await citizen.fill('#f-name', '林大同');
    await citizen.fill('#f-idNumber', 'A123456789');
    await citizen.fill('#f-birthDate', '80/01/02');
    await citizen.fill('#f-phone', '0912-345-678');
    await citizen.fill('#f-email', 'citizen@example.com');
    await citizen.click('button >> text=繼續');
    await citizen.waitForSelector('text=確認您的預約內容');
    await check(citizen, '23-booking-check');
    await citizen.click('button >> text=確認並送出預約');
    await citizen.waitForURL(/\/b\/[\w-]+\?new=1/);
    await check(citizen, '24-booking-confirmation');
    expect((await citizen.locator('.booking-code').textContent())!.trim()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const confirmation = (await citizen.locator('main').textContent()) ?? '';
    for (const fact of ['遷入登記', '民國115年12月3日（星期四）09:00–09:30', '湖口戶政事務所', '新竹縣湖口鄉中正路一段100號']) expect(confirmation).toContain(fact);
    expect(confirmation).not.toContain('A123456789');
    await ctx.close();
  });
});
