import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../src/modules/forms/test-samples.js';
import { tools } from '../test/tools.js';
import { expectNoViolations, screenshot } from './axe.js';
import { clockFrom, hasChromium, launchBrowser, startServer } from './server.js';

const PDFTOTEXT = tools.pdftotext();

/** Types a sample into the form as a person would: text boxes filled, radios and check boxes ticked, selects chosen. */
async function fill(page: Page, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    if (!value) continue;
    const field = page.locator(`[name="${name}"]`).first();
    const tag = await field.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
    if (tag === 'INPUT:radio' || tag === 'INPUT:checkbox') await page.check(`[name="${name}"][value="${value}"]`);
    else if (tag.startsWith('SELECT')) await field.selectOption(value);
    else await field.fill(value);
  }
}

describe.skipIf(!hasChromium)('a citizen fills in an application form and prints it', () => {
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

  it('fills the transcript form at desktop and phone width and gets the PDF with what was typed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hz-forms-'));
    for (const [width, height, suffix] of [
      [1280, 900, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${server.url}/guides/transcript`);
      await page.click('a >> text=線上填寫申請書');
      await page.waitForURL(/\/forms\/transcript$/);
      await expectNoViolations(page, `forms-transcript-${suffix}`);
      await fill(page, SAMPLES.transcript ?? {});
      await screenshot(page, `forms-transcript-${suffix}`);
      // the print button's own POST, caught on its way back: the browser's PDF viewer would otherwise swallow it
      let pdf: Buffer | null = null;
      let type = '';
      await page.route('**/forms/transcript', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const response = await route.fetch();
        type = response.headers()['content-type'] ?? '';
        pdf = await response.body();
        await route.fulfill({ response, body: pdf });
      });
      await page.click('button[name="action"][value="print"]');
      await expect.poll(() => pdf !== null, { timeout: 15_000 }).toBe(true);
      expect(type).toBe('application/pdf');
      const file = path.join(dir, `transcript-${suffix}.pdf`);
      writeFileSync(file, pdf ?? Buffer.alloc(0));
      if (PDFTOTEXT) {
        const text = execFileSync(PDFTOTEXT, [file, '-'], { encoding: 'utf8' });
        expect(text).toContain('戶籍謄本申請書');
        expect(text).toContain('王小明');
        expect(text).toContain('辦理貸款');
      }
      await page.close();
    }
  });
});
