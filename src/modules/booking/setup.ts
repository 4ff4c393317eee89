import { z } from 'zod';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import type { BookingServiceTable } from '../../db/schema.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, type FieldError, isAppError } from '../../platform/errors.js';
import { guidesService } from '../guides/index.js';
import { officesService } from '../offices/index.js';
import * as repo from './repo.js';
import { BOOKING_KINDS, type BookingKind, type WeeklyHours } from './rules.js';
import { followsOfficeHours, officeHasHours, parsePeriods } from './schedule.js';

/** Everything a booking service is, as staff type it in (or a config row, or a copy) says it. */
export interface ServiceSpec {
  code: string;
  kind: BookingKind;
  nameZh: string;
  nameEn: string;
  descZh: string;
  descEn: string;
  queueCode: string | null;
  guideCode: string | null;
  slotMinutes: number;
  capacity: number;
  minDays: number;
  minWorkingDays: boolean;
  maxDays: number;
  cutoff: string | null;
  parties: 1 | 2;
  needsApproval: boolean;
  openingsOnly: boolean;
  documents: { zh: string; en: string }[];
  inPersonZh: string;
  inPersonEn: string;
  /** the office's opening hours instead of `hours` (which is then empty) */
  officeHours: boolean;
  hours: WeeklyHours[];
}

export type Actor = Pick<StaffPrincipal, 'id' | 'username'>;
export type ServiceRow = Omit<BookingServiceTable, 'id'> & { id: number };

export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const WEEK = [1, 2, 3, 4, 5];
const officeDay = (days: number[], periods: [string, string][]): WeeklyHours[] => days.flatMap((weekday) => periods.map(([starts, ends]) => ({ weekday, starts, ends })));

/**
 * What a new service of each kind starts from (DOMAIN.md's national practice); staff change what differs.
 * A counter service is served when the office is open, so it follows the office's hours.
 */
export const KIND_DEFAULTS: Record<BookingKind, Omit<ServiceSpec, 'code' | 'kind' | 'nameZh' | 'nameEn' | 'descZh' | 'descEn' | 'queueCode' | 'guideCode' | 'documents' | 'inPersonZh' | 'inPersonEn'>> = {
  counter: { slotMinutes: 30, capacity: 1, minDays: 1, minWorkingDays: false, maxDays: 14, cutoff: '15:00', parties: 1, needsApproval: false, openingsOnly: false, officeHours: true, hours: [] },
  marriage: { slotMinutes: 30, capacity: 2, minDays: 3, minWorkingDays: true, maxDays: 30, cutoff: null, parties: 2, needsApproval: false, openingsOnly: true, officeHours: false, hours: [] },
  home_visit: { slotMinutes: 60, capacity: 0, minDays: 0, minWorkingDays: false, maxDays: 0, cutoff: null, parties: 1, needsApproval: false, openingsOnly: false, officeHours: false, hours: [] },
  director: { slotMinutes: 30, capacity: 1, minDays: 1, minWorkingDays: false, maxDays: 14, cutoff: '15:00', parties: 1, needsApproval: false, openingsOnly: false, officeHours: false, hours: officeDay([3], [['14:00', '16:00']]) },
  hall: { slotMinutes: 30, capacity: 1, minDays: 3, minWorkingDays: true, maxDays: 60, cutoff: null, parties: 1, needsApproval: true, openingsOnly: false, officeHours: false, hours: officeDay(WEEK, [['09:00', '12:00'], ['14:00', '17:00']]) },
};

const int = (min: number, max: number) => z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(min, 'err.invalid').max(max, 'err.invalid');
const flag = z.enum(['0', '1'], { error: 'err.choice' }).transform((v) => v === '1');
export const serviceCode = z
  .string({ error: 'err.required' })
  .trim()
  .toLowerCase()
  .min(1, 'err.required')
  .max(40, 'err.tooLong')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'booking.err.code');
const optionalCode = z
  .string()
  .trim()
  .max(60, 'err.tooLong')
  .optional()
  .transform((v) => (v ? v : null));

/** One document a line: `中文 | English`; without the bar the English is the Chinese. */
export function parseDocuments(text: string): { zh: string; en: string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [zh, ...en] = l.split('|');
      const z0 = (zh ?? '').trim();
      return { zh: z0, en: en.join('|').trim() || z0 };
    });
}
export const documentsToText = (docs: { zh: string; en: string }[]) => docs.map((d) => (d.en && d.en !== d.zh ? `${d.zh} | ${d.en}` : d.zh)).join('\n');

/** A weekday's hours as typed (「08:30-12:00, 13:30-16:30」; blank: none), for every form that takes them. */
export const hoursText = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const p = parsePeriods(v ?? '');
    if (!p) {
      ctx.addIssue({ code: 'custom', message: 'booking.err.hours' });
      return z.NEVER;
    }
    return p;
  });

/**
 * The new-service form. Kind-dependent rules sit beside their field: a
 * slot service needs at least one place and a furthest day. Weekly hours
 * left blank follow the office's opening hours (createService checks the
 * office has some, or nobody could ever book it).
 */
export const serviceFormSchema = z
  .object({
    code: serviceCode,
    kind: z.enum(BOOKING_KINDS as [BookingKind, ...BookingKind[]], { error: 'err.choice' }),
    nameZh: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(80, 'err.tooLong'),
    nameEn: z.string().trim().max(120, 'err.tooLong').optional(),
    descZh: z.string().trim().max(500, 'err.tooLong').optional(),
    descEn: z.string().trim().max(800, 'err.tooLong').optional(),
    queue: optionalCode,
    guide: optionalCode,
    slotMinutes: int(5, 240),
    capacity: int(0, 500),
    minDays: int(0, 60),
    minWorkingDays: flag,
    maxDays: int(0, 365),
    cutoff: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'booking.err.time').nullable()),
    parties: z.enum(['1', '2'], { error: 'err.choice' }).transform((v) => (v === '2' ? 2 : 1) as 1 | 2),
    needsApproval: flag,
    openingsOnly: flag,
    documents: z
      .string()
      .max(4000, 'err.tooLong')
      .optional()
      .transform((v) => parseDocuments(v ?? ''))
      .pipe(z.array(z.object({ zh: z.string().max(200, 'err.tooLong'), en: z.string().max(300, 'err.tooLong') })).max(20, 'err.tooLong')),
    inPersonZh: z.string().trim().max(200, 'err.tooLong').optional(),
    inPersonEn: z.string().trim().max(300, 'err.tooLong').optional(),
    ...(Object.fromEntries(WEEKDAYS.map((d) => [`hours${d}`, hoursText])) as Record<`hours${(typeof WEEKDAYS)[number]}`, typeof hoursText>),
  })
  .superRefine((v, ctx) => {
    const slotted = v.kind !== 'home_visit';
    if (slotted && v.capacity < 1) ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'booking.err.capacityZero' });
    if (slotted && v.maxDays < 1) ctx.addIssue({ code: 'custom', path: ['maxDays'], message: 'booking.err.maxZero' });
    else if (v.maxDays < v.minDays) ctx.addIssue({ code: 'custom', path: ['maxDays'], message: 'booking.err.maxBeforeMin' });
  })
  .transform((v): ServiceSpec => {
    const hours = v.kind === 'home_visit' ? [] : WEEKDAYS.flatMap((wd) => (v[`hours${wd}`] ?? []).map((p) => ({ weekday: wd, starts: p.starts, ends: p.ends })));
    return {
      code: v.code,
      kind: v.kind,
      nameZh: v.nameZh,
      nameEn: v.nameEn || v.nameZh,
      descZh: v.descZh ?? '',
      descEn: v.descEn || (v.descZh ?? ''),
      queueCode: v.kind === 'home_visit' ? null : v.queue,
      guideCode: v.guide,
      slotMinutes: v.slotMinutes,
      capacity: v.kind === 'home_visit' ? 0 : v.capacity,
      minDays: v.minDays,
      minWorkingDays: v.minWorkingDays,
      maxDays: v.maxDays,
      cutoff: v.cutoff,
      parties: v.parties,
      needsApproval: v.needsApproval,
      openingsOnly: v.openingsOnly,
      documents: v.documents,
      inPersonZh: v.inPersonZh ?? '',
      inPersonEn: v.inPersonEn || (v.inPersonZh ?? ''),
      officeHours: followsOfficeHours(v.kind, v.openingsOnly, hours),
      hours,
    };
  });

/** The form's values for a spec (a new service's defaults, or what was typed). */
export function specValues(s: Partial<ServiceSpec> & { kind: BookingKind }): Record<string, string> {
  const d = { ...KIND_DEFAULTS[s.kind], ...s };
  const values: Record<string, string> = {
    code: d.code ?? '',
    kind: d.kind,
    nameZh: d.nameZh ?? '',
    nameEn: d.nameEn ?? '',
    descZh: d.descZh ?? '',
    descEn: d.descEn ?? '',
    queue: d.queueCode ?? '',
    guide: d.guideCode ?? '',
    slotMinutes: String(d.slotMinutes),
    capacity: String(d.capacity),
    minDays: String(d.minDays),
    minWorkingDays: d.minWorkingDays ? '1' : '0',
    maxDays: String(d.maxDays),
    cutoff: d.cutoff ?? '',
    parties: String(d.parties),
    needsApproval: d.needsApproval ? '1' : '0',
    openingsOnly: d.openingsOnly ? '1' : '0',
    documents: documentsToText(d.documents ?? []),
    inPersonZh: d.inPersonZh ?? '',
    inPersonEn: d.inPersonEn ?? '',
  };
  for (const wd of WEEKDAYS) values[`hours${wd}`] = d.hours.filter((h) => h.weekday === wd).map((h) => `${h.starts}-${h.ends}`).join(', ');
  return values;
}

/** The queue services of the office and the guides of the county a service may point at; errors beside the field. */
export async function linkErrors(db: Executor, officeId: number, spec: Pick<ServiceSpec, 'queueCode' | 'guideCode'>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (spec.queueCode !== null) {
    const queues = await officesService.servicesOfOffices(db, [officeId]);
    if (!queues.some((q) => q.code === spec.queueCode)) errors.push({ field: 'queue', key: 'booking.err.unknownQueue' });
  }
  if (spec.guideCode !== null && !(await guideExists(db, spec.guideCode))) errors.push({ field: 'guide', key: 'booking.err.unknownGuide' });
  return errors;
}

export async function guideExists(db: Executor, code: string): Promise<boolean> {
  try {
    await guidesService.guideRow(db, code);
    return true;
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') return false;
    throw err;
  }
}

export function rowOf(officeId: number, spec: ServiceSpec, sort: number, now: Date): Omit<BookingServiceTable, 'id'> {
  return {
    office_id: officeId,
    code: spec.code,
    kind: spec.kind,
    name_zh: spec.nameZh,
    name_en: spec.nameEn,
    desc_zh: spec.descZh,
    desc_en: spec.descEn,
    queue_service_code: spec.queueCode,
    guide_code: spec.guideCode,
    slot_minutes: spec.slotMinutes,
    capacity: spec.capacity,
    min_days: spec.minDays,
    min_working_days: spec.minWorkingDays ? 1 : 0,
    max_days: spec.maxDays,
    cutoff: spec.cutoff,
    parties: spec.parties,
    needs_approval: spec.needsApproval ? 1 : 0,
    openings_only: spec.openingsOnly ? 1 : 0,
    uses_office_hours: spec.officeHours ? 1 : 0,
    documents: JSON.stringify(spec.documents),
    in_person_zh: spec.inPersonZh,
    in_person_en: spec.inPersonEn,
    active: 1,
    sort,
    updated_at: now.toISOString(),
  };
}

/** What the audit keeps of a new service: its rules, never a person. */
const auditOf = (s: ServiceSpec) => ({ code: s.code, kind: s.kind, name: s.nameZh, capacity: s.capacity, slotMinutes: s.slotMinutes, minDays: s.minDays, maxDays: s.maxDays, queue: s.queueCode, guide: s.guideCode, officeHours: s.officeHours, hours: s.hours.length });

/** Inserts one service with its weekly hours and its audit entry, inside the caller's transaction. */
export async function insertSpec(trx: Executor, officeId: number, spec: ServiceSpec, actor: Actor, now: Date, source: string, ip: string | null): Promise<number> {
  const id = await repo.insertService(trx, rowOf(officeId, spec, (await repo.lastSort(trx, officeId)) + 1, now));
  await repo.replaceHours(trx, id, spec.officeHours ? [] : spec.hours);
  await recordAudit(trx, { actor, action: 'booking.service.create', target: { type: 'booking_service', id }, officeId, detail: { source, before: null, after: auditOf(spec) }, ip }, now);
  return id;
}

/**
 * A new service of an office. The code must be new in the office; the queue
 * service and guide must exist; following the office's hours needs an
 * office that has some.
 */
export async function createService(database: Database, officeId: number, spec: ServiceSpec, actor: Actor, now: Date, ip: string | null = null): Promise<number> {
  const errors = await linkErrors(database.db, officeId, spec);
  if (spec.officeHours && !(await officeHasHours(database.db, officeId))) errors.push({ field: 'hours1', key: 'booking.err.noHours' });
  if (await repo.serviceByCode(database.db, officeId, spec.code)) errors.unshift({ field: 'code', key: 'booking.err.codeTaken' });
  if (errors.length) throw new AppError('validation', errors[0]!.key, { fields: errors });
  return writeTransaction(database, async (trx) => {
    // checked again inside: two people creating the same code at once get one service and one message
    if (await repo.serviceByCode(trx, officeId, spec.code)) throw new AppError('validation', 'booking.err.codeTaken', { fields: [{ field: 'code', key: 'booking.err.codeTaken' }] });
    return insertSpec(trx, officeId, spec, actor, now, 'form', ip);
  });
}

export function specOfRow(r: ServiceRow, hours: WeeklyHours[]): ServiceSpec {
  return {
    code: r.code,
    kind: r.kind as BookingKind,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    descZh: r.desc_zh,
    descEn: r.desc_en,
    queueCode: r.queue_service_code,
    guideCode: r.guide_code,
    slotMinutes: r.slot_minutes,
    capacity: r.capacity,
    minDays: r.min_days,
    minWorkingDays: r.min_working_days === 1,
    maxDays: r.max_days,
    cutoff: r.cutoff,
    parties: r.parties === 2 ? 2 : 1,
    needsApproval: r.needs_approval === 1,
    openingsOnly: r.openings_only === 1,
    documents: JSON.parse(r.documents) as { zh: string; en: string }[],
    inPersonZh: r.in_person_zh,
    inPersonEn: r.in_person_en,
    officeHours: r.uses_office_hours === 1,
    hours: r.uses_office_hours === 1 ? [] : hours.map((h) => ({ weekday: h.weekday, starts: h.starts, ends: h.ends })),
  };
}

/**
 * Stops new bookings of a service. Bookings already made stay as they are:
 * citizens keep them, check in and are served; only the public list and the
 * booking flow stop offering it.
 */
export async function setServiceActive(database: Database, svc: ServiceRow, active: boolean, actor: Actor, now: Date, ip: string | null = null): Promise<{ future: number }> {
  return writeTransaction(database, async (trx) => {
    const future = await repo.futureLiveCount(trx, svc.id, taipeiToday(now));
    await repo.setServiceActive(trx, svc.id, active ? 1 : 0, now.toISOString());
    await recordAudit(
      trx,
      { actor, action: active ? 'booking.service.reinstate' : 'booking.service.retire', target: { type: 'booking_service', id: svc.id }, officeId: svc.office_id, detail: { code: svc.code, before: { active: svc.active }, after: { active: active ? 1 : 0 }, futureBookings: future }, ip },
      now,
    );
    return { future };
  });
}
