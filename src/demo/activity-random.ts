/**
 * Randomness and made-up identities for generated activity (activity.ts).
 *
 * A small seeded generator of our own (mulberry32) rather than Math.random,
 * which cannot be seeded, or node:crypto, which cannot repeat: the same seed
 * must give the same rows on any machine and Node version, so a demo looks
 * the same every time, a benchmark measures the same data and a test can
 * count it. It is fast and statistically good enough for synthetic figures;
 * it is never used for anything secret.
 */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts: one independent stream per (seed, office, day, purpose), so a day's rows never depend on the days before it. */
export function streamOf(seed: number, ...parts: (number | string)[]): Rng {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return mulberry32(fmix32(h >>> 0));
}

export const chance = (rng: Rng, p: number): boolean => rng() < p;
export const intBetween = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

export function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [v, w] of entries) {
    r -= w;
    if (r < 0) return v;
  }
  return entries[entries.length - 1]![0];
}

/** Standard normal (Box–Muller). */
export function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Right-skewed durations: most short, a long tail (waits, service times). */
export const logNormal = (rng: Rng, median: number, sigma: number): number => median * Math.exp(sigma * normal(rng));

/** How many events of a day with this mean: Knuth for small means, the normal approximation above 30. */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/**
 * murmur3's finaliser: a bijection on 32 bits. Codes made from a row's
 * serial number through it look random yet can never repeat, so they stay
 * unique across runs on one database without asking it (see `Serials`).
 * The keys below are fixed, never seeded: a different seed must not map
 * two serials to one code.
 */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const KEYS = [0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19, 0x6a09e667, 0xbb67ae85];
const word = (n: number, k: number) => fmix32((n ^ KEYS[k % KEYS.length]!) >>> 0);

function bytesOf(n: number, salt: number, length: number): Buffer {
  const out = Buffer.alloc(Math.ceil(length / 4) * 4);
  // the first word alone is a bijection of the serial: the rest only pads
  out.writeUInt32BE(word(n, salt), 0);
  for (let i = 4; i < out.length; i += 4) out.writeUInt32BE(fmix32(word(n, salt) + i * 0x9e3779b9), i);
  return out.subarray(0, length);
}

/** 64 hex characters, unique per serial and salt (stands in for a keyed hash or a ciphertext when there is no vault). */
export const hexOf = (n: number, salt: number): string => bytesOf(n, salt, 32).toString('hex');

/** Like the app's `randomBytes(k).toString('base64url')`. */
export const base64urlOf = (n: number, salt: number, bytes: number): string => bytesOf(n, salt, bytes).toString('base64url');

function digits(value: number, alphabet: string, count: number): string {
  let v = value;
  let s = '';
  for (let i = 0; i < count; i++) {
    s = alphabet[v % alphabet.length]! + s;
    v = Math.floor(v / alphabet.length);
  }
  return s;
}

const BOOKING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** XXXX-XXXX (booking/codes.ts): 31^7 > 2^32 holds the unique word; one more character from another. */
export function bookingCodeOf(n: number): string {
  const s = digits(word(n, 2), BOOKING_ALPHABET, 7) + BOOKING_ALPHABET[word(n, 3) % 31]!;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** K7QM-4XP2-9D (cases/service.ts): 32 bits unique plus 18 bits more. */
export function caseReferenceOf(n: number): string {
  const raw = digits(word(n, 4), REFERENCE_ALPHABET, 7) + digits(word(n, 5) % 32768, REFERENCE_ALPHABET, 3);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** L + yymmdd (UTC) + 6 hex (lost-id/service.ts): the 24 bits are a bijection of the serial modulo 2^24. */
export function lostIdReferenceOf(n: number, instant: string): string {
  let x = n & 0xffffff;
  x ^= x >>> 12;
  x = Math.imul(x, 0x2545f491) & 0xffffff;
  x ^= x >>> 11;
  x = Math.imul(x, 0x9e3779b1) & 0xffffff;
  x ^= x >>> 12;
  return `L${instant.slice(2, 10).replace(/-/g, '')}${x.toString(16).toUpperCase().padStart(6, '0')}`;
}

const SURNAMES = '陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴';
const GIVEN = '志明雅婷家豪怡君俊傑淑芬建宏美玲宗翰佳穎冠廷詩涵承恩欣怡柏翰宜蓁文雄秀英國華麗華信宏佩珊子晴品妍宥廷';

const SURNAME_LIST = [...SURNAMES];
const GIVEN_LIST = [...GIVEN];

export function personName(rng: Rng): string {
  return `${pick(rng, SURNAME_LIST)}${pick(rng, GIVEN_LIST)}${pick(rng, GIVEN_LIST)}`;
}

/** A mobile number in the 0900 range nobody is given in the demo's made-up county. */
export function mobile(rng: Rng): string {
  return `09${intBetween(rng, 10, 99)}-${String(intBetween(rng, 0, 999)).padStart(3, '0')}-${String(intBetween(rng, 0, 999)).padStart(3, '0')}`;
}

const LETTERS = [...'ABCDEFGHJKMNPQTUVWXZ'];
const LETTER_CODES: Record<string, number> = { A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, J: 18, K: 19, M: 21, N: 22, P: 23, Q: 24, T: 27, U: 28, V: 29, W: 32, X: 30, Z: 33 };
const ID_WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1];

/**
 * An ID-shaped number whose check digit is deliberately wrong: it can be
 * encrypted and masked like a real one (A12****789) but belongs to nobody,
 * because no number with a wrong check digit is ever issued. The seven
 * middle digits are a bijection of the serial (an affine map modulo 10^7),
 * so two rows of one table never share one: a lost-ID report in force is
 * unique per person.
 */
export function fakeIdNumber(serial: number, rng: Rng): string {
  const letter = pick(rng, LETTERS);
  const middle = (((serial % 10_000_000) * 7_654_321 + 1_234_567) % 10_000_000).toString().padStart(7, '0');
  const body = `${letter}${chance(rng, 0.5) ? 1 : 2}${middle}`;
  const c = LETTER_CODES[letter]!;
  const ds = [Math.floor(c / 10), c % 10, ...body.slice(1).split('').map(Number)];
  const sum = ds.reduce((s, d, i) => s + d * ID_WEIGHTS[i]!, 0);
  const right = (10 - (sum % 10)) % 10;
  return `${body}${(right + 1 + intBetween(rng, 0, 8)) % 10}`;
}
