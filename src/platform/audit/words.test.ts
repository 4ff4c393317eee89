import { expect, it } from 'vitest';
import { registerCatalog, translator } from '../i18n/index.js';
import { auditCatalog } from './i18n.js';
import { actionText, detailPairs, targetText } from './words.js';

registerCatalog(auditCatalog);
const t = translator('zh-Hant');

it('says what was done in words, and an action without words as its area and code', () => {
  expect(actionText(t, 'auth.login')).toBe('登入');
  expect(actionText(t, 'lostid.view')).toBe('檢視掛失紀錄');
  expect(actionText(t, 'booking.something_new')).toBe('預約：booking.something_new');
  expect(actionText(t, 'nowhere.x')).toBe('nowhere：nowhere.x');
});

it('names the object and the detail fields in words', () => {
  expect(targetText(t, 'lost_id_report', '12')).toBe('掛失紀錄 #12');
  expect(targetText(t, null, null)).toBe('');
  expect(detailPairs(t, '{"month":"2026-11","zzz":3}')).toEqual([
    { key: '月份', value: '2026-11' },
    { key: 'zzz', value: '3' },
  ]);
  expect(detailPairs(t, 'not json')).toEqual([{ key: '', value: 'not json' }]);
});

it('has an English line for every Chinese one', () => {
  expect(Object.keys(auditCatalog.en).sort()).toEqual(Object.keys(auditCatalog['zh-Hant']).sort());
});
