import { z } from 'zod';

/**
 * National ID (國民身分證統一編號) and resident certificate numbers
 * (統一證號): new format (2nd char 8/9) and the legacy one (2nd char A–D,
 * valid until 2031-01-01). Rules and vectors: shared/DOMAIN.md.
 */
export type IdKind = 'national' | 'resident' | 'resident-legacy';
export type IdValidation =
  | { ok: true; value: string; kind: IdKind; sex: 'M' | 'F' }
  | { ok: false; reason: 'format' | 'checksum' | 'legacy-expired' };

const LETTER_CODES: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};
const WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];
/** Legacy resident numbers stop being valid at midnight 2031-01-01 in Taipei. */
const LEGACY_END = Date.parse('2031-01-01T00:00:00+08:00');

export function normalizeIdNumber(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase().replace(/[\s-]/g, '');
}

/** The 11 digits the checksum runs over: the first letter's two digits, then the rest. */
function checksumDigits(id: string): number[] {
  const letter = LETTER_CODES[id[0]!]!;
  const second = /[A-D]/.test(id[1]!) ? LETTER_CODES[id[1]!]! % 10 : Number(id[1]);
  return [Math.floor(letter / 10), letter % 10, second, ...id.slice(2).split('').map(Number)];
}

function checksumOk(id: string): boolean {
  const digits = checksumDigits(id);
  return digits.reduce((sum, d, i) => sum + d * WEIGHTS[i]!, 0) % 10 === 0;
}

function kindOf(id: string): { kind: IdKind; sex: 'M' | 'F' } | null {
  if (!/^[A-Z][1289A-D]\d{8}$/.test(id)) return null;
  const c = id[1]!;
  if (c === '1' || c === '2') return { kind: 'national', sex: c === '1' ? 'M' : 'F' };
  if (c === '8' || c === '9') return { kind: 'resident', sex: c === '8' ? 'M' : 'F' };
  return { kind: 'resident-legacy', sex: c === 'A' || c === 'C' ? 'M' : 'F' };
}

export function validateIdNumber(input: string, at: Date = new Date()): IdValidation {
  const value = normalizeIdNumber(typeof input === 'string' ? input : '');
  const k = kindOf(value);
  if (!k) return { ok: false, reason: 'format' };
  if (!checksumOk(value)) return { ok: false, reason: 'checksum' };
  if (k.kind === 'resident-legacy' && at.getTime() >= LEGACY_END) return { ok: false, reason: 'legacy-expired' };
  return { ok: true, value, ...k };
}

export function isValidIdNumber(input: string, at?: Date): boolean {
  return validateIdNumber(input, at).ok;
}

/** A12****789: enough for a person to recognise their own number, not enough to use it. */
export function maskIdNumber(id: string): string {
  if (id.length !== 10) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}****${id.slice(7)}`;
}

const LETTERS = Object.keys(LETTER_CODES);

/** Checksum-valid numbers for demo data and tests (never real people: the digits are random). */
export function generateIdNumber(random: () => number, opts: { kind?: IdKind; sex?: 'M' | 'F'; letter?: string } = {}): string {
  const kind = opts.kind ?? 'national';
  const sex = opts.sex ?? (random() < 0.5 ? 'M' : 'F');
  const letter = opts.letter ?? LETTERS[Math.floor(random() * LETTERS.length)]!;
  const second =
    kind === 'national' ? (sex === 'M' ? '1' : '2') : kind === 'resident' ? (sex === 'M' ? '8' : '9') : sex === 'M' ? 'A' : 'B';
  const middle = Array.from({ length: 7 }, () => Math.floor(random() * 10)).join('');
  const partial = `${letter}${second}${middle}0`;
  const sum = checksumDigits(partial).reduce((s, d, i) => s + d * WEIGHTS[i]!, 0);
  return `${letter}${second}${middle}${(10 - (sum % 10)) % 10}`;
}

const REASON_KEYS = { format: 'err.idNumber.format', checksum: 'err.idNumber.checksum', 'legacy-expired': 'err.idNumber.legacyExpired' } as const;

/** A form field: normalises, validates, and speaks in catalog keys. */
export const idNumberSchema = z.string({ error: 'err.required' }).transform((raw, ctx) => {
  if (normalizeIdNumber(raw) === '') {
    ctx.addIssue({ code: 'custom', message: 'err.required' });
    return z.NEVER;
  }
  const r = validateIdNumber(raw);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: REASON_KEYS[r.reason] });
    return z.NEVER;
  }
  return r.value;
});
