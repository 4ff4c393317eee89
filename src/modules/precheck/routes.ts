import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { absoluteUrl } from '../../config.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { coversOffice } from '../../platform/auth/roles.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import { officesService, staffOfficeFor, staffOffices } from '../offices/index.js';
import * as svc from './service.js';
import { CheckPage, PickPage, TicketPage } from './views/pages.js';
import { SlipPage } from './views/slip.js';

const guideParam = z.object({ guide: z.string().regex(/^[a-z0-9-]{1,40}$/) });
const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

// the ticked documents come back as one value or a list of indexes into the guide's list
const checkSchema = z.object({
  have: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().regex(/^\d{1,3}$/, 'err.choice').transform(Number)).max(100, 'err.choice')),
  note: fields.optionalText(500),
});

export function precheckRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const deps = { database: s.database, events: s.events, clock: s.clock };
  const guard = { preHandler: requireStaff('precheck.work') };

  /** ?office=<code> (or the form's office) as on other staff pages; an office one does not cover is refused, never swapped for one's own. */
  async function officeOf(req: FastifyRequest, asked: unknown) {
    // any office named must be one covered: a long or odd value is refused too, never read as "none given"
    const code = z.string().optional().catch(undefined).parse(asked) || undefined;
    const covered = await staffOffices(db, req);
    if (code !== undefined && !covered.some((o) => o.code === code)) throw new AppError('forbidden', 'precheck.err.notYours');
    const office = await staffOfficeFor(db, req, code);
    return { office, choice: officeChoice(covered, office.code) };
  }
  const queryOffice = (req: FastifyRequest) => (req.query as { office?: unknown } | undefined)?.office;
  const guideOf = (req: FastifyRequest) => {
    const p = guideParam.safeParse(req.params);
    if (!p.success) throw new AppError('not_found', 'error.notFound.title');
    return p.data.guide;
  };

  app.get('/staff/precheck', guard, async (req, reply) => {
    const { office, choice } = await officeOf(req, queryOffice(req));
    return reply.render(PickPage({ ctx: await req.view({ office }), choice, services: await svc.servicesOf(db, office.id, req.locale) }));
  });

  app.get('/staff/precheck/check/:guide', guard, async (req, reply) => {
    const { office, choice } = await officeOf(req, queryOffice(req));
    const service = await svc.serviceOf(db, office.id, guideOf(req), req.locale);
    return reply.render(CheckPage({ ctx: await req.view({ office }), choice, service }));
  });

  app.post('/staff/precheck/check/:guide', guard, async (req, reply: FastifyReply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { office, choice } = await officeOf(req, body.office);
    const service = await svc.serviceOf(db, office.id, guideOf(req), req.locale);
    const page = async (state: FormState, code: number, alert?: string) => reply.render(CheckPage({ ctx: await req.view({ office }), choice, service, state, alert }), code);
    const parsed = parseForm(checkSchema, body);
    if (!parsed.ok) return page(parsed.state, 422);
    try {
      const r = await svc.precheck(deps, { officeId: office.id, guideCode: service.guideCode, have: parsed.data.have, note: parsed.data.note ?? null }, principal(req));
      return reply.redirect(`/staff/precheck/${r.id}/${r.outcome}`, 303);
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return page({ values: parsed.values, errors: err.fields ?? [] }, 422);
      // the queue said no (closed, today's numbers all given out): tell the volunteer, keep the ticks
      if (isAppError(err) && (err.code === 'unavailable' || err.code === 'conflict')) return page({ values: parsed.values, errors: [] }, 409, req.t(err.messageKey, err.params));
      throw err;
    }
  });

  /** A stored check, for someone who covers its office. */
  async function checkFor(req: FastifyRequest, outcome: 'ticket' | 'slip') {
    const check = await svc.storedCheck(db, idParam.parse(req.params).id);
    if (check.outcome !== outcome) throw new AppError('not_found', 'error.notFound.title');
    const office = await officesService.officeById(db, check.officeId, req.locale);
    if (!coversOffice(principal(req), office)) throw new AppError('forbidden', 'precheck.err.notYours');
    const covered = await staffOffices(db, req);
    const service = (await svc.servicesOf(db, office.id, req.locale)).find((x) => x.guideCode === check.guideCode);
    return { check, office, choice: officeChoice(covered, office.code), serviceName: service?.name ?? check.guideCode };
  }

  app.get('/staff/precheck/:id/ticket', guard, async (req, reply) => {
    const { check, office, choice, serviceName } = await checkFor(req, 'ticket');
    const code = check.ticketId ? await svc.ticketFollowCode(db, check.ticketId) : null;
    if (!code || !check.ticketLabel) throw new AppError('not_found', 'error.notFound.title');
    const followUrl = absoluteUrl(s.config, `/q/${code}`);
    return reply.header('cache-control', 'no-store').render(TicketPage({ ctx: await req.view({ office }), choice, serviceName, label: check.ticketLabel, followUrl }));
  });

  app.get('/staff/precheck/:id/slip', guard, async (req, reply) => {
    const { check, office, choice, serviceName } = await checkFor(req, 'slip');
    const en = req.locale === 'en';
    return reply.render(
      SlipPage({
        ctx: await req.view({ office }),
        slip: {
          officeName: office.name,
          officePhone: office.phone,
          officeHours: office.hoursSummary,
          day: check.day,
          serviceName,
          missing: check.missing.map((d) => ({ text: en ? d.en : d.zh, basis: d.basis ?? null })),
          note: check.note,
          nextHref: `/staff/precheck?office=${encodeURIComponent(choice.officeCode)}`,
        },
      }),
    );
  });
}
