import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import { principal } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { staffDirectory } from '../staff/index.js';

/** Who may see what: one's own always; a manager (knowledge.manage) everyone of the offices they cover. */
export const forbidden = () => new AppError('forbidden', 'error.forbidden.title');

export const manages = (req: FastifyRequest) => can(principal(req).role, 'knowledge.manage');

/** The ids of the offices the person covers. */
export async function coveredIds(db: Db, req: FastifyRequest): Promise<number[]> {
  return (await staffOffices(db, req)).map((o) => o.id);
}

/** May the signed-in person see records of that office as a manager? */
export async function managesOffice(db: Db, req: FastifyRequest, officeId: number | null): Promise<boolean> {
  if (!manages(req) || officeId === null) return false;
  return (await coveredIds(db, req)).includes(officeId);
}

/** Colleagues a manager may act for: the active staff of the offices they cover. */
export async function colleagues(db: Db, req: FastifyRequest) {
  return staffDirectory.activeStaffOf(db, await coveredIds(db, req));
}

/** The person (self, or for a manager a colleague of a covered office) with their office; otherwise 403. */
export async function personFor(db: Db, req: FastifyRequest, staffId: number): Promise<{ id: number; name: string; officeId: number | null; own: boolean }> {
  const me = principal(req);
  if (staffId === me.id) return { id: me.id, name: me.displayName, officeId: me.officeId, own: true };
  if (!manages(req)) throw forbidden();
  const found = (await colleagues(db, req)).find((p) => p.id === staffId);
  if (!found) throw forbidden();
  return { id: found.id, name: found.display_name, officeId: found.office_id, own: false };
}

/** County-wide questions and quizzes are the county's to write. */
export const writesCounty = (req: FastifyRequest) => ['county_admin', 'system_admin'].includes(principal(req).role);

/** Lists: every covered office, or the one picked with ?office= (county-wide items show with either). */
export async function listChoice(db: Db, req: FastifyRequest, body?: Record<string, unknown>) {
  const all = await staffOffices(db, req);
  const picked = all.find((o) => o.code === askedOfficeCode(req, body));
  return { all, picked, ids: (picked ? [picked] : all).map((o) => o.id), choice: officeChoice(all, picked?.code ?? '', true) };
}

/** One office's page: the one asked for (?office=, the form's hidden office) if covered, else the person's own. */
export async function workChoice(db: Db, req: FastifyRequest, body?: Record<string, unknown>) {
  const all = await staffOffices(db, req);
  const office = await staffOfficeFor(db, req, askedOfficeCode(req, body));
  return { office, choice: officeChoice(all, office.code) };
}
