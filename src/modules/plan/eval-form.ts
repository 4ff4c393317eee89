import { z } from 'zod';
import type { FieldError } from '../../platform/errors.js';
import { formValues } from '../../platform/http/forms.js';
import type { FormState, FormValues } from '../../platform/layout/forms.js';
import type { EvalItem, EvalModel, EvidenceLink } from './eval-model.js';

/**
 * The two forms of the evaluation page. Each scored item sends a marker
 * `item.<id>`; only marked items are read, so an unticked file box means
 * "none" rather than "not on the form". Scores are points with at most one
 * decimal, stored in tenths; a bad one is a message beside its field with
 * everything typed kept.
 */
export const ACCOUNT_MAX = 2000;
export const COMMENT_MAX = 1000;
export const OVERALL_MAX = 2000;
export const LINKS_MAX = 20;
export const HREF_MAX = 500;

export interface SelfLine {
  self10: number | null;
  account: string;
  links: EvidenceLink[];
  files: number[];
}

export interface CountyLine {
  county10: number | null;
  comment: string;
}

type Body = Record<string, unknown>;
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const many = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const asBody = (body: unknown): Body => (body && typeof body === 'object' ? (body as Body) : {});

/** '4.5' → 45 tenths; '' → null; a score with two decimals, a word, or above the item's points: a message key. */
export function readScore(text: string, points10: number): number | null | FieldError['key'] {
  const s = text.normalize('NFKC').trim();
  if (s === '') return null;
  if (!/^\d{1,4}(\.\d)?$/.test(s)) return 'plan.eval.err.score';
  const tenths = Math.round(Number(s) * 10);
  return tenths > points10 ? 'plan.eval.err.scoreMax' : tenths;
}

const SAFE_HREF = /^(\/(?![/\\])[^\s]*|https?:\/\/[^\s/]+[^\s]*)$/;

/** One link a line: 'label | address' or the address alone; an address is a page of this site (/staff/audit…) or http(s). */
export function readLinks(text: string): EvidenceLink[] | 'invalid' | 'tooMany' {
  const lines = text
    .normalize('NFKC')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > LINKS_MAX) return 'tooMany';
  const out: EvidenceLink[] = [];
  for (const line of lines) {
    const bar = line.lastIndexOf('|');
    const href = (bar >= 0 ? line.slice(bar + 1) : line).trim();
    const label = (bar >= 0 ? line.slice(0, bar) : '').trim();
    if (href.length > HREF_MAX || label.length > 200 || !SAFE_HREF.test(href)) return 'invalid';
    out.push({ label: label || href, href });
  }
  return out;
}

export const linksText = (links: EvidenceLink[]) => links.map((l) => (l.label === l.href ? l.href : `${l.label} | ${l.href}`)).join('\n');

export type Read<I> = { ok: true; input: I; values: FormValues } | { ok: false; state: FormState };

export function readSelfForm(body: unknown, items: EvalItem[], fileIds: number[]): { op: 'save' | 'submit' } & Read<Map<number, SelfLine>> {
  const b = asBody(body);
  const op = z.enum(['save', 'submit']).catch('save').parse(one(b.op));
  const errors: FieldError[] = [];
  const input = new Map<number, SelfLine>();
  const known = new Set(fileIds);
  for (const item of items.filter((i) => Object.hasOwn(b, `item.${i.itemId}`))) {
    const id = item.itemId;
    const score = readScore(one(b[`self.${id}`]), item.points10);
    if (typeof score === 'string') errors.push({ field: `self.${id}`, key: score, params: { max: item.points10 / 10 } });
    const account = one(b[`account.${id}`]).trim();
    if (account.length > ACCOUNT_MAX) errors.push({ field: `account.${id}`, key: 'err.tooLong', params: { max: ACCOUNT_MAX } });
    const links = readLinks(one(b[`links.${id}`]));
    if (typeof links === 'string') errors.push({ field: `links.${id}`, key: `plan.eval.err.links.${links}`, params: { max: LINKS_MAX } });
    const files = many(b[`files.${id}`]).map(Number);
    if (files.some((f) => !known.has(f))) errors.push({ field: `files.${id}`, key: 'plan.eval.err.file' });
    if (typeof score !== 'string' && typeof links !== 'string') input.set(id, { self10: score, account, links, files: [...new Set(files)].filter((f) => known.has(f)) });
  }
  const values = formValues(body);
  return errors.length ? { op, ok: false, state: { values, errors } } : { op, ok: true, input, values };
}

export interface CountyInput {
  items: Map<number, CountyLine>;
  overall: string | null;
}

export function readCountyForm(body: unknown, items: EvalItem[]): { op: 'save' | 'return' | 'complete' } & Read<CountyInput> {
  const b = asBody(body);
  const op = z.enum(['save', 'return', 'complete']).catch('save').parse(one(b.op));
  const errors: FieldError[] = [];
  const input: CountyInput = { items: new Map(), overall: null };
  for (const item of items.filter((i) => Object.hasOwn(b, `item.${i.itemId}`))) {
    const id = item.itemId;
    const score = readScore(one(b[`county.${id}`]), item.points10);
    if (typeof score === 'string') errors.push({ field: `county.${id}`, key: score, params: { max: item.points10 / 10 } });
    const comment = one(b[`ccomment.${id}`]).trim();
    if (comment.length > COMMENT_MAX) errors.push({ field: `ccomment.${id}`, key: 'err.tooLong', params: { max: COMMENT_MAX } });
    if (typeof score !== 'string') input.items.set(id, { county10: score, comment });
  }
  const overall = one(b.overall).trim();
  if (overall.length > OVERALL_MAX) errors.push({ field: 'overall', key: 'err.tooLong', params: { max: OVERALL_MAX } });
  input.overall = overall || null;
  const values = formValues(body);
  return errors.length ? { op, ok: false, state: { values, errors } } : { op, ok: true, input, values };
}

const score = (p10: number | null) => (p10 === null ? '' : String(p10 / 10));

/** The self form as saved. */
export function savedSelf(m: EvalModel): FormState {
  const values: FormValues = {};
  for (const i of m.items) {
    values[`self.${i.itemId}`] = score(i.self10);
    values[`account.${i.itemId}`] = i.account;
    values[`links.${i.itemId}`] = linksText(i.links);
    values[`files.${i.itemId}[]`] = i.files.map((f) => String(f.id)).join('\u001f');
  }
  return { values, errors: [] };
}

/** The county's form as saved. */
export function savedCounty(m: EvalModel): FormState {
  const values: FormValues = { overall: m.countyComment ?? '' };
  for (const i of m.items) {
    values[`county.${i.itemId}`] = score(i.county10);
    values[`ccomment.${i.itemId}`] = i.countyComment;
  }
  return { values, errors: [] };
}
