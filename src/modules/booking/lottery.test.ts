import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawOrder } from './lottery.js';

const CODES = ['AAAA-2222', 'BBBB-3333', 'CCCC-4444', 'DDDD-5555'];

describe('lottery draw order (README: order = sha256(seed + code))', () => {
  it('sorts by the hex of sha256 over the seed followed directly by the code, lowest first', () => {
    // the rule as a citizen would recompute it from the published seed
    const seed = 'seed-one';
    const hex = (code: string) => createHash('sha256').update(`${seed}${code}`).digest('hex');
    expect(CODES.map((c) => hex(c).slice(0, 8))).toEqual(['18233979', 'fb4794c6', '4d208d45', '03b1b2ee']);
    // lowest first: 03b1… DDDD, 1823… AAAA, 4d20… CCCC, fb47… BBBB
    expect(drawOrder(seed, CODES)).toEqual(['DDDD-5555', 'AAAA-2222', 'CCCC-4444', 'BBBB-3333']);
  });

  it('depends on the seed: two seeds, two orders written down by hand; the input order does not matter', () => {
    // seed-two: 7a05… BBBB, 938e… DDDD, af97… AAAA, e730… CCCC
    expect(drawOrder('seed-two', CODES)).toEqual(['BBBB-3333', 'DDDD-5555', 'AAAA-2222', 'CCCC-4444']);
    expect(drawOrder('seed-two', [...CODES].reverse())).toEqual(['BBBB-3333', 'DDDD-5555', 'AAAA-2222', 'CCCC-4444']);
    expect(drawOrder('seed-one', [...CODES].reverse())).toEqual(['DDDD-5555', 'AAAA-2222', 'CCCC-4444', 'BBBB-3333']);
  });
});
