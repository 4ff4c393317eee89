import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors.js';
import { hasRefusedControl, jsonTooDeep, parseUrlEncoded, refusedField, stripControls } from './input-guard.js';

describe('input guard', () => {
  it('reads a form from its bytes: repeated names as a list, + as a space, no prototype', () => {
    const body = parseUrlEncoded(Buffer.from('a=1&a=2&b=x+y&c=%E6%88%B6&__proto__=z&d&=e&f=%zz&g=100%'));
    expect(Object.getPrototypeOf(body)).toBe(null);
    expect({ ...body }).toEqual({ a: ['1', '2'], b: 'x y', c: '戶', ['__proto__']: 'z', d: '', '': 'e', f: '%zz', g: '100%' });
    expect({ ...parseUrlEncoded(Buffer.alloc(0)) }).toEqual({});
  });

  it('refuses bytes that are not UTF-8, raw or escaped, naming the field; a U+FFFD sent as UTF-8 is text', () => {
    const refused = (raw: Buffer) => {
      try {
        parseUrlEncoded(raw);
        return null;
      } catch (err) {
        return { code: (err as AppError).code, fields: (err as AppError).fields };
      }
    };
    const named = (field: string) => ({ code: 'validation', fields: [{ field, key: 'err.encoding', params: { field } }] });
    expect(refused(Buffer.concat([Buffer.from('a=1&x='), Buffer.from([0xc3, 0x28])]))).toEqual(named('x'));
    expect(refused(Buffer.from('a=1&name=%A4%E1%AC%46'))).toEqual(named('name'));
    expect(refused(Buffer.concat([Buffer.from('n'), Buffer.from([0xff]), Buffer.from('=1')]))).toEqual(named('n?'));
    expect(parseUrlEncoded(Buffer.from('x=%EF%BF%BD%EF%BB%BFa')).x).toBe('\uFFFD\uFEFFa');
  });

  it('refuses C0 controls except tab, line feed and carriage return', () => {
    for (let c = 0; c < 0x20; c++) expect(hasRefusedControl(`a${String.fromCharCode(c)}b`)).toBe(c !== 9 && c !== 10 && c !== 13);
    expect(hasRefusedControl('戶政 é \u007f')).toBe(false);
    expect(stripControls('\u0000戶\u0001政\t')).toBe('戶政\t');
  });

  it('names the first refused field, in a name, a list or nested JSON', () => {
    expect(refusedField({ a: 'ok', b: ['x', 'y\u0000'] })).toEqual({ field: 'b', key: 'err.controlChars', params: { field: 'b' } });
    expect(refusedField({ a: { deep: [{ v: 'bad\u0001' }] } })).toEqual({ field: 'a', key: 'err.controlChars', params: { field: 'a' } });
    // U+FFFD is refused only where a lossy decoder (busboy, for multipart) may have put it in place of bad bytes
    expect(refusedField({ a: 'x\uFFFD' })).toBe(null);
    expect(refusedField({ a: 'x\uFFFD' }, { decodedLossily: true })).toEqual({ field: 'a', key: 'err.encoding', params: { field: 'a' } });
    expect(refusedField({ 'n\u0000ame': 'x' })).toEqual({ field: 'name', key: 'err.controlChars', params: { field: 'name' } });
    expect(refusedField('text\u0000')).toEqual({ field: '_body', key: 'err.controlChars', params: { field: '_body' } });
    expect(refusedField({ a: 'line\r\nnext\ttab', n: 3, z: null })).toBe(null);
    expect(refusedField(undefined)).toBe(null);
  });

  it('measures JSON depth without recursion, ignoring brackets inside strings', () => {
    expect(jsonTooDeep('['.repeat(200_000) + ']'.repeat(200_000), 32)).toBe(true);
    expect(jsonTooDeep(`${'['.repeat(32)}${']'.repeat(32)}`, 32)).toBe(false);
    expect(jsonTooDeep(`${'['.repeat(33)}${']'.repeat(33)}`, 32)).toBe(true);
    expect(jsonTooDeep(JSON.stringify({ a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', b: '\\"[[' }), 2)).toBe(false);
    expect(jsonTooDeep('{"a":{"b":{"c":1}}}', 2)).toBe(true);
  });
});
