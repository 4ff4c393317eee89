import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { officesService } from '../offices/index.js';
import * as admin from './admin-repo.js';
import { PRIORITY_PREFIX } from './issue.js';
import * as repo from './repo.js';

/**
 * Counters (櫃台) and queue services (叫號服務項目) of one office, as staff
 * with `setup.office` create, change and retire them. Nothing is deleted:
 * tickets, events and statistics point at both, so retiring sets active = 0.
 * Each save runs inside the caller's transaction and writes its audit row
 * there, with only the fields that changed.
 */

export interface OfficeRef {
  id: number;
  countyId: number;
}

export interface AdminMeta {
  actor: { id: number; username: string };
  ip?: string | null;
  now: Date;
}

export interface CounterInput {
  number: number;
  nameZh: string;
  nameEn: string;
  serviceIds: number[];
  priorityFirst: boolean;
  openDefault: boolean;
  active: boolean;
}

export interface ServiceInput {
  /** fixed once created: the office's daily caps are keyed by it */
  code: string;
  letter: string;
  nameZh: string;
  nameEn: string;
  avgMinutes: number | null;
  sort: number;
  active: boolean;
}

const fieldError = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError('validation', key, { fields: [{ field, key, ...(params ? { params } : {}) }], ...(params ? { params } : {}) });

type Fields = Record<string, unknown>;

/** Only what changed: { before: {k: old}, after: {k: new} }. */
export function changed(before: Fields, after: Fields): { before: Fields; after: Fields } {
  const b: Fields = {};
  const a: Fields = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k] ?? null;
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}

async function serviceCodes(db: Executor, officeId: number, ids: number[]): Promise<string[]> {
  const all = await admin.servicesOfOffice(db, officeId);
  return all.filter((s) => ids.includes(s.id)).map((s) => s.code).sort();
}

async function counterFields(db: Executor, officeId: number, counterId: number) {
  const c = await repo.counterById(db, counterId);
  if (!c || c.office_id !== officeId) throw new AppError('not_found', 'error.notFound.title');
  return {
    row: c,
    fields: {
      number: c.number,
      name_zh: c.name_zh,
      name_en: c.name_en,
      services: await serviceCodes(db, officeId, await repo.counterServiceIds(db, counterId)),
      priority_first: c.priority_first,
      open_default: c.open_default,
      active: c.active,
    } as Fields,
  };
}

/** The ticket a counter is calling or serving now: a change to the counter waits for a confirmation while there is one. */
export async function ticketAtCounter(db: Executor, counterId: number): Promise<{ label: string; status: string } | null> {
  const t = await repo.currentAtCounter(db, counterId);
  return t ? { label: t.label, status: t.status } : null;
}

/** What an edit would change, before it is made (for the confirmation page). */
export async function counterDiff(db: Executor, office: OfficeRef, id: number, input: CounterInput) {
  const { fields } = await counterFields(db, office.id, id);
  return changed(fields, await counterAfter(db, office, input));
}

async function counterAfter(db: Executor, office: OfficeRef, input: CounterInput): Promise<Fields> {
  const all = await admin.servicesOfOffice(db, office.id);
  const unknown = input.serviceIds.filter((sid) => !all.some((s) => s.id === sid));
  if (unknown.length > 0) throw fieldError('services', 'err.choice');
  return {
    number: input.number,
    name_zh: input.nameZh,
    name_en: input.nameEn,
    services: all.filter((s) => input.serviceIds.includes(s.id)).map((s) => s.code).sort(),
    priority_first: input.priorityFirst ? 1 : 0,
    open_default: input.openDefault ? 1 : 0,
    active: input.active ? 1 : 0,
  };
}

/**
 * Creates (id null) or changes a counter. A counter retired or changed
 * while it has a ticket keeps that ticket: it can still be finished there
 * (counter.ts lets a retired counter finish, never call); an idle retired
 * counter is closed at once so it calls no one.
 */
export async function saveCounter(trx: Executor, office: OfficeRef, id: number | null, input: CounterInput, meta: AdminMeta): Promise<{ id: number; changed: boolean }> {
  const same = await admin.counterByNumber(trx, office.id, input.number);
  if (same && same.id !== id) throw fieldError('number', 'queue.admin.err.numberTaken', { n: input.number });
  const after = await counterAfter(trx, office, input);
  let counterId: number;
  let diff: { before: Fields; after: Fields };
  let verb: 'create' | 'update' | 'retire';
  if (id === null) {
    counterId = await admin.insertCounter(trx, {
      office_id: office.id,
      number: input.number,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      priority_first: after.priority_first as number,
      open_default: after.open_default as number,
      active: after.active as number,
    });
    diff = { before: {}, after };
    verb = 'create';
  } else {
    const { fields: before } = await counterFields(trx, office.id, id);
    counterId = id;
    diff = changed(before, after);
    if (Object.keys(diff.after).length === 0) return { id, changed: false };
    const { services: _s, ...columns } = diff.after;
    await admin.updateCounter(trx, id, columns as Parameters<typeof admin.updateCounter>[2]);
    verb = before.active === 1 && after.active === 0 ? 'retire' : 'update';
  }
  if (id === null || 'services' in diff.after) await admin.setCounterServices(trx, counterId, input.serviceIds);
  if (after.active === 0 && !(await repo.currentAtCounter(trx, counterId))) await repo.closeCounter(trx, counterId);
  await recordAudit(
    trx,
    { actor: meta.actor, action: `queue.counter.${verb}`, target: { type: 'counter', id: counterId }, officeId: office.id, countyId: office.countyId, detail: diff, ip: meta.ip ?? null },
    meta.now,
  );
  return { id: counterId, changed: true };
}

async function serviceFields(db: Executor, officeId: number, id: number) {
  const s = await admin.serviceById(db, id);
  if (!s || s.office_id !== officeId) throw new AppError('not_found', 'error.notFound.title');
  return { row: s, fields: { queue_prefix: s.queue_prefix, name_zh: s.name_zh, name_en: s.name_en, avg_minutes: s.avg_minutes, sort: s.sort, active: s.active } as Fields };
}

/**
 * Creates or changes a queue service. Its letter is one capital, never the
 * priority letter, and unique among the office's active services; its code
 * is unique in the office, retired services included. A retired service is
 * no longer offered; today's tickets of it are still called and shown.
 */
export async function saveService(trx: Executor, office: OfficeRef, id: number | null, input: ServiceInput, meta: AdminMeta): Promise<{ id: number; changed: boolean }> {
  if (input.letter === PRIORITY_PREFIX) throw fieldError('letter', 'queue.admin.err.letterReserved', { letter: PRIORITY_PREFIX });
  if (input.active) {
    const taken = await admin.activeServiceByLetter(trx, office.id, input.letter, id);
    if (taken) throw fieldError('letter', 'queue.admin.err.letterTaken', { letter: input.letter });
  }
  const after: Fields = {
    queue_prefix: input.letter,
    name_zh: input.nameZh,
    name_en: input.nameEn,
    avg_minutes: input.avgMinutes,
    sort: input.sort,
    active: input.active ? 1 : 0,
  };
  let serviceId: number;
  let diff: { before: Fields; after: Fields };
  let verb: 'create' | 'update' | 'retire';
  if (id === null) {
    if (await admin.serviceByCode(trx, office.id, input.code)) throw fieldError('code', 'queue.admin.err.codeTaken', { code: input.code });
    serviceId = await admin.insertService(trx, { office_id: office.id, code: input.code, ...(after as Omit<Parameters<typeof admin.insertService>[1], 'office_id' | 'code'>) });
    diff = { before: {}, after: { code: input.code, ...after } };
    verb = 'create';
  } else {
    const { fields: before } = await serviceFields(trx, office.id, id);
    serviceId = id;
    diff = changed(before, after);
    if (Object.keys(diff.after).length === 0) return { id, changed: false };
    await admin.updateService(trx, id, diff.after as Parameters<typeof admin.updateService>[2]);
    verb = before.active === 1 && after.active === 0 ? 'retire' : 'update';
  }
  await recordAudit(
    trx,
    { actor: meta.actor, action: `queue.service.${verb}`, target: { type: 'service', id: serviceId }, officeId: office.id, countyId: office.countyId, detail: diff, ip: meta.ip ?? null },
    meta.now,
  );
  return { id: serviceId, changed: true };
}

// ---------------------------------------------------------------------------
// Rows for the county's configuration file (one ODS sheet per kind).

/** yes/no cells as people type them in a spreadsheet */
const flag = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((v, ctx) => {
    const s = String(v).trim().toLowerCase();
    if (['1', 'true', '是', 'y', 'yes'].includes(s)) return 1;
    if (['0', 'false', '否', 'n', 'no', ''].includes(s)) return 0;
    ctx.addIssue({ code: 'custom', message: 'err.choice' });
    return z.NEVER;
  });

const cellText = (max: number) => z.coerce.string({ error: 'err.required' }).trim().min(1, 'err.required').max(max, 'err.tooLong');

export const COUNTER_COLUMNS = [
  { key: 'number', header: '櫃台號碼' },
  { key: 'name_zh', header: '櫃台名稱（中文）' },
  { key: 'name_en', header: '櫃台名稱（英文）' },
  { key: 'services', header: '服務項目代碼（以逗號分隔）' },
  { key: 'priority_first', header: '博愛窗口' },
  { key: 'open_default', header: '每日開啟' },
  { key: 'active', header: '使用中' },
] as const;

export const counterRowSchema = z.object({
  number: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(1, 'queue.admin.err.number').max(99, 'queue.admin.err.number'),
  name_zh: cellText(40),
  name_en: cellText(60),
  services: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => String(v ?? '').split(/[,，、\s]+/).map((x) => x.trim()).filter(Boolean)),
  priority_first: flag.default(0),
  open_default: flag.default(1),
  active: flag.default(1),
});
export type CounterRow = z.input<typeof counterRowSchema>;

export const QUEUE_SERVICE_COLUMNS = [
  { key: 'code', header: '服務代碼' },
  { key: 'letter', header: '號碼字母' },
  { key: 'name_zh', header: '服務名稱（中文）' },
  { key: 'name_en', header: '服務名稱（英文）' },
  { key: 'avg_minutes', header: '平均辦理分鐘' },
  { key: 'sort', header: '排序' },
  { key: 'active', header: '使用中' },
] as const;

export const SERVICE_CODE = /^[a-z][a-z0-9-]{1,29}$/;

export const queueServiceRowSchema = z.object({
  code: z.coerce.string().trim().regex(SERVICE_CODE, 'queue.admin.err.code'),
  letter: z.coerce.string().trim().toUpperCase().regex(/^[A-Z]$/, 'queue.admin.err.letter'),
  name_zh: cellText(60),
  name_en: cellText(100),
  avg_minutes: z
    .union([z.number(), z.string()])
    .optional()
    .transform((v) => (v === undefined || String(v).trim() === '' ? null : Number(String(v).trim())))
    .pipe(z.number({ error: 'err.invalid' }).int('queue.admin.err.minutes').min(1, 'queue.admin.err.minutes').max(120, 'queue.admin.err.minutes').nullable()),
  sort: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(0, 'err.invalid').max(999, 'err.invalid').default(0),
  active: flag.default(1),
});
export type QueueServiceRow = z.input<typeof queueServiceRowSchema>;

function parseRow<S extends z.ZodType>(schema: S, row: unknown, index: number): z.output<S> {
  const r = schema.safeParse(row);
  if (r.success) return r.data;
  const fields: FieldError[] = r.error.issues.map((i) => ({ field: String(i.path[0] ?? '_row'), key: i.message.includes('.') ? i.message : 'err.invalid', params: { row: index + 2 } }));
  // row + 2: the sheet's first line holds the headers
  throw new AppError('validation', 'queue.admin.err.row', { params: { row: index + 2 }, fields });
}

async function officeRef(db: Executor, officeId: number): Promise<OfficeRef> {
  const o = await officesService.officeById(db, officeId, 'zh-Hant');
  return { id: o.id, countyId: o.countyId };
}

export async function exportQueueServiceRows(db: Executor, officeId: number): Promise<QueueServiceRow[]> {
  return (await admin.servicesOfOffice(db, officeId)).map((s) => ({
    code: s.code,
    letter: s.queue_prefix,
    name_zh: s.name_zh,
    name_en: s.name_en,
    avg_minutes: s.avg_minutes ?? '',
    sort: s.sort,
    active: s.active,
  }));
}

/** Creates or updates each service by its code (a row never deletes one: retire with active 0). */
export async function applyQueueServiceRows(trx: Executor, officeId: number, rows: unknown[], actor: AdminMeta['actor'], now = new Date()) {
  const office = await officeRef(trx, officeId);
  let created = 0;
  let updated = 0;
  // retirements first, so a letter handed from a retired service to another row is free
  const parsed = rows.map((r, i) => ({ i, d: parseRow(queueServiceRowSchema, r, i) })).sort((a, b) => a.d.active - b.d.active);
  for (const { i, d } of parsed) {
    const existing = await admin.serviceByCode(trx, officeId, d.code);
    const input: ServiceInput = { code: d.code, letter: d.letter, nameZh: d.name_zh, nameEn: d.name_en, avgMinutes: d.avg_minutes, sort: d.sort, active: d.active === 1 };
    try {
      const r = await saveService(trx, office, existing?.id ?? null, input, { actor, now });
      if (!existing) created++;
      else if (r.changed) updated++;
    } catch (err) {
      throw rowError(err, i);
    }
  }
  return { created, updated };
}

export async function exportCounterRows(db: Executor, officeId: number): Promise<CounterRow[]> {
  const [counters, pairs, services] = await Promise.all([admin.countersOfOffice(db, officeId), admin.counterServicePairs(db, officeId), admin.servicesOfOffice(db, officeId)]);
  return counters
    .sort((a, b) => a.number - b.number)
    .map((c) => ({
      number: c.number,
      name_zh: c.name_zh,
      name_en: c.name_en,
      services: services
        .filter((s) => pairs.some((p) => p.counter_id === c.id && p.service_id === s.id))
        .map((s) => s.code)
        .join(','),
      priority_first: c.priority_first,
      open_default: c.open_default,
      active: c.active,
    }));
}

/** Creates or updates each counter by its number; services are named by their codes (apply the services sheet first). */
export async function applyCounterRows(trx: Executor, officeId: number, rows: unknown[], actor: AdminMeta['actor'], now = new Date()) {
  const office = await officeRef(trx, officeId);
  const services = await admin.servicesOfOffice(trx, officeId);
  let created = 0;
  let updated = 0;
  for (const [i, row] of rows.entries()) {
    const d = parseRow(counterRowSchema, row, i);
    const ids = d.services.map((code) => services.find((s) => s.code === code)?.id);
    if (ids.some((x) => x === undefined)) {
      throw new AppError('validation', 'queue.admin.err.row', { params: { row: i + 2 }, fields: [{ field: 'services', key: 'queue.admin.err.unknownService', params: { row: i + 2 } }] });
    }
    const existing = await admin.counterByNumber(trx, officeId, d.number);
    const input: CounterInput = {
      number: d.number,
      nameZh: d.name_zh,
      nameEn: d.name_en,
      serviceIds: ids as number[],
      priorityFirst: d.priority_first === 1,
      openDefault: d.open_default === 1,
      active: d.active === 1,
    };
    try {
      const r = await saveCounter(trx, office, existing?.id ?? null, input, { actor, now });
      if (!existing) created++;
      else if (r.changed) updated++;
    } catch (err) {
      throw rowError(err, i);
    }
  }
  return { created, updated };
}

function rowError(err: unknown, index: number): unknown {
  if (!(err instanceof AppError) || err.code !== 'validation') return err;
  return new AppError('validation', 'queue.admin.err.row', { params: { row: index + 2 }, fields: err.fields.map((f) => ({ ...f, params: { ...f.params, row: index + 2 } })) });
}
