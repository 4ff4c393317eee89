import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { knowsMessage, registerCatalog, translator } from '../i18n/index.js';
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

it('has words for every action the code records', () => {
  const src = path.resolve(import.meta.dirname, '../..');
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_.]+)'|audit\(\w+[^,()]*, '([a-z_]+\.[a-z_.]+)'/g)) found.add((m[1] ?? m[2])!);
      }
    }
  };
  walk(src);
  expect(found.size).toBeGreaterThan(50);
  expect([...found].filter((a) => !knowsMessage(`audit.do.${a}`)).sort()).toEqual([]);
});

it('says a whole list and a state in words', () => {
  expect(targetText(t, 'lost_id_report', 'list')).toBe('掛失名單');
  expect(detailPairs(t, '{"from":"filed","to":"published","offices":[1]}')).toEqual([
    { key: '自', value: '已報府備查' },
    { key: '至', value: '已公布' },
    { key: '機關', value: '[1]' },
  ]);
});
