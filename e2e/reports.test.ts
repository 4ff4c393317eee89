import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations, expectReflow, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, signIn, startServer } from './server.js';

const shot = (page: Page, name: string) => screenshot(page, `reports-${name}`);

describe.skipIf(!hasChromium)('monthly business report in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ clock: clockFrom('2026-12-03T02:00:00Z') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the county writes the template, the office fills and submits, the county returns it; every page axe-clean and reflowing at 390 px', async () => {
    const county = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(county, server.url, 'county');
    await county.goto(`${server.url}/staff/reports/template`);
    await county.click('button >> text=新增統計數字項目');
    await county.selectOption('#f-figure_0', 'tickets');
    await county.click('button >> text=新增人工填報項目');
    await county.fill('#f-labelEn_1', 'Volunteer visits');
    await county.click('button.button-primary >> text=儲存為新版本');
    expect(await county.locator('#f-labelZh_1-error').count()).toBe(1);
    await expectNoViolations(county, 'template with an error');
    await shot(county, 'template-error');
    await county.fill('#f-labelZh_1', '志工服務人次');
    await county.fill('#f-unit_1', '人次');
    // Enter in a field saves (the form's first button), it does not move a line
    await county.press('#f-unit_1', 'Enter');
    await county.waitForSelector('text=報表格式已儲存為第 1 版');
    await expectNoViolations(county, 'template saved');

    const director = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(director, server.url, 'director.zhubei');
    await director.goto(`${server.url}/staff/reports`);
    expect(director.url()).toContain('/staff/reports/zhubei/2026-11');
    await director.fill('#f-value_m1', 'abc');
    await director.click('button >> text=儲存並送出縣府');
    expect(await director.locator('#f-value_m1-error').count()).toBe(1);
    await expectNoViolations(director, 'report with an error');
    await shot(director, 'report-error');
    await director.fill('#f-value_m1', '12');
    await director.fill('#f-note_tickets', '選舉月');
    await director.click('button >> text=儲存並送出縣府');
    await director.waitForSelector('text=報表已送出縣府');
    await expectNoViolations(director, 'report submitted');

    await county.goto(`${server.url}/staff/reports/county?month=2026-11`);
    await expectNoViolations(county, 'county list');
    await shot(county, 'county');
    await county.click('a >> text=竹北市戶政事務所');
    await county.click('button >> text=退回修正');
    expect(await county.locator('#f-comment-error').count()).toBe(1);
    await expectNoViolations(county, 'return without a comment');
    await county.fill('#f-comment', '請說明志工人次的計算方式');
    await county.click('button >> text=退回修正');
    await county.waitForSelector('text=已退回這份報表');
    await expectNoViolations(county, 'returned, with history');
    await shot(county, 'returned');

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phone, server.url, 'director.zhubei');
    for (const path of ['/staff/reports/zhubei/2026-11', '/staff/reports/zhubei/2026-10']) {
      await phone.goto(`${server.url}${path}`);
      await expectReflow(phone, path);
      await expectNoViolations(phone, `${path} at 390 px`);
    }
    const countyPhone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(countyPhone, server.url, 'county');
    for (const path of ['/staff/reports/county?month=2026-11', '/staff/reports/template']) {
      await countyPhone.goto(`${server.url}${path}`);
      await expectReflow(countyPhone, path);
    }
  }, 180_000);
});
