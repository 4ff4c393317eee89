import { z } from 'zod';
import { isIsoDate, parseRocDate } from '../../../platform/calendar/index.js';
import type { FieldError } from '../../../platform/errors.js';
import { fields as formFields } from '../../../platform/http/forms.js';
import { DETAILS_OF_EVENT, type LifeEvent, type NoticeField } from '../../../platform/life-events.js';
import type { EligibleRecipient } from './repo.js';

export const FOLLOWUP_CHANNELS = ['email', 'sms', 'print', 'none'] as const;
export type FollowupChannel = (typeof FOLLOWUP_CHANNELS)[number];

/**
 * Fields the clerk types at the counter: the event's own (DETAILS_OF_EVENT)
 * and the applicant's birth date, which the case keeps only as a hash.
 */
export const TYPED_FIELDS = ['address', 'previous_name', 'spouse_name', 'birth_date'] as const;
export type TypedField = (typeof TYPED_FIELDS)[number];
const MAX_LENGTH: Record<TypedField, number> = { address: 200, previous_name: 60, spouse_name: 60, birth_date: 30 };

export interface ConsentInput {
  recipientIds: number[];
  details: Partial<Record<TypedField, string>>;
  /** YYYY-MM-DD */
  eventDate: string;
  readBack: boolean;
  channel: FollowupChannel;
  email: string | null;
  /** a Taiwan mobile number, 09xxxxxxxx */
  phone: string | null;
}

export interface ConsentContext {
  event: LifeEvent;
  eligible: EligibleRecipient[];
  /** Taipei today, YYYY-MM-DD */
  today: string;
}

/** The typed fields some of these recipients accept, in a stable order. */
export function typedFieldsFor(event: LifeEvent, recipients: EligibleRecipient[]): TypedField[] {
  const askable = new Set<NoticeField>([...DETAILS_OF_EVENT[event], 'birth_date']);
  const accepted = new Set(recipients.flatMap((r) => r.fields));
  return TYPED_FIELDS.filter((f) => askable.has(f) && accepted.has(f));
}

/** 0912-345-678, 0912 345 678, +886 912 345 678 → 0912345678; null when it is not a Taiwan mobile number. */
export function normaliseMobile(typed: string): string | null {
  const s = typed.normalize('NFKC').replace(/[\s()-]/g, '');
  const local = s.startsWith('+886') ? `0${s.slice(4)}` : s;
  return /^09\d{8}$/.test(local) ? local : null;
}

function parseDate(typed: string): string | null {
  const s = typed.normalize('NFKC').trim();
  return isIsoDate(s) ? s : parseRocDate(s);
}

/**
 * The rules of a consent, on typed input (the service checks them again
 * inside its transaction): recipients from the county's list for the event,
 * the read-back when any is chosen, each detail a chosen recipient needs,
 * an event date no later than today, and the contact the channel needs.
 */
export function consentProblems(input: ConsentInput, ctx: ConsentContext): FieldError[] {
  const errors: FieldError[] = [];
  const byId = new Map(ctx.eligible.map((r) => [r.id, r]));
  const chosen = input.recipientIds.map((id) => byId.get(id));
  if (chosen.some((r) => r === undefined) || new Set(input.recipientIds).size !== input.recipientIds.length) errors.push({ field: 'recipient', key: 'notify.consent.err.recipient' });
  const picked = chosen.filter((r): r is EligibleRecipient => r !== undefined);
  for (const f of typedFieldsFor(ctx.event, picked)) {
    const v = input.details[f];
    if (!v) errors.push({ field: f, key: 'err.required' });
    else if (v.length > MAX_LENGTH[f]) errors.push({ field: f, key: 'err.tooLong', params: { max: MAX_LENGTH[f] } });
    else if (f === 'birth_date' && (!isIsoDate(v) || v > ctx.today)) errors.push({ field: f, key: 'notify.consent.err.birthDate' });
  }
  if (!isIsoDate(input.eventDate)) errors.push({ field: 'eventDate', key: 'notify.consent.err.eventDate' });
  else if (input.eventDate > ctx.today) errors.push({ field: 'eventDate', key: 'notify.consent.err.eventFuture' });
  if (picked.length > 0 && !input.readBack) errors.push({ field: 'readBack', key: 'notify.consent.err.readBack' });
  if (input.channel === 'email' && !input.email) errors.push({ field: 'email', key: 'notify.consent.err.emailNeeded' });
  if (input.channel === 'sms' && !input.phone) errors.push({ field: 'phone', key: 'notify.consent.err.phoneNeeded' });
  if (input.phone !== null && normaliseMobile(input.phone) !== input.phone) errors.push({ field: 'phone', key: 'notify.consent.err.mobile' });
  return errors;
}

const text = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim());
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** Every field as text: a wrong shape is an empty answer, so the rules below speak about it beside its field. */
const rawSchema = z.object({
  recipient: list,
  address: text,
  previous_name: text,
  spouse_name: text,
  birth_date: text,
  eventDate: text,
  readBack: text,
  channel: text,
  email: text,
  phone: text,
});

export type ConsentFormResult = { ok: true; input: ConsentInput } | { ok: false; errors: FieldError[] };

/**
 * The submitted form as a consent, or every problem with it at once. A
 * detail no chosen recipient needs is dropped here, so it is never stored.
 */
export function readConsentForm(body: unknown, ctx: ConsentContext): ConsentFormResult {
  const raw = rawSchema.parse(body && typeof body === 'object' ? body : {});
  const errors: FieldError[] = [];
  const ids = raw.recipient.map((v) => (/^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN));
  const recipientIds = ids.filter(Number.isInteger);
  if (recipientIds.length !== ids.length) errors.push({ field: 'recipient', key: 'notify.consent.err.recipient' });
  const picked = ctx.eligible.filter((r) => recipientIds.includes(r.id));
  const details: Partial<Record<TypedField, string>> = {};
  for (const f of typedFieldsFor(ctx.event, picked)) {
    const v = raw[f];
    if (f !== 'birth_date' || !v) details[f] = v;
    else {
      const iso = parseDate(v);
      if (iso) details[f] = iso;
      else errors.push({ field: f, key: 'notify.consent.err.birthDate' });
    }
  }
  const eventDate = raw.eventDate ? parseDate(raw.eventDate) : null;
  if (!raw.eventDate) errors.push({ field: 'eventDate', key: 'err.required' });
  else if (!eventDate) errors.push({ field: 'eventDate', key: 'notify.consent.err.eventDate' });
  const channel = (FOLLOWUP_CHANNELS as readonly string[]).includes(raw.channel) ? (raw.channel as FollowupChannel) : null;
  if (!channel) errors.push({ field: 'channel', key: 'err.choice' });
  let email: string | null = null;
  if (raw.email && channel === 'email') {
    const r = formFields.email().safeParse(raw.email);
    if (r.success) email = r.data;
    else errors.push({ field: 'email', key: raw.email.length > 254 ? 'err.tooLong' : 'err.email', params: { max: 254 } });
  }
  // the phone here is for a text only (the follow-up link, the birth notice); a notice's phone is the case's
  let phone: string | null = null;
  if (raw.phone && (channel === 'sms' || ctx.event === 'birth')) {
    phone = normaliseMobile(raw.phone);
    if (!phone) errors.push({ field: 'phone', key: 'notify.consent.err.mobile' });
  }
  const input: ConsentInput = { recipientIds, details, eventDate: eventDate ?? '', readBack: raw.readBack === '1', channel: channel ?? 'none', email, phone };
  const seen = new Set(errors.map((e) => e.field));
  for (const e of consentProblems(input, ctx)) {
    if (seen.has(e.field)) continue;
    seen.add(e.field);
    errors.push(e);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, input };
}
