import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OfficeCalendar } from '../../platform/calendar/index.js';
import { drawOrder } from './lottery.js';
import { addMonths } from './manage.js';
import { parsePeriods } from './routes-admin.js';
import { bookableDays, type Opening, slotStillAhead, slotsOf, type WindowRules } from './rules.js';

const counter: WindowRules = { kind: 'counter', slotMinutes: 30, capacity: 2, minDays: 1, minWorkingDays: false, maxDays: 7, cutoff: '15:00', openingsOnly: false };
const marriage: WindowRules = { kind: 'marriage', slotMinutes: 30, capacity: 2, minDays: 3, minWorkingDays: true, maxDays: 30, cutoff: null, openingsOnly: true };
const hours = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, starts: '08:30', ends: '12:00' },
  { weekday, starts: '13:30', ends: '16:30' },
]);
const at = (iso: string) => new Date(`${iso}+08:00`);
const days = (rules: WindowRules, cal: OfficeCalendar, now: Date, openings: Opening[] = [], closed: string[] = []) =>
  bookableDays(rules, cal, now, { hours, openings, closedDays: new Set(closed) }).map((d) => d.day);

// 2026: 國慶日 Sat 10/10 with 補假 Fri 10/9; an invented make-up working Saturday 10/17 to test 補行上班
const cal = new OfficeCalendar({
  days: [
    { date: '2026-10-09', off: true, note: '國慶日補假' },
    { date: '2026-10-10', off: true, note: '國慶日' },
    { date: '2026-10-17', off: false, note: '補行上班' },
  ],
});

describe('booking window', () => {
  it('offers the next day until 15:00 the working day before, up to 7 days ahead, skipping a long weekend', () => {
    expect(days(counter, cal, at('2026-10-08T14:59:00'))).toEqual(['2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15']);
    // after 15:00 on Thursday, Monday closes: Friday is a day off, so Thursday was the last working day before it
    expect(days(counter, cal, at('2026-10-08T15:00:00'))).toEqual(['2026-10-13', '2026-10-14', '2026-10-15']);
  });

  it('opens a make-up working Saturday with weekday hours, and moves the cut-off for Monday to that Saturday', () => {
    const plans = bookableDays(counter, cal, at('2026-10-15T10:00:00'), { hours, openings: [], closedDays: new Set() });
    expect(plans.map((p) => p.day)).toEqual(['2026-10-16', '2026-10-17', '2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22']);
    expect(plans.find((p) => p.day === '2026-10-17')?.periods).toEqual([
      { starts: '08:30', ends: '12:00' },
      { starts: '13:30', ends: '16:30' },
    ]);
    expect(days(counter, cal, at('2026-10-17T14:00:00'))).toContain('2026-10-19');
    expect(days(counter, cal, at('2026-10-17T15:30:00'))).not.toContain('2026-10-19');
  });

  it('holiday marriage registration: only special openings, from 3 working days to 30 days ahead', () => {
    const sat = (day: string): Opening => ({ day, starts: '09:00', ends: '12:00', capacity: null, note: '', hot: false });
    const openings = [sat('2026-12-05'), sat('2026-12-12'), sat('2027-01-09')];
    // Tuesday 12/1: 3 working days → Friday 12/4, so Saturday 12/5 is in; 1/9 is past 30 days
    expect(days(marriage, new OfficeCalendar({ days: [] }), at('2026-12-01T10:00:00'), openings)).toEqual(['2026-12-05', '2026-12-12']);
    // Wednesday 12/2: the third working day is Monday 12/7, so 12/5 is out
    expect(days(marriage, new OfficeCalendar({ days: [] }), at('2026-12-02T10:00:00'), openings)).toEqual(['2026-12-12']);
    // a typhoon day on Thursday 12/3 pushes the third working day from Tuesday 12/1 to Monday 12/7
    const typhoon = new OfficeCalendar({ days: [], closures: [{ date: '2026-12-03', reason: '颱風' }] });
    expect(days(marriage, typhoon, at('2026-12-01T10:00:00'), openings)).toEqual(['2026-12-12']);
    // a booking closure wins over an opening
    expect(days(marriage, new OfficeCalendar({ days: [] }), at('2026-12-01T10:00:00'), openings, ['2026-12-12'])).toEqual(['2026-12-05']);
  });

  it('never offers today or a day outside the window, whatever the clock', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }), (now) => {
        const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
        const max = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
        for (const d of days(counter, cal, now)) {
          expect(d > today).toBe(true);
          expect(d <= max).toBe(true);
          expect(cal.isWorkingDay(d)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cuts a day into whole slots around the lunch break, and hides slots that have begun', () => {
    const plan = { day: '2026-10-12', periods: [{ starts: '08:30', ends: '12:00' }, { starts: '13:30', ends: '16:30' }], capacity: 2, note: '', hot: false };
    const slots = slotsOf(plan, 30);
    expect(slots).toHaveLength(13);
    expect(slots[6]).toEqual({ starts: '11:30', ends: '12:00' });
    expect(slots[7]).toEqual({ starts: '13:30', ends: '14:00' });
    expect(slotsOf(plan, 45).map((s) => s.starts)).toEqual(['08:30', '09:15', '10:00', '10:45', '13:30', '14:15', '15:00', '15:45']);
    expect(slotStillAhead('2026-10-12', '09:00', at('2026-10-12T08:59:00'))).toBe(true);
    expect(slotStillAhead('2026-10-12', '09:00', at('2026-10-12T09:00:00'))).toBe(false);
  });
});

describe('small rules', () => {
  it('adds months to a date, keeping the end of month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-11-25', 6)).toBe('2027-05-25');
    expect(addMonths('2027-12-15', 1)).toBe('2028-01-15');
  });

  it('reads weekly hours as people write them', () => {
    expect(parsePeriods('08:30-12:00, 13:30-16:30')).toEqual([
      { starts: '08:30', ends: '12:00' },
      { starts: '13:30', ends: '16:30' },
    ]);
    expect(parsePeriods('8:30～12:00')).toEqual([{ starts: '08:30', ends: '12:00' }]);
    expect(parsePeriods('')).toEqual([]);
    expect(parsePeriods('12:00-08:00')).toBeNull();
    expect(parsePeriods('morning')).toBeNull();
  });

  it('draws in an order anyone can recompute from the seed, and every application once', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 9 }), { maxLength: 60 }), fc.string(), (codes, seed) => {
        const order = drawOrder(seed, codes);
        expect([...order].sort()).toEqual([...codes].sort());
        expect(drawOrder(seed, [...codes].reverse())).toEqual(order);
      }),
    );
  });
});
