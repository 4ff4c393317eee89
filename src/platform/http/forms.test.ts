import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fields, formValues, parseForm } from './forms.js';

const schema = z.object({ name: fields.text(10), email: fields.optionalEmail(), password: z.string().min(1, 'err.required') });

describe('parseForm', () => {
  it('gives one catalog-key message per field and keeps typed values but never secrets', () => {
    const r = parseForm(schema, { name: '', email: 'not-an-email', password: '', _csrf: 'tok' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.state.errors.map((e) => [e.field, e.key])).toEqual([
      ['name', 'err.required'],
      ['email', 'err.email'],
      ['password', 'err.required'],
    ]);
    expect(r.state.values).toEqual({ name: '', email: 'not-an-email' });
  });

  it('reports the limit for too-long input', () => {
    const r = parseForm(schema, { name: '一二三四五六七八九十十一', password: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.state.errors[0]).toEqual({ field: 'name', key: 'err.tooLong', params: { max: 10 } });
  });

  it('never throws and never echoes a password, whatever is posted', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()), fc.integer())), (body) => {
        const r = parseForm(schema, body);
        const values = r.ok ? r.values : r.state.values;
        expect(Object.keys(values).some((k) => /password|_csrf/i.test(k))).toBe(false);
        if (!r.ok) for (const e of r.state.errors) expect(e.key).toMatch(/^err\./);
      }),
    );
  });

  it('takes the first of repeated fields, and keeps the whole list for a checkbox group', () => {
    expect(formValues({ a: ['x', 'y'], b: 'z' })).toEqual({ a: 'x', 'a[]': 'x\u001fy', b: 'z' });
  });
});
