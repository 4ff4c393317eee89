import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AddressParts, addressLabel, type ParsedQuery } from './address.js';
import { arabicToChinese, parseAddress, readAddress } from './normalise.js';

/**
 * Road names built the way Taiwan's are — a name, maybe a direction, maybe a
 * numeral, then 路/街/大道 — from names that are also towns (中山, 信義, 三民,
 * 公館), villages (美村) or counties (新竹) on purpose: the reader must not
 * peel them off as places. Plus area names without a road (嘉樂, 那羅).
 */
const NAMES = ['光明', '中正', '中山', '信義', '三民', '公館', '美村', '新竹', '縣政', '嘉豐', '建國', '民族', '重慶', '忠孝', '博愛', '成功', '莊敬', '自強', '文化', '環北'];
const road = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom('', '東', '西', '南', '北'), fc.option(fc.integer({ min: 1, max: 12 })), fc.constantFrom('路', '街', '大道')).map(([n, d, k, t]) => `${n}${d}${k === null ? '' : arabicToChinese(k)}${t}`) },
  { weight: 1, arbitrary: fc.constantFrom('嘉樂', '那羅', '錦屏') },
);
const whole = (max: number) => fc.integer({ min: 1, max }).map(String);
const maybe = (max: number) => fc.option(whole(max), { nil: '' });

const parts: fc.Arbitrary<AddressParts> = fc
  .record({
    road,
    section: fc.option(fc.integer({ min: 1, max: 9 }).map(arabicToChinese), { nil: '' }),
    lane: maybe(999),
    alley: maybe(99),
    number: whole(9999),
    numberSub: maybe(30),
    floor: maybe(99),
    floorSub: maybe(9),
  })
  // addressLabel writes 之 before 號 when a floor follows (10之1號5樓), so every combination reads back
  .map((p) => (p.floor ? p : { ...p, floorSub: '' }));

/** ParsedQuery leaves a part out when it is not there; AddressParts writes ''. */
const asParts = (q: ParsedQuery): AddressParts => ({
  road: q.road ?? '',
  section: q.section ?? '',
  lane: q.lane ?? '',
  alley: q.alley ?? '',
  number: q.number ?? '',
  numberSub: q.numberSub ?? '',
  floor: q.floor ?? '',
  floorSub: q.floorSub ?? '',
});

const PREFIXES = ['', '竹北市', '新竹縣竹北市', '竹北', '臺竹北', '新竹縣尖石鄉', '竹北市竹北里', '竹北市竹北里5鄰', '臺北市中正區', '澎湖縣湖西鄉'];

/** The same text as someone else might type it: spaces anywhere, full-width digits, 台 for 臺. */
function retype(text: string, spaces: number[], wide: boolean[], tai: boolean): string {
  let out = '';
  [...text].forEach((c, i) => {
    if (spaces[i % spaces.length] === 0) out += [' ', '\u3000', '\t'][i % 3];
    out += wide[i % wide.length] && /\d/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c;
  });
  return tai ? out.replaceAll('臺', '台') : out;
}

describe('the reader, on generated addresses', () => {
  it('reads every official label back into the parts it was written from', () => {
    fc.assert(
      fc.property(parts, fc.constantFrom(...PREFIXES), (p, prefix) => {
        const { query, rest } = readAddress(prefix + addressLabel(p));
        expect(rest).toBe('');
        expect(asParts(query)).toEqual(p);
      }),
      { numRuns: 600 },
    );
  });

  it('reads a 之 number with a floor when the 之 stands before 號 (10之1號5樓), the one unambiguous way to write both', () => {
    fc.assert(
      fc.property(parts, whole(30), whole(99), (p, sub, floor) => {
        const label = addressLabel({ ...p, numberSub: '', floor: '', floorSub: '' }).replace(/號$/, `之${sub}號${floor}樓`);
        expect(asParts(parseAddress(label))).toEqual({ ...p, numberSub: sub, floor, floorSub: '' });
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same whatever spaces, full-width digits or 台 are typed in', () => {
    fc.assert(
      fc.property(
        parts,
        fc.constantFrom(...PREFIXES),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (p, prefix, spaces, wide, tai) => {
          const text = prefix + addressLabel(p);
          expect(parseAddress(retype(text, spaces, wide, tai))).toEqual(parseAddress(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws, and what it gives is always in the register’s form', () => {
    const addressy = fc.array(fc.constantFrom(...'光明六路中正段巷弄號樓之一二三十百千〇零兩0123456789-－ 　台臺竹北市縣鄉村里鄰FBf地下，。'.split('')), { maxLength: 40 }).map((a) => a.join(''));
    const anything = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), addressy);
    fc.assert(
      fc.property(anything, (text) => {
        const q = parseAddress(text);
        for (const k of ['lane', 'alley', 'number', 'numberSub', 'floorSub'] as const) if (q[k] !== undefined) expect(q[k]).toMatch(/^\d+$/);
        if (q.floor !== undefined) expect(q.floor).toMatch(/^(地下)?\d+$/);
        if (q.section !== undefined) expect(q.section).toMatch(/^[〇零一二三四五六七八九十百千]+$/);
        if (q.road !== undefined) expect(q.road).not.toMatch(/[\s\d台]/);
      }),
      { numRuns: 500 },
    );
  });
});
