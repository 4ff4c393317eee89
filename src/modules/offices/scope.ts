import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import { principal } from '../../platform/auth/guard.js';
import { coversOffice } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import type { OfficeInfo } from '../../platform/http/context.js';
import { listOfficeInfos } from './service.js';

/** The offices the signed-in staff member covers (own office; every office for county and system admins). */
export async function staffOffices(db: Db, req: FastifyRequest): Promise<OfficeInfo[]> {
  const staff = principal(req);
  return (await listOfficeInfos(db, req.locale)).filter((o) => coversOffice(staff, o));
}

/** The office a staff page is about: the one asked for if covered, else the person's own, else the first covered. */
export async function staffOfficeFor(db: Db, req: FastifyRequest, code?: string): Promise<OfficeInfo> {
  const staff = principal(req);
  const offices = await staffOffices(db, req);
  const office = offices.find((o) => o.code === code) ?? offices.find((o) => o.id === staff.officeId) ?? offices[0];
  if (!office) throw new AppError('forbidden', 'error.forbidden.title');
  return office;
}
