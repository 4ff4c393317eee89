import { z } from 'zod';
import { isIsoDate, parseRocDate, toTaipeiIsoDate } from '../calendar/index.js';
import type { FieldError } from '../errors.js';
import type { FormState, FormValues } from '../layout/forms.js';

/** Fields never echoed back into a page. */
const SECRET_FIELDS = /password|passcode|secret|_csrf|token/i;

export type FormBody = Record<string, unknown>;

export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as FormBody)) {
    if (SECRET_FIELDS.test(k)) continue;
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    if (list[0] !== undefined) out[k] = list[0];
    // a checkbox group comes back as a list: keep every choice too, joined by a separator no one types
    if (Array.isArray(v)) out[`${k}[]`] = list.join('\u001f');
  }
  return out;
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.length > 0 ? String(issue.path[0]) : '_form';
  // a message that is a catalog key (err.required, lostid.err.mismatch …) is shown as written
  if (/^[a-z][\w-]*(\.[\w-]+)+$/.test(issue.message)) {
    const params: Record<string, string | number> = {};
    if (issue.code === 'too_big') params.max = Number(issue.maximum);
    if (issue.code === 'too_small') params.min = Number(issue.minimum);
    return { field, key: issue.message, params };
  }
  switch (issue.code) {
    case 'too_big':
      return { field, key: 'err.tooLong', params: { max: Number(issue.maximum) } };
    case 'too_small':
      return Number(issue.minimum) <= 1 ? { field, key: 'err.required' } : { field, key: 'err.tooShort', params: { min: Number(issue.minimum) } };
    case 'invalid_type':
      return { field, key: 'err.required' };
    case 'invalid_value':
      return { field, key: 'err.choice' };
    case 'invalid_format':
      return { field, key: issue.format === 'email' ? 'err.email' : 'err.invalid' };
    default:
      return { field, key: 'err.invalid' };
  }
}

export type ParseResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; state: FormState };

/**
 * Parses a submitted form with zod. On failure: one message per field (the
 * first), the typed values kept, secrets dropped.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): ParseResult<z.output<S>> {
  const values = formValues(body);
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data, values };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const fe = toFieldError(issue);
    if (seen.has(fe.field)) continue;
    seen.add(fe.field);
    errors.push(fe);
  }
  return { ok: false, state: { values, errors } };
}

function parseBirthDate(input: string): string | null {
  const s = input.normalize('NFKC').trim().replace(/\s+/g, '');
  if (isIsoDate(s)) return s;
  const western = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s);
  if (western) {
    const iso = `${western[1]}-${western[2]!.padStart(2, '0')}-${western[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  // six digits: the ROC yymmdd printed on the ID card (690506 = 民國69年5月6日)
  if (/^\d{6}$/.test(s)) return parseRocDate(`0${s}`);
  return parseRocDate(s);
}

/** Common field shapes; messages are catalog keys. */
export const fields = {
  /** A date as people type it — 2026-09-01, 115/9/1, 1150901, 民國115年9月1日 — as YYYY-MM-DD. */
  date: (invalidKey = 'err.date') =>
    z
      .string({ error: 'err.required' })
      .trim()
      .min(1, 'err.required')
      .transform((v, ctx) => {
        const iso = isIsoDate(v) ? v : parseRocDate(v);
        if (!iso) {
          ctx.addIssue({ code: 'custom', message: invalidKey });
          return z.NEVER;
        }
        return iso;
      }),
  /**
   * A birth date: every form `date` takes, plus what people also type for
   * one — 1980/5/6 (Western year with slashes) and 690506 (ROC yymmdd, as on
   * the ID card) — and never a day after today or more than 130 years ago.
   */
  birthDate: (invalidKey = 'err.date', today: () => Date = () => new Date()) =>
    z
      .string({ error: 'err.required' })
      .trim()
      .min(1, 'err.required')
      .transform((v, ctx) => {
        const iso = parseBirthDate(v);
        if (!iso) {
          ctx.addIssue({ code: 'custom', message: invalidKey });
          return z.NEVER;
        }
        const now = toTaipeiIsoDate(today());
        if (iso > now) {
          ctx.addIssue({ code: 'custom', message: 'err.birthFuture' });
          return z.NEVER;
        }
        if (iso < `${String(Number(now.slice(0, 4)) - 130).padStart(4, '0')}${now.slice(4)}`) {
          ctx.addIssue({ code: 'custom', message: 'err.birthTooOld' });
          return z.NEVER;
        }
        return iso;
      }),
  text: (max = 200) => z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(max, 'err.tooLong'),
  optionalText: (max = 200) =>
    z
      .string()
      .trim()
      .max(max, 'err.tooLong')
      .optional()
      .transform((v) => (v ? v : undefined)),
  email: () => z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(254, 'err.tooLong').pipe(z.email('err.email')),
  optionalEmail: () =>
    z
      .string()
      .trim()
      .max(254, 'err.tooLong')
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.email('err.email').optional()),
};
