import { describe, expect, it } from 'vitest';
import { showDateTime, showInstant, showPeriod } from './dates.js';

describe('showPeriod', () => {
  it('shows months, quarters and years in 民國 on zh-Hant pages and plainly in English', () => {
    expect(['2026-11', '2026-Q4', '2026', '2025-01'].map((k) => showPeriod(k, 'zh-Hant'))).toEqual(['民國115年11月', '民國115年第4季', '民國115年', '民國114年1月']);
    expect(['2026-11', '2026-Q4', '2026'].map((k) => showPeriod(k, 'en'))).toEqual(['Nov 2026', '2026 Q4', '2026']);
  });
  it('leaves anything else as it is', () => {
    expect(showPeriod('2026-11-03', 'zh-Hant')).toBe('2026-11-03');
    expect(showPeriod('total', 'en')).toBe('total');
  });
});

describe('showDateTime', () => {
  it('joins a day and a time with one space, none after the weekday’s full-width bracket', () => {
    expect(showDateTime('2026-12-03', '09:00–09:30', 'zh-Hant', true)).toBe('民國115年12月3日（星期四）09:00–09:30');
    expect(showDateTime('2026-12-03', '09:00', 'zh-Hant')).toBe('民國115年12月3日 09:00');
    expect(showDateTime('2026-12-03', '09:00–09:30', 'en', true)).toBe('Thursday 3 December 2026 09:00–09:30');
    expect(showDateTime('2026-12-03', '', 'zh-Hant', true)).toBe('民國115年12月3日（星期四）');
    expect(showInstant('2026-12-03T01:00:00Z', 'zh-Hant')).toBe('民國115年12月3日 09:00');
  });
});
