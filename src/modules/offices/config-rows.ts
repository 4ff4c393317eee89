import { z } from 'zod';
import type { Db, Executor } from '../../db/index.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { type Actor, saveHoursIn, updateOfficeIn } from './admin.js';
import * as repo from './repo.js';
import { checkDay, type DayHours, officeDetailsSchema, OFFICE_CODE } from './validate.js';

/**
 * The office and its weekly hours as rows of the configuration file (one
 * ODS, a sheet per kind, built later): export reads what the staff pages
 * show, apply checks every row through the same rules as the forms and
 * writes in the caller's transaction with the same audit rows.
 */

export const OFFICE_COLUMNS = [
  { key: 'code', header: '代碼' },
  { key: 'kind', header: '類別' },
  { key: 'parent', header: '所屬戶政事務所代碼' },
  { key: 'nameZh', header: '名稱' },
  { key: 'nameEn', header: '英文名稱' },
  { key: 'addressZh', header: '地址' },
  { key: 'addressEn', header: '英文地址' },
  { key: 'phone', header: '電話' },
  { key: 'fax', header: '傳真' },
  { key: 'email', header: '電子信箱' },
  { key: 'director', header: '主任' },
  { key: 'villages', header: '服務村里（以、分隔）' },
  { key: 'mapUrl', header: '地圖連結' },
] as const;

const cell = z.string().optional().default('');

export const officeRowSchema = z.object({
  code: z.string({ error: 'err.required' }).trim().regex(OFFICE_CODE, 'offices.err.code'),
  kind: cell,
  parent: cell,
  nameZh: cell,
  nameEn: cell,
  addressZh: cell,
  addressEn: cell,
  phone: cell,
  fax: cell,
  email: cell,
  director: cell,
  villages: cell,
  mapUrl: cell,
});
export type OfficeRowIn = z.input<typeof officeRowSchema>;
export type OfficeRowOut = z.output<typeof officeRowSchema>;

export async function exportOfficeRows(db: Db | Executor, officeId: number): Promise<OfficeRowOut[]> {
  const o = await repo.findOfficeById(db, officeId);
  if (!o) return [];
  const parent = o.parent_id !== null ? await repo.findOfficeById(db, o.parent_id) : undefined;
  return [
    {
      code: o.code,
      kind: o.kind,
      parent: parent?.code ?? '',
      nameZh: o.name_zh,
      nameEn: o.name_en,
      addressZh: o.address_zh,
      addressEn: o.address_en,
      phone: o.phone,
      fax: o.fax ?? '',
      email: o.email ?? '',
      director: o.director_name ?? '',
      villages: o.villages.split('\n').filter(Boolean).join('、'),
      mapUrl: o.map_url ?? '',
    },
  ];
}

/** Problems named by sheet row and column key ("row2.phone"), like the form names its fields. */
function rowError(errors: FieldError[]): AppError {
  return new AppError('validation', errors[0]?.key ?? 'err.invalid', { fields: errors });
}

const now = () => new Date();

/** The office's own row (its code must match: a file never renames or creates an office). Returns whether anything changed. */
export async function applyOfficeRows(trx: Executor, officeId: number, rows: unknown[], actor: Actor, at: Date = now()): Promise<boolean> {
  const office = await repo.findOfficeById(trx, officeId);
  if (!office) throw new AppError('not_found', 'error.notFound.title');
  if (rows.length !== 1) throw rowError([{ field: 'rows', key: 'offices.err.oneRow' }]);
  const row = officeRowSchema.safeParse(rows[0]);
  if (!row.success) throw rowError(row.error.issues.map((i) => ({ field: `row1.${String(i.path[0] ?? '')}`, key: i.message })));
  if (row.data.code !== office.code) throw rowError([{ field: 'row1.code', key: 'offices.err.rowCode' }]);
  const details = officeDetailsSchema.safeParse(row.data);
  if (!details.success) throw rowError(details.error.issues.map((i) => ({ field: `row1.${String(i.path[0] ?? '')}`, key: /^[a-z][\w-]*(\.[\w-]+)+$/.test(i.message) ? i.message : 'err.invalid' })));
  return updateOfficeIn(trx, office, details.data, { actor, now: at });
}

const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];

export const HOURS_COLUMNS = [
  { key: 'weekday', header: '星期' },
  { key: 'opens', header: '開始' },
  { key: 'closes', header: '結束' },
  { key: 'lunch', header: '中午（照常服務／休息）' },
  { key: 'lunchFrom', header: '午休開始' },
  { key: 'lunchTo', header: '午休結束' },
  { key: 'evening', header: '夜間延時服務至' },
  { key: 'noteZh', header: '備註' },
  { key: 'noteEn', header: '英文備註' },
] as const;

export const hoursRowSchema = z.object({
  weekday: z
    .string({ error: 'err.required' })
    .trim()
    .transform((v, ctx) => {
      const i = WEEKDAY_NAMES.indexOf(v.replace(/^(星期|週|周)/, ''));
      const n = i >= 0 ? i : /^[0-6]$/.test(v) ? Number(v) : -1;
      if (n < 0) ctx.addIssue({ code: 'custom', message: 'offices.err.weekday' });
      return n;
    }),
  opens: cell,
  closes: cell,
  lunch: cell,
  lunchFrom: cell,
  lunchTo: cell,
  evening: cell,
  noteZh: cell,
  noteEn: cell,
});

export async function exportHoursRows(db: Db | Executor, officeId: number) {
  const hours = await repo.hoursOf(db, [officeId]);
  return [1, 2, 3, 4, 5, 6, 0].flatMap((wd) => {
    const h = hours.find((x) => x.weekday === wd);
    if (!h) return [];
    return [
      {
        weekday: WEEKDAY_NAMES[wd]!,
        opens: h.opens,
        closes: h.closes,
        lunch: h.lunch_open === 1 ? '照常服務' : '休息',
        lunchFrom: h.lunch_from ?? '',
        lunchTo: h.lunch_to ?? '',
        evening: h.evening_closes ?? '',
        noteZh: h.note_zh ?? '',
        noteEn: h.note_en ?? '',
      },
    ];
  });
}

/** The whole week from the sheet: a weekday without a row is closed. */
export async function applyHoursRows(trx: Executor, officeId: number, rows: unknown[], actor: Actor, at: Date = now()): Promise<boolean> {
  const office = await repo.findOfficeById(trx, officeId);
  if (!office) throw new AppError('not_found', 'error.notFound.title');
  const errors: FieldError[] = [];
  const days: DayHours[] = [];
  const seen = new Set<number>();
  rows.forEach((r, i) => {
    const parsed = hoursRowSchema.safeParse(r);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ field: `row${i + 1}.${String(issue.path[0] ?? '')}`, key: issue.message });
      return;
    }
    const v = parsed.data;
    const wd = v.weekday;
    if (seen.has(wd)) {
      errors.push({ field: `row${i + 1}.weekday`, key: 'offices.err.weekdayTwice' });
      return;
    }
    seen.add(wd);
    const raw = { [`open${wd}`]: '1', [`opens${wd}`]: v.opens, [`closes${wd}`]: v.closes, [`lunch${wd}`]: v.lunch === '休息' ? 'break' : 'open', [`lunchFrom${wd}`]: v.lunchFrom, [`lunchTo${wd}`]: v.lunchTo, [`evening${wd}`]: v.evening, [`noteZh${wd}`]: v.noteZh, [`noteEn${wd}`]: v.noteEn };
    const { day, issues } = checkDay(wd, raw);
    for (const is of issues) errors.push({ field: `row${i + 1}.${is.field.replace(/\d$/, '')}`, key: is.key });
    if (day) days.push(day);
  });
  if (errors.length > 0) throw rowError(errors);
  return saveHoursIn(trx, office, days, { actor, now: at });
}
