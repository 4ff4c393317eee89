import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toCsv, toOds } from './index.js';
import { tools } from '../../../test/tools.js';

describe('CSV', () => {
  it('writes BOM, CRLF, quotes and defuses formulas', () => {
    const csv = toCsv(['服務', '數量'], [['戶籍登記, 遷入', 3], ['=HYPERLINK("x")', -1], [null, 0], ['說 "你好"\n', 2]]);
    expect(csv.startsWith('\uFEFF服務,數量\r\n')).toBe(true);
    expect(csv).toContain('"戶籍登記, 遷入",3');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",-1`);
    expect(csv).toContain(',0\r\n');
    expect(csv).toContain('"說 ""你好""\n",2');
  });
});

describe('ODS', () => {
  const bytes = toOds([{ name: '各服務 [今日]', headers: ['服務', '取號數'], rows: [['戶籍登記 <A&B>', 12], ['謄本', 3.5], [null, null]] }], { title: '叫號統計' });

  it('puts an uncompressed mimetype entry first', () => {
    const view = Buffer.from(bytes);
    expect(view.readUInt32LE(0)).toBe(0x04034b50);
    expect(view.readUInt16LE(8)).toBe(0); // stored
    const nameLen = view.readUInt16LE(26);
    expect(view.subarray(30, 30 + nameLen).toString()).toBe('mimetype');
    expect(strFromU8(unzipSync(bytes).mimetype!)).toBe('application/vnd.oasis.opendocument.spreadsheet');
  });

  it('holds the values, escaped, with numbers as floats', () => {
    const files = unzipSync(bytes);
    const content = strFromU8(files['content.xml']!);
    expect(content).toContain('戶籍登記 &lt;A&amp;B&gt;');
    expect(content).toContain('office:value-type="float" office:value="12"');
    expect(content).toContain('table:name="各服務  今日 "');
    expect(Object.keys(files)).toEqual(['mimetype', 'META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml']);
  });

  const soffice = tools.soffice();
  it.skipIf(!soffice)('opens in LibreOffice', () => {
    if (!soffice) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'hz-ods-'));
    writeFileSync(path.join(dir, 'stats.ods'), bytes);
    execFileSync(soffice, ['--headless', '--convert-to', 'csv', '--outdir', dir, path.join(dir, 'stats.ods')], { timeout: 60_000 });
    expect(readFileSync(path.join(dir, 'stats.csv'), 'utf8')).toContain('12');
  });
});

describe('ODS bytes', () => {
  it('are the same for the same sheets at the same instant, whenever they are written', async () => {
    const at = new Date('2026-11-25T02:00:00Z');
    const sheet = [{ name: 'a', headers: ['x'], rows: [[1]] }];
    const first = toOds(sheet, { now: at });
    // the zip's own timestamps have a 2-second grain: cross one
    await new Promise((r) => setTimeout(r, 2100));
    expect(Buffer.from(toOds(sheet, { now: at })).equals(Buffer.from(first))).toBe(true);
  });
});
