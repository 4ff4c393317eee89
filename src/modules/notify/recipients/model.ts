import { type Channel, isLifeEvent, isNoticeField, type LifeEvent, type NoticeField, SECTORS, type Sector } from '../../../platform/life-events.js';
import type { RecipientInput } from './form.js';
import type { RecipientRow } from './repo.js';

/** A recipient agency with its lists parsed: what other areas of notify are given. */
export interface Recipient {
  id: number;
  countyId: number;
  code: string;
  name: string;
  /** the English name as stored ('' when none was given; see recipientName) */
  nameEn: string;
  sector: Sector;
  channel: Channel;
  email: string | null;
  webhookUrl: string | null;
  /** the webhook's signing secret, encrypted by the vault: open it with webhookSecret() */
  secretEnc: string | null;
  events: LifeEvent[];
  fields: NoticeField[];
  ackDays: number;
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

const isSector = (v: string): v is Sector => (SECTORS as readonly string[]).includes(v);

function jsonList<T>(text: string, keep: (v: unknown) => v is T): T[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter(keep) : [];
  } catch {
    return [];
  }
}

export function toRecipient(r: RecipientRow): Recipient {
  return {
    id: r.id,
    countyId: r.county_id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    sector: isSector(r.sector) ? r.sector : 'other',
    channel: r.channel,
    email: r.email,
    webhookUrl: r.webhook_url,
    secretEnc: r.secret_enc,
    events: jsonList(r.events, isLifeEvent),
    fields: jsonList(r.fields, isNoticeField),
    ackDays: r.ack_days,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const recipientName = (r: Pick<Recipient, 'name' | 'nameEn'>, locale: string): string => (locale === 'en' && r.nameEn ? r.nameEn : r.name);

export function inputOf(r: Recipient): RecipientInput {
  return {
    name: r.name,
    nameEn: r.nameEn,
    sector: r.sector,
    channel: r.channel,
    email: r.email,
    webhookUrl: r.webhookUrl,
    events: r.events,
    fields: r.fields,
    ackDays: r.ackDays,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    contactEmail: r.contactEmail,
  };
}

/** The row's columns for an input (the lists as JSON). */
export function columnsOf(i: RecipientInput) {
  return {
    name: i.name,
    name_en: i.nameEn,
    sector: i.sector,
    channel: i.channel,
    email: i.email,
    webhook_url: i.webhookUrl,
    events: JSON.stringify(i.events),
    fields: JSON.stringify(i.fields),
    ack_days: i.ackDays,
    contact_name: i.contactName,
    contact_phone: i.contactPhone,
    contact_email: i.contactEmail,
  };
}

/** The input's names whose value differs (the audit's detail: names only, never values). */
export function changedNames(before: RecipientInput, after: RecipientInput): (keyof RecipientInput)[] {
  const keys = Object.keys(after) as (keyof RecipientInput)[];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

// Taiwan's registers list agencies in stroke order (the zh-Hant default collation)
const collator = new Intl.Collator('zh-Hant-TW');
const sectorIndex = new Map<string, number>(SECTORS.map((s, i) => [s, i]));

/** By sector (SECTORS order), then name: the registry's and the consent form's order. */
export function bySectorThenName(a: Recipient, b: Recipient): number {
  return (sectorIndex.get(a.sector) ?? 99) - (sectorIndex.get(b.sector) ?? 99) || collator.compare(a.name, b.name) || a.id - b.id;
}
