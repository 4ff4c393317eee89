import { z } from 'zod';
import type { FieldError } from '../../../platform/errors.js';
import { fields, parseForm } from '../../../platform/http/forms.js';
import type { FormState, FormValues } from '../../../platform/layout/forms.js';
import { CHANNELS, type Channel, LIFE_EVENTS, type LifeEvent, NOTICE_FIELDS, type NoticeField, SECTORS, type Sector } from '../../../platform/life-events.js';

/** In every notice whatever the recipient ticks: an agency cannot act without them. */
export const ALWAYS_SENT: readonly NoticeField[] = ['name', 'event_date'];

/** What a recipient is, as typed on the form and checked. */
export interface RecipientInput {
  name: string;
  nameEn: string;
  sector: Sector;
  channel: Channel;
  /** set for the e-mail channel only */
  email: string | null;
  /** set for the webhook channel only */
  webhookUrl: string | null;
  events: LifeEvent[];
  /** in NOTICE_FIELDS order, ALWAYS_SENT included */
  fields: NoticeField[];
  ackDays: number;
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
}

/** The form's questions in page order: the error summary and the audit's changed names follow it. */
export const FORM_FIELDS = ['code', 'name', 'nameEn', 'sector', 'channel', 'email', 'webhookUrl', 'events', 'fields', 'ackDays', 'contactName', 'contactPhone', 'contactEmail'] as const;

export const RECIPIENT_CODE = /^[a-z0-9-]{1,40}$/;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * https to a named host; http only to this machine, for tests and a local
 * receiver. No user:password@ (it would sit in the registry in clear) and no
 * #fragment (never sent, so only a source of confusion).
 */
export function webhookUrlOk(v: string): boolean {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return false;
  }
  if (u.username || u.password || u.hash || v.includes('#')) return false;
  if (u.protocol === 'http:') return LOOPBACK.has(u.hostname);
  return u.protocol === 'https:' && (LOOPBACK.has(u.hostname) || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(u.hostname));
}

/** A Taiwan number as written: (03) 555-1234, 03-5551234, 0912-345-678, +886-3-555-1234, 0800-000-123, with an optional extension. */
export function isTaiwanPhone(v: string): boolean {
  let s = v.trim().replace(/\s*(?:#|分機|轉|ext\.?)\s*\d{1,6}$/i, '');
  s = s.replace(/^\+886[\s-]*(?:\(0\)|0)?/, '0');
  if (!/^[\d\s()-]+$/.test(s)) return false;
  return /^0[1-9]\d{7,8}$/.test(s.replace(/\D/g, ''));
}

const list = z
  .union([z.string(), z.array(z.string())], { error: 'err.choice' })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const code = z
  .string({ error: 'err.required' })
  .transform((v) => v.normalize('NFKC').trim().toLowerCase())
  .pipe(z.string().min(1, 'err.required').max(40, 'err.tooLong').regex(RECIPIENT_CODE, 'notify.recipients.err.code'));

const ackDays = z
  .string({ error: 'err.required' })
  .transform((v) => v.normalize('NFKC').trim())
  .pipe(
    z
      .string()
      .min(1, 'err.required')
      .regex(/^\d{1,3}$/, 'notify.recipients.err.ackDays')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 60, 'notify.recipients.err.ackDays'),
  );

const common = z.object({
  name: fields.text(100),
  nameEn: fields.optionalText(200),
  sector: z.enum(SECTORS, { error: 'err.choice' }),
  channel: z.enum(CHANNELS, { error: 'err.choice' }),
  events: list.pipe(z.array(z.enum(LIFE_EVENTS, { error: 'err.choice' })).min(1, 'notify.recipients.err.events')),
  fields: list.pipe(z.array(z.enum(NOTICE_FIELDS, { error: 'err.choice' }))),
  ackDays,
  contactName: fields.text(60),
  contactPhone: z
    .string({ error: 'err.required' })
    .trim()
    .min(1, 'err.required')
    .max(40, 'err.tooLong')
    .refine((v) => isTaiwanPhone(v), 'notify.recipients.err.phone'),
  contactEmail: fields.optionalEmail(),
});
const withCode = common.extend({ code });

// what each channel needs, checked on its own so its message shows beside the other fields' (an object's refinements wait for every field to pass)
const channelNeeds = {
  email: z.object({ email: fields.email() }),
  webhook: z.object({
    webhookUrl: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(500, 'err.tooLong').refine(webhookUrlOk, 'notify.recipients.err.webhookUrl'),
  }),
  batch: z.object({}),
} as const;

const ORDER = new Map<string, number>(FORM_FIELDS.map((f, i) => [f, i]));
const byFormOrder = (a: FieldError, b: FieldError) => (ORDER.get(a.field) ?? 99) - (ORDER.get(b.field) ?? 99);

export type ParsedRecipient = { ok: true; code: string; input: RecipientInput; values: FormValues } | { ok: false; state: FormState };

/**
 * Checks the recipient form: every problem at once, beside its field. `create`
 * asks for the code too (it never changes afterwards). Fields of another
 * channel than the chosen one are dropped, not stored.
 */
export function parseRecipientForm(body: unknown, create: boolean): ParsedRecipient {
  const main = create ? parseForm(withCode, body) : parseForm(common, body);
  const raw = (body ?? {}) as Record<string, unknown>;
  const channel = (CHANNELS as readonly unknown[]).includes(raw.channel) ? (raw.channel as Channel) : null;
  const extra = channel ? parseForm(channelNeeds[channel], body) : null;
  const errors = [...(main.ok ? [] : main.state.errors), ...(extra && !extra.ok ? extra.state.errors : [])].sort(byFormOrder);
  if (!main.ok || (extra && !extra.ok) || !channel) {
    const values = main.ok ? main.values : main.state.values;
    return { ok: false, state: { values, errors } };
  }
  const d = main.data;
  const extraData = (extra?.ok ? extra.data : {}) as { email?: string; webhookUrl?: string };
  const chosen = new Set<NoticeField>([...ALWAYS_SENT, ...d.fields]);
  return {
    ok: true,
    code: 'code' in d ? (d.code as string) : '',
    values: main.values,
    input: {
      name: d.name,
      nameEn: d.nameEn ?? '',
      sector: d.sector,
      channel: d.channel,
      email: d.channel === 'email' ? (extraData.email ?? null) : null,
      webhookUrl: d.channel === 'webhook' ? (extraData.webhookUrl ?? null) : null,
      events: LIFE_EVENTS.filter((e) => d.events.includes(e)),
      fields: NOTICE_FIELDS.filter((f) => chosen.has(f)),
      ackDays: d.ackDays,
      contactName: d.contactName,
      contactPhone: d.contactPhone,
      contactEmail: d.contactEmail ?? null,
    },
  };
}

/** A stored recipient as the form shows it (checkbox lists joined the way formValues keeps them). */
export function valuesOf(code: string, i: RecipientInput): FormValues {
  return {
    code,
    name: i.name,
    nameEn: i.nameEn,
    sector: i.sector,
    channel: i.channel,
    email: i.email ?? '',
    webhookUrl: i.webhookUrl ?? '',
    'events[]': i.events.join('\u001f'),
    'fields[]': i.fields.join('\u001f'),
    ackDays: String(i.ackDays),
    contactName: i.contactName,
    contactPhone: i.contactPhone,
    contactEmail: i.contactEmail ?? '',
  };
}
