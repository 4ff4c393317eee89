import { z } from 'zod';
import type { FieldError } from '../../platform/errors.js';
import type { FormValues } from '../../platform/layout/forms.js';
import { FIGURE_KEYS } from '../figures/index.js';

/**
 * A line of the county's report: a figure from the roll-up (its key in
 * FIGURES), or a line the offices fill in by hand (its own key `m<n>`, kept
 * across versions so a line's values stay its own when lines move).
 */
export type TemplateLine = { kind: 'figure'; key: string } | { kind: 'manual'; key: string; labelZh: string; labelEn: string; unit: string };

export const MAX_LINES = 40;
export const LABEL_ZH_MAX = 60;
export const LABEL_EN_MAX = 80;
export const UNIT_MAX = 10;
const MANUAL_KEY = /^m\d{1,6}$/;

const lineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('figure'), key: z.string() }),
  z.object({ kind: z.literal('manual'), key: z.string().regex(MANUAL_KEY), labelZh: z.string(), labelEn: z.string(), unit: z.string() }),
]);
const linesSchema = z.array(lineSchema);

/** The lines of a stored template (JSON written by this module only; a figure since retired is dropped). */
export function parseLines(json: string): TemplateLine[] {
  return linesSchema.parse(JSON.parse(json)).filter((l) => l.kind === 'manual' || FIGURE_KEYS.includes(l.key));
}

/** The highest `m<n>` a set of lines uses (0 for none): a new hand-entered line takes the next. */
export function highestManualKey(lines: TemplateLine[]): number {
  return lines.reduce((max, l) => (l.kind === 'manual' ? Math.max(max, Number(l.key.slice(1))) : max), 0);
}

/** A line of the editor as typed, not yet checked. */
export interface EditorRow {
  kind: 'figure' | 'manual';
  key: string;
  figure: string;
  labelZh: string;
  labelEn: string;
  unit: string;
}

export type EditorOp = { type: 'save' } | { type: 'addFigure' } | { type: 'addManual' } | { type: 'up' | 'down' | 'remove'; index: number };

export const rowsOf = (lines: TemplateLine[]): EditorRow[] =>
  lines.map((l) => (l.kind === 'figure' ? { kind: 'figure', key: l.key, figure: l.key, labelZh: '', labelEn: '', unit: '' } : { kind: 'manual', key: l.key, figure: '', labelZh: l.labelZh, labelEn: l.labelEn, unit: l.unit }));

const str = (v: unknown, max = 400) => (typeof v === 'string' ? v.slice(0, max) : Array.isArray(v) && typeof v[0] === 'string' ? v[0].slice(0, max) : '');
const opSchema = z.union([
  z.enum(['save', 'addFigure', 'addManual']).transform((type) => ({ type })),
  z
    .string()
    .regex(/^(up|down|remove):\d{1,3}$/)
    .transform((v) => {
      const [type, i] = v.split(':') as ['up' | 'down' | 'remove', string];
      return { type, index: Number(i) };
    }),
]);

/**
 * The editor's form: `count` rows of `kind.i`, `key.i`, `figure.i`,
 * `labelZh.i`, `labelEn.i`, `unit.i`, and the button pressed (`op`). Add,
 * move and remove only redraw the form (works without script); save checks
 * and stores a new version.
 */
export function readEditor(body: unknown): { rows: EditorRow[]; op: EditorOp } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const count = Math.min(z.coerce.number().int().min(0).catch(0).parse(str(b.count)), MAX_LINES + 1);
  const rows: EditorRow[] = [];
  for (let i = 0; i < count; i++) {
    rows.push({
      kind: str(b[`kind.${i}`]) === 'manual' ? 'manual' : 'figure',
      key: str(b[`key.${i}`], 20),
      figure: str(b[`figure.${i}`], 60),
      labelZh: str(b[`labelZh.${i}`]),
      labelEn: str(b[`labelEn.${i}`]),
      unit: str(b[`unit.${i}`]),
    });
  }
  const op = opSchema.catch({ type: 'save' as const }).parse(str(b.op)) as EditorOp;
  return { rows, op };
}

export function applyOp(rows: EditorRow[], op: EditorOp): EditorRow[] {
  const out = [...rows];
  const blank = { key: '', figure: '', labelZh: '', labelEn: '', unit: '' };
  if (op.type === 'addFigure') out.push({ kind: 'figure', ...blank });
  else if (op.type === 'addManual') out.push({ kind: 'manual', ...blank });
  else if (op.type === 'remove') out.splice(op.index, 1);
  else if (op.type === 'up' || op.type === 'down') {
    const j = op.type === 'up' ? op.index - 1 : op.index + 1;
    const a = out[op.index];
    const b = out[j];
    if (a && b) {
      out[op.index] = b;
      out[j] = a;
    }
  }
  return out;
}

/** The rows as form values, so the fields show what was typed. */
export function editorValues(rows: EditorRow[]): FormValues {
  const v: FormValues = { count: String(rows.length) };
  rows.forEach((r, i) => {
    v[`kind.${i}`] = r.kind;
    v[`key.${i}`] = r.key;
    v[`figure.${i}`] = r.figure;
    v[`labelZh.${i}`] = r.labelZh;
    v[`labelEn.${i}`] = r.labelEn;
    v[`unit.${i}`] = r.unit;
  });
  return v;
}

/**
 * Checks the rows for saving: each figure chosen from the list and only
 * once, each hand-entered line named in both languages. A hand-entered line
 * keeps its key; a new one (or one whose key was tampered with) gets the
 * next after `highest`.
 */
export function validateRows(rows: EditorRow[], highest: number): { ok: true; lines: TemplateLine[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (rows.length === 0) errors.push({ field: 'lines', key: 'reports.err.noLines' });
  if (rows.length > MAX_LINES) errors.push({ field: 'lines', key: 'reports.err.tooManyLines', params: { max: MAX_LINES } });
  const figures = new Set<string>();
  const keys = new Set<string>();
  let next = highest;
  const lines: TemplateLine[] = [];
  rows.forEach((r, i) => {
    if (r.kind === 'figure') {
      const key = r.figure.trim();
      if (!FIGURE_KEYS.includes(key)) errors.push({ field: `figure.${i}`, key: 'err.choice' });
      else if (figures.has(key)) errors.push({ field: `figure.${i}`, key: 'reports.err.duplicateFigure' });
      figures.add(key);
      lines.push({ kind: 'figure', key });
      return;
    }
    const labelZh = r.labelZh.normalize('NFC').trim();
    const labelEn = r.labelEn.normalize('NFC').trim();
    const unit = r.unit.normalize('NFC').trim();
    if (!labelZh) errors.push({ field: `labelZh.${i}`, key: 'err.required' });
    else if (labelZh.length > LABEL_ZH_MAX) errors.push({ field: `labelZh.${i}`, key: 'err.tooLong', params: { max: LABEL_ZH_MAX } });
    if (!labelEn) errors.push({ field: `labelEn.${i}`, key: 'err.required' });
    else if (labelEn.length > LABEL_EN_MAX) errors.push({ field: `labelEn.${i}`, key: 'err.tooLong', params: { max: LABEL_EN_MAX } });
    if (unit.length > UNIT_MAX) errors.push({ field: `unit.${i}`, key: 'err.tooLong', params: { max: UNIT_MAX } });
    let key = r.key;
    if (!MANUAL_KEY.test(key) || keys.has(key) || Number(key.slice(1)) > highest) key = `m${++next}`;
    keys.add(key);
    lines.push({ kind: 'manual', key, labelZh, labelEn, unit });
  });
  return errors.length ? { ok: false, errors } : { ok: true, lines };
}

/** Same lines in the same order: saving them again would make a version that changes nothing. */
export const sameLines = (a: TemplateLine[], b: TemplateLine[]) => JSON.stringify(a) === JSON.stringify(b);
