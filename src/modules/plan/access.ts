import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import { principal } from '../../platform/auth/guard.js';
import { type Capability, can, coversOffice, type StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import type { IndicatorOffice } from '../../platform/indicators/index.js';
import { type PlanTree, readPlan } from './model.js';

/**
 * Who may see and change a plan, in one place for every page of the module.
 * An office's plan: staff of that office (and county staff, system admin);
 * the county's plan: everyone in the county reads it, county staff change it.
 * Another county's or office's plan is 404, not 403: it is not there for you.
 */
export interface PlanContext {
  tree: PlanTree;
  /** the office the plan belongs to; null for the county's own plan */
  office: (IndicatorOffice & { name: string }) | null;
  staff: StaffPrincipal;
}

export function mayReadPlan(staff: StaffPrincipal, plan: { countyId: number; officeId: number | null }): boolean {
  if (staff.role === 'system_admin') return true;
  if (staff.countyId !== plan.countyId) return false;
  if (plan.officeId === null) return true;
  return coversOffice(staff, { id: plan.officeId, countyId: plan.countyId });
}

/** The plan named by `:plan` in the address, if this person may read it and holds the capability; the county's plan takes figures.county to change. */
export async function loadPlan(db: Db, req: FastifyRequest, capability: Capability = 'plan.view'): Promise<PlanContext> {
  const staff = principal(req);
  const id = Number((req.params as Record<string, string | undefined>).plan);
  const notFound = new AppError('not_found', 'error.notFound.title');
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound;
  const tree = await readPlan(db, id);
  if (!tree || !mayReadPlan(staff, tree.plan)) throw notFound;
  if (!can(staff.role, capability)) throw new AppError('forbidden', 'error.forbidden.title');
  // the county's plan is the county's to change: office staff only read it
  if (tree.plan.officeId === null && capability !== 'plan.view' && !can(staff.role, 'plan.review')) throw new AppError('forbidden', 'error.forbidden.title');
  const office = tree.plan.officeId === null ? null : await db.selectFrom('office').select(['id', 'code', 'county_id', 'name_zh']).where('id', '=', tree.plan.officeId).executeTakeFirstOrThrow();
  return { tree, staff, office: office ? { id: office.id, code: office.code, countyId: office.county_id, name: office.name_zh } : null };
}
