import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGeography } from '../src/demo/geography.js';
import { expectNoViolations, expectReflow, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, startServer } from './server.js';

const NOW = '2026-11-24T02:00:00Z';

/** A citizen on a phone finds their village's population and what an old house number became. */
describe.skipIf(!hasChromium)('population statistics and house numbers in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let village: { code: string; name: string; people: number; month: string };
  let renumbered: { oldLabel: string; newLabel: string };

  beforeAll(async () => {
    const clock = clockFrom(NOW);
    server = await startServer({ clock });
    await seedGeography(server.database, clock());
    const { db } = server.database;
    const latest = await db.selectFrom('pop_village_month').select((eb) => eb.fn.max('month').as('m')).executeTakeFirstOrThrow();
    const row = await db
      .selectFrom('pop_village_month as p')
      .innerJoin('stat_village as v', 'v.code', 'p.village_code')
      .select(['v.code', 'v.name_zh', 'p.people', 'p.month'])
      .where('p.month', '=', String(latest.m))
      .where('v.town_code', '=', '10004010')
      .orderBy('v.code')
      .executeTakeFirstOrThrow();
    village = { code: row.code, name: row.name_zh, people: row.people, month: row.month };
    // an old number the 2019 整編 retired, and the number that replaced it
    const pair = await db
      .selectFrom('addr_event as e')
      .innerJoin('addr_point as n', 'n.id', 'e.point_id')
      .innerJoin('addr_point as o', 'o.id', 'e.from_point_id')
      .select(['o.label as oldLabel', 'n.label as newLabel'])
      .where('e.kind', '=', 'renumbered')
      .where('o.state', '=', 'retired')
      .where('n.state', '=', 'current')
      .where('o.lane', '=', '')
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    renumbered = pair;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function phone(): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-TW', isMobile: true, hasTouch: true });
    return ctx.newPage();
  }

  it('from the office home page to the village: the people figure is the imported one', async () => {
    const page = await phone();
    await page.goto(`${server.url}/o/zhubei`);
    await page.getByRole('link', { name: /人口.*人/ }).first().click();
    expect((await page.locator('h1').textContent())?.trim()).toBe('竹北市人口統計');
    await expectNoViolations(page, 'town population, 390 px');
    await expectReflow(page, 'town population, 390 px');
    await page.getByRole('link', { name: village.name, exact: true }).first().click();
    expect(await page.locator('h1').textContent()).toContain(village.name);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain(village.people.toLocaleString('en-US'));
    // the age pyramid and the trend are SVG pictures with words beside them
    expect(await page.locator('main svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('main figure figcaption').count()).toBeGreaterThanOrEqual(2);
    await expectNoViolations(page, 'village population, 390 px');
    await expectReflow(page, 'village population, 390 px');
    await screenshot(page, 'population-village-390');
    // the same figures as a download
    const csv = await page.request.get(`${server.url}/population/v/${village.code}.csv?table=summary`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(String(village.people));
    await page.context().close();
  });

  it('an old house number typed loosely finds its new number, and the new one has a map', async () => {
    const page = await phone();
    await page.goto(`${server.url}/o/zhubei/house-numbers`);
    await expectNoViolations(page, 'house-number form, 390 px');
    // how people type it: 台 for 臺 is not needed here, so spaces, an Arabic road numeral and full-width digits
    const typed = `竹北 ${renumbered.oldLabel.replace('六路', '6路 ').replace(/(\d)/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}`;
    await page.getByLabel('請輸入地址').fill(typed);
    await page.getByRole('button', { name: '查詢' }).click();
    await page.waitForLoadState();
    const results = (await page.locator('main').textContent()) ?? '';
    expect(results).toContain('已廢止');
    expect(results).toContain(renumbered.newLabel);
    await expectNoViolations(page, 'house-number results, 390 px');
    await expectReflow(page, 'house-number results, 390 px');
    await page.getByRole('link', { name: renumbered.newLabel }).first().click();
    expect(await page.locator('h1').textContent()).toContain(renumbered.newLabel);
    expect(await page.locator('main svg[role="img"]').count()).toBe(1);
    await expectNoViolations(page, 'house-number point, 390 px');
    await expectReflow(page, 'house-number point, 390 px');
    await screenshot(page, 'house-number-point-390');
    await page.context().close();
  });

  it('the same pages at 1280 px are axe-clean', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-TW' });
    const page = await ctx.newPage();
    for (const path of ['/population', `/population/v/${village.code}`, '/o/jianshi/population', '/house-numbers', '/o/zhubei/house-numbers/renumberings', '/population/api']) {
      await page.goto(`${server.url}${path}`);
      expect(await page.locator('h1').count(), path).toBe(1);
      await expectNoViolations(page, `${path}, 1280 px`);
    }
    await ctx.close();
  });
});
