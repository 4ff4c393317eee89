import { describe, expect, it } from 'vitest';
import { redactUrl } from './log.js';

describe('redactUrl', () => {
  it('removes ID-shaped tokens and secret parameters from logged URLs', () => {
    expect(redactUrl('/search?q=A123456789')).toBe('/search?q=[id]');
    expect(redactUrl('/x?idNumber=F131104093&page=2')).toBe('/x?idNumber=[redacted]&page=2');
    expect(redactUrl('/reset?token=abc.def&x=1')).toBe('/reset?token=[redacted]&x=1');
    expect(redactUrl('/o/zhubei')).toBe('/o/zhubei');
  });
});
