import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';
import { idNumberSchema } from '../../platform/identity/index.js';
import type { BookingKind } from './rules.js';

/** What people type as a phone number: digits with the usual separators, 8 to 15 digits in all. */
export const phoneField = z
  .string({ error: 'err.required' })
  .trim()
  .min(1, 'err.required')
  .max(24, 'err.tooLong')
  .regex(/^\+?[\d\s()#-]+$/, 'booking.err.phone')
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return digits >= 8 && digits <= 15;
  }, 'booking.err.phone');

export const HOME_VISIT_REASONS = ['disability', 'elderly', 'illness', 'other'] as const;

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/**
 * The details step, by kind of booking. Every message is a catalog key
 * shown beside its field; the same schema runs again on the final submit,
 * so the check page cannot be used to slip in unchecked values.
 */
const schemas = new Map<string, ReturnType<typeof buildDetailsSchema>>();

/** Built once per shape: on a rush morning every request needs the same one. */
export function detailsSchema(kind: BookingKind, parties: number, workingDays: string[]) {
  const key = `${kind}|${parties}|${kind === 'home_visit' ? workingDays.join(',') : ''}`;
  let schema = schemas.get(key);
  if (!schema) {
    if (schemas.size > 200) schemas.clear();
    schema = buildDetailsSchema(kind, parties, workingDays);
    schemas.set(key, schema);
  }
  return schema;
}

function buildDetailsSchema(kind: BookingKind, parties: number, workingDays: string[]) {
  const base = z.object({
    name: fields.text(60),
    idNumber: idNumberSchema,
    birthDate: fields.birthDate('booking.err.birth'),
    phone: phoneField,
    email: fields.optionalEmail(),
  });
  const partner = parties === 2 ? z.object({ partnerName: fields.text(60), partnerIdNumber: idNumberSchema }) : z.object({});
  const extra =
    kind === 'home_visit'
      ? z.object({
          address: fields.text(200),
          village: fields.text(30),
          reason: z.enum(HOME_VISIT_REASONS, { error: 'err.choice' }),
          preferredDays: list.pipe(z.array(z.string().refine((d) => workingDays.includes(d), 'err.choice')).min(1, 'booking.err.preferredDays').max(3, 'booking.err.preferredDays')),
          note: fields.optionalText(500),
        })
      : kind === 'director'
        ? z.object({ topic: fields.text(1000) })
        : kind === 'hall'
          ? z.object({ purpose: fields.text(200), guests: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(1, 'err.invalid').max(200, 'err.invalid') })
          : z.object({});
  return base.extend(partner.shape).extend(extra.shape);
}

export type Details = z.output<ReturnType<typeof buildDetailsSchema>>;

/** The parts of the answers that are not the applicant: what the booking row keeps as details. */
export function detailsOf(kind: BookingKind, d: Record<string, unknown>): Record<string, string | string[]> {
  const keys = kind === 'home_visit' ? ['address', 'village', 'reason', 'preferredDays', 'note'] : kind === 'director' ? ['topic'] : kind === 'hall' ? ['purpose', 'guests'] : [];
  const out: Record<string, string | string[]> = {};
  for (const k of keys) {
    const v = d[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
    else if (Array.isArray(v)) out[k] = v.map(String);
  }
  return out;
}

export const slotQuery = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'booking.err.chooseTime'),
  starts: z.string({ error: 'booking.err.chooseTime' }).regex(/^\d{2}:\d{2}$/, 'booking.err.chooseTime'),
  slots: z.coerce.number().int().min(1).max(8).optional().catch(undefined),
});

export const lookupSchema = z.object({
  code: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(20, 'err.tooLong'),
  idNumber: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(20, 'err.tooLong'),
});
