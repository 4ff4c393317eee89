import { describe, expect, it } from 'vitest';
import { registerCatalog, translator } from '../../platform/i18n/index.js';
import { sharedMax, smallMultipleSvg } from './charts.js';
import { buildBoard, chartMonths, countyValues, leagueOf, median, type OfficeRef, officeValues, rankBy, seriesOf } from './county.js';
import { headlineSheet, leagueSheet, seriesSheet, spreadsheetNames } from './county-sheets.js';
import { figureDef } from './headline.js';
import { parsePeriod } from './periods.js';
import { figuresCatalog } from './i18n.js';
import { countyCatalog } from './i18n-county.js';

registerCatalog(figuresCatalog);
registerCatalog(countyCatalog);

const def = (key: string) => figureDef(key)!;
const keys = <T>(rows: { item: T; rank: number | null }[]) => rows.map((r) => [r.item, r.rank]);

describe('league ranks', () => {
  it('higher is better: largest first, ties share a rank and the next rank skips, no value last without a rank', () => {
    const ranked = rankBy({ better: 'higher' }, [
      { item: 'A', value: 90 },
      { item: 'B', value: 80 },
      { item: 'C', value: 90 },
      { item: 'D', value: null },
      { item: 'E', value: 70 },
    ]);
    // 90, 90 share 1; 80 is third; 70 fourth; D unranked at the end
    expect(keys(ranked)).toEqual([
      ['A', 1],
      ['C', 1],
      ['B', 3],
      ['E', 4],
      ['D', null],
    ]);
  });

  it('lower is better: smallest first', () => {
    const ranked = rankBy({ better: 'lower' }, [
      { item: 'A', value: 5 },
      { item: 'B', value: 3 },
      { item: 'C', value: 3 },
      { item: 'D', value: 8 },
    ]);
    expect(keys(ranked)).toEqual([
      ['B', 1],
      ['C', 1],
      ['A', 3],
      ['D', 4],
    ]);
  });

  it('plain volumes: by size, largest first', () => {
    const ranked = rankBy({ better: null }, [
      { item: 'A', value: 10 },
      { item: 'B', value: 200 },
      { item: 'C', value: null },
      { item: 'D', value: 50 },
    ]);
    expect(keys(ranked)).toEqual([
      ['B', 1],
      ['D', 2],
      ['A', 3],
      ['C', null],
    ]);
  });
});

describe('county median of office values', () => {
  it('odd count: the middle value', () => {
    expect(median([3, 1, 2])).toBe(2);
    // nulls are not values: 1, 5, 9 → 5
    expect(median([5, null, 1, 9])).toBe(5);
  });
  it('even count: the mean of the middle two', () => {
    // 1, 2, 3, 10 → (2 + 3) / 2
    expect(median([10, 1, 3, 2])).toBe(2.5);
    // (80 + 85.5) / 2 = 82.75
    expect(median([85.5, 80])).toBe(82.75);
  });
  it('no value: none', () => {
    expect(median([])).toBeNull();
    expect(median([null, null])).toBeNull();
  });
});

describe('the county total comes from summed tallies, not from averaging offices', () => {
  // A: 10 waited, 9 within 15 min (90%), waits 5.0 min ×3; B: 90 waited, 45 within (50%), a wait of 10.0 min
  const a = { 'q.tickets': 10, 'q.waited': 10, 'q.within15': 9, 'q.wait.50': 3 };
  const b = { 'q.tickets': 90, 'q.waited': 90, 'q.within15': 45, 'q.wait.100': 1 };

  it('differs from the naive average on a crafted case', () => {
    const county = countyValues([a, b]);
    const naive = (officeValues(a).within15! + officeValues(b).within15!) / 2;
    expect(officeValues(a).within15).toBe(90);
    expect(officeValues(b).within15).toBe(50);
    expect(naive).toBe(70);
    // (9 + 45) / (10 + 90) = 54%
    expect(county.within15).toBe(54);
    expect(county.tickets).toBe(100);
    // median wait: the county histogram is 5.0 ×3, 10.0 ×1 → 2nd of 4 = 5.0; averaging the medians (5 and 10) would say 7.5
    expect(county.waitP50).toBe(5);
    expect((officeValues(a).waitP50! + officeValues(b).waitP50!) / 2).toBe(7.5);
  });

  it('an office with nothing has no figures; site searches count in the county only', () => {
    expect(officeValues({}).tickets).toBeNull();
    expect(officeValues(a).searches).toBeNull();
    const county = countyValues([a, {}], { 'x.searches': 40, 'x.none': 4 });
    expect(county.searches).toBe(40);
    // 4 of 40
    expect(county.searchesNone).toBe(10);
    expect(countyValues([{}, {}]).tickets).toBeNull();
  });
});

const offices: OfficeRef[] = [
  { id: 1, code: 'a', name: '甲所', closed: false },
  { id: 2, code: 'b', name: '乙所', closed: false },
  { id: 3, code: 'c', name: '丙所', closed: false },
];

describe('board, changes and league', () => {
  // now: 甲 waited 10 (8 within, 80%), tickets 40; 乙 waited 30 (27 within, 90%), tickets 60; 丙 nothing
  // previous: 甲 waited 10 (7 within, 70%), tickets 50; 乙 waited 20 (19 within, 95%), tickets 40
  // last year: 甲 tickets 0 (a row with no tickets), 乙 nothing
  const now = new Map([
    [1, { 'q.tickets': 40, 'q.waited': 10, 'q.within15': 8 }],
    [2, { 'q.tickets': 60, 'q.waited': 30, 'q.within15': 27 }],
  ]);
  const previous = new Map([
    [1, { 'q.tickets': 50, 'q.waited': 10, 'q.within15': 7 }],
    [2, { 'q.tickets': 40, 'q.waited': 20, 'q.within15': 19 }],
  ]);
  const lastYear = new Map([[1, { 'q.support': 1 }]]);
  const board = buildBoard(offices, { now, previous, lastYear });

  it('changes: points for percentages, growth for the rest, none without a base', () => {
    const a = board.cells.get(1)!;
    // 80 − 70 = +10 points; tickets 40 on 50 = −20%
    expect(a.within15).toEqual({ value: 80, onPrevious: 10, onLastYear: null });
    // last year 0 tickets: no growth on a base of 0
    expect(a.tickets).toEqual({ value: 40, onPrevious: -20, onLastYear: null });
    const b = board.cells.get(2)!;
    // 90 − 95 = −5 points; 60 on 40 = +50%
    expect(b.within15!.onPrevious).toBe(-5);
    expect(b.tickets!.onPrevious).toBe(50);
    expect(board.cells.get(3)!.tickets).toEqual({ value: null, onPrevious: null, onLastYear: null });
  });

  it('county total and its change from summed tallies', () => {
    // now 35 of 40 = 87.5%; before 26 of 30 = 86.7%; +0.8 points; tickets 100 on 90 = +11.1%
    expect(board.county.within15).toEqual({ value: 87.5, onPrevious: 0.8, onLastYear: null });
    expect(board.county.tickets).toEqual({ value: 100, onPrevious: 11.1, onLastYear: null });
  });

  it('league: ranked offices, the empty one last, the median of the two values', () => {
    const l = leagueOf(board, def('within15'));
    expect(l.rows.map((r) => [r.item.code, r.rank, r.value])).toEqual([
      ['b', 1, 90],
      ['a', 2, 80],
      ['c', null, null],
    ]);
    expect(l.median).toBe(85);
    const t = translator('zh-Hant');
    const compared = { previous: parsePeriod('2026-10')!, lastYear: parsePeriod('2025-11')! };
    const sheet = leagueSheet(l, t, 'zh-Hant', compared);
    expect(sheet.headers).toEqual(['名次', '戶政事務所', '15分鐘內受理比率（%）', '15分鐘內受理比率較上期（民國115年10月）（百分點）', '15分鐘內受理比率較去年同期（民國114年11月）（百分點）']);
    expect(sheet.rows).toEqual([
      [1, '乙所', 90, -5, null],
      [2, '甲所', 80, 10, null],
      [null, '丙所', null, null, null],
      [null, '各所中位數', 85, null, null],
    ]);
    const queue = headlineSheet(board, 'queue', t, 'zh-Hant', compared);
    expect(queue.rows.at(-1)!.slice(0, 4)).toEqual(['全縣合計', 100, 11.1, null]);
  });
});

describe('small multiples', () => {
  it('cover the twelve months up to the period', () => {
    const keysOf = (p: string) => chartMonths(parsePeriod(p)!).map((m) => m.key);
    expect(keysOf('2026-11')).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(keysOf('2026')[0]).toBe('2026-01');
    expect(keysOf('2026')[11]).toBe('2026-12');
    expect(keysOf('2026-Q1')[0]).toBe('2025-04');
  });

  it('share one scale and scale with a viewBox', () => {
    expect(sharedMax([[3, null], [7]], 'count')).toBe(10);
    expect(sharedMax([[23]], 'count')).toBe(25);
    expect(sharedMax([[0.4]], 'days')).toBe(0.5);
    expect(sharedMax([[62]], 'percent')).toBe(100);
    expect(sharedMax([[null]], 'count')).toBe(1);
    const months = chartMonths(parsePeriod('2026-11')!);
    const svg = smallMultipleSvg({ months, values: months.map((_, i) => (i === 3 ? null : i)), max: 20, locale: 'zh-Hant' });
    expect(svg.startsWith('<svg width="100%" xmlns')).toBe(true);
    expect(svg).toContain('viewBox="0 0 320 180"');
    expect(svg).not.toMatch(/^<svg[^>]*height=/);
    expect(svg).toContain('11月');
  });

  it('series: each office month by month, and the county from the summed months', () => {
    const months = [{ tallies: new Map([[1, { 'q.tickets': 4 }]]) }, { tallies: new Map([[1, { 'q.tickets': 6 }], [2, { 'q.tickets': 5 }]]) }];
    const s = seriesOf(offices, months, def('tickets'));
    expect(s.byOffice.get(1)).toEqual([4, 6]);
    expect(s.byOffice.get(2)).toEqual([null, 5]);
    expect(s.county).toEqual([4, 11]);
    const sheet = seriesSheet(offices, chartMonths(parsePeriod('2026-02')!).slice(10), s, def('tickets'), translator('zh-Hant'), 'zh-Hant');
    expect(sheet.rows).toEqual([
      ['民國115年1月', 4, null, null, 4],
      ['民國115年2月', 6, 5, null, 11],
    ]);
  });
});

it('spreadsheet names: at most 31 characters, none alike', () => {
  const long = 'Rank – Satisfaction with petition handling';
  const names = spreadsheetNames([
    { name: long, headers: [], rows: [] },
    { name: `${long} again`, headers: [], rows: [] },
    { name: 'a:b', headers: [], rows: [] },
  ]).map((s) => s.name);
  expect(names[0]).toBe('Rank – Satisfaction with petiti');
  expect(names[1]).toBe('Rank – Satisfaction with peti 2');
  expect(names[2]).toBe('a b');
});
