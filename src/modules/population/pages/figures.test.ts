import { describe, expect, it } from 'vitest';
import { niceScale, labelledPoints } from './charts.js';
import { ageFigures, compareRows, eventFigures, largestBand, monthBefore, summarise, trendWindow } from './figures.js';
import { compactJson, exampleFigures } from './views/api-doc.js';
import { monthLabel } from './views/format.js';

describe('population figures', () => {
  it('sex ratio, density, household size and the change on the month before', () => {
    const s = summarise({ households: 2900, people: 8350, male: 4190, female: 4160 }, 540, { month: '2026-09', households: 2894, people: 8346, male: 4187, female: 4159 });
    // 4190 / 4160 × 100 = 100.7211…; 8350 / 540 = 15.4629…; 8350 / 2900 = 2.8793…
    expect(s).toMatchObject({ sexRatio: 100.72, density: 15.46, avgHouseholdSize: 2.88, previousMonth: '2026-09', change: { people: 4, households: 6 } });
    const none = summarise({ households: 0, people: 0, male: 0, female: 0 }, null, null);
    expect(none).toMatchObject({ sexRatio: null, density: null, avgHouseholdSize: null, change: null });
  });

  it('groups single years in 5-year bands (100 and over the last) and works out dependency and ageing', () => {
    // ages 0, 4 | 5 | 14 | 15 | 64 | 65 | 99 | 100
    const a = ageFigures([
      { age: 0, male: 10, female: 5 },
      { age: 4, male: 1, female: 0 },
      { age: 5, male: 2, female: 2 },
      { age: 14, male: 3, female: 0 },
      { age: 15, male: 20, female: 20 },
      { age: 64, male: 10, female: 10 },
      { age: 65, male: 4, female: 4 },
      { age: 99, male: 1, female: 2 },
      { age: 100, male: 1, female: 3 },
    ])!;
    expect(a.bands).toHaveLength(21);
    expect(a.bands[0]).toEqual({ from: 0, to: 4, male: 11, female: 5, total: 16 });
    expect(a.bands[1]).toEqual({ from: 5, to: 9, male: 2, female: 2, total: 4 });
    expect(a.bands[2]!.total).toBe(3);
    expect(a.bands[3]!.total).toBe(40);
    expect(a.bands[12]).toEqual({ from: 60, to: 64, male: 10, female: 10, total: 20 });
    expect(a.bands[13]!.total).toBe(8);
    expect(a.bands[19]!.total).toBe(3);
    expect(a.bands[20]).toEqual({ from: 100, to: null, male: 1, female: 3, total: 4 });
    expect(a.bands.reduce((s, b) => s + b.total, 0)).toBe(a.total);
    // 0–14: 16 + 4 + 3 = 23; 15–64: 60; 65+: 8 + 3 + 4 = 15; dependency (23 + 15) / 60 = 63.33; ageing 15 / 23 = 65.22
    expect(a).toMatchObject({ total: 98, children: 23, working: 60, elderly: 15, dependencyRatio: 63.33, ageingIndex: 65.22 });
    expect(a.shares).toEqual({ children: 23.47, working: 61.22, elderly: 15.31 });
    expect(largestBand(a)).toMatchObject({ from: 15 });
    expect(ageFigures([])).toBeNull();
    // nobody of working age or no children: no ratio rather than a division by zero
    expect(ageFigures([{ age: 70, male: 1, female: 1 }])).toMatchObject({ dependencyRatio: null, ageingIndex: null });
  });

  it('natural and social increase', () => {
    const e = eventFigures({ births_m: 4, births_f: 4, deaths_m: 6, deaths_f: 3, marriages: 3, divorces: 2, moved_in: 35, moved_out: 30 })!;
    expect(e).toMatchObject({ births: 8, deaths: 9, naturalIncrease: -1, socialIncrease: 5 });
    expect(eventFigures(null)).toBeNull();
  });

  it('compares units, leaving out those without figures; sorts names and codes up, numbers down, a missing number last', () => {
    const units = [
      { code: '002', name: '乙', nameEn: null, areaKm2: null },
      { code: '001', name: '甲', nameEn: null, areaKm2: 2 },
      { code: '003', name: '丙', nameEn: null, areaKm2: 1 },
      { code: '004', name: '丁', nameEn: null, areaKm2: 1 },
    ];
    const totals = [
      { code: '001', households: 10, people: 30, male: 15, female: 15 },
      { code: '002', households: 10, people: 50, male: 20, female: 30 },
      { code: '003', households: 10, people: 20, male: 10, female: 10 },
    ];
    const rows = compareRows(units, totals, 100, 'code');
    expect(rows.map((r) => r.code)).toEqual(['001', '002', '003']);
    expect(rows[1]).toMatchObject({ sexRatio: 66.67, avgHouseholdSize: 5, density: null, share: 50 });
    expect(compareRows(units, totals, 100, 'people').map((r) => r.code)).toEqual(['002', '001', '003']);
    expect(compareRows(units, totals, 100, 'density').map((r) => r.code)).toEqual(['003', '001', '002']);
  });

  it('months: the one before, a 24-month window, 民國 and English labels', () => {
    expect(monthBefore('2026-01')).toBe('2025-12');
    expect(trendWindow('2026-10')).toHaveLength(24);
    expect(trendWindow('2026-10')[0]).toBe('2024-11');
    expect(monthLabel('2026-10', 'zh-Hant')).toBe('115年10月');
    expect(monthLabel('2026-10', 'en')).toBe('Oct 2026');
  });

  it('chart scales are round and hold the values; axis labels count back from the last month', () => {
    expect(niceScale(0, 1370, 3)).toMatchObject({ lo: 0, hi: 1500, step: 500 });
    const s = niceScale(8339, 8350, 4, false);
    expect(s.lo).toBeLessThanOrEqual(8339);
    expect(s.hi).toBeGreaterThanOrEqual(8350);
    expect(s.ticks.length).toBeLessThanOrEqual(6);
    expect([...labelledPoints(24)].sort((a, b) => a - b)).toEqual([3, 7, 11, 15, 19, 23]);
  });

  it('the API example is real figures: its age bands add up to its people', () => {
    const f = exampleFigures();
    expect(f.ages!.total).toBe(f.summary.people);
    expect(compactJson({ a: { b: 1, c: [1, 2] } })).toBe('{\n  "a": { "b": 1, "c": [1, 2] }\n}');
  });
});
