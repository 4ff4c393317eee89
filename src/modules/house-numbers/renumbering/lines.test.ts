import { describe, expect, it } from 'vitest';
import { registerCatalog, translator } from '../../../platform/i18n/index.js';
import { parseNoticeForm } from './form.js';
import { renumberingCatalog } from './i18n.js';
import { MAX_LINES, readItemLines } from './lines.js';

registerCatalog(renumberingCatalog);

const side = (road: string, number: string, more: Partial<{ section: string; lane: string; alley: string; numberSub: string }> = {}) => ({
  road,
  section: more.section,
  lane: more.lane ?? '',
  alley: more.alley ?? '',
  number,
  numberSub: more.numberSub ?? '',
});

describe('the old → new list', () => {
  it('reads arrows, tabs and commas, any way of writing each side, and skips blank lines', () => {
    const text = ['光明六路10號 → 光明六路12號', '', '光明6路十一號\t光明六路14號', '  光明六路10之1號,光明六路12之1號  ', '中正路2段3巷5號 -> 中正路二段3巷7號', '光明六路20號，光明六路22號', '竹北市光明六路30號 ⇒ 光明六路32號'].join('\n');
    const { items, problems } = readItemLines(text);
    expect(problems).toEqual([]);
    expect(items.map(({ oldText, ...rest }) => rest)).toEqual([
      { line: 1, old: side('光明六路', '10'), new: side('光明六路', '12') },
      { line: 3, old: side('光明六路', '11'), new: side('光明六路', '14') },
      { line: 4, old: side('光明六路', '10', { numberSub: '1' }), new: side('光明六路', '12', { numberSub: '1' }) },
      { line: 5, old: side('中正路', '5', { section: '二', lane: '3' }), new: side('中正路', '7', { section: '二', lane: '3' }) },
      { line: 6, old: side('光明六路', '20'), new: side('光明六路', '22') },
      { line: 7, old: side('光明六路', '30'), new: side('光明六路', '32') },
    ]);
  });

  it('names each line it cannot read, with what was on it', () => {
    const text = ['光明六路10號 光明六路12號', '光明六路 → 光明六路12號', '光明六路10號 → 十二號', '光明六路10號5樓 → 光明六路12號', '光明六路10號 → 光明6路十號', '光明六路40號 → 光明六路42號', '光明6路40號 → 光明六路44號', 'a → b → c'].join('\r\n');
    const { items, problems } = readItemLines(text);
    expect(items.map((i) => i.line)).toEqual([6]);
    expect(problems).toEqual([
      { line: 1, key: 'separator', text: '光明六路10號 光明六路12號' },
      { line: 2, key: 'old', text: '光明六路' },
      { line: 3, key: 'new', text: '十二號' },
      { line: 4, key: 'floor', text: '光明六路10號5樓' },
      { line: 5, key: 'same', text: '光明六路10號 → 光明6路十號' },
      { line: 7, key: 'duplicate', text: '光明6路40號', first: 6 },
      { line: 8, key: 'separator', text: 'a → b → c' },
    ]);
    // every problem has words in both languages
    for (const locale of ['zh-Hant', 'en'] as const) {
      const t = translator(locale);
      for (const p of problems) expect(t(`renumbering.line.${p.key}`, { line: p.line, text: p.text, first: p.first ?? '' })).toContain(String(p.line));
    }
  });

  it('refuses more lines than one notice may hold', () => {
    const many = Array.from({ length: MAX_LINES + 1 }, (_, i) => `光明六路${i + 1}號 → 光明七路${i + 1}號`).join('\n');
    expect(readItemLines(many)).toMatchObject({ tooMany: true, items: [] });
  });
});

describe('the notice form', () => {
  const good = { title: '光明六路門牌整編', villages: ['10004010001', '10004010002'], effectiveOn: '115/10/1', docNo: '竹北戶字第1150001234號', note: '', items: '光明六路10號 → 光明六路12號' };
  const villages = ['10004010001', '10004010002', '10004010003'];

  it('takes a good notice, the ROC date as an ISO date', () => {
    const parsed = parseNoticeForm(good, villages);
    expect(parsed.ok && parsed.fields).toEqual({ title: '光明六路門牌整編', villages: ['10004010001', '10004010002'], effectiveOn: '2026-10-01', docNo: '竹北戶字第1150001234號', note: '' });
  });

  it('puts each problem beside its field and keeps what was typed', () => {
    const parsed = parseNoticeForm({ ...good, title: '', villages: ['99999999999'], effectiveOn: '115/13/1', items: '光明六路10號 → 光明六路12號\nxyz' }, villages);
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.state.errors.map((e) => [e.field, e.key])).toEqual([
      ['title', 'err.required'],
      ['villages', 'err.choice'],
      ['effectiveOn', 'err.date'],
      ['items', 'renumbering.err.lines'],
    ]);
    expect(parsed.state.values.items).toBe('光明六路10號 → 光明六路12號\nxyz');
    expect(parsed.state.lines).toEqual([{ line: 2, key: 'separator', text: 'xyz' }]);
  });

  it('asks for a village only when the office has villages to tick, and for at least one pair', () => {
    const none = parseNoticeForm({ ...good, villages: undefined, items: '  \n ' }, villages);
    expect(none.ok ? [] : none.state.errors.map((e) => e.key)).toEqual(['renumbering.err.villages', 'renumbering.err.noItems']);
    const noVillagesYet = parseNoticeForm({ ...good, villages: undefined }, []);
    expect(noVillagesYet.ok && noVillagesYet.fields.villages).toEqual([]);
  });
});
