import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tools } from '../../test/tools.js';

const pdftotext = tools.pdftotext();

async function slipWithFonts(systemFonts: boolean) {
  vi.resetModules();
  vi.stubEnv('HZ_NO_SYSTEM_FONTS', systemFonts ? 'false' : 'true');
  vi.stubEnv('CJK_FONT', '');
  const pdf = await import('./pdf.js');
  const writer = pdf.createPdf({ title: '一次告知單' });
  writer.h1('一次告知單');
  writer.p('請補齊：戶口名簿、國民身分證');
  writer.list(['印章', '委託書']);
  return { file: pdf.cjkFontFile(), bytes: await writer.done() };
}

describe('PDFs on a machine with Node and npm alone', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('embed the Noto Sans TC that npm installed when no system CJK font is there', async () => {
    const { file, bytes } = await slipWithFonts(false);
    expect(file).toMatch(/@expo-google-fonts\/noto-sans-tc\/400Regular\/NotoSansTC_400Regular\.ttf$/);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // a subset, not the 7 MB font
    expect(bytes.length).toBeLessThan(200_000);
  });

  it.skipIf(!pdftotext)('keep the text extractable with the npm font', async () => {
    if (!pdftotext) return;
    const { bytes } = await slipWithFonts(false);
    const dir = mkdtempSync(path.join(tmpdir(), 'hz-pdf-'));
    try {
      writeFileSync(path.join(dir, 'slip.pdf'), bytes);
      const text = execFileSync(pdftotext, [path.join(dir, 'slip.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('一次告知單');
      expect(text).toContain('請補齊：戶口名簿、國民身分證');
      expect(text).toContain('委託書');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
