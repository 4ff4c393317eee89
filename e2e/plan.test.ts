import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations, expectReflow, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, signIn, startServer } from './server.js';

const shot = (page: Page, name: string) => screenshot(page, `plan-${name}`);

/** axe-clean at 1280 px, and again at 390 px without sideways scrolling. */
async function checkBothWidths(page: Page, label: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoViolations(page, `${label} at 1280 px`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoViolations(page, `${label} at 390 px`);
  await expectReflow(page, label);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * The demo (clock 2026-12-03, Taipei) has 竹北's 115年 plan from the 湖西
 * template, published, with a year of activity: 15分鐘內受理比率 stays near
 * 80 % against a 90 % target, so the director sees it 落後.
 */
describe.skipIf(!hasChromium)('the service-quality plan in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ clock: clockFrom('2026-12-03T02:00:00Z'), history: true });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the director sees an off-track measure, records a decision in November and closes it in December; the county scores the evaluation', async () => {
    const director = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(director, server.url, 'director.zhubei');
    await director.goto(`${server.url}/staff/plan`);
    await checkBothWidths(director, 'plan list');
    await director.click('a >> text=115年提升服務品質執行計畫');
    const planUrl = director.url().replace(/[?#].*$/, '');
    expect(planUrl).toMatch(/\/staff\/plan\/\d+$/);
    const row = director.locator('tr', { hasText: '15分鐘內受理比率' }).first();
    await expect.poll(() => row.textContent()).toContain('落後');
    await checkBothWidths(director, 'plan page');
    await shot(director, 'plan');

    // November's 所務會議: the pack counts statuses in words, and a decision is recorded
    await director.goto(`${planUrl}/review/2026-11`);
    expect(await director.textContent('main')).toMatch(/共 \d+ 項指標：達成 \d+ 項、注意 \d+ 項、落後 [1-9]\d* 項/);
    await director.fill('#f-text', '尖峰時段加開支援櫃台，並於每日 10 時檢視等候人數');
    await director.fill('#f-owner', '戶籍課');
    await director.fill('#f-due_on', '115/12/31');
    await director.click('button >> text=新增管考事項');
    await director.waitForSelector('text=管考事項已新增');
    await checkBothWidths(director, 'November review');
    await shot(director, 'review-november');

    // December: the decision is carried over, still open; closed this month
    await director.goto(`${planUrl}/review/2026-12`);
    const close = director.locator('form.action-form', { hasText: '尖峰時段加開支援櫃台' });
    await close.locator('select').selectOption('done');
    await close.locator('textarea').fill('12 月起每日 10 時依等候人數加開 1 至 2 個櫃台');
    await close.locator('button').click();
    await director.waitForSelector('text=管考事項已結案');
    await director.goto(`${planUrl}/actions?filter=closed`);
    expect(await director.textContent('main')).toContain('尖峰時段加開支援櫃台');
    await checkBothWidths(director, 'actions');

    // year end: the director scores every item (0: the demo adds a 0-point item from an adopted proposal) and submits; the figures freeze
    await director.goto(`${planUrl}/evaluation`);
    const selfScores = director.locator('input[name^="self."]');
    for (let i = 0; i < (await selfScores.count()); i += 1) await selfScores.nth(i).fill('0');
    await director.click('button >> text=儲存並送出縣府');
    await director.waitForSelector('text=自評已送出縣府，數據已凍結。');
    await checkBothWidths(director, 'evaluation submitted');
    await shot(director, 'evaluation');

    // the county reviewer scores each item and completes the review
    const county = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(county, server.url, 'county');
    await county.goto(`${planUrl}/evaluation`);
    const countyScores = county.locator('input[name^="county."]');
    expect(await countyScores.count()).toBeGreaterThan(10);
    for (let i = 0; i < (await countyScores.count()); i += 1) await countyScores.nth(i).fill('0');
    await county.click('button >> text=完成評核');
    await county.waitForSelector('text=已完成評核。');
    await checkBothWidths(county, 'county review');
    await county.goto(`${server.url}/staff/plan/county?year=2026`);
    expect(await county.textContent('main')).toContain('竹北');
    await checkBothWidths(county, 'county table');
    await shot(county, 'county');

    // the public progress page: the published plan, no login
    const citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await citizen.goto(`${server.url}/o/zhubei/plan`);
    expect(await citizen.textContent('main')).toContain('15分鐘內受理比率');
    await checkBothWidths(citizen, 'public plan');
    await shot(citizen, 'public');
  }, 300_000);
});
