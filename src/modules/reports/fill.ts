import { z } from 'zod';
import type { FieldError } from '../../platform/errors.js';
import { formValues } from '../../platform/http/forms.js';
import type { FormState, FormValues } from '../../platform/layout/forms.js';
import type { TemplateLine } from './lines.js';
import type { FillInput } from './service.js';

export const NOTE_MAX = 500;
export const OVERALL_MAX = 2000;
export const COMMENT_MAX = 1000;

/** What people type for a number: full-width digits, thousands commas and spaces are fine; at most two decimals. */
export function readNumber(text: string): number | null | 'invalid' {
  const s = text.normalize('NFKC').replace(/[,\s]/g, '').replace(/^−/, '-');
  if (s === '') return null;
  if (!/^-?\d{1,12}(\.\d{1,2})?$/.test(s)) return 'invalid';
  return Number(s);
}

const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/**
 * The fill form: `value.<key>` for each hand-entered line, `note.<key>` for
 * every line, `overall`, and the button (`op`: save, or submit for those who
 * may). Only the lines of the report are read; a bad number or a note too
 * long is a message beside its field, with everything typed kept.
 */
export function readFill(body: unknown, lines: TemplateLine[]): { op: 'save' | 'submit' } & ({ ok: true; input: FillInput; values: FormValues } | { ok: false; state: FormState }) {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const op = z.enum(['save', 'submit']).catch('save').parse(one(b.op));
  const values = formValues(body);
  const errors: FieldError[] = [];
  const input: FillInput = { values: {}, notes: {} };
  // a field the form did not send is left as it is; one sent empty clears it
  const sent = (name: string) => Object.hasOwn(b, name);
  for (const l of lines) {
    if (l.kind === 'manual' && sent(`value.${l.key}`)) {
      const n = readNumber(one(b[`value.${l.key}`]));
      if (n === 'invalid') errors.push({ field: `value.${l.key}`, key: 'reports.err.number' });
      else input.values[l.key] = n;
    }
    if (!sent(`note.${l.key}`)) continue;
    const note = one(b[`note.${l.key}`]).trim();
    if (note.length > NOTE_MAX) errors.push({ field: `note.${l.key}`, key: 'err.tooLong', params: { max: NOTE_MAX } });
    else input.notes[l.key] = note;
  }
  if (sent('overall')) {
    const overall = one(b.overall).trim();
    if (overall.length > OVERALL_MAX) errors.push({ field: 'overall', key: 'err.tooLong', params: { max: OVERALL_MAX } });
    input.overall = overall || null;
  }
  return errors.length ? { op, ok: false, state: { values, errors } } : { op, ok: true, input, values };
}

/** The county's decision: accept or return, and a comment (required for a return; the service says so beside the field). */
export const decisionSchema = z.object({
  decision: z.enum(['accept', 'return'], { error: 'err.choice' }),
  comment: z
    .string()
    .trim()
    .max(COMMENT_MAX, 'err.tooLong')
    .optional()
    .transform((v) => (v ? v : null)),
});
