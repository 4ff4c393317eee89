import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { parseGovCalendarCsv, toGovCalendarCsv } from './gov-csv.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SAMPLE = '西元日期,星期,是否放假,備註\r\n20260101,四,2,開國紀念日\r\n20260102,五,0,\r\n20260103,六,2,\r\n';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('government office calendar CSV', () => {
  it('reads UTF-8 with BOM', () => {
    const r = parseGovCalendarCsv(Buffer.from(`\uFEFF${SAMPLE}`, 'utf8'));
    expect(r).toEqual({
      year: 2026,
      encoding: 'utf-8',
      days: [
        { date: '2026-01-01', off: true, note: '開國紀念日' },
        { date: '2026-01-02', off: false, note: '' },
        { date: '2026-01-03', off: true, note: '' },
      ],
    });
  });

  it('reads Big5 files (older years) and quoted cells', () => {
    const big5 = iconv.encode(SAMPLE.replace('20260102,五,0,', '"20260102","五","0",""'), 'big5');
    const r = parseGovCalendarCsv(big5);
    expect(r.encoding).toBe('big5');
    expect(r.days[0]).toEqual({ date: '2026-01-01', off: true, note: '開國紀念日' });
    expect(r.days).toHaveLength(3);
  });

  it('round-trips the shipped files', () => {
    for (const year of [2026, 2027]) {
      const bytes = readFileSync(path.join(ROOT, `seed/calendar/${year}.csv`));
      const r = parseGovCalendarCsv(bytes);
      expect(r.year).toBe(year);
      expect(r.days).toHaveLength(365);
      expect(r.days.filter((d) => d.off)).toHaveLength(120);
      expect(toGovCalendarCsv(r.days)).toBe(bytes.toString('utf8'));
    }
  });

  it('explains a wrong header and a bad row with its line number', () => {
    expect(errorOf(() => parseGovCalendarCsv(Buffer.from('date,weekday,off,note\n20260101,四,2,\n'))).messageKey).toBe('err.calendar.csvHeader');
    const bad = errorOf(() => parseGovCalendarCsv(Buffer.from(`${SAMPLE}20260230,一,0,\n`)));
    expect(bad.messageKey).toBe('err.calendar.csvRow');
    expect(bad.params.line).toBe(5);
    expect(errorOf(() => parseGovCalendarCsv(Buffer.from(`${SAMPLE}20260104,日,1,\n`))).params.line).toBe(5);
    expect(errorOf(() => parseGovCalendarCsv(Buffer.from(`${SAMPLE}20270104,一,0,\n`))).params.reason).toMatch(/one year/);
    expect(errorOf(() => parseGovCalendarCsv(Buffer.from(`${SAMPLE}20260101,四,2,\n`))).params.reason).toMatch(/twice/);
  });
});
