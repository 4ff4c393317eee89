import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALLOWED, catalogTexts, checkCatalogs, offencesIn } from '../../../scripts/check-zh-punct.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const load = (file: string) => import(file) as Promise<Record<string, unknown>>;
const rules = (text: string) => offencesIn(text).map((o) => o.rule);

describe('zh-Hant punctuation checker', () => {
  it('finds each kind of offence', () => {
    expect(rules('網路問卷: 連結')).toEqual(['half-width punctuation beside Chinese']);
    expect(rules('請確認,謝謝')).toEqual(['half-width punctuation beside Chinese']);
    expect(rules('占比 (%)')).toEqual(['half-width parentheses around Chinese']);
    expect(rules('英文(English)')).toEqual(['half-width parentheses around Chinese']);
    expect(rules('{date}（星期二） 的時段')).toEqual(['space beside full-width punctuation']);
    expect(rules('3 號 櫃台')).toEqual(['space between Chinese characters']);
    expect(rules('今天是 {date}')).toEqual(['space beside a placeholder that is Chinese']);
    expect(rules('{office} {month} 管考')).toHaveLength(2);
    expect(rules('本報表於 {at} 送出')).toEqual(['space beside a placeholder that is Chinese']);
    expect(rules('民國 115 年 12 月 12 日')).toContain('space inside a date');
    expect(rules('{year} 年（民國{roc}年）')).toEqual(['space inside a date']);
  });

  it('leaves the project style alone: spaces around numbers and Latin, times, examples, placeholders', () => {
    for (const ok of [
      '第 3 步，共 {of} 步',
      '3 號櫃台',
      '例如 08:30-12:00, 13:30-16:30；不開放請留空。',
      '例如 (03) 555-0101 或 0912-345-678',
      '以 https:// 開頭的網址。',
      '民國115年12月12日（星期六）',
      '{date}的時段',
      '本報表於{at} 送出',
      '請於 {time} 後再報到。',
      '用「;」分隔',
      '期間最長 10 年，請縮短期間。',
      '{v} 日',
    ]) {
      expect([ok, offencesIn(ok)]).toEqual([ok, []]);
    }
  });
});

describe('zh-Hant catalogs', () => {
  it('are all found: the platform catalog and the modules', async () => {
    const texts = await catalogTexts(root, load);
    const files = new Set(texts.map((t) => t.file));
    expect(files).toContain('src/platform/i18n/zh-Hant.ts');
    expect(files).toContain('src/modules/booking/i18n.ts');
    expect(files.size).toBeGreaterThan(20);
    expect(texts.filter((t) => Object.hasOwn(ALLOWED, t.key))).toHaveLength(Object.keys(ALLOWED).length);
  });

  it('have full-width punctuation and no stray spaces in every zh-Hant text (node scripts/check-zh-punct.mjs lists them)', async () => {
    const offences = await checkCatalogs(root, load);
    expect(offences.map((o) => `${o.file}:${o.line} ${o.key} [${o.rule}] ${o.excerpt}`)).toEqual([]);
  });
});
