import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditActions, searchAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { formValues } from '../../platform/http/forms.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import { officesService, staffOffices } from '../offices/index.js';
import { AuditPage } from './views/AuditPage.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const auditQuery = z.object({
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  action: z.string().trim().max(60).optional().catch(undefined),
  actor: z.string().trim().max(60).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export function auditRoutes(app: FastifyInstance, s: AppServices) {
  app.get('/staff/audit', { preHandler: requireStaff('audit.view') }, async (req, reply) => {
    const staff = principal(req);
    const q = auditQuery.parse(req.query ?? {});
    const page = q.page ?? 1;
    // ?office= narrows the log to one office the person covers (county and system admins switch offices)
    const offices = await staffOffices(s.database.db, req);
    const picked = offices.find((o) => o.code === askedOfficeCode(req));
    // Office staff see their office; a county admin the county and its offices; a system admin all.
    const officeIds = picked
      ? [picked.id]
      : staff.role === 'system_admin'
        ? null
        : staff.role === 'county_admin'
          ? staff.countyId !== null
            ? await officesService.officeIdsOfCounty(s.database.db, staff.countyId)
            : []
          : staff.officeId !== null
            ? [staff.officeId]
            : [];
    const scope = { officeIds, countyId: !picked && staff.role === 'county_admin' ? staff.countyId : null };
    const actions = await auditActions(s.database.db, scope);
    const { rows, hasNext } = await searchAudit(s.database.db, {
      from: q.from || undefined,
      to: q.to || undefined,
      action: q.action || undefined,
      actor: q.actor || undefined,
      ...scope,
      page,
      pageSize: 50,
    });
    const values = formValues(req.query);
    const hrefFor = (p: number) => {
      const params = new URLSearchParams({ ...Object.fromEntries(Object.entries(values).filter(([, v]) => v)), page: String(p) } as Record<string, string>);
      return `/staff/audit?${params.toString()}`;
    };
    const choice = officeChoice(offices, picked?.code ?? '', true);
    return reply.render(AuditPage({ ctx: await req.view(), rows, actions, page, hasNext, filter: { values, errors: [] }, hrefFor, choice, officeName: picked?.name ?? (offices.length === 1 ? offices[0]?.name : undefined) }));
  });
}
