import { describe, expect, it } from 'vitest';
import { yearToDate } from './eval-measures.js';

describe('the plan year so far', () => {
  it('runs from 1 January to today, counting the month begun; the whole year once it is over; nothing before it starts', () => {
    expect(yearToDate(2026, '2026-12-03')).toEqual({ period: { kind: 'range', key: '2026-01-01..2026-12-03', from: '2026-01-01', to: '2026-12-03' }, months: 12 });
    expect(yearToDate(2026, '2026-04-30')).toMatchObject({ period: { from: '2026-01-01', to: '2026-04-30' }, months: 4 });
    expect(yearToDate(2025, '2026-12-03')).toMatchObject({ period: { from: '2025-01-01', to: '2025-12-31' }, months: 12 });
    expect(yearToDate(2027, '2026-12-03')).toEqual({ period: null, months: 0 });
  });
});
