import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpServer, subjectOf, textOf } from '../test/smtp.js';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, startServer, signIn } from './server.js';

async function waitForMail(smtp: ReturnType<typeof smtpServer>, to: string, subjectPart: string) {
  for (let i = 0; i < 100; i++) {
    const m = smtp.received.filter((r) => r.to.includes(to) && subjectOf(r.raw).includes(subjectPart)).at(-1);
    if (m) return textOf(m.raw);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail "${subjectPart}" to ${to}`);
}

describe.skipIf(!hasChromium)("writing to the director's mailbox in a real browser", () => {
  const smtp = smtpServer();
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ clock: clockFrom('2026-11-25T02:00:00Z'), smtpUrl: await smtp.listen() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp.close();
  });

  async function step(page: Page, name: string) {
    await expectNoViolations(page, name);
    await screenshot(page, `petitions-${name}`);
  }

  it('a citizen writes, confirms the e-mail, a clerk replies, the citizen reads the reply and rates it', async () => {
    const citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await citizen.goto(`${server.url}/o/zhubei/mailbox`);
    await step(citizen, '1-form');
    await citizen.click('button >> text=送出');
    await citizen.waitForSelector('.error-summary');
    await step(citizen, '2-form-errors');
    await citizen.fill('#f-subject', '建議增設假日服務');
    await citizen.selectOption('#f-category', 'service');
    await citizen.fill('#f-body', '平日上班無法請假，希望戶政事務所能在週六開放半天辦理一般業務。');
    await citizen.fill('#f-name', '林美玲');
    await citizen.fill('#f-email', 'meiling@example.com');
    await citizen.click('button >> text=送出');
    await citizen.waitForSelector('text=請到電子郵件信箱確認');
    await step(citizen, '3-sent');

    const confirm = await waitForMail(smtp, 'meiling@example.com', '請確認');
    const link = /https?:\/\/[^\s]+\/petitions\/confirm\/[\w-]+/.exec(confirm)?.[0] ?? '';
    await citizen.goto(link);
    await step(citizen, '4-confirm');
    await citizen.click('button >> text=確認送出');
    await citizen.waitForSelector('text=案件已成立');
    await step(citizen, '5-registered');
    const number = (await citizen.locator('.booking-code').textContent())!.trim();
    const password = (await citizen.locator('code.password').textContent())!.trim();
    const received = await waitForMail(smtp, 'meiling@example.com', '陳情案件成立');
    expect(received).toContain(number);

    const clerk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(clerk, server.url, 'clerk.zhubei');
    await clerk.goto(`${server.url}/staff/petitions`);
    await expectNoViolations(clerk, 'staff list');
    await screenshot(clerk, 'petitions-staff-list');
    await clerk.click(`a >> text=${number}`);
    await expectNoViolations(clerk, 'staff detail');
    await clerk.selectOption('#f-template', { index: 0 });
    await clerk.click('button >> text=套用範本');
    await clerk.fill('#f-replyBody', '林小姐您好：本所自 116 年 1 月起，每月第一個週六上午開放辦理戶籍謄本與身分證業務。謝謝您的建議。');
    await clerk.click('button >> text=寄出回覆');
    await clerk.waitForSelector('text=回覆已寄出');
    await screenshot(clerk, 'petitions-staff-detail');

    const reply = await waitForMail(smtp, 'meiling@example.com', '陳情回覆');
    expect(reply).toContain('每月第一個週六');
    await citizen.goto(`${server.url}/petitions/status`);
    await step(citizen, '6-status-lookup');
    await citizen.fill('#f-number', number);
    await citizen.fill('#f-password', password);
    await citizen.click('button >> text=查詢');
    await citizen.waitForSelector('text=本所回覆');
    await step(citizen, '7-reply');
    await citizen.check('input[name="score"][value="5"]');
    await citizen.fill('#f-comment', '回覆很快，謝謝');
    await citizen.click('button >> text=送出 >> nth=0');
    await citizen.waitForSelector('text=謝謝您的回饋');
    await step(citizen, '8-rated');
  });
});
