/**
 * A house number's parts as the register writes them (DOMAIN.md "Addresses:
 * numerals and coordinates"): road names keep Chinese numerals (光明六路),
 * 段 is a Chinese numeral, lanes, alleys, numbers and floors are Arabic.
 * The register's rows and a citizen's typed query both end up as these
 * parts; `addressKey` of the parts is what the look-up matches on.
 */
export interface AddressParts {
  /** 路/街/大道 without 段, official form (臺 not 台): 光明六路 */
  road: string;
  /** 段 as a Chinese numeral, '' when none: 二 */
  section: string;
  /** Arabic, '' when none */
  lane: string;
  alley: string;
  number: string;
  /** 之N of the number, '' when none */
  numberSub: string;
  floor: string;
  floorSub: string;
}

/** What a typed address gives: the parts it names (missing ones are undefined), and the place words before the road. */
export interface ParsedQuery {
  county?: string;
  town?: string;
  village?: string;
  neighbourhood?: number;
  road?: string;
  /** undefined: not given (any section matches); '' given as none */
  section?: string;
  lane?: string;
  alley?: string;
  number?: string;
  numberSub?: string;
  floor?: string;
  floorSub?: string;
}

/** The match key: the parts that name one number (floors share the number's point). */
export function addressKey(p: Pick<AddressParts, 'road' | 'section' | 'lane' | 'alley' | 'number' | 'numberSub'>): string {
  return [p.road, p.section, p.lane, p.alley, p.number, p.numberSub].join('|');
}

/** The official written form without county and town: 光明六路10號之1, 中正路二段3巷5弄7號5樓之1. */
export function addressLabel(p: AddressParts): string {
  let s = p.road;
  if (p.section) s += `${p.section}段`;
  if (p.lane) s += `${p.lane}巷`;
  if (p.alley) s += `${p.alley}弄`;
  // 「10號之1」 alone, but 「10之1號5樓」 before a floor: 「10號之15樓」 could be 之1 + 5樓 or 之15
  if (p.numberSub && p.floor) s += `${p.number}之${p.numberSub}號`;
  else s += p.numberSub ? `${p.number}號之${p.numberSub}` : `${p.number}號`;
  if (p.floor) s += `${p.floor}樓`;
  if (p.floorSub) s += `之${p.floorSub}`;
  return s;
}
