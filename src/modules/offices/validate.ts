import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';

/**
 * The shapes of what staff type about a county, an office and its hours.
 * Messages are catalog keys; the routes, the service and the config-file
 * rows all check through these, so a value refused on the form is refused
 * in the file too.
 */

/** lower-case letters and digits, 2–20: it becomes /o/<code> on paper notices, so it never changes */
export const OFFICE_CODE = /^[a-z0-9]{2,20}$/;
export const OFFICE_KINDS = ['city', 'township', 'district', 'branch'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const isHhmm = (v: string) => HHMM.test(v);

/**
 * A Taiwan telephone number as people write it: (03) 555-0101, 03-5550101,
 * 089-322123, 0912-345-678, 0800-000-123, +886-3-555-0101, with an optional
 * extension (#123, 分機 123, ext. 123). Once the country code and the marks
 * are gone it is 0, a non-zero digit, then 7 or 8 more digits.
 */
export function isTaiwanPhone(v: string): boolean {
  let s = v.trim().replace(/\s*(?:#|分機|轉|ext\.?)\s*\d{1,6}$/i, '');
  s = s.replace(/^\+886[\s-]*(?:\(0\)|0)?/, '0');
  if (!/^[\d\s()-]+$/.test(s)) return false;
  return /^0[1-9]\d{7,8}$/.test(s.replace(/\D/g, ''));
}

const phone = (required: boolean) =>
  z
    .string()
    .trim()
    .max(40, 'err.tooLong')
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: 'custom', message: 'err.required' });
        return null;
      }
      if (!isTaiwanPhone(v)) ctx.addIssue({ code: 'custom', message: 'offices.err.phone' });
      return v;
    });

const optional = (max: number) => fields.optionalText(max).transform((v) => v ?? null);

/** https only: the link is shown to the public and opened from a government page */
const mapUrl = z
  .string()
  .trim()
  .max(500, 'err.tooLong')
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    let ok = false;
    try {
      const u = new URL(v);
      ok = u.protocol === 'https:' && u.hostname.includes('.');
    } catch {
      ok = false;
    }
    if (!ok) ctx.addIssue({ code: 'custom', message: 'offices.err.mapUrl' });
    return v;
  });

/** one village a line (or 、 between them, as in the configuration file); blank lines dropped, duplicates once */
const villages = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const list = [...new Set((v ?? '').split(/\r?\n|、/).map((l) => l.trim()).filter(Boolean))];
    if (list.length > 300 || list.some((l) => l.length > 20)) ctx.addIssue({ code: 'custom', message: 'offices.err.villages' });
    return list;
  });

export const countySchema = z.object({
  code: z.string({ error: 'err.required' }).trim().regex(OFFICE_CODE, 'offices.err.code'),
  nameZh: fields.text(40),
  nameEn: fields.text(80),
  phone: phone(false),
  email: fields.optionalEmail().transform((v) => v ?? null),
  addressZh: optional(120),
  addressEn: optional(200),
  siteNameZh: optional(60),
  siteNameEn: optional(120),
  logoText: optional(40),
  english: z.enum(['1', '0'], { error: 'err.choice' }),
});
export type CountyInput = z.output<typeof countySchema>;

export const officeDetailsSchema = z
  .object({
    kind: z.enum(OFFICE_KINDS, { error: 'err.choice' }),
    parent: z.string().trim().optional().transform((v) => v || null),
    nameZh: fields.text(60),
    nameEn: fields.text(120),
    addressZh: fields.text(120),
    addressEn: fields.text(200),
    phone: phone(true),
    fax: phone(false),
    email: fields.optionalEmail().transform((v) => v ?? null),
    director: optional(40),
    villages,
    mapUrl,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'branch' && !v.parent) ctx.addIssue({ code: 'custom', path: ['parent'], message: 'offices.err.parentRequired' });
    if (v.kind !== 'branch' && v.parent) ctx.addIssue({ code: 'custom', path: ['parent'], message: 'offices.err.parentOnlyBranch' });
  });
export type OfficeDetails = z.output<typeof officeDetailsSchema>;

export const newOfficeSchema = z.intersection(
  z.object({ code: z.string({ error: 'err.required' }).trim().toLowerCase().regex(OFFICE_CODE, 'offices.err.code') }),
  officeDetailsSchema,
);
export type NewOffice = z.output<typeof newOfficeSchema>;

/** One weekday as stored: null when the office does not open that day. */
export interface DayHours {
  weekday: number;
  opens: string;
  closes: string;
  lunchOpen: boolean;
  lunchFrom: string | null;
  lunchTo: string | null;
  eveningCloses: string | null;
  noteZh: string | null;
  noteEn: string | null;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

type Issue = { field: string; key: string };

/**
 * Checks one day's hours; the field names are the form's (`opens3`, …), so
 * each message lands beside its field.
 */
export function checkDay(wd: number, raw: Record<string, string | undefined>): { day: DayHours | null; issues: Issue[] } {
  const get = (k: string) => (raw[`${k}${wd}`] ?? '').trim();
  const issues: Issue[] = [];
  if (get('open') !== '1') return { day: null, issues };
  const time = (k: string, required: boolean): string | null => {
    const v = get(k);
    if (!v) {
      if (required) issues.push({ field: `${k}${wd}`, key: 'err.required' });
      return null;
    }
    if (!isHhmm(v)) {
      issues.push({ field: `${k}${wd}`, key: 'offices.err.time' });
      return null;
    }
    return v;
  };
  const opens = time('opens', true);
  const closes = time('closes', true);
  if (opens && closes && closes <= opens) issues.push({ field: `closes${wd}`, key: 'offices.err.closesAfterOpens' });
  const lunchOpen = get('lunch') !== 'break';
  let lunchFrom: string | null = null;
  let lunchTo: string | null = null;
  if (!lunchOpen) {
    lunchFrom = time('lunchFrom', true);
    lunchTo = time('lunchTo', true);
    if (lunchFrom && lunchTo && lunchTo <= lunchFrom) issues.push({ field: `lunchTo${wd}`, key: 'offices.err.lunchOrder' });
    else if (lunchFrom && opens && closes && (lunchFrom <= opens || (lunchTo ?? '') >= closes)) issues.push({ field: `lunchFrom${wd}`, key: 'offices.err.lunchInside' });
  }
  const eveningCloses = time('evening', false);
  if (eveningCloses && closes && eveningCloses <= closes) issues.push({ field: `evening${wd}`, key: 'offices.err.eveningAfter' });
  const noteZh = get('noteZh') || null;
  const noteEn = get('noteEn') || null;
  if ((noteZh?.length ?? 0) > 60) issues.push({ field: `noteZh${wd}`, key: 'err.tooLong' });
  if ((noteEn?.length ?? 0) > 120) issues.push({ field: `noteEn${wd}`, key: 'err.tooLong' });
  if (issues.length > 0 || !opens || !closes) return { day: null, issues };
  return { day: { weekday: wd, opens, closes, lunchOpen, lunchFrom, lunchTo, eveningCloses, noteZh, noteEn }, issues };
}

/** The weekly hours form: every weekday checked, every problem beside its field. */
export const hoursSchema = z.record(z.string(), z.unknown()).transform((body, ctx) => {
  const raw: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') raw[k] = v;
  const days: DayHours[] = [];
  for (const wd of WEEKDAYS) {
    const { day, issues } = checkDay(wd, raw);
    for (const i of issues) ctx.addIssue({ code: 'custom', path: [i.field], message: i.key });
    if (day) days.push(day);
  }
  return days;
});

export const exceptionSchema = z
  .object({
    date: fields.date(),
    closed: z.enum(['1', '0'], { error: 'err.choice' }),
    opens: z.string().trim().optional(),
    closes: z.string().trim().optional(),
    reasonZh: fields.text(60),
    reasonEn: optional(120),
  })
  .transform((v, ctx) => {
    if (v.closed === '1') return { date: v.date, closed: true, opens: null, closes: null, reasonZh: v.reasonZh, reasonEn: v.reasonEn };
    for (const k of ['opens', 'closes'] as const) {
      if (!v[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'err.required' });
      else if (!isHhmm(v[k])) ctx.addIssue({ code: 'custom', path: [k], message: 'offices.err.time' });
    }
    if (v.opens && v.closes && isHhmm(v.opens) && isHhmm(v.closes) && v.closes <= v.opens) ctx.addIssue({ code: 'custom', path: ['closes'], message: 'offices.err.closesAfterOpens' });
    return { date: v.date, closed: false, opens: v.opens ?? null, closes: v.closes ?? null, reasonZh: v.reasonZh, reasonEn: v.reasonEn };
  });
export type HoursException = z.output<typeof exceptionSchema>;

export const deactivateSchema = z.object({
  successor: z.string({ error: 'offices.err.successor' }).trim().min(1, 'offices.err.successor'),
});
