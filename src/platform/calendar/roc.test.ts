import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, formatRocDate, formatRocDateWithWeekday, formatRocRange, formatWesternDate, isIsoDate, parseRocDate, taipeiTime, taipeiToday, weekday } from './roc.js';

describe('ROC dates', () => {
  it('formats the three forms', () => {
    expect(formatRocDate('2026-11-23')).toBe('民國115年11月23日');
    expect(formatRocDate('2026-11-23', 'slash')).toBe('115/11/23');
    expect(formatRocDate('2026-11-23', 'compact')).toBe('1151123');
    expect(formatRocDate('2024-02-29', 'compact')).toBe('1130229');
    expect(formatRocDate('2010-12-31', 'compact')).toBe('0991231');
    expect(formatRocDate('1911-06-01')).toBe('民國前1年6月1日');
    expect(formatRocDate('1912-01-01')).toBe('民國1年1月1日');
    expect(formatRocDateWithWeekday('2026-11-23')).toBe('民國115年11月23日（星期一）');
    expect(formatWesternDate('2026-11-23', 'en')).toBe('23 November 2026');
    expect(formatWesternDate('2026-11-23', 'zh-Hant')).toBe('2026年11月23日');
  });

  it('writes a run of days with the year once, and no spaces', () => {
    expect(formatRocRange('2026-11-03', '2026-11-20')).toBe('民國115年11月3日至11月20日');
    expect(formatRocRange('2026-12-30', '2027-01-02')).toBe('民國115年12月30日至116年1月2日');
    expect(formatRocRange('2026-11-03', '2026-11-03')).toBe('民國115年11月3日');
  });

  it('agrees with ICU’s ROC calendar', () => {
    const icu = new Intl.DateTimeFormat('zh-TW-u-ca-roc', { dateStyle: 'long', timeZone: 'UTC' });
    fc.assert(
      fc.property(fc.date({ min: new Date('1912-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(formatRocDate(iso)).toBe(icu.format(new Date(`${iso}T00:00:00Z`)));
      }),
    );
  });

  it('parses what people type', () => {
    for (const s of ['民國115年11月23日', '115年11月23日', '115/11/23', '115-11-23', '115.11.23', '1151123', ' １１５／１１／２３ ']) {
      expect(parseRocDate(s)).toBe('2026-11-23');
    }
    expect(parseRocDate('0991231')).toBe('2010-12-31');
    expect(parseRocDate('1130229')).toBe('2024-02-29');
    expect(parseRocDate('民國前1年1月1日')).toBe('1911-01-01');
    for (const bad of ['115/2/30', '1150230', '115/13/01', 'abc', '', '0/1/1', '2026-11-23']) expect(parseRocDate(bad)).toBeNull();
  });

  it('round-trips every date through each form', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1912-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        for (const style of ['long', 'slash', 'compact'] as const) expect(parseRocDate(formatRocDate(iso, style))).toBe(iso);
      }),
    );
  });

  it('uses Taipei time for "today"', () => {
    expect(taipeiToday(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(taipeiToday(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    expect(taipeiTime(new Date('2026-11-23T01:05:00Z'))).toBe('09:05');
  });

  it('does date arithmetic without time-zone drift', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekday('2026-11-24')).toBe(2);
    expect(isIsoDate('2026-02-29')).toBe(false);
  });
});
