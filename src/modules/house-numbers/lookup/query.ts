import { z } from 'zod';
import type { FieldError } from '../../../platform/errors.js';
import { parseForm } from '../../../platform/http/forms.js';
import type { FormValues } from '../../../platform/layout/forms.js';
import type { ParsedQuery } from '../address.js';
import { parseAddress } from '../normalise.js';

/**
 * The look-up form, read from the query string (GET, so a result is a link):
 * one box for a whole address, or the parts in separate boxes (road, lane,
 * alley, number) and, on the county page, a town. The separate boxes win
 * over what the one box says about the same part. Control characters are
 * dropped; anything too long or not a number where a number belongs is a
 * message beside its box, never an error page.
 */
export const MAX_ADDRESS = 100;
export const PAGE_SIZE = 50;

/** Arabic, full-width and Chinese digits: the normaliser reads them all. */
const DIGITS = '0-9０-９〇零一二兩三四五六七八九十百千';
const LANE = new RegExp(`^[${DIGITS}]+[巷弄]?$`);
const NUMBER = new RegExp(`^[${DIGITS}]+號?(?:(?:之|-|－|—)[${DIGITS}]+)?號?$`);

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
// C0 and C1 controls and DEL; a line break or tab in a pasted address becomes a space
const clean = (v: unknown) => {
  const s = first(v);
  return typeof s === 'string' ? s.replace(/[\t\n\r]/g, ' ').replace(/\p{Cc}/gu, '').trim() : '';
};
const text = (max: number) => z.preprocess(clean, z.string().max(max, 'houseNumbers.lookup.err.tooLong'));
const numeric = (re: RegExp, key: string) => z.preprocess(clean, z.string().max(12, 'houseNumbers.lookup.err.tooLong').refine((s) => s === '' || re.test(s), key));

const formSchema = z.object({
  q: text(MAX_ADDRESS),
  town: z.preprocess(clean, z.string().max(8).regex(/^\d*$/)).catch(''),
  road: text(40),
  lane: numeric(LANE, 'houseNumbers.lookup.err.lane'),
  alley: numeric(LANE, 'houseNumbers.lookup.err.alley'),
  number: numeric(NUMBER, 'houseNumbers.lookup.err.number'),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(10_000)).catch(1),
});

export interface LookupRequest {
  /** what the boxes held (for the form and the links), or the messages beside them */
  values: FormValues;
  errors: FieldError[];
  /** anything typed at all */
  asked: boolean;
  /** what the address says, merged from the boxes; null on errors or when nothing was typed */
  parsed: ParsedQuery | null;
  /** the town picked on the county page (8 digits), '' for all */
  town: string;
  page: number;
}

const strip = (s: string, suffix: RegExp) => s.normalize('NFKC').replace(/\s+/g, '').replace(suffix, '');

/** 10之1, 10-1, 10號之1 → 10號之1: the written form the normaliser reads best. */
function numberText(n: string): string {
  const m = /^(.+?)號?(?:之|-|—)(.+?)號?$/.exec(n.normalize('NFKC').replace(/\s+/g, ''));
  return m ? `${m[1]}號之${m[2]}` : `${strip(n, /號$/)}號`;
}

/** The separate boxes as one address, with the one box's parts where a box is empty. */
function composed(v: Record<'road' | 'lane' | 'alley' | 'number', string>, base: ParsedQuery): string {
  const road = v.road || (base.road ? `${base.road}${base.section ? `${base.section}段` : ''}` : '');
  const lane = v.lane ? strip(v.lane, /巷$/) : base.lane;
  const alley = v.alley ? strip(v.alley, /弄$/) : base.alley;
  const number = v.number ? numberText(v.number) : base.number ? `${base.number}號${base.numberSub ? `之${base.numberSub}` : ''}` : '';
  return `${road}${lane ? `${lane}巷` : ''}${alley ? `${alley}弄` : ''}${number}`;
}

export function readLookupRequest(query: unknown): LookupRequest {
  const r = parseForm(formSchema, query ?? {});
  if (!r.ok) {
    const values = Object.fromEntries(Object.entries(r.state.values).map(([k, v]) => [k, clean(v)]));
    return { values, errors: r.state.errors, asked: true, parsed: null, town: '', page: 1 };
  }
  const d = r.data;
  const values: FormValues = { q: d.q, town: d.town, road: d.road, lane: d.lane, alley: d.alley, number: d.number };
  const boxes = { road: d.road, lane: d.lane, alley: d.alley, number: d.number };
  const asked = Boolean(d.q || d.road || d.lane || d.alley || d.number);
  if (!asked) return { values, errors: [], asked, parsed: null, town: d.town, page: d.page };
  const fromQ = d.q ? parseAddress(d.q) : {};
  if (!(d.road || d.lane || d.alley || d.number)) return { values, errors: [], asked, parsed: fromQ, town: d.town, page: d.page };
  const fromBoxes = parseAddress(composed(boxes, fromQ));
  if (d.road && !fromBoxes.road) {
    return { values, errors: [{ field: 'road', key: 'houseNumbers.lookup.err.road' }], asked, parsed: null, town: d.town, page: d.page };
  }
  // place words and the floor come from the one box; the parts of the number from the boxes
  const { county, town, village, neighbourhood, floor, floorSub } = fromQ;
  const parsed: ParsedQuery = { ...defined({ county, town, village, neighbourhood, floor, floorSub }), ...fromBoxes };
  return { values, errors: [], asked, parsed, town: d.town, page: d.page };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The query string of a look-up, for links (the road listing's pages, a suggested road). */
export function lookupHref(base: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}
