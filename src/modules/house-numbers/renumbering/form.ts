import { z } from 'zod';
import type { FieldError } from '../../../platform/errors.js';
import { fields, parseForm } from '../../../platform/http/forms.js';
import type { FormState, FormValues } from '../../../platform/layout/forms.js';
import { type ItemLine, type LineProblem, MAX_LINES, readItemLines } from './lines.js';

/** The notice form's fields, in the order they are asked (the error summary follows it). */
export const NOTICE_FIELDS = ['title', 'villages', 'effectiveOn', 'docNo', 'note', 'items'] as const;

export interface NoticeFields {
  title: string;
  villages: string[];
  effectiveOn: string;
  docNo: string;
  note: string;
}

/** A failed form: the field errors, and each line of the old → new list that could not be read. */
export interface NoticeFormState extends FormState {
  lines: LineProblem[];
}

export type ParsedNotice = { ok: true; fields: NoticeFields; items: ItemLine[]; values: FormValues } | { ok: false; state: NoticeFormState };

const list = z
  .union([z.string(), z.array(z.string())], { error: 'err.choice' })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((c) => c !== ''));

/** `villages`: the codes the page offered (the office's town's villages); at least one when there are any to choose. */
function schemaFor(villageCodes: readonly string[]) {
  const villages = list.pipe(z.array(z.string()).refine((l) => l.every((c) => villageCodes.includes(c)), 'err.choice'));
  return z.object({
    title: fields.text(100),
    villages: villageCodes.length > 0 ? villages.refine((l) => l.length > 0, 'renumbering.err.villages') : villages,
    effectiveOn: fields.date(),
    docNo: fields.text(60),
    note: fields.optionalText(2000),
    items: z.string({ error: 'renumbering.err.noItems' }).max(200_000, 'err.tooLong'),
  });
}

const ORDER = new Map<string, number>(NOTICE_FIELDS.map((f, i) => [f, i]));
const byFormOrder = (a: FieldError, b: FieldError) => (ORDER.get(a.field) ?? 99) - (ORDER.get(b.field) ?? 99);

/** The error beside the list for its unreadable lines (each line's own message is listed under it). */
export const linesError = (problems: LineProblem[]): FieldError => ({ field: 'items', key: 'renumbering.err.lines', params: { count: problems.length } });

/**
 * Reads the notice form: the fields with zod, the old → new list line by
 * line. Every problem at once, each beside its field; the typed text kept.
 */
export function parseNoticeForm(body: unknown, villageCodes: readonly string[]): ParsedNotice {
  const main = parseForm(schemaFor(villageCodes), body);
  const values = main.ok ? main.values : main.state.values;
  const errors = main.ok ? [] : [...main.state.errors];
  const raw = typeof (body as Record<string, unknown> | null)?.items === 'string' ? ((body as Record<string, unknown>).items as string) : '';
  const read = readItemLines(raw);
  if (!errors.some((e) => e.field === 'items')) {
    if (read.tooMany) errors.push({ field: 'items', key: 'renumbering.err.tooMany', params: { max: MAX_LINES } });
    else if (read.problems.length > 0) errors.push(linesError(read.problems));
    else if (read.items.length === 0) errors.push({ field: 'items', key: 'renumbering.err.noItems' });
  }
  if (!main.ok || errors.length > 0) return { ok: false, state: { values, errors: errors.sort(byFormOrder), lines: read.problems } };
  const d = main.data;
  return {
    ok: true,
    values,
    items: read.items,
    fields: { title: d.title, villages: villageCodes.filter((c) => d.villages.includes(c)), effectiveOn: d.effectiveOn, docNo: d.docNo, note: d.note ?? '' },
  };
}

/** A stored notice as the form shows it. */
export function noticeValues(f: NoticeFields, itemsText: string): FormValues {
  return { title: f.title, 'villages[]': f.villages.join('\u001f'), effectiveOn: f.effectiveOn, docNo: f.docNo, note: f.note, items: itemsText };
}
