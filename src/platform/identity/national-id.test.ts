import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateIdNumber, idNumberSchema, type IdKind, maskIdNumber, normalizeIdNumber, validateIdNumber } from './national-id.js';

const BEFORE_2031 = new Date('2026-11-24T00:00:00Z');

describe('validateIdNumber', () => {
  it.each([
    ['A123456789', 'national', 'M'],
    ['F131104093', 'national', 'M'],
    // Worked by hand: B=11 → 1,1; digits 2,2,3,4,5,6,7,8,x; weights 1,9,8,7,6,5,4,3,2,1,1
    // 1+9+16+14+18+20+20+18+14+8 = 138 → check digit 2
    ['B223456782', 'national', 'F'],
    // new resident certificate, A=10 → 1,0: 1 + 8·8 + 1·1 + 4·1 = 70
    ['A800000014', 'resident', 'M'],
    // 1 + 9·8 + 7·1 = 80
    ['A900000007', 'resident', 'F'],
    // legacy: second letter counts as its code mod 10 — C=12 → 2: 1 + 2·8 + 3 = 20
    ['AC00000003', 'resident-legacy', 'M'],
    // D=13 → 3: 1 + 3·8 + 5 = 30
    ['AD00000005', 'resident-legacy', 'F'],
  ] as const)('accepts %s as %s (%s)', (id, kind, sex) => {
    const r = validateIdNumber(id, BEFORE_2031);
    expect(r).toEqual({ ok: true, value: id, kind, sex });
  });

  it.each([
    ['A123456788', 'checksum'],
    ['A823456789', 'checksum'],
    ['A12345678', 'format'],
    ['A323456789', 'format'],
    ['1123456789', 'format'],
    ['AE00000000', 'format'],
    ['', 'format'],
    ['A12345678X', 'format'],
  ] as const)('rejects %s (%s)', (id, reason) => {
    expect(validateIdNumber(id, BEFORE_2031)).toEqual({ ok: false, reason });
  });

  it('normalises full-width, lower case, spaces and hyphens', () => {
    expect(normalizeIdNumber(' ａ１２３４５６７８９ ')).toBe('A123456789');
    expect(validateIdNumber('a123-456 789').ok).toBe(true);
  });

  it('stops accepting legacy resident numbers from 2031-01-01 in Taipei', () => {
    expect(validateIdNumber('AC00000003', new Date('2030-12-31T15:59:59Z')).ok).toBe(true);
    expect(validateIdNumber('AC00000003', new Date('2030-12-31T16:00:00Z'))).toEqual({ ok: false, reason: 'legacy-expired' });
  });

  it('accepts every generated number, of every kind and sex', () => {
    const kinds: IdKind[] = ['national', 'resident', 'resident-legacy'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.constantFrom('M' as const, 'F' as const), fc.integer(), (kind, sex, seed) => {
        let s = seed;
        const random = () => {
          s = (s * 1103515245 + 12345) & 0x7fffffff;
          return s / 0x80000000;
        };
        const id = generateIdNumber(random, { kind, sex });
        const r = validateIdNumber(id, BEFORE_2031);
        expect(r).toEqual({ ok: true, value: id, kind, sex });
      }),
    );
  });

  // The checksum is weak where a weight shares a factor with 10 (weight 5 and an
  // even change, weights 2/4/6/8 and a change of 5): state exactly which changes it catches.
  it('catches a changed digit exactly when change × weight is not a multiple of 10', () => {
    const weightAt = [0, 0, 7, 6, 5, 4, 3, 2, 1, 1]; // string positions 2–9
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer(), (pos, delta, seed) => {
        let s = seed;
        const id = generateIdNumber(() => {
          s = (s * 69069 + 1) >>> 0;
          return s / 2 ** 32;
        });
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        const caught = (delta * weightAt[pos]!) % 10 !== 0;
        expect(validateIdNumber(changed, BEFORE_2031).ok).toBe(!caught);
      }),
    );
  });

  it('always catches a changed check digit', () => {
    for (let d = 1; d <= 9; d++) {
      expect(validateIdNumber(`A12345678${(9 + d) % 10}`, BEFORE_2031).ok).toBe(false);
    }
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(() => validateIdNumber(s)).not.toThrow();
      }),
    );
  });
});

describe('maskIdNumber', () => {
  it('shows the first three and last three characters only', () => {
    expect(maskIdNumber('A123456789')).toBe('A12****789');
    expect(maskIdNumber('short')).toBe('*****');
  });
});

describe('idNumberSchema', () => {
  it('speaks in catalog keys', () => {
    const msg = (v: string) => {
      const r = idNumberSchema.safeParse(v);
      return r.success ? r.data : r.error.issues[0]?.message;
    };
    expect(msg('ａ123456789')).toBe('A123456789');
    expect(msg('  ')).toBe('err.required');
    expect(msg('A12')).toBe('err.idNumber.format');
    expect(msg('A123456788')).toBe('err.idNumber.checksum');
  });
});
