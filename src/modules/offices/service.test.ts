import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.js';
import { type HoursRow, hoursSummary } from './service.js';

const day = (weekday: number, opens: string, closes: string, more: Partial<HoursRow> = {}): HoursRow => ({
  id: weekday,
  office_id: 1,
  weekday,
  opens,
  closes,
  note_zh: null,
  note_en: null,
  lunch_open: 1,
  lunch_from: null,
  lunch_to: null,
  evening_closes: null,
  ...more,
});

const week = (more: Record<number, Partial<HoursRow>> = {}) => [1, 2, 3, 4, 5].map((wd) => day(wd, '08:00', '17:00', more[wd]));

describe('hoursSummary', () => {
  const zh = translator('zh-Hant');
  const en = translator('en');

  it('says the usual week in one span', () => {
    expect(hoursSummary(week(), zh)).toBe('星期一至星期五 08:00–17:00');
    expect(hoursSummary(week(), en)).toBe('Monday to Friday 08:00–17:00');
  });

  it('names an evening-service day by its later close', () => {
    expect(hoursSummary(week({ 3: { evening_closes: '20:00' } }), zh)).toBe('星期一至星期五 08:00–17:00（星期三 08:00–20:00）');
    expect(hoursSummary(week({ 3: { evening_closes: '20:00' } }), en)).toBe('Monday to Friday 08:00–17:00 (Wednesday 08:00–20:00)');
  });

  it('splits a day around its lunch break', () => {
    const all = week(Object.fromEntries([1, 2, 3, 4, 5].map((wd) => [wd, { lunch_open: 0, lunch_from: '12:00', lunch_to: '13:30' }])));
    expect(hoursSummary(all, zh)).toBe('星期一至星期五 08:00–12:00、13:30–17:00');
  });

  it('lists days one by one when they are not in a row, and says nothing without hours', () => {
    expect(hoursSummary([day(1, '08:00', '17:00'), day(3, '08:00', '17:00'), day(6, '08:00', '12:00')], zh)).toBe('星期一、星期三、星期六 08:00–17:00（星期六 08:00–12:00）');
    expect(hoursSummary([], zh)).toBe('');
  });
});
