import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';
import { idNumberSchema } from '../../platform/identity/index.js';
import { type FieldDef, type FormDef, fieldsOf, isKeptInDraft } from './defs.js';

/** What a printed form carries: dates as YYYY-MM-DD, copies as a number, absent optionals undefined. */
export type PrintValues = Record<string, string | number | undefined>;
/** What a draft keeps: typed text of the fields a draft may hold. */
export type DraftValues = Record<string, string>;

const phone = z
  .string({ error: 'err.required' })
  .trim()
  .min(1, 'err.required')
  .max(20, 'err.tooLong')
  .regex(/^[\d\s()+#-]+$/, 'forms.err.phone')
  .refine((v) => v.replace(/\D/g, '').length >= 7, 'forms.err.phone');

const copies = z
  .string({ error: 'err.required' })
  .trim()
  .min(1, 'err.required')
  .regex(/^\d{1,2}$/, 'forms.err.copies')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 20, 'forms.err.copies');

const optionalId = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v || v.trim() === '') return undefined;
    const r = idNumberSchema.safeParse(v);
    if (r.success) return r.data;
    ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? 'err.invalid' });
    return z.NEVER;
  });

function fieldSchema(f: FieldDef, today: () => Date): z.ZodType<string | number | undefined> {
  switch (f.kind) {
    case 'id':
      return f.optional ? optionalId : idNumberSchema;
    case 'date':
      return fields.date('forms.err.date');
    case 'birthDate':
      return fields.birthDate('forms.err.date', today);
    case 'phone':
      return phone;
    case 'count':
      return copies;
    case 'choice':
      return z.enum((f.options ?? []) as [string, ...string[]], { error: 'err.choice' });
    default:
      return f.optional ? fields.optionalText(f.max ?? 200) : fields.text(f.max ?? 200);
  }
}

/** The schema of a form to print: every box the paper form needs, ID numbers by checksum, ROC or Western dates. */
export function printSchema(def: FormDef, today: () => Date): z.ZodType<PrintValues> {
  const shape: Record<string, z.ZodType<string | number | undefined>> = {};
  for (const f of fieldsOf(def)) shape[f.name] = fieldSchema(f, today);
  return z.object(shape) as unknown as z.ZodType<PrintValues>;
}

/** Anything shaped like an ID or resident certificate number, after NFKC (full-width letters and digits too). */
const ID_SHAPED = /[A-Z][A-D1289]\d{8}/gi;

/** Takes ID-shaped text out of a value a draft keeps: a number typed in the wrong box is not stored either. */
export function withoutIdNumbers(value: string): string {
  const folded = value.normalize('NFKC');
  ID_SHAPED.lastIndex = 0;
  if (!ID_SHAPED.test(folded)) return value;
  return folded.replace(ID_SHAPED, '').trim();
}

/** The schema of a draft: nothing is required, lengths still hold; ID numbers (and the applicant's birth date) are not taken. */
export function draftSchema(def: FormDef): z.ZodType<DraftValues> {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const f of fieldsOf(def).filter(isKeptInDraft)) {
    shape[f.name] = z
      .string()
      .trim()
      .max(f.max ?? 60, 'err.tooLong')
      .optional()
      .transform((v) => (v ? withoutIdNumbers(v) : undefined));
  }
  return z.object(shape).transform((o) => {
    const out: DraftValues = {};
    for (const [k, v] of Object.entries(o)) if (v) out[k] = v;
    return out;
  });
}
