import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../platform/http/forms.js';
import { recordSchema } from './model.js';

const base = { title: '戶籍法研習', provider: '縣府', mode: 'external', startDate: '2026-03-02', endDate: '', certificateNo: '' };

/** What the form must do with any hours typed: the rule written out the long way. */
function expected(hours: string): number | null {
  const s = hours.normalize('NFKC').trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  const centi = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return centi > 0 && centi <= 4000 ? centi : null;
}

describe('the training-entry form', () => {
  it('takes hours in (0, 40] with at most two decimals, as hundredths; anything else is a message beside hours and the typed values stay', () => {
    const hours = fc.oneof(
      fc.integer({ min: 0, max: 5000 }).map((n) => (n / 100).toString()),
      fc.integer({ min: 0, max: 60 }).map(String),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('0', '0.00', '40', '40.00', '40.01', '41', '-1', '1e1', '1.', '.5', '１０', ' 8 ', '0.001', '8.5', '1.234', '12.345'),
    );
    fc.assert(
      fc.property(hours, fc.string({ maxLength: 30 }), (h, title) => {
        const r = parseForm(recordSchema, { ...base, title, hours: h });
        const want = expected(h);
        const titleOk = title.trim().length > 0;
        if (want !== null && titleOk) {
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.data.hours).toBe(want);
          return;
        }
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.state.values.hours).toBe(h);
        expect(r.state.values.title).toBe(title);
        const fields = r.state.errors.map((e) => e.field);
        expect(fields.includes('hours')).toBe(want === null);
        expect(fields.includes('title')).toBe(!titleOk);
      }),
      { numRuns: 500 },
    );
  });

  it('an end date before the start is refused beside the end date; a blank end is the start day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 28 }), (a, b) => {
        const day = (d: number) => `2026-05-${String(d).padStart(2, '0')}`;
        const r = parseForm(recordSchema, { ...base, hours: '2', startDate: day(a), endDate: day(b) });
        expect(r.ok).toBe(b >= a);
        if (!r.ok) expect(r.state.errors).toEqual([{ field: 'endDate', key: 'training.err.endBefore', params: {} }]);
      }),
    );
    const blank = parseForm(recordSchema, { ...base, hours: '2' });
    expect(blank.ok && blank.data.endDate).toBe('2026-03-02');
  });
});
