import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../src/modules/notify/body.js';
import { tools } from '../test/tools.js';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, signIn, startServer } from './server.js';

const PDFTOTEXT = tools.pdftotext();
const SECRET = 'e2e-webhook-secret-of-thirty-two-chars';
const AGENCIES = [
  { code: 'e2e-land', name: '新竹縣竹北地政事務所（測試）', sector: 'land', fields: ['name', 'event_date', 'id_number', 'address'] },
  { code: 'e2e-water', name: '台灣自來水公司第三區管理處（測試）', sector: 'water', fields: ['name', 'event_date', 'address'] },
  { code: 'e2e-tax', name: '新竹縣政府稅務局（測試）', sector: 'tax', fields: ['name', 'event_date', 'id_number', 'address'] },
];

/** A PDF's text, through poppler's pdftotext (CI installs it; outside CI the check is skipped with the tool). */
function pdfText(bytes: Buffer, name: string): string | null {
  if (!PDFTOTEXT) return null;
  const file = `/tmp/hz-e2e-${name}-${process.pid}.pdf`;
  writeFileSync(file, bytes);
  try {
    return execFileSync(PDFTOTEXT, [file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(file, { force: true });
  }
}

describe.skipIf(!hasChromium)('cross-agency notices in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let receiver: Server;
  const received: { agency: string; notice: number; signed: boolean; fields: Record<string, string> }[] = [];

  beforeAll(async () => {
    // the three agencies' systems: one receiver that checks each body's signature and answers 200
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const signed = verifyWebhook(SECRET, req.headers['x-huzheng-signature'] as string | undefined, body, Math.floor(Date.now() / 1000), 10 ** 9);
        const json = JSON.parse(body) as { notice: number; fields: Record<string, string> };
        received.push({ agency: req.url ?? '', notice: json.notice, signed, fields: json.fields });
        res.writeHead(signed ? 200 : 401, { 'content-type': 'application/json' }).end('{"received":true}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    server = await startServer({ clock: clockFrom('2026-11-24T02:00:00Z'), worker: true });
    const { db } = server.database;
    const county = await db.selectFrom('county').select('id').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    for (const a of AGENCIES) {
      await db
        .insertInto('notify_recipient')
        .values({
          county_id: county.id,
          code: a.code,
          name: a.name,
          name_en: a.code,
          sector: a.sector,
          channel: 'webhook',
          email: null,
          webhook_url: `http://127.0.0.1:${port}/${a.code}`,
          secret_enc: server.vault.encrypt(SECRET),
          events: JSON.stringify(['move']),
          fields: JSON.stringify(a.fields),
          ack_days: 3,
          contact_name: '測試窗口',
          contact_phone: '03-5551234',
          contact_email: null,
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((r) => receiver?.close(r));
  });

  async function moveTo(page: Page, state: string) {
    await page.selectOption('#f-to', { label: state });
    await page.click('button >> text=變更');
  }

  it('a clerk closes a move case, records consent for three agencies, prints the slip and sees each notice delivered', async () => {
    const clerk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(clerk, server.url, 'clerk.zhubei');
    await clerk.goto(`${server.url}/staff/cases/new`);
    await clerk.selectOption('#f-guide', 'move-in');
    await clerk.fill('#f-name', '林美玲');
    await clerk.fill('#f-idNumber', 'A123456789');
    await clerk.fill('#f-birthDate', '70/03/15');
    await clerk.click('button >> text=收件');
    await clerk.waitForURL(/\/staff\/cases\/\d+$/);
    const caseUrl = clerk.url();
    for (const state of ['審核中', '已核准']) {
      await moveTo(clerk, state);
      await clerk.waitForURL(caseUrl);
    }
    await expect(clerk.locator('a >> text=跨機關通報與後續服務').count()).resolves.toBe(1);
    // closing a case of a life event takes the clerk straight to the consent form
    await moveTo(clerk, '已結案');
    await clerk.waitForURL(/\/staff\/notify\/cases\/\d+$/);
    await expectNoViolations(clerk, 'consent form');
    await screenshot(clerk, 'notify-consent-form');

    // nothing ticked but no read-back: the form says why, beside the box, and keeps the choice
    for (const a of AGENCIES) await clerk.check(`label:has-text("${a.name}")`);
    await clerk.fill('#f-address', '新竹縣竹北市光明六路10號');
    await clerk.check('input[name="channel"][value="print"]');
    await clerk.click('button >> text=記錄民眾的選擇');
    await clerk.waitForSelector('.error-summary');
    for (const a of AGENCIES) await expect(clerk.isChecked(`label:has-text("${a.name}")`)).resolves.toBe(true);
    await clerk.check('#f-readBack');
    await clerk.click('button >> text=記錄民眾的選擇');
    await clerk.waitForSelector('a >> text=通報同意書（PDF，請民眾簽名）');
    await expectNoViolations(clerk, 'consent status');

    // the consent slip to sign: each agency with what it receives
    const slipHref = (await clerk.locator('a >> text=通報同意書（PDF，請民眾簽名）').getAttribute('href'))!;
    const slip = await clerk.request.get(`${server.url}${slipHref}`);
    expect(slip.headers()['content-type']).toContain('application/pdf');
    const slipText = pdfText(Buffer.from(await slip.body()), 'consent');
    if (slipText !== null) {
      for (const a of AGENCIES) expect(slipText.replace(/\s+/g, '')).toContain(a.name.replace(/\s+/g, ''));
      expect(slipText).toContain('跨機關通報同意書');
    }

    // the worker delivers; the page shows each agency acknowledged
    for (let i = 0; i < 60; i++) {
      await clerk.reload();
      if ((await clerk.locator('text=已確認收到').count()) >= 3) break;
      await clerk.waitForTimeout(500);
    }
    await expect(clerk.locator('td >> text=已確認收到').count()).resolves.toBe(3);
    await screenshot(clerk, 'notify-consent-status');
    expect(received.map((r) => r.agency).sort()).toEqual(AGENCIES.map((a) => `/${a.code}`).sort());
    expect(received.every((r) => r.signed)).toBe(true);
    // the water company takes no ID number, so it never got one
    const water = received.find((r) => r.agency === '/e2e-water')!;
    expect(Object.keys(water.fields).sort()).toEqual(['address', 'event_date', 'name']);
    expect(received.find((r) => r.agency === '/e2e-land')!.fields.id_number).toBe('A123456789');

    // the same page at a phone's width
    await clerk.setViewportSize({ width: 390, height: 844 });
    await clerk.reload();
    expect(await clerk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoViolations(clerk, 'consent status, phone');
    await screenshot(clerk, 'notify-consent-status-phone');

    // the citizen's follow-up list: a page without signing in, and its PDF
    const listHref = (await clerk.locator('a >> text=後續應辦事項一覽表').first().getAttribute('href'))!;
    expect(listHref).toMatch(/^\/f\/[\w-]+$/);
    for (const width of [1280, 390]) {
      const citizen = await browser.newPage({ viewport: { width, height: 900 } });
      await citizen.goto(`${server.url}${listHref}`);
      await expect(citizen.locator('h1').count()).resolves.toBe(1);
      expect(await citizen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await expectNoViolations(citizen, `follow-up list ${width}`);
      await screenshot(citizen, `notify-followup-${width}`);
      await citizen.close();
    }
    const listPdf = await fetch(`${server.url}${listHref}.pdf`);
    expect(listPdf.headers.get('content-type')).toContain('application/pdf');
    const listText = pdfText(Buffer.from(await listPdf.arrayBuffer()), 'followup');
    if (listText !== null) expect(listText.length).toBeGreaterThan(100);
  });
});
