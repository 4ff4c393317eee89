import { z } from 'zod';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { freeText, intField, optionalPastDate, pastDate, requiredText } from './registers-common.js';

/**
 * 抽查、內部稽核: each spot check or internal audit with how many items were
 * looked at and how many defects were found, counted by month. The defect
 * rate (plan.defectRate) is defects per 100 items checked.
 */
export const CHECK_KINDS = ['counter', 'phone', 'environment', 'audit', 'other'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const ITEMS_MAX = 10_000;
export const AREA_MAX = 100;
export const CHECKER_MAX = 50;
export const FINDINGS_MAX = 2000;

export const checkSchema = (today: () => IsoDate) =>
  z
    .object({
      checkedOn: pastDate(today),
      kind: z.enum(CHECK_KINDS, { error: 'err.choice' }),
      area: requiredText(AREA_MAX),
      checker: requiredText(CHECKER_MAX),
      items: intField(1, ITEMS_MAX),
      defects: intField(0, ITEMS_MAX),
      findings: freeText(FINDINGS_MAX),
      // recorded later, when the defects were put right
      fixedOn: optionalPastDate(today),
    })
    .superRefine((d, ctx) => {
      if (d.defects > d.items) ctx.addIssue({ code: 'custom', path: ['defects'], message: 'plan.reg.check.err.defects' });
      if (d.defects > 0 && !d.findings) ctx.addIssue({ code: 'custom', path: ['findings'], message: 'plan.reg.check.err.findings' });
      if (d.fixedOn && d.fixedOn < d.checkedOn) ctx.addIssue({ code: 'custom', path: ['fixedOn'], message: 'plan.reg.check.err.fixedBefore' });
    });
export type CheckInput = z.output<ReturnType<typeof checkSchema>>;

export interface CheckRow {
  id: number;
  officeId: number;
  checkedOn: IsoDate;
  kind: string;
  area: string;
  checker: string;
  items: number;
  defects: number;
  findings: string;
  fixedOn: IsoDate | null;
}

type Office = { id: number; countyId: number };

const toRow = (r: { id: number; office_id: number; checked_on: string; kind: string; area: string; checker: string; items_checked: number; defects: number; findings: string; fixed_on: string | null }): CheckRow => ({
  id: r.id,
  officeId: r.office_id,
  checkedOn: r.checked_on,
  kind: r.kind,
  area: r.area,
  checker: r.checker,
  items: Number(r.items_checked),
  defects: Number(r.defects),
  findings: r.findings,
  fixedOn: r.fixed_on,
});

const columns = (d: CheckInput) => ({
  checked_on: d.checkedOn,
  kind: d.kind,
  area: d.area,
  checker: d.checker,
  items_checked: d.items,
  defects: d.defects,
  findings: d.findings,
  fixed_on: d.fixedOn ?? null,
});

export async function recordCheck(database: Database, office: Office, d: CheckInput, actor: StaffPrincipal, ip: string | null, now: Date): Promise<number> {
  return writeTransaction(database, async (trx) => {
    const r = await trx
      .insertInto('plan_check')
      .values({ office_id: office.id, ...columns(d), created_by: actor.id, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'plan.check.record', target: { type: 'plan_check', id: r.id }, officeId: office.id, countyId: office.countyId, detail: { checkedOn: d.checkedOn, kind: d.kind, items: d.items, defects: d.defects }, ip }, now);
    return r.id;
  });
}

/** A correction, or the date the defects were fixed; the audit entry keeps what it was before. */
export async function updateCheck(database: Database, id: number, office: Office, d: CheckInput, actor: StaffPrincipal, ip: string | null, now: Date): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const before = await trx.selectFrom('plan_check').selectAll().where('id', '=', id).where('office_id', '=', office.id).executeTakeFirst();
    if (!before) throw new AppError('not_found', 'error.notFound.title');
    await trx.updateTable('plan_check').set(columns(d)).where('id', '=', id).execute();
    const was = toRow(before);
    await recordAudit(
      trx,
      { actor, action: 'plan.check.update', target: { type: 'plan_check', id }, officeId: office.id, countyId: office.countyId, detail: { before: { checkedOn: was.checkedOn, items: was.items, defects: was.defects, fixedOn: was.fixedOn }, after: { checkedOn: d.checkedOn, items: d.items, defects: d.defects, fixedOn: d.fixedOn ?? null } }, ip },
      now,
    );
  });
}

export async function checkById(db: Executor, id: number): Promise<CheckRow | null> {
  const r = await db.selectFrom('plan_check').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRow(r) : null;
}

/** One office's checks dated in a year, oldest first. */
export async function checksOf(db: Executor, officeId: number, year: number): Promise<CheckRow[]> {
  const rows = await db
    .selectFrom('plan_check')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('checked_on', '>=', `${year}-01-01`)
    .where('checked_on', '<=', `${year}-12-31`)
    .orderBy('checked_on')
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}

export interface MonthTotals {
  /** 'YYYY-MM'; '' for the year's 合計 */
  month: string;
  checks: number;
  items: number;
  defects: number;
  /** defects per 100 items; null when nothing was checked */
  rate: number | null;
}

const rateOf = (defects: number, items: number) => (items > 0 ? (defects / items) * 100 : null);

/** The year month by month (every month begun by `today`), and the 合計 over them: the rate is the year's defects over its items, not an average of months. */
export function monthlyTotals(rows: CheckRow[], year: number, today: IsoDate): { months: MonthTotals[]; total: MonthTotals } {
  const months: MonthTotals[] = [];
  for (let m = 1; m <= 12; m++) {
    const key = `${year}-${String(m).padStart(2, '0')}`;
    if (key > today.slice(0, 7)) break;
    const inMonth = rows.filter((r) => r.checkedOn.startsWith(key));
    const items = inMonth.reduce((n, r) => n + r.items, 0);
    const defects = inMonth.reduce((n, r) => n + r.defects, 0);
    months.push({ month: key, checks: inMonth.length, items, defects, rate: rateOf(defects, items) });
  }
  const items = rows.reduce((n, r) => n + r.items, 0);
  const defects = rows.reduce((n, r) => n + r.defects, 0);
  return { months, total: { month: '', checks: rows.length, items, defects, rate: rateOf(defects, items) } };
}
