import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGovCalendarCsv } from './gov-csv.js';
import { OfficeCalendar } from './office-calendar.js';
import { addDays } from './roc.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const y2026 = parseGovCalendarCsv(readFileSync(path.join(ROOT, 'seed/calendar/2026.csv')));
const cal = new OfficeCalendar({ days: y2026.days });

describe('working days on the 2026 office calendar', () => {
  it('skips the Lunar New Year block', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    expect(cal.isWorkingDay('2026-02-16')).toBe(false);
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(cal.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(cal.countWorkingDays('2026-02-13', '2026-02-23')).toBe(1);
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(cal.previousWorkingDay('2026-02-23')).toBe('2026-02-13');
  });

  it('names the holiday', () => {
    expect(cal.describe('2026-02-28')).toEqual({ working: false, note: '和平紀念日' });
    expect(cal.describe('2026-04-06')).toEqual({ working: false, note: '補假' });
  });

  it('counts a make-up working Saturday', () => {
    // a synthetic year: Saturday 2026-02-07 declared 補行上班, Friday 2026-02-13 a bridge day off
    const days = y2026.days.map((d) =>
      d.date === '2026-02-07' ? { ...d, off: false, note: '補行上班' } : d.date === '2026-02-13' ? { ...d, off: true, note: '調整放假' } : d,
    );
    const c = new OfficeCalendar({ days });
    expect(c.isWorkingDay('2026-02-07')).toBe(true);
    expect(c.addWorkingDays('2026-02-06', 1)).toBe('2026-02-07');
    expect(c.addWorkingDays('2026-02-12', 1)).toBe('2026-02-23');
    expect(c.countWorkingDays('2026-02-05', '2026-02-09')).toBe(3); // Fri 6, Sat 7, Mon 9
  });

  it('adds office closures on top', () => {
    const c = new OfficeCalendar({ days: y2026.days, closures: [{ date: '2026-09-02', reason: '颱風停止上班' }] });
    expect(c.describe('2026-09-02')).toEqual({ working: false, note: '', closure: '颱風停止上班' });
    expect(c.addWorkingDays('2026-09-01', 1)).toBe('2026-09-03');
  });

  it('stops the clock during pauses', () => {
    const pauses = [{ from: '2026-03-04', to: '2026-03-06' }];
    // received Mon 3/2, 3 working days: 3/3, (3/4–3/6 paused), 3/9, 3/10
    expect(cal.addWorkingDaysWithPauses('2026-03-02', 3, pauses)).toBe('2026-03-10');
    expect(cal.countWorkingDaysExcludingPauses('2026-03-02', '2026-03-10', pauses)).toBe(3);
    expect(() => cal.addWorkingDaysWithPauses('2026-03-02', 3, [{ from: '2026-03-03', to: null }])).toThrow(RangeError);
  });

  it('defaults to Monday–Friday outside the imported years', () => {
    expect(cal.isWorkingDay('2030-01-05')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2030-01-07')).toBe(true);
  });

  it('counting back what was added gives n (from a working day)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 360 }), fc.integer({ min: 0, max: 60 }), (offset, n) => {
        const start = cal.addWorkingDays(addDays('2026-01-01', offset), 0);
        const due = cal.addWorkingDays(start, n);
        expect(cal.countWorkingDays(start, due)).toBe(n);
        expect(cal.isWorkingDay(due)).toBe(true);
        if (n > 0) expect(due > start).toBe(true);
        expect(cal.addWorkingDays(start, n + 1) > due).toBe(true);
      }),
    );
  });
});
