import { type Database, type Executor, isUniqueViolation, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { createPlan, type PlanSource } from './create.js';
import { findPlan, type PlanState } from './model.js';
import { actorOf } from './plan-edit.js';
import type { CreateSource } from './plan-forms.js';
import * as repo from './plan-repo.js';

/** The plans a person sees for a year: one line per office they cover, one per county plan they read. */
export interface PlanLine {
  /** null: the county's own plan */
  office: { id: number; code: string; name: string } | null;
  countyId: number;
  plan: { id: number; title: string; state: PlanState; revision: number; filedOn: string | null; filedDoc: string | null } | null;
}

export async function plansForYear(db: Executor, offices: { id: number; code: string; name: string; countyId: number }[], countyIds: number[], year: number): Promise<PlanLine[]> {
  const rows = await repo.plansOfYear(
    db,
    offices.map((o) => o.id),
    countyIds,
    year,
  );
  const summary = (r: repo.PlanRow | undefined) => (r ? { id: r.id, title: r.title, state: r.state as PlanState, revision: r.revision, filedOn: r.filed_on, filedDoc: r.filed_doc } : null);
  return [
    ...countyIds.map((c) => ({ office: null, countyId: c, plan: summary(rows.find((r) => r.office_id === null && r.county_id === c)) })),
    ...offices.map((o) => ({ office: { id: o.id, code: o.code, name: o.name }, countyId: o.countyId, plan: summary(rows.find((r) => r.office_id === o.id)) })),
  ];
}

export interface StartPlan {
  countyId: number;
  /** null: the county's own plan */
  officeId: number | null;
  year: number;
  source: CreateSource;
}

const sourceError = (key: string) => new AppError('validation', key, { fields: [{ field: 'source', key }] });

/** What the form's choice means: a template, last year's plan of the same office (or county), the county's plan of the year. */
async function resolveSource(trx: Executor, p: StartPlan): Promise<PlanSource> {
  if (p.source === 'blank') return { blank: true };
  if (p.source.startsWith('template:')) return { template: p.source.slice('template:'.length) };
  if (p.source === 'last') {
    const last = await findPlan(trx, p.officeId, p.countyId, p.year - 1);
    if (!last) throw sourceError('plan.err.noLastYear');
    return { plan: last.id };
  }
  if (p.officeId === null) throw sourceError('plan.err.countyOfCounty');
  const county = await findPlan(trx, null, p.countyId, p.year);
  if (!county) throw sourceError('plan.err.noCountyPlan');
  return { plan: county.id };
}

/** A new draft plan, its first revision and the audit entry; a second plan for the same office and year is refused beside the year. */
export async function startPlan(database: Database, p: StartPlan, staff: StaffPrincipal, ip: string | null, now: Date): Promise<number> {
  const exists = () => new AppError('validation', 'plan.error.exists', { params: { year: p.year - 1911 }, fields: [{ field: 'year', key: 'plan.error.exists', params: { year: p.year - 1911 } }] });
  try {
    return await writeTransaction(database, async (trx) => {
      const source = await resolveSource(trx, p);
      const id = await createPlan(trx, { countyId: p.countyId, officeId: p.officeId, year: p.year, source }, actorOf(staff), now);
      await recordAudit(trx, { actor: staff, action: 'plan.create', target: { type: 'plan', id }, officeId: p.officeId, countyId: p.countyId, detail: { year: p.year, source: p.source }, ip }, now);
      return id;
    });
  } catch (err) {
    // two people creating the same plan at once: the unique index lets one through
    if ((isAppError(err) && err.code === 'conflict' && err.messageKey === 'plan.error.exists') || isUniqueViolation(err)) throw exists();
    throw err;
  }
}
