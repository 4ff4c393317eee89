import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it, vi } from 'vitest';
import { ageColumn, COMMON_COLUMNS, EVENT_COLUMNS, EVENT_TOTAL_COLUMNS, HOUSEHOLD_COLUMNS, monthOfYyymm, type StatKind } from '../formats.js';
import { cellOf, countOf, readTableFile, type TableRow } from '../table-file.js';
import { populationFileName, writeDemoPopulationFiles } from './files.js';
import { generatePopulationMonth } from './month.js';
import { type WriteOptions, writePopulationFiles } from './write.js';

const MONTH = '2026-10';
const expected = generatePopulationMonth(MONTH, { withTotals: true });

/** A row read back as the numbers the generator gave, by district code. */
function readBack(kind: StatKind, rows: TableRow[]): Map<string, number[]> {
  const n = (r: TableRow, c: { en: string; zh: readonly string[] }) => countOf(cellOf(r, c)) ?? Number.NaN;
  return new Map(
    rows.map((r) => {
      const code = cellOf(r, COMMON_COLUMNS.code)!;
      if (kind === 'households') return [code, Object.values(HOUSEHOLD_COLUMNS).map((c) => n(r, c))];
      if (kind === 'events') return [code, [...Object.values(EVENT_COLUMNS), ...Object.values(EVENT_TOTAL_COLUMNS)].map((c) => n(r, c))];
      return [code, Array.from({ length: 101 }, (_, a) => [n(r, ageColumn(a, 'm')), n(r, ageColumn(a, 'f'))]).flat()];
    }),
  );
}

function generated(kind: StatKind, withTotals: boolean): Map<string, number[]> {
  const keep = (code: string) => withTotals || code.length === 11;
  if (kind === 'households') return new Map(expected.households.filter((r) => keep(r.code)).map((r) => [r.code, [r.households, r.people, r.male, r.female]]));
  if (kind === 'events') {
    return new Map(
      expected.events
        .filter((r) => keep(r.code))
        .map((r) => [r.code, [r.birthsM, r.birthsF, r.deathsM, r.deathsF, r.marriages, r.divorces, r.movedIn, r.movedOut, r.birthsM + r.birthsF, r.deathsM + r.deathsF]]),
    );
  }
  return new Map(expected.ages.filter((r) => keep(r.code)).map((r) => [r.code, r.male.flatMap((m, a) => [m, r.female[a]!])]));
}

const VARIANTS: Omit<WriteOptions, 'kind'>[] = [
  { format: 'csv', encoding: 'utf-8', keys: 'en', withTotals: false },
  { format: 'csv', encoding: 'big5', keys: 'zh', withTotals: true },
  { format: 'csv', encoding: 'big5', keys: 'en', withTotals: true, zhSecondHeader: true, separators: true },
  { format: 'json', encoding: 'utf-8', keys: 'zh', withTotals: true, separators: true },
  { format: 'json', encoding: 'big5', keys: 'en', withTotals: false },
];

describe('generated population files', () => {
  for (const kind of ['households', 'ages', 'events'] as const) {
    for (const v of VARIANTS) {
      const label = `${kind} ${v.format} ${v.encoding} ${v.keys}${v.withTotals ? ' +totals' : ''}${v.zhSecondHeader ? ' +zh header' : ''}${v.separators ? ' 1,234' : ''}`;
      it(`${label}: readTableFile reads back the generator's numbers`, () => {
        const bytes = writePopulationFiles(MONTH, { ...v, kind });
        const table = readTableFile(bytes, populationFileName(kind, MONTH, v.format));
        expect(table.encoding).toBe(v.encoding);
        expect(table.format).toBe(v.format);
        const data = v.zhSecondHeader ? table.rows.slice(1) : table.rows;
        if (v.zhSecondHeader) expect(cellOf(table.rows[0]!, COMMON_COLUMNS.code)).toBe('區域別代碼');
        expect(readBack(kind, data)).toEqual(generated(kind, v.withTotals));
        for (const r of data) {
          expect(monthOfYyymm(cellOf(r, COMMON_COLUMNS.month)!)).toBe(MONTH);
          expect(cellOf(r, COMMON_COLUMNS.site)).toMatch(/^新竹縣(竹北市|尖石鄉)$/);
        }
        const keys = v.keys === 'en' ? ['statistic_yyymm', 'district_code'] : ['統計年月', '區域別代碼'];
        for (const k of keys) expect(table.keys).toContain(k);
      });
    }
  }

  it('writes Big5 that is really Big5 (not UTF-8), and the JSON in the open-data API envelope', () => {
    const b5 = writePopulationFiles(MONTH, { kind: 'households', format: 'csv', encoding: 'big5', keys: 'zh', withTotals: true });
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(b5)).toThrow();
    expect(iconv.decode(Buffer.from(b5), 'big5')).toContain('新竹縣尖石鄉,秀巒村');
    const json = JSON.parse(new TextDecoder().decode(writePopulationFiles(MONTH, { kind: 'events', format: 'json', encoding: 'utf-8', keys: 'en', withTotals: false })));
    expect(json).toMatchObject({ responseCode: 'OD-0101-S', responseMessage: '處理完成', totalPage: 1, page: 1, totalDataSize: 36 });
    expect(json.responseData[0]).toMatchObject({ statistic_yyymm: '11510', district_code: '10004010001', village: '竹北里' });
  });

  it('is deterministic: the same seed writes the same bytes, even from a fresh start', async () => {
    const opts: WriteOptions = { kind: 'ages', format: 'csv', encoding: 'big5', keys: 'zh', withTotals: true, seed: 5 };
    const first = writePopulationFiles('2025-06', opts);
    vi.resetModules();
    const fresh = (await import('./write.js')) as typeof import('./write.js');
    expect(fresh.writePopulationFiles).not.toBe(writePopulationFiles);
    expect(Buffer.from(fresh.writePopulationFiles('2025-06', opts)).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(writePopulationFiles('2025-06', { ...opts, seed: 6 })).equals(Buffer.from(first))).toBe(false);
  });

  it('writes a month’s three files into a folder, named like the Ministry’s', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hz-pop-'));
    try {
      const written = await writeDemoPopulationFiles(path.join(dir, 'out'), ['2026-09', '2026-10']);
      expect(written.map((p) => path.basename(p))).toEqual(['ODRP014_11509.csv', 'ODRP019_11509.csv', 'ODRP024_11509.csv', 'ODRP014_11510.csv', 'ODRP019_11510.csv', 'ODRP024_11510.csv']);
      expect((await readdir(path.join(dir, 'out'))).length).toBe(6);
      const bytes = await readFile(path.join(dir, 'out', 'ODRP014_11510.csv'));
      expect(Buffer.from(bytes).equals(Buffer.from(writePopulationFiles('2026-10', { kind: 'households', format: 'csv', encoding: 'utf-8', keys: 'en', withTotals: false })))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
