// The configuration file's sheet of booking services: one row a service, checked by the same rules as the staff form.
import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import * as repo from './repo.js';
import { BOOKING_KINDS, type BookingKind, type WeeklyHours } from './rules.js';
import { followsOfficeHours, parsePeriods } from './schedule.js';
import { documentsToText, insertSpec, linkErrors, parseDocuments, rowOf, type ServiceSpec, serviceCode, specOfRow } from './setup.js';

type Actor = Pick<StaffPrincipal, 'id' | 'username'>;
const int = (min: number, max: number) => z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(min, 'err.invalid').max(max, 'err.invalid');

export const BOOKING_SERVICE_COLUMNS = [
  { key: 'code', header: '代碼' },
  { key: 'kind', header: '類別' },
  { key: 'nameZh', header: '名稱' },
  { key: 'nameEn', header: '英文名稱' },
  { key: 'descZh', header: '說明' },
  { key: 'descEn', header: '英文說明' },
  { key: 'queue', header: '報到叫號項目' },
  { key: 'guide', header: '申請須知' },
  { key: 'slotMinutes', header: '每時段分鐘數' },
  { key: 'capacity', header: '每時段名額' },
  { key: 'minDays', header: '最近可預約天數' },
  { key: 'minWorkingDays', header: '以工作天計' },
  { key: 'maxDays', header: '最遠可預約天數' },
  { key: 'cutoff', header: '截止時間' },
  { key: 'parties', header: '當事人數' },
  { key: 'needsApproval', header: '須核准' },
  { key: 'openingsOnly', header: '僅特別開放日' },
  { key: 'documents', header: '應備文件' },
  { key: 'inPersonZh', header: '應到場者' },
  { key: 'inPersonEn', header: '應到場者（英文）' },
  { key: 'hours', header: '每週時段' },
  { key: 'active', header: '開放預約' },
] as const satisfies readonly { key: string; header: string }[];

const DAY_CHARS = ['日', '一', '二', '三', '四', '五', '六'];
/** The hours cell of a service that follows the office's opening hours (a blank cell means the same for a service with weekly slots). */
export const OFFICE_HOURS_CELL = '依本所服務時間';

/** Weekly hours as one cell: days with the same periods together, `一二三四五 08:30-12:00, 13:30-16:30；三 14:00-16:00`. */
export function hoursToCell(hours: WeeklyHours[]): string {
  const byDay = new Map<number, string>();
  for (const wd of [1, 2, 3, 4, 5, 6, 0]) {
    const p = hours.filter((h) => h.weekday === wd).map((h) => `${h.starts}-${h.ends}`).join(', ');
    if (p) byDay.set(wd, p);
  }
  const groups = new Map<string, number[]>();
  for (const [wd, p] of byDay) groups.set(p, [...(groups.get(p) ?? []), wd]);
  return [...groups].map(([p, days]) => `${days.map((d) => DAY_CHARS[d]).join('')} ${p}`).join('；');
}

export function cellToHours(cell: string): WeeklyHours[] | null {
  if (cell.trim() === OFFICE_HOURS_CELL) return [];
  const out: WeeklyHours[] = [];
  for (const part of cell.split(/[;；\n]/).map((x) => x.trim()).filter(Boolean)) {
    const m = /^([日一二三四五六0-6]+)\s+(.+)$/.exec(part);
    if (!m?.[1] || !m[2]) return null;
    const periods = parsePeriods(m[2]);
    if (!periods || periods.length === 0) return null;
    for (const ch of m[1]) {
      const wd = /\d/.test(ch) ? Number(ch) : DAY_CHARS.indexOf(ch);
      for (const p of periods) out.push({ weekday: wd, ...p });
    }
  }
  return out;
}

const yes = z
  .union([z.string(), z.number(), z.boolean()])
  .optional()
  .transform((v) => v === true || v === 1 || (typeof v === 'string' && ['1', '是', 'y', 'yes', 'true'].includes(v.trim().toLowerCase())));
const cellText = (max: number) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined ? '' : String(v).trim()))
    .pipe(z.string().max(max, 'err.tooLong'));

/** One row of the booking-services sheet; the same rules as the form. */
export const bookingServiceRowSchema = z
  .object({
    code: serviceCode,
    kind: z.enum(BOOKING_KINDS as [BookingKind, ...BookingKind[]], { error: 'err.choice' }),
    nameZh: cellText(80).pipe(z.string().min(1, 'err.required')),
    nameEn: cellText(120),
    descZh: cellText(500),
    descEn: cellText(800),
    queue: cellText(60),
    guide: cellText(60),
    slotMinutes: int(5, 240),
    capacity: int(0, 500),
    minDays: int(0, 60),
    minWorkingDays: yes,
    maxDays: int(0, 365),
    cutoff: cellText(5).pipe(z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'booking.err.time')])),
    parties: z.coerce.number({ error: 'err.invalid' }).pipe(z.union([z.literal(1), z.literal(2)], { error: 'err.choice' })),
    needsApproval: yes,
    openingsOnly: yes,
    documents: cellText(4000),
    inPersonZh: cellText(200),
    inPersonEn: cellText(300),
    hours: cellText(400).transform((v, ctx) => {
      const h = cellToHours(v);
      if (!h) {
        ctx.addIssue({ code: 'custom', message: 'booking.err.hours' });
        return z.NEVER;
      }
      return h;
    }),
    active: yes,
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'home_visit' && v.capacity < 1) ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'booking.err.capacityZero' });
    if (v.maxDays < v.minDays) ctx.addIssue({ code: 'custom', path: ['maxDays'], message: 'booking.err.maxBeforeMin' });
  });
export type BookingServiceRow = z.input<typeof bookingServiceRowSchema>;

/** An office's booking services as sheet rows (retired ones too, marked not open). */
export async function exportBookingServiceRows(db: Executor, officeId: number): Promise<Record<(typeof BOOKING_SERVICE_COLUMNS)[number]['key'], string | number>[]> {
  const rows = await repo.servicesOf(db, [officeId], false);
  const hours = await repo.hoursOfServices(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const s = specOfRow(
      r,
      hours.filter((h) => h.booking_service_id === r.id),
    );
    return {
      code: s.code,
      kind: s.kind,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      descZh: s.descZh,
      descEn: s.descEn,
      queue: s.queueCode ?? '',
      guide: s.guideCode ?? '',
      slotMinutes: s.slotMinutes,
      capacity: s.capacity,
      minDays: s.minDays,
      minWorkingDays: s.minWorkingDays ? '是' : '否',
      maxDays: s.maxDays,
      cutoff: s.cutoff ?? '',
      parties: s.parties,
      needsApproval: s.needsApproval ? '是' : '否',
      openingsOnly: s.openingsOnly ? '是' : '否',
      documents: documentsToText(s.documents),
      inPersonZh: s.inPersonZh,
      inPersonEn: s.inPersonEn,
      hours: s.officeHours ? OFFICE_HOURS_CELL : hoursToCell(s.hours),
      active: r.active === 1 ? '是' : '否',
    };
  });
}

/**
 * Applies sheet rows to an office inside the caller's transaction: a new
 * code is created, an existing one updated (rules, names, hours, open or
 * not). Nothing is deleted; a row left out of the sheet stays as it is.
 * Errors carry the row number (from 2: the header is row 1) and the field.
 */
export async function applyBookingServiceRows(trx: Executor, officeId: number, rows: unknown[], actor: Actor, now: Date = new Date()): Promise<{ created: number; updated: number }> {
  const parsed: { row: number; v: z.output<typeof bookingServiceRowSchema> }[] = [];
  const errors: FieldError[] = [];
  for (const [i, raw] of rows.entries()) {
    const r = bookingServiceRowSchema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      errors.push({ field: `${i + 2}:${String(issue?.path[0] ?? '')}`, key: issue?.message && /^[a-z][\w-]*(\.[\w-]+)+$/.test(issue.message) ? issue.message : 'err.invalid' });
      continue;
    }
    const linkErr = await linkErrors(trx, officeId, { queueCode: r.data.queue || null, guideCode: r.data.guide || null });
    for (const e of linkErr) errors.push({ field: `${i + 2}:${e.field}`, key: e.key });
    parsed.push({ row: i + 2, v: r.data });
  }
  if (errors.length) throw new AppError('validation', errors[0]!.key, { fields: errors });
  let created = 0;
  let updated = 0;
  for (const { v } of parsed) {
    const spec: ServiceSpec = {
      code: v.code,
      kind: v.kind,
      nameZh: v.nameZh,
      nameEn: v.nameEn || v.nameZh,
      descZh: v.descZh,
      descEn: v.descEn || v.descZh,
      queueCode: v.queue || null,
      guideCode: v.guide || null,
      slotMinutes: v.slotMinutes,
      capacity: v.kind === 'home_visit' ? 0 : v.capacity,
      minDays: v.minDays,
      minWorkingDays: v.minWorkingDays,
      maxDays: v.maxDays,
      cutoff: v.cutoff || null,
      parties: v.parties,
      needsApproval: v.needsApproval,
      openingsOnly: v.openingsOnly,
      documents: parseDocuments(v.documents),
      inPersonZh: v.inPersonZh,
      inPersonEn: v.inPersonEn || v.inPersonZh,
      officeHours: followsOfficeHours(v.kind, v.openingsOnly, v.hours),
      hours: v.hours,
    };
    const existing = await repo.serviceByCode(trx, officeId, v.code);
    if (!existing) {
      const id = await insertSpec(trx, officeId, spec, actor, now, 'config', null);
      if (!v.active) await repo.setServiceActive(trx, id, 0, now.toISOString());
      created++;
      continue;
    }
    const row = rowOf(officeId, spec, existing.sort, now);
    const { office_id: _o, code: _c, sort: _s, ...set } = { ...row, active: v.active ? 1 : 0 };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(set)) {
      if (k === 'updated_at') continue;
      if ((existing as Record<string, unknown>)[k] !== val) {
        before[k] = (existing as Record<string, unknown>)[k];
        after[k] = val;
      }
    }
    await repo.updateService(trx, existing.id, set);
    await repo.replaceHours(trx, existing.id, spec.officeHours ? [] : spec.hours);
    await repo.setFutureCapacity(trx, existing.id, spec.capacity, taipeiToday(now));
    await recordAudit(trx, { actor, action: 'booking.service.update', target: { type: 'booking_service', id: existing.id }, officeId, detail: { code: v.code, source: 'config', before, after } }, now);
    updated++;
  }
  return { created, updated };
}
