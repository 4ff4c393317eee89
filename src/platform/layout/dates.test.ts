import { describe, expect, it } from 'vitest';
import { showPeriod } from './dates.js';

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
