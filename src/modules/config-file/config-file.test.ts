import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type HuzhengApp } from '../../app.js';
import { toOds } from '../../platform/export/index.js';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { ODS_MIME } from '../../platform/export/index.js';
import { throwawayConfig } from '../../../test/config.js';
import { DATABASE_KINDS, describeOn, freshDatabase } from '../../../test/databases.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { configFileCli } from './cli.js';
import { parseContent, readOds } from './ods-read.js';
import { columnsOf, exportConfig, importConfig, SHEETS } from './service.js';

const OFFICE_FAX = 8; // 傳真, the 9th column of the offices sheet
const NOW = new Date('2026-11-24T02:00:00.000Z'); // a Tuesday, 10:00 in Taipei
const clock = () => NOW;

/**
 * The text of a page's <main>, whitespace folded, without what is not
 * configuration: the news blocks (content module) and the coming days off
 * (the government calendar, imported with `calendar import`).
 */
function mainText(html: string): string {
  const m = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html);
  return (m?.[1] ?? '')
    .replace(/<section[^>]*class="home-block"[\s\S]*?<\/section>/g, '')
    .replace(/<h3>近期停止服務日<\/h3>\s*<ul[^>]*>[\s\S]*?<\/ul>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The file as sheets of text, so a test can plant changes and write it again. */
function editable(bytes: Uint8Array) {
  return readOds(bytes).map((s) => ({ name: s.name, headers: s.rows[0] ?? [], rows: s.rows.slice(1).map((r) => [...r]) }));
}
function write(sheets: ReturnType<typeof editable>): Uint8Array {
  return toOds(sheets.map((s) => ({ name: s.name, headers: s.headers, rows: s.rows.map((r) => r.map((c) => (c === '' ? null : c))) })));
}
function sheet(sheets: ReturnType<typeof editable>, name: string) {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  const col = (header: string) => s.headers.indexOf(header);
  return { s, col };
}

describe('ods reader', () => {
  it('expands repeated rows and columns, keeps spaces, reads numbers by their value', () => {
    const xml = `<office:document-content><office:body><office:spreadsheet><table:table table:name="表"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b</text:p><text:p>c &amp; d</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="1.5"><text:p>1.50</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16380"/></table:table-row><table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
    expect(parseContent(xml)).toEqual([{ name: '表', rows: [['a   b\nc & d', '1.5', '1.5'], ['x'], ['x']] }]);
  });

  it('reads back what the project writer wrote', () => {
    const bytes = toOds([{ name: 'S', headers: ['甲', '乙'], rows: [[1, 'two  spaces'], [null, '<x>']] }]);
    expect(readOds(bytes)).toEqual([{ name: 'S', rows: [['甲', '乙'], ['1', 'two  spaces'], ['', '<x>']] }]);
  });
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] configuration file`, () => {
    let demo: Awaited<ReturnType<typeof demoApp>>;
    let fresh: Awaited<ReturnType<typeof freshDatabase>>;
    let empty: HuzhengApp;
    let file: Uint8Array;
    beforeAll(async () => {
      demo = await demoApp(kind, { clock });
      fresh = await freshDatabase(kind);
      // the county record comes from the set-up wizard, not from the file
      const county = await demo.database.db.selectFrom('county').selectAll().executeTakeFirstOrThrow();
      const { id: _id, ...rest } = county;
      await fresh.db.insertInto('county').values(rest).execute();
      empty = await buildApp({ config: throwawayConfig(), database: fresh, logger: false, clock });
      await empty.app.ready();
      file = await exportConfig(demo.database.db, null, NOW);
    }, 60_000);
    afterAll(async () => {
      await empty?.app.close();
      await fresh?.dispose();
      await demo?.dispose();
    });

    it('exports a sheet per kind with the modules’ zh-Hant headers', () => {
      const sheets = readOds(file);
      expect(sheets.map((s) => s.name)).toEqual(['戶政事務所', '服務時間', '叫號服務', '櫃台', '申請須知', '預約服務']);
      for (const k of SHEETS) expect(sheets.find((s) => s.name === k.name)?.rows[0]).toEqual(columnsOf(k).map((c) => c.header));
    });

    it('a dry run lists new / changed / unchanged rows and writes nothing', async () => {
      const sheets = editable(file);
      const offices = sheet(sheets, '戶政事務所');
      const zhubei = offices.s.rows.findIndex((r) => r[offices.col('代碼')] === 'zhubei');
      offices.s.rows[zhubei]![offices.col('電話')] = '03-5550000';
      const queue = sheet(sheets, '叫號服務');
      const newRow = [...queue.s.rows[0]!];
      newRow[queue.col('服務代碼')] = 'new-thing';
      newRow[queue.col('號碼字母')] = 'Z';
      queue.s.rows.push(newRow);
      const total = sheets.reduce((n, s) => n + s.rows.length, 0);
      const before = await exportConfig(demo.database.db, null, NOW);
      const r = await importConfig(demo.database, write(sheets), { actor: null, countyId: null, now: NOW, dryRun: true });
      expect(r.problems).toEqual([]);
      expect(r.applied).toBe(false);
      expect(r.counts).toEqual({ new: 1, changed: 1, unchanged: total - 2 });
      expect(r.changes.filter((c) => c.status !== 'unchanged')).toEqual([
        { sheet: '戶政事務所', row: zhubei + 2, office: 'zhubei', key: 'zhubei', status: 'changed' },
        { sheet: '叫號服務', row: queue.s.rows.length + 1, office: queue.s.rows[0]![0], key: 'new-thing', status: 'new' },
      ]);
      expect(Buffer.from(await exportConfig(demo.database.db, null, NOW)).equals(Buffer.from(before))).toBe(true);
    });

    it('reports every one of 10 planted errors by sheet, row and column, and stores nothing', async () => {
      const sheets = editable(file);
      const o = sheet(sheets, '戶政事務所');
      o.s.rows[0]![o.col('電話')] = 'abc'; // 1 bad phone
      const h = sheet(sheets, '服務時間');
      const firstOffice = h.s.rows[0]![0];
      h.s.rows[0]![h.col('開始')] = '25:00'; // 2 bad time
      const other = h.s.rows.findIndex((r) => r[0] !== firstOffice);
      h.s.rows[other]![0] = 'nowhere'; // 3 unknown office
      const q = sheet(sheets, '叫號服務');
      q.s.rows[0]![q.col('服務代碼')] = 'Bad Code'; // 4 bad code
      q.s.rows[2]![q.col('服務代碼')] = q.s.rows[1]![q.col('服務代碼')]!; // 5 duplicate
      const c = sheet(sheets, '櫃台');
      c.s.rows[0]![c.col('櫃台名稱（中文）')] = ''; // 6 missing required
      c.s.rows[1]![c.col('櫃台號碼')] = 'x'; // 7 not a number
      const g = sheet(sheets, '申請須知');
      g.s.rows[0]![g.col('類別')] = 'nope'; // 8 not a category
      const b = sheet(sheets, '預約服務');
      b.s.rows[0]![b.col('截止時間')] = '99:99'; // 9 bad time
      b.s.rows[1]![b.col('類別')] = ''; // 10 missing required
      const before = await exportConfig(demo.database.db, null, NOW);
      const audits = await demo.database.db.selectFrom('audit_log').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const r = await importConfig(demo.database, write(sheets), { actor: null, countyId: null, now: NOW, dryRun: false });
      expect(r.applied).toBe(false);
      expect(r.problems.map((p) => [p.sheet, p.row, p.column, p.key])).toEqual([
        ['戶政事務所', 2, '電話', 'offices.err.phone'],
        ['服務時間', 2, '開始', 'offices.err.time'],
        ['服務時間', other + 2, '戶政事務所代碼', 'configFile.err.unknownOffice'],
        ['叫號服務', 2, '服務代碼', 'queue.admin.err.code'],
        ['叫號服務', 4, '服務代碼', 'configFile.err.duplicate'],
        ['櫃台', 2, '櫃台名稱（中文）', 'err.required'],
        ['櫃台', 3, '櫃台號碼', 'err.invalid'],
        ['申請須知', 2, '類別', 'err.invalid'],
        ['預約服務', 2, '截止時間', 'booking.err.time'],
        ['預約服務', 3, '類別', 'err.required'],
      ]);
      expect(Buffer.from(await exportConfig(demo.database.db, null, NOW)).equals(Buffer.from(before))).toBe(true);
      const after = await demo.database.db.selectFrom('audit_log').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(audits.n));
    });

    it('the staff page: county admin only, download, preview without writing, apply, problems by sheet/row/column', async () => {
      const clerk = new Agent(demo.app);
      await clerk.signIn('clerk.zhubei', 'Huzheng-demo-2026');
      expect((await clerk.get('/staff/config')).statusCode).toBe(403);
      const director = new Agent(demo.app);
      await director.signIn('director.zhubei', 'Huzheng-demo-2026');
      expect((await director.get('/staff/config/export.ods')).statusCode).toBe(403);
      const county = new Agent(demo.app);
      await county.signIn('county', 'Huzheng-demo-2026');
      const page = await county.get('/staff/config');
      expect(page.statusCode).toBe(200);
      const download = await county.get('/staff/config/export.ods');
      expect(download.headers['content-type']).toBe(ODS_MIME);
      expect(readOds(download.rawPayload)).toEqual(readOds(file));

      const sheets = editable(file);
      const o = sheet(sheets, '戶政事務所');
      o.s.rows[1]![o.col('傳真')] = '03-5550999';
      const upload = (bytes: Uint8Array, action: string) => county.postMultipart('/staff/config', { _csrf: csrfOf(page.body), action }, { field: 'file', name: 'c.ods', bytes, type: ODS_MIME });
      const preview = await upload(write(sheets), 'preview');
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain('預覽：將會變更的內容');
      expect(preview.body).toContain('<td>戶政事務所</td><td>3</td><td>jianshi</td><td>jianshi</td><td>變更</td>');
      expect((await exportConfig(demo.database.db, null, NOW)).length).toBe(file.length);
      expect(readOds(await exportConfig(demo.database.db, null, NOW))).toEqual(readOds(file));

      o.s.rows[1]![o.col('代碼')] = 'Bad!';
      const refused = await upload(write(sheets), 'apply');
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('檔案有 1 個問題，未寫入任何資料');
      expect(refused.body).toContain('<td>戶政事務所</td><td>3</td><td>代碼</td><td>');

      o.s.rows[1]![o.col('代碼')] = 'jianshi';
      const applied = await upload(write(sheets), 'apply');
      expect(applied.statusCode).toBe(303);
      const after = readOds(await exportConfig(demo.database.db, null, NOW));
      expect(after[0]!.rows[2]![OFFICE_FAX]).toBe('03-5550999');
      // put the demo back for the tests after this one
      expect((await importConfig(demo.database, file, { actor: null, countyId: null, now: NOW, dryRun: false })).applied).toBe(true);
    });

    it('the command line: config export FILE.ods, config import FILE.ods --dry-run', async () => {
      const file2 = path.join(mkdtempSync(path.join(tmpdir(), 'hz-config-')), 'c.ods');
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        expect(await configFileCli(demo.database, 'export', file2, false, NOW)).toBe(0);
        expect(readOds(readFileSync(file2))).toEqual(readOds(file));
        expect(await configFileCli(demo.database, 'export', file2, false, NOW)).toBe(1); // never overwrites
        const total = readOds(file).reduce((n, s) => n + s.rows.length - 1, 0);
        expect(await configFileCli(demo.database, 'import', file2, true, NOW)).toBe(0);
        expect(log.mock.calls.at(-1)).toEqual([`新增 0 列、變更 0 列、不變 ${total} 列`]);
      } finally {
        log.mockRestore();
        error.mockRestore();
      }
    });

    it('imports the demo county into an empty database: the office home and guide pages read the same', async () => {
      const r = await importConfig(fresh, file, { actor: null, countyId: null, now: NOW, dryRun: false });
      expect(r.problems).toEqual([]);
      expect(r.applied).toBe(true);
      expect(r.counts.changed + r.counts.unchanged).toBe(0);
      // the file read back from the new database is the same file
      expect(readOds(await exportConfig(fresh.db, null, NOW))).toEqual(readOds(file));
      const codes = readOds(file)[0]!.rows.slice(1).map((row) => row[0]!);
      expect(codes).toEqual(['zhubei', 'jianshi']);
      const guideCodes = readOds(file)[4]!.rows.slice(1).filter((row) => row[0] === '').map((row) => row[1]!);
      for (const url of [...codes.flatMap((c) => [`/o/${c}`, `/o/${c}/guides`]), '/guides', ...guideCodes.slice(0, 3).map((g) => `/guides/${g}`)]) {
        const a = await demo.app.inject({ method: 'GET', url });
        const b = await empty.app.inject({ method: 'GET', url });
        expect(b.statusCode, url).toBe(a.statusCode);
        expect(mainText(b.body), url).toBe(mainText(a.body));
      }
    });
  });
}

