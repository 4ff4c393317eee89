import { z } from 'zod';
import { type IsoDate, isIsoDate, parseRocDate } from '../../platform/calendar/index.js';
import { fields } from '../../platform/http/forms.js';
import type { IndicatorUnit } from '../../platform/indicators/index.js';
import { REASON_MAX, UNITS } from './plan-words.js';

/**
 * The plan's forms as zod schemas. Messages are catalog keys, shown beside
 * the field with what was typed kept. Numbers are read as people type them
 * (full-width digits, commas); points have at most one decimal.
 */

export const TITLE_MAX = 100;
export const TEXT_MAX = 2000;
export const CODE_MAX = 20;
export const ITEM_TITLE_MAX = 200;
export const UNIT_MAX = 100;
export const CO_MAX = 200;
export const LABEL_MAX = 200;
export const NOTE_MAX = 500;
export const DOC_MAX = 60;
export const POINTS_MAX10 = 1000;

const clean = (v: string) => v.normalize('NFKC').replace(/[,\s]/g, '').replace(/^−/, '-');

/** '7.5' → 75 (tenths); '' → 0; anything else (negative, two decimals, over 100) → null. */
export function readPoints(text: string): number | null {
  const s = clean(text);
  if (s === '') return 0;
  if (!/^\d{1,3}(\.\d)?$/.test(s)) return null;
  const p10 = Math.round(Number(s) * 10);
  return p10 <= POINTS_MAX10 ? p10 : null;
}

/** A value or target: at most two decimals, a sign allowed (a change in points may be negative); '' → null. */
export function readNumber(text: string): number | null | 'invalid' {
  const s = clean(text);
  if (s === '') return null;
  if (!/^[-+]?\d{1,9}(\.\d{1,2})?$/.test(s)) return 'invalid';
  return Number(s);
}

const optional = (max: number) => z.string().trim().max(max, 'err.tooLong').optional().default('');
const reason = z.string().trim().max(REASON_MAX, 'err.tooLong').optional().transform((v) => (v ? v : null));

/** A date as people type it (ISO or 民國), or empty. */
const optionalDate = z
  .string()
  .trim()
  .max(40, 'err.date')
  .optional()
  .transform((v, ctx): IsoDate | null => {
    if (!v) return null;
    const iso = isIsoDate(v) ? v : parseRocDate(v);
    if (!iso) {
      ctx.addIssue({ code: 'custom', message: 'err.date' });
      return z.NEVER;
    }
    return iso;
  });

export const CREATE_SOURCES = ['template:huxi103', 'template:gsqa', 'last', 'county', 'blank'] as const;
export type CreateSource = (typeof CREATE_SOURCES)[number];

export const createSchema = z.object({
  office: z.string({ error: 'err.choice' }).trim().min(1, 'err.choice').max(40, 'err.choice'),
  year: z.coerce.number({ error: 'err.choice' }).int('err.choice').min(1912, 'err.choice').max(2200, 'err.choice'),
  source: z.enum(CREATE_SOURCES, { error: 'err.choice' }),
});

export const planFieldsSchema = z.object({
  title: fields.text(TITLE_MAX),
  basis: optional(TEXT_MAX),
  goals: optional(TEXT_MAX),
  reason,
});
export type PlanFieldsInput = z.output<typeof planFieldsSchema>;

export const itemSchema = z.object({
  code: fields.text(CODE_MAX),
  title: fields.text(ITEM_TITLE_MAX),
  strategy: optional(TEXT_MAX),
  points: z
    .string()
    .max(20, 'plan.err.points')
    .optional()
    .default('')
    .transform((v, ctx) => {
      const p = readPoints(v);
      if (p === null) {
        ctx.addIssue({ code: 'custom', message: 'plan.err.points' });
        return z.NEVER;
      }
      return p;
    }),
  deadline: optionalDate,
  leadUnit: optional(UNIT_MAX),
  coUnits: optional(CO_MAX),
  benefit: optional(TEXT_MAX),
  reason,
});
export type ItemInput = z.output<typeof itemSchema>;

const str = z.string().optional().default('');

/**
 * The measure form: which kind, then the registry's indicator or the hand
 * measure's label, unit and direction, and the target. Every field is read
 * leniently and checked in one pass so all the problems show at once (a
 * refinement on a failed object would not run).
 */
export const measureSchema = z
  .object({ kind: str, indicator: str, label: str, unit: str, better: str, target: str, reason: str })
  .superRefine((m, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const kind = m.kind;
    if (kind !== 'indicator' && kind !== 'hand') issue('kind', 'err.choice');
    if (kind === 'indicator' && !m.indicator.trim()) issue('indicator', 'err.choice');
    if (m.indicator.length > 80) issue('indicator', 'err.choice');
    if (kind === 'hand' && !m.label.trim()) issue('label', 'err.required');
    if (m.label.trim().length > LABEL_MAX) issue('label', 'err.tooLong');
    if (kind === 'hand' && !(UNITS as readonly string[]).includes(m.unit)) issue('unit', 'err.choice');
    if (kind === 'hand' && m.better !== 'higher' && m.better !== 'lower') issue('better', 'err.choice');
    if (m.target.length > 30 || readNumber(m.target) === 'invalid') issue('target', 'plan.err.number');
    if (m.reason.trim().length > REASON_MAX) issue('reason', 'err.tooLong');
  })
  .transform((m) => ({
    kind: m.kind as 'indicator' | 'hand',
    indicator: m.indicator.trim(),
    label: m.label.trim(),
    unit: (UNITS as readonly string[]).includes(m.unit) ? (m.unit as IndicatorUnit) : undefined,
    better: m.better === 'lower' ? ('lower' as const) : m.better === 'higher' ? ('higher' as const) : undefined,
    target: readNumber(m.target) as number | null,
    reason: m.reason.trim() || null,
  }));
export type MeasureForm = z.output<typeof measureSchema>;

export const moveSchema = z.object({ dir: z.enum(['up', 'down']), reason });
export const deleteSchema = z.object({ reason });

export const fileSchema = z.object({ on: fields.date(), doc: fields.text(DOC_MAX) });
export const dateSchema = z.object({ on: fields.date() });

export const handSchema = z.object({
  month: z.string({ error: 'err.choice' }).regex(/^\d{4}-\d{2}$/, 'err.choice'),
  value: z
    .string({ error: 'err.required' })
    .max(30, 'plan.err.number')
    .transform((v, ctx) => {
      const n = readNumber(v);
      if (n === null || n === 'invalid') {
        ctx.addIssue({ code: 'custom', message: n === null ? 'err.required' : 'plan.err.number' });
        return z.NEVER;
      }
      return n;
    }),
  note: optional(NOTE_MAX),
});
