import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, eachDay } from '../../platform/calendar/index.js';
import { monthPeriod, parsePeriod, type Period, periodLabel, periodsOf, previousPeriod, quarterPeriod, rangePeriod, sameLastYear, splitIntoMonths, yearPeriod } from './periods.js';

const P = (text: string): Period => {
  const p = parsePeriod(text);
  if (!p) throw new Error(`not a period: ${text}`);
  return p;
};
const span = (p: Period) => `${p.kind} ${p.from}..${p.to}`;

describe('parsePeriod', () => {
  it('reads a month, a quarter, a year and a run of days', () => {
    expect(parsePeriod('2026-11')).toEqual({ kind: 'month', key: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    expect(parsePeriod('2026-Q4')).toEqual({ kind: 'quarter', key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(parsePeriod('2026-Q1')).toEqual({ kind: 'quarter', key: '2026-Q1', from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod('2026')).toEqual({ kind: 'year', key: '2026', from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026-11-03..2026-11-20')).toEqual({ kind: 'range', key: '2026-11-03..2026-11-20', from: '2026-11-03', to: '2026-11-20' });
    expect(parsePeriod('2026-11-03..2026-11-03')).toEqual({ kind: 'range', key: '2026-11-03..2026-11-03', from: '2026-11-03', to: '2026-11-03' });
    expect(parsePeriod('2026-12-30..2027-01-02')?.to).toBe('2027-01-02');
  });

  it('knows the length of February and of each month', () => {
    expect(P('2026-02').to).toBe('2026-02-28');
    expect(P('2028-02').to).toBe('2028-02-29');
    expect(P('2100-02').to).toBe('2100-02-28');
    expect(P('2000-02').to).toBe('2000-02-29');
    expect(['01', '04', '06', '09', '12'].map((m) => P(`2026-${m}`).to)).toEqual(['2026-01-31', '2026-04-30', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(P('2028-Q1').to).toBe('2028-03-31');
    expect(P('2026-Q2')).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
    expect(P('2026-Q3')).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
  });

  it('refuses what is not a period', () => {
    for (const bad of [
      '',
      '2026-13',
      '2026-00',
      '2026-1',
      '26-11',
      '2026/11',
      ' 2026-11',
      '2026-11 ',
      '2026-Q0',
      '2026-Q5',
      '2026-q4',
      '2026-11-03',
      '2026-11-03..',
      '..2026-11-03',
      '2026-11-20..2026-11-03', // backwards
      '2026-02-30..2026-03-01', // no such day
      '2026-11-03...2026-11-20',
      '2026-11-03..2026-11-20\n',
      'abcd',
      '1911', // before the Republic: no 民國 year to show
      '0001-01',
      '1900-Q1',
      '1911-12-31..1912-01-05',
      '２０２６',
    ]) {
      expect(parsePeriod(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(parsePeriod('1912')?.key).toBe('1912');
    expect(parsePeriod('1912-01')?.key).toBe('1912-01');
  });

  it('gives back the key it read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1912, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), (y, m, q) => {
        for (const p of [monthPeriod(y, m), quarterPeriod(y, q), yearPeriod(y)]) expect(parsePeriod(p.key)).toEqual(p);
      }),
    );
  });
});

describe('previousPeriod and sameLastYear', () => {
  it('steps back a month, a quarter, a year, across the turn of the year', () => {
    expect(previousPeriod(P('2026-01'))).toEqual(P('2025-12'));
    expect(previousPeriod(P('2026-11'))).toEqual(P('2026-10'));
    expect(previousPeriod(P('2026-03'))).toEqual(P('2026-02'));
    expect(previousPeriod(P('2026-Q1'))).toEqual(P('2025-Q4'));
    expect(previousPeriod(P('2026-Q3'))).toEqual(P('2026-Q2'));
    expect(previousPeriod(P('2026'))).toEqual(P('2025'));
  });

  it('steps a run of days back by its own length, leap day included', () => {
    // 18 days: 11-03 … 11-20, so the 18 days before: 10-16 … 11-02
    expect(previousPeriod(P('2026-11-03..2026-11-20'))).toEqual(P('2026-10-16..2026-11-02'));
    expect(previousPeriod(P('2026-11-03..2026-11-03'))).toEqual(P('2026-11-02..2026-11-02'));
    expect(previousPeriod(P('2028-03-01..2028-03-05'))).toEqual(P('2028-02-25..2028-02-29'));
    expect(previousPeriod(P('2027-01-01..2027-01-10'))).toEqual(P('2026-12-22..2026-12-31'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 400 }), (offset, length) => {
        const from = addDays('2024-01-01', offset);
        const p = rangePeriod(from, addDays(from, length));
        const before = previousPeriod(p);
        expect(eachDay(before.from, before.to)).toHaveLength(length + 1);
        expect(addDays(before.to, 1)).toBe(p.from);
      }),
    );
  });

  it('goes to the same period a year earlier; 29 February falls back to the 28th', () => {
    expect(sameLastYear(P('2026-01'))).toEqual(P('2025-01'));
    expect(sameLastYear(P('2028-02'))).toEqual(P('2027-02'));
    expect(sameLastYear(P('2026-Q1'))).toEqual(P('2025-Q1'));
    expect(sameLastYear(P('2026-Q4'))).toEqual(P('2025-Q4'));
    expect(sameLastYear(P('2026'))).toEqual(P('2025'));
    expect(sameLastYear(P('2026-11-03..2026-11-20'))).toEqual(P('2025-11-03..2025-11-20'));
    expect(sameLastYear(P('2028-02-29..2028-03-02'))).toEqual(P('2027-02-28..2027-03-02'));
    expect(sameLastYear(P('2028-02-01..2028-02-29'))).toEqual(P('2027-02-01..2027-02-28'));
    expect(sameLastYear(P('2029-02-28..2029-03-01'))).toEqual(P('2028-02-28..2028-03-01'));
  });
});

describe('splitIntoMonths', () => {
  it('reads whole months from the month rows and the days at either end from the day rows', () => {
    expect(splitIntoMonths(P('2026-11'))).toEqual({ months: ['2026-11'], days: [] });
    expect(splitIntoMonths(P('2026-Q4'))).toEqual({ months: ['2026-10', '2026-11', '2026-12'], days: [] });
    expect(splitIntoMonths(P('2026')).months).toHaveLength(12);
    expect(splitIntoMonths(P('2026-10-30..2026-12-02'))).toEqual({ months: ['2026-11'], days: ['2026-10-30', '2026-10-31', '2026-12-01', '2026-12-02'] });
    expect(splitIntoMonths(P('2026-11-03..2026-11-05'))).toEqual({ months: [], days: ['2026-11-03', '2026-11-04', '2026-11-05'] });
    expect(splitIntoMonths(P('2026-11-01..2026-11-30'))).toEqual({ months: ['2026-11'], days: [] });
    expect(splitIntoMonths(P('2028-02-01..2028-02-28'))).toEqual({ months: [], days: eachDay('2028-02-01', '2028-02-28') });
    expect(splitIntoMonths(P('2028-02-01..2028-02-29'))).toEqual({ months: ['2028-02'], days: [] });
  });

  it('covers every day of any run exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 500 }), (offset, length) => {
        const from = addDays('2025-06-01', offset);
        const p = rangePeriod(from, addDays(from, length));
        const { months, days } = splitIntoMonths(p);
        const covered = [...months.flatMap((m) => eachDay(P(m).from, P(m).to)), ...days].sort();
        expect(covered).toEqual(eachDay(p.from, p.to));
      }),
    );
  });
});

describe('periodsOf', () => {
  it('cuts a month into days, ISO weeks (Monday first) and itself', () => {
    const days = periodsOf(P('2026-11'), 'day');
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual(rangePeriod('2026-11-01', '2026-11-01'));
    expect(days[29]).toEqual(rangePeriod('2026-11-30', '2026-11-30'));
    // 2026-11-01 is a Sunday, 11-30 a Monday
    expect(periodsOf(P('2026-11'), 'week').map((p) => p.key)).toEqual([
      '2026-11-01..2026-11-01',
      '2026-11-02..2026-11-08',
      '2026-11-09..2026-11-15',
      '2026-11-16..2026-11-22',
      '2026-11-23..2026-11-29',
      '2026-11-30..2026-11-30',
    ]);
    expect(periodsOf(P('2026-11'), 'month')).toEqual([P('2026-11')]);
  });

  it('keeps whole months as months and clips the ends of a run', () => {
    expect(periodsOf(P('2026-Q4'), 'month')).toEqual([P('2026-10'), P('2026-11'), P('2026-12')]);
    expect(periodsOf(P('2026-10-15..2026-12-10'), 'month').map(span)).toEqual(['range 2026-10-15..2026-10-31', 'month 2026-11-01..2026-11-30', 'range 2026-12-01..2026-12-10']);
    // a week across the turn of the year stays one week
    expect(periodsOf(P('2026-12-28..2027-01-03'), 'week').map(span)).toEqual(['range 2026-12-28..2027-01-03']);
    expect(periodsOf(P('2028-02-27..2028-03-02'), 'week').map(span)).toEqual(['range 2028-02-27..2028-02-27', 'range 2028-02-28..2028-03-02']);
    expect(periodsOf(P('2026-12-31..2027-01-01'), 'month').map(span)).toEqual(['range 2026-12-31..2026-12-31', 'range 2027-01-01..2027-01-01']);
  });

  it('tiles any run with parts in order, no gap, no overlap; every week part is Monday to Sunday or clipped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 120 }), fc.constantFrom('day' as const, 'week' as const, 'month' as const), (offset, length, grain) => {
        const from = addDays('2025-06-01', offset);
        const p = rangePeriod(from, addDays(from, length));
        const parts = periodsOf(p, grain);
        expect(parts[0]!.from).toBe(p.from);
        expect(parts[parts.length - 1]!.to).toBe(p.to);
        for (let i = 1; i < parts.length; i++) expect(parts[i]!.from).toBe(addDays(parts[i - 1]!.to, 1));
        for (const part of parts) {
          expect(part.from <= part.to).toBe(true);
          if (grain === 'day') expect(part.from).toBe(part.to);
          if (grain === 'week') {
            const n = eachDay(part.from, part.to).length;
            expect(n).toBeLessThanOrEqual(7);
            if (part.from !== p.from) expect(new Date(`${part.from}T00:00:00Z`).getUTCDay()).toBe(1);
            if (part.to !== p.to) expect(new Date(`${part.to}T00:00:00Z`).getUTCDay()).toBe(0);
          }
          if (grain === 'month') expect(part.from.slice(0, 7)).toBe(part.to.slice(0, 7));
        }
      }),
    );
  });
});

describe('periodLabel', () => {
  it('shows 民國 years on zh-Hant pages', () => {
    expect(periodLabel(P('2026-11'), 'zh-Hant')).toBe('民國115年11月');
    expect(periodLabel(P('2026-01'), 'zh-Hant')).toBe('民國115年1月');
    expect(periodLabel(P('2026-Q4'), 'zh-Hant')).toBe('民國115年第4季');
    expect(periodLabel(P('2027-Q1'), 'zh-Hant')).toBe('民國116年第1季');
    expect(periodLabel(P('2026'), 'zh-Hant')).toBe('民國115年');
    expect(periodLabel(P('2026-11-03..2026-11-20'), 'zh-Hant')).toBe('民國115年11月3日至11月20日');
    expect(periodLabel(P('2026-10-30..2026-11-02'), 'zh-Hant')).toBe('民國115年10月30日至11月2日');
    expect(periodLabel(P('2026-12-30..2027-01-02'), 'zh-Hant')).toBe('民國115年12月30日至116年1月2日');
    expect(periodLabel(P('2026-11-03..2026-11-03'), 'zh-Hant')).toBe('民國115年11月3日');
    expect(periodLabel(P('1912'), 'zh-Hant')).toBe('民國1年');
  });

  it('shows the same periods in English', () => {
    expect(periodLabel(P('2026-11'), 'en')).toBe('Nov 2026');
    // the same three letters whatever the runtime's ICU data says for September
    expect(['2026-01', '2026-05', '2026-09', '2026-12'].map((m) => periodLabel(P(m), 'en'))).toEqual(['Jan 2026', 'May 2026', 'Sep 2026', 'Dec 2026']);
    expect(periodLabel(P('2026-Q4'), 'en')).toBe('2026 Q4');
    expect(periodLabel(P('2026'), 'en')).toBe('2026');
    expect(periodLabel(P('2026-11-03..2026-11-20'), 'en')).toBe('2026-11-03 – 2026-11-20');
    expect(periodLabel(P('2026-11-03..2026-11-03'), 'en')).toBe('2026-11-03');
  });
});
