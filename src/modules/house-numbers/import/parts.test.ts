import { describe, expect, it } from 'vitest';
import { chineseNumeral, fromChineseNumeral, readSection, readWhole, readWithSub, splitRoad } from './parts.js';
import { readEventDate } from './register-rows.js';

describe('register cells into address parts', () => {
  it('splits the 段 off the road, in Chinese numerals, and folds 台 and full-width forms', () => {
    expect(splitRoad('中正路二段')).toEqual({ road: '中正路', section: '二' });
    expect(splitRoad('中正路2段')).toEqual({ road: '中正路', section: '二' });
    expect(splitRoad('嘉豐南路十二段')).toEqual({ road: '嘉豐南路', section: '十二' });
    expect(splitRoad(' 光明六路 ')).toEqual({ road: '光明六路', section: '' });
    expect(splitRoad('台元街')).toEqual({ road: '臺元街', section: '' });
    expect(splitRoad('嘉樂')).toEqual({ road: '嘉樂', section: '' });
    expect(splitRoad('')).toBeNull();
    expect(splitRoad('中正路|1')).toBeNull();
  });

  it('reads sections, numbers with 之 and floors the register ways', () => {
    expect(readSection('2')).toBe('二');
    expect(readSection('二段')).toBe('二');
    expect(readSection('')).toBe('');
    expect(readSection('甲')).toBeNull();
    expect(readWithSub('10', '號')).toEqual(['10', '']);
    expect(readWithSub('10之1', '號')).toEqual(['10', '1']);
    expect(readWithSub('10-1', '號')).toEqual(['10', '1']);
    expect(readWithSub('１０號之２', '號')).toEqual(['10', '2']);
    expect(readWithSub('5樓之1', '樓')).toEqual(['5', '1']);
    expect(readWithSub('', '樓')).toEqual(['', '']);
    expect(readWithSub('十', '號')).toBeNull();
    expect(readWithSub('0', '號')).toBeNull();
    expect(readWhole('3巷', '巷')).toBe('3');
    expect(readWhole('03', '巷')).toBe('3');
    expect(readWhole('x', '巷')).toBeNull();
  });

  it('writes and reads Chinese numerals 1 … 99', () => {
    expect([1, 10, 12, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '十', '十二', '二十', '二十一', '九十九']);
    for (let n = 1; n < 100; n++) expect(fromChineseNumeral(chineseNumeral(n))).toBe(n);
    expect(fromChineseNumeral('二三')).toBeNull();
  });

  it('reads event dates as ISO, ROC with slashes, or the 7-digit ROC form', () => {
    expect(readEventDate('2019-07-01')).toBe('2019-07-01');
    expect(readEventDate('2019/7/1')).toBe('2019-07-01');
    expect(readEventDate('108/07/01')).toBe('2019-07-01');
    expect(readEventDate('1151001')).toBe('2026-10-01');
    expect(readEventDate('2019-02-30')).toBeNull();
    expect(readEventDate('yesterday')).toBeNull();
  });
});
