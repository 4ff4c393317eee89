import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { idNumberSchema } from '../../../platform/identity/index.js';
import { normalizePhone, REMINDER_KINDS } from './rules.js';

/** The oldest event date taken: the ROC calendar's first day (older dates cannot be typed in 民國 anyway). */
const EARLIEST = '1912-01-01';

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'err.tooLong')
    .optional()
    .transform((v) => (v ? v : undefined));

/**
 * One entry of the register, as the add form and each CSV row give it. The
 * ID number is optional (a hospital report may name a mother without one)
 * but checksum-validated when given; the phone is any Taiwanese number
 * (a text needs a mobile). `today` (Asia/Taipei) bounds the event date: a
 * judgment, birth, death or departure has already happened.
 */
export function entrySchema(today: string) {
  return z.object({
    kind: z.enum(REMINDER_KINDS, { error: 'err.choice' }),
    name: fields.text(60),
    idNumber: optional(20).pipe(idNumberSchema.optional()),
    address: fields.text(200),
    phone: optional(30).transform((v, ctx) => {
      if (v === undefined) return undefined;
      const p = normalizePhone(v);
      if (!p) {
        ctx.addIssue({ code: 'custom', message: 'notify.reminders.err.phone' });
        return z.NEVER;
      }
      return p;
    }),
    email: fields.optionalEmail(),
    sourceRef: fields.text(80),
    eventDate: fields.date().refine((d) => d <= today, 'notify.reminders.err.future').refine((d) => d >= EARLIEST, 'err.date'),
  });
}

export type EntryInput = z.output<ReturnType<typeof entrySchema>>;

/** The fields of the form, in the order the page and the CSV columns use them. */
export const ENTRY_FIELDS = ['kind', 'name', 'idNumber', 'address', 'phone', 'email', 'sourceRef', 'eventDate'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];
