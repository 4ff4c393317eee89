import type { ParsedQuery } from './address.js';
import { arabicToChinese, chineseToArabic, NUMERAL_CHARS, NUMERAL_RUN, stripZeros } from './normalise-numerals.js';
import { COUNTIES, type County, TOWN_COUNTIES, TOWNS_BY_BARE } from './normalise-places.js';

export { arabicToChinese, chineseToArabic } from './normalise-numerals.js';

/**
 * Reads an address the way people type it into the register's parts
 * (DOMAIN.md "Addresses: numerals and coordinates"). The register keeps
 * Chinese numerals in road names and 段 (光明六路, 中正路二段) and Arabic
 * numerals for lanes, alleys, numbers and floors (3巷, 10號, 5樓之1), so a
 * query is folded towards exactly that: 「光明6路十號」, 「臺竹北光明六路 10 號」
 * and 「竹北市光明六路10號」 all read as road 光明六路, number 10.
 *
 * The reading goes left to right: fold the characters, peel the place words
 * (county, town, village, 鄰), split the road off at its 路/街/大道, then walk
 * the rest (段, 巷, 弄, 號 with its 之, 樓 with its 之). Nothing here throws:
 * what cannot be read is left in `rest`.
 */

// ---- folding ---------------------------------------------------------------

/** Simplified forms and look-alikes people type for the register's characters (巿 is a common slip for 市). */
const FOLD: Record<string, string> = { 台: '臺', 号: '號', 楼: '樓', 区: '區', 县: '縣', 乡: '鄉', 镇: '鎮', 邻: '鄰', 衖: '弄', 巿: '市', 層: '樓' };
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');
/** Dashes that mean 之 between two numbers (10-1號); NFKC already turned －﹣ into '-'. */
const DASHES = /[‐‑‒–—―−ー~]/g;
const NUMERAL_OR_DIGIT = `[\\d${NUMERAL_CHARS}]`;
const DASH_AS_ZHI = new RegExp(`(?<=[\\d${NUMERAL_CHARS}Ff樓號])-(?=${NUMERAL_OR_DIGIT})`, 'g');

/**
 * One spelling for every way of typing: NFKC (full-width digits, letters and
 * spaces become plain), 台 → 臺, a dash between numbers → 之, upper-case
 * Latin (5f → 5F), then no spaces and no punctuation at all — people put
 * them anywhere (「光明六路 10 號」, 「竹北市，光明六路」).
 */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .replace(/\s+/g, '')
    .replace(DASHES, '-')
    .replace(DASH_AS_ZHI, '之')
    .toUpperCase()
    .replace(/[\p{P}\p{S}]/gu, '');
}

// ---- places ----------------------------------------------------------------

const TERMINATOR = /路|街|大道/g;
const UNITS = '段巷弄號樓之鄰';
/**
 * What may not follow a place word once it is peeled off: a bare 路/街 (at
 * most a direction and a numeral before it — 「中山」 is a town, but in 中山北路
 * it is the road's own name), a unit of the house number, or a town or
 * village suffix (the peel cut a name in two: 公館 | 里 is the village 公館里).
 * 縣 may follow: 竹北 | 縣政九路.
 */
const BAD_AFTER_PLACE = new RegExp(`^(?:[東西南北中]?[${NUMERAL_CHARS}\\d]*(?:路|街|大道)|[${UNITS}市鄉鎮區村里])`);
const placeFits = (after: string) => !BAD_AFTER_PLACE.test(after);

interface Peeled<T> {
  value: T;
  after: string;
}

const COUNTY_BY_NAME = new Map(COUNTIES.flatMap((c) => [c.name, ...c.oldNames].map((n) => [n, c] as const)));
const COUNTIES_BY_BARE = new Map<string, County[]>();
for (const c of COUNTIES) COUNTIES_BY_BARE.set(c.name.slice(0, -1), [...(COUNTIES_BY_BARE.get(c.name.slice(0, -1)) ?? []), c]);

/** The prefixes of s from `max` characters down to `min`: place names are 1 to 5 characters long. */
function* prefixes(s: string, min: number, max: number): Generator<string> {
  for (let len = Math.min(max, s.length); len >= min; len--) yield s.slice(0, len);
}

/** 新竹縣 / 新竹 (both 新竹縣 and 新竹市: the bare name is kept) / the old 桃園縣; the counties it may be. */
function peelCounty(s: string): Peeled<{ name: string; counties: County[] }> | null {
  // every county's name (and old name) is three characters
  const c = COUNTY_BY_NAME.get(s.slice(0, 3));
  if (c) return { value: { name: c.name, counties: [c] }, after: s.slice(3) };
  const bare = s.slice(0, 2);
  const all = COUNTIES_BY_BARE.get(bare);
  if (!all || !placeFits(s.slice(2))) return null;
  return { value: { name: all.length === 1 ? (all[0] as County).name : bare, counties: all }, after: s.slice(2) };
}

const inCounties = (town: string, within: County[]) => within.length === 0 || (TOWN_COUNTIES.get(town) ?? []).some((c) => within.includes(c));

/** 竹北市, or 竹北 without its 市 (the official name when only one town has it), or an unknown 〇〇鄉/鎮/市/區. */
function peelTown(s: string, within: County[]): Peeled<string> | null {
  for (const p of prefixes(s, 2, 5)) {
    if (TOWN_COUNTIES.has(p) && inCounties(p, within) && placeFits(s.slice(p.length))) return { value: p, after: s.slice(p.length) };
  }
  for (const p of prefixes(s, 2, 4)) {
    const named = (TOWNS_BY_BARE.get(p) ?? []).filter((t) => inCounties(t, within));
    if (named.length > 0 && placeFits(s.slice(p.length))) return { value: named.length === 1 ? (named[0] as string) : p, after: s.slice(p.length) };
  }
  // a town the list does not know (or an old name: 中壢市 before 2014)
  const m = UNKNOWN_TOWN.exec(s);
  return m && placeFits(s.slice(m[0].length)) ? { value: m[0], after: s.slice(m[0].length) } : null;
}
const UNKNOWN_TOWN = /^\p{Script=Han}{2,3}?[鄉鎮市區]/u;

/** 竹北里, 新樂村: no list of the country's villages here, so the longest 〇〇村/里 after which a real road (or 鄰) still follows. */
function peelVillage(s: string): Peeled<string> | null {
  for (const p of prefixes(s, 2, 5)) {
    if (VILLAGE.test(p) && placeFits(s.slice(p.length))) return { value: p, after: s.slice(p.length) };
  }
  return null;
}
const VILLAGE = /^\p{Script=Han}+[村里]$/u;

/** 12鄰, 十二鄰. */
const NEIGHBOURHOOD = new RegExp(`^(${NUMERAL_OR_DIGIT}+)鄰`);
function peelNeighbourhood(s: string): Peeled<number> | null {
  const m = NEIGHBOURHOOD.exec(s);
  const n = m ? readNumber(m[1] as string) : null;
  return m && n !== null ? { value: Number(n), after: s.slice(m[0].length) } : null;
}

/** A stray 臺灣 (or a lone 臺) before the place words: 「臺竹北光明六路」. Only when a known county or town follows. */
function peelTaiwan(s: string): string {
  if (s.startsWith('中華民國')) s = s.slice(4);
  if (s.startsWith('臺灣省')) return s.slice(3);
  for (const prefix of ['臺灣', '臺']) {
    const after = s.slice(prefix.length);
    if (s.startsWith(prefix) && !peelCounty(s) && !peelTown(s, []) && (peelCounty(after) || peelTown(after, []))) return after;
  }
  return s;
}

/** A postal code before the address (302竹北市…, 30241新竹縣…): dropped when a place follows it. */
function dropPostalCode(s: string): string {
  const m = /^\d{3}(?:\d{2,3})?/.exec(s);
  if (!m) return s;
  const after = peelTaiwan(s.slice(m[0].length));
  return peelCounty(after) || peelTown(after, []) ? after : s;
}

function readPlaces(s: string, q: ParsedQuery): string {
  let rest = peelTaiwan(dropPostalCode(s));
  const county = peelCounty(rest);
  if (county) {
    q.county = county.value.name;
    rest = county.after;
  }
  const town = peelTown(rest, county?.value.counties ?? []);
  if (town) {
    q.town = town.value;
    rest = town.after;
  }
  const village = peelVillage(rest);
  if (village) {
    q.village = village.value;
    rest = village.after;
  }
  const neighbourhood = peelNeighbourhood(rest);
  if (neighbourhood) {
    q.neighbourhood = neighbourhood.value;
    rest = neighbourhood.after;
  }
  return rest;
}

// ---- the road --------------------------------------------------------------

/** Arabic numerals in a road name become Chinese, as the register writes it: 光明6路 → 光明六路. */
const roadForm = (road: string) => road.replace(/\d+/g, (d) => arabicToChinese(Number(stripZeros(d))));

/**
 * The road ends at its last 路/街/大道 (the house number after it holds none
 * of these). A place without roads (尖石鄉 嘉樂村1鄰嘉樂1號) has an area name
 * instead: the text up to the first numeral.
 */
const AREA_NAME = new RegExp(`^[^\\d${NUMERAL_CHARS}${UNITS}A-Z]*`);
function roadEnd(s: string): number {
  let end = -1;
  for (const m of s.matchAll(TERMINATOR)) end = m.index + m[0].length;
  return end;
}
function splitRoad(s: string): { road: string; tail: string } {
  const end = roadEnd(s);
  if (end > 0) return { road: roadForm(s.slice(0, end)), tail: s.slice(end) };
  const m = AREA_NAME.exec(s);
  const road = m?.[0] ?? '';
  return { road, tail: s.slice(road.length) };
}

// ---- the house number ------------------------------------------------------

const readNumber = (v: string): string | null => (/^\d+$/.test(v) ? stripZeros(v) : chineseToArabic(v));

/** Numerals as Arabic, 5F/5f → 5樓, B1/B1F/地下一樓 → 地下1樓, 第二段 → 2段. */
function tailForm(tail: string): string {
  return tail
    .replace(NUMERAL_RUN, (run) => chineseToArabic(run) ?? run)
    .replace(/B(\d+)F?/g, '地下$1樓')
    .replace(/(\d+)F/g, '$1樓')
    .replace(/地下(\d+)(?!樓)/g, '地下$1樓')
    .replace(/第(\d+)段/g, '$1段');
}

type Token = { n: string } | { u: string };
const TOKEN = /^(?:(\d+)|(地下|[段巷弄號樓之]))/;

function tokens(s: string): { list: Token[]; unread: string } {
  const list: Token[] = [];
  let rest = s;
  for (let m = TOKEN.exec(rest); m && rest; m = TOKEN.exec(rest)) {
    list.push(m[1] !== undefined ? { n: stripZeros(m[1]) } : { u: m[2] as string });
    rest = rest.slice(m[0].length);
  }
  return { list, unread: rest };
}

/** A cursor over the tokens: `num()` the number here, `unit(k)` the unit k tokens on. */
class Walk {
  i = 0;
  constructor(readonly list: Token[]) {}
  num(k = 0): string | undefined {
    const t = this.list[this.i + k];
    return t && 'n' in t ? t.n : undefined;
  }
  unit(k = 0): string | undefined {
    const t = this.list[this.i + k];
    return t && 'u' in t ? t.u : undefined;
  }
  /** N then `u`: takes both and gives N. */
  pair(u: string): string | undefined {
    const n = this.num();
    if (n === undefined || this.unit(1) !== u) return undefined;
    this.i += 2;
    return n;
  }
  /** 之N: takes both and gives N. */
  sub(): string | undefined {
    const n = this.unit() === '之' ? this.num(1) : undefined;
    if (n !== undefined) this.i += 2;
    return n;
  }
}

/** 10號, 10之1號 = 10號之1 = 10-1, and 10 alone (號 left off at the end). */
function readHouseNumber(w: Walk, q: ParsedQuery): void {
  const n = w.num();
  if (n === undefined || w.unit(1) === '樓' || w.unit(1) === '段' || w.unit(1) === '巷' || w.unit(1) === '弄') return;
  q.number = n;
  w.i += 1;
  const before = w.sub();
  if (before !== undefined) q.numberSub = before;
  if (w.unit() === '號') {
    w.i += 1;
    const after = q.numberSub === undefined ? w.sub() : undefined;
    if (after !== undefined) q.numberSub = after;
  }
}

/** 5樓, 5樓之1, 地下1樓. */
function readFloor(w: Walk, q: ParsedQuery): void {
  const basement = w.unit() === '地下';
  if (basement) w.i += 1;
  const floor = w.pair('樓');
  if (floor === undefined) {
    if (basement) w.i -= 1;
    return;
  }
  q.floor = basement ? `地下${floor}` : floor;
  const sub = w.sub();
  if (sub !== undefined) q.floorSub = sub;
}

/** 段, 巷, 弄 in that order, then the number and the floor; what does not fit is given back unread. */
function readTail(tail: string, q: ParsedQuery): string {
  const { list, unread } = tokens(tailForm(tail));
  const w = new Walk(list);
  // a 段 is one or two digits; a longer run is left unread
  const n = w.num();
  const section = n !== undefined && /^[1-9]\d?$/.test(n) ? w.pair('段') : undefined;
  if (section !== undefined) q.section = arabicToChinese(Number(section));
  const lane = w.pair('巷');
  if (lane !== undefined) q.lane = lane;
  const alley = w.pair('弄');
  if (alley !== undefined) q.alley = alley;
  readHouseNumber(w, q);
  readFloor(w, q);
  const left = list.slice(w.i).map((t) => ('n' in t ? t.n : t.u));
  return left.join('') + unread;
}

// ---- the whole ---------------------------------------------------------------

/** The parts read, and what could not be read ('' when everything was): a form refuses a line with a rest, a search ignores it. */
export function readAddress(text: string): { query: ParsedQuery; rest: string } {
  const q: ParsedQuery = {};
  const afterPlaces = readPlaces(fold(String(text ?? '')), q);
  const { road, tail } = splitRoad(afterPlaces);
  if (road) q.road = road;
  const rest = readTail(tail, q);
  return { query: q, rest };
}

/** A typed address as its parts; missing parts stay undefined (section undefined: any section). Never throws. */
export function parseAddress(text: string): ParsedQuery {
  return readAddress(text).query;
}

const ANY_UNIT = new RegExp(`[${UNITS}]`);
const SECTION_AFTER_ROAD = new RegExp(`^第?(\\d+|[${NUMERAL_CHARS}]+)段`);

/**
 * The official form of a road as it is being typed, for the road list's
 * completion: places dropped, Arabic numerals Chinese (光明6 → 光明六,
 * 中正路2段 → 中正路二段); anything after the road's 段 is dropped.
 */
export function normaliseRoad(text: string): string {
  const s = readPlaces(fold(String(text ?? '')), {});
  const end = roadEnd(s);
  // no 路/街 yet: a road still being typed (光明6 → 光明六), or an area name before its number (嘉樂1號 → 嘉樂)
  if (end < 0) return ANY_UNIT.test(s) ? splitRoad(s).road : roadForm(s);
  const section = SECTION_AFTER_ROAD.exec(s.slice(end));
  const n = section ? readNumber(section[1] as string) : null;
  return roadForm(s.slice(0, end)) + (n !== null && n !== '0' ? `${arabicToChinese(Number(n))}段` : '');
}
