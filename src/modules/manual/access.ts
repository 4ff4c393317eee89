import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import { principal } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import { staffOffices } from '../offices/index.js';

export const forbidden = () => new AppError('forbidden', 'error.forbidden.title');
export const manages = (req: FastifyRequest) => can(principal(req).role, 'knowledge.manage');
/** The county's procedures are the county's to write. */
export const writesCounty = (req: FastifyRequest) => ['county_admin', 'system_admin'].includes(principal(req).role);

/** The offices the person covers, for their versions of procedures. */
export async function covered(db: Db, req: FastifyRequest) {
  return staffOffices(db, req);
}

/** May the person save a procedure of this scope (null: the county's)? */
export async function mayWriteScope(db: Db, req: FastifyRequest, officeId: number | null): Promise<boolean> {
  if (!manages(req)) return false;
  if (officeId === null) return writesCounty(req);
  return (await covered(db, req)).some((o) => o.id === officeId);
}

/**
 * Which offices' own procedures a list shows: every covered office, or the one
 * asked with ?office= (the hidden `office` field on a form); the county's show
 * with either. The picker shows the choice ('' = every office).
 */
export async function officeView(db: Db, req: FastifyRequest) {
  const all = await covered(db, req);
  const picked = all.find((o) => o.code === askedOfficeCode(req));
  return { officeIds: (picked ? [picked] : all).map((o) => o.id), picked, choice: officeChoice(all, picked?.code ?? '', true) };
}
