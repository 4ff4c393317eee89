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

describe('birth dates as people type them', () => {
  const today = () => new Date('2026-12-01T02:00:00Z');
  const field = fields.birthDate('err.date', today);
  const parse = (v: string) => {
    const r = field.safeParse(v);
    return r.success ? r.data : r.error.issues[0]?.message;
  };
  it.each([
    ['1980-05-06', '1980-05-06'],
    ['1980/5/6', '1980-05-06'],
    ['1980.05.06', '1980-05-06'],
    ['690506', '1980-05-06'],
    ['０６９０５０６', '1980-05-06'],
    ['69/5/6', '1980-05-06'],
    ['民國69年5月6日', '1980-05-06'],
    ['1001231', '2011-12-31'],
    ['115/12/1', '2026-12-01'],
  ])('%s → %s', (typed, iso) => {
    expect(parse(typed)).toBe(iso);
  });
  it('refuses a day after today, more than 130 years ago, and what is no date', () => {
    expect(parse('115/12/2')).toBe('err.birthFuture');
    expect(parse('2030/1/1')).toBe('err.birthFuture');
    expect(parse('1896/11/30')).toBe('err.birthTooOld');
    expect(parse('1896/12/01')).toBe('1896-12-01');
    expect(parse('1980/2/30')).toBe('err.date');
    expect(parse('691306')).toBe('err.date');
  });
});
