/**
 * The words every part of cross-agency notices shares: the life events a
 * notice can be about, which guides (case types) are each event, and the
 * fields a recipient agency may accept. One list, so the registry, the
 * consent form, the notice body and the follow-ups never disagree.
 */
export const LIFE_EVENTS = ['move', 'name_change', 'death', 'birth', 'marriage'] as const;
export type LifeEvent = (typeof LIFE_EVENTS)[number];

export function isLifeEvent(v: unknown): v is LifeEvent {
  return typeof v === 'string' && (LIFE_EVENTS as readonly string[]).includes(v);
}

/** Guide code → life event. A case of another guide has no notices. */
export const EVENT_OF_GUIDE: Readonly<Record<string, LifeEvent>> = {
  'move-in': 'move',
  'move-out': 'move',
  'address-change': 'move',
  'name-change': 'name_change',
  death: 'death',
  birth: 'birth',
  marriage: 'marriage',
};

export function lifeEventOfGuide(guideCode: string): LifeEvent | null {
  return EVENT_OF_GUIDE[guideCode] ?? null;
}

/**
 * What a notice may carry. `name`, `event_date` and the office are in every
 * notice (a recipient cannot act without them); the rest only when the
 * recipient accepts them (個資法 §5: no more than the purpose needs).
 */
export const NOTICE_FIELDS = ['name', 'id_number', 'birth_date', 'event_date', 'address', 'previous_name', 'spouse_name', 'phone'] as const;
export type NoticeField = (typeof NOTICE_FIELDS)[number];

export function isNoticeField(v: unknown): v is NoticeField {
  return typeof v === 'string' && (NOTICE_FIELDS as readonly string[]).includes(v);
}

/** The event's own details the clerk types at the counter, by event (the rest come from the case). */
export const DETAILS_OF_EVENT: Readonly<Record<LifeEvent, readonly NoticeField[]>> = {
  move: ['address'],
  name_change: ['previous_name'],
  death: [],
  birth: [],
  marriage: ['spouse_name'],
};

/** Sectors of recipient agencies, for grouping the registry and the consent form. */
export const SECTORS = ['land', 'tax', 'motor', 'health', 'labor', 'pension', 'water', 'power', 'telecom', 'insurance', 'social', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const CHANNELS = ['email', 'webhook', 'batch'] as const;
export type Channel = (typeof CHANNELS)[number];

export const NOTICE_STATES = ['queued', 'sent', 'acknowledged', 'failed'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
