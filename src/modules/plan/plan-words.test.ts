import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.js';
import { registerCatalog } from '../../platform/i18n/index.js';
import { planCatalog } from './i18n-plan.js';
import { readNumber, readPoints } from './plan-forms.js';
import { handMonths } from './plan-hand.js';
import { progressWindow } from './plan-progress.js';
import { formatTarget, formatValue, pointsText, reasonText, storedReason } from './plan-words.js';

registerCatalog(planCatalog);
const zh = translator('zh-Hant');
const en = translator('en');

describe('what people type', () => {
  it('reads points with one decimal, never below zero or above 100', () => {
    expect(readPoints('7.5')).toBe(75);
    expect(readPoints('０.５')).toBe(5);
    expect(readPoints('')).toBe(0);
    expect(readPoints('100')).toBe(1000);
    expect(readPoints('100.1')).toBeNull();
    expect(readPoints('7.55')).toBeNull();
    expect(readPoints('-1')).toBeNull();
    expect(readPoints('1e3')).toBeNull();
  });

  it('reads a value or a target with a sign and two decimals', () => {
    expect(readNumber('-2.5')).toBe(-2.5);
    expect(readNumber('1,234')).toBe(1234);
    expect(readNumber('')).toBeNull();
    expect(readNumber('三')).toBe('invalid');
    expect(readNumber('1.234')).toBe('invalid');
  });
});

describe('how the plan reads', () => {
  it('writes values and targets with their unit and direction', () => {
    expect(formatValue('percent', 92.55, zh, 'zh-Hant')).toBe('92.6%');
    expect(formatValue('points', 1.5, zh, 'zh-Hant')).toBe('+1.5 個百分點');
    expect(formatValue('points', -3.25, en, 'en')).toBe('-3.3 points');
    expect(formatValue('minutes', null, zh, 'zh-Hant')).toBe('—');
    expect(formatTarget({ unit: 'minutes', better: 'lower', target: 10 }, zh, 'zh-Hant')).toBe('≤ 10 分鐘');
    expect(formatTarget({ unit: 'count', better: 'higher', target: null }, zh, 'zh-Hant')).toBe('未訂目標');
    expect(pointsText(75, 'zh-Hant')).toBe('7.5');
  });

  it('keeps the reason a filed plan was revised for, behind the change’s name', () => {
    expect(storedReason('item.edit', '依縣府意見修正')).toBe('item.edit:依縣府意見修正');
    expect(reasonText('item.edit:依縣府意見修正', zh)).toBe('修改項目：依縣府意見修正');
    expect(reasonText('created', zh)).toBe('建立計畫');
    expect(reasonText('eval.frozen', zh)).toBe('eval.frozen');
  });
});

describe('the months a plan is read over', () => {
  it('reads this year up to today, a past year whole, a future year not at all', () => {
    expect(progressWindow(2026, '2026-12-03')).toMatchObject({ asOf: '2026-12-03', month: { key: '2026-12' }, ytd: { from: '2026-01-01', to: '2026-12-03' }, months: 11 + 3 / 31 });
    expect(progressWindow(2025, '2026-12-03')).toMatchObject({ asOf: '2025-12-31', month: { key: '2025-12' }, months: 12 });
    expect(progressWindow(2026, '2026-03-15')).toMatchObject({ month: { key: '2026-03' }, months: 2 + 15 / 31 });
    expect(progressWindow(2027, '2026-12-03')).toBeNull();
  });

  it('offers hand-entry months from January of the plan year up to this month (Taipei)', () => {
    // 2026-03-31T16:30Z is already 1 April in Taipei
    expect(handMonths(2026, new Date('2026-03-31T16:30:00Z'))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(handMonths(2027, new Date('2026-12-03T02:00:00Z'))).toEqual([]);
    expect(handMonths(2025, new Date('2026-12-03T02:00:00Z'))).toHaveLength(12);
  });
});
