import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { taipeiToday, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { isAppError } from '../../platform/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { coveredOffice, idParam, intField, notFound, type RegisterScope, registerScope } from './registers-common.js';
import { adoptTargets, itemOf } from './registers-proposal-item.js';
import { decideProposal, decideSchema, type ProposalRow, proposalById, proposalsOf, recordUse, submitProposal, submitSchema, USES_MAX, useMonths, usesOf } from './registers-proposals.js';
import { type ProposalPageProps, ProposalPage, ProposalsPage } from './views/registers-proposals.js';

const useSchema = z.object({ month: z.string({ error: 'err.choice' }).regex(/^\d{4}-\d{2}$/, 'err.choice'), count: intField(0, USES_MAX) });

/** 提案制度: everyone proposes and reads; directors decide, once; supervisors and up count the uses. */
export function proposalRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const view = { preHandler: requireStaff('plan.view') };
  const decide = { preHandler: requireStaff('plan.submit') };
  const edit = { preHandler: requireStaff('plan.edit') };

  async function listPage(req: FastifyRequest, scope: RegisterScope, state?: FormState) {
    return ProposalsPage({ ctx: await req.view(), scope, rows: await proposalsOf(db, scope.office.id, scope.year), state });
  }

  /** The proposal in the address, of an office this person covers (else 404). */
  async function proposalOf(req: FastifyRequest): Promise<{ p: ProposalRow; scope: RegisterScope }> {
    const p = await proposalById(db, idParam(req.params));
    if (!p) throw notFound();
    const office = await coveredOffice(db, req, p.officeId);
    const year = Number(toTaipeiIsoDate(new Date(p.createdAt)).slice(0, 4));
    return { p, scope: { office, choice: officeChoice(await staffOffices(db, req), office.code), year, today: taipeiToday(s.clock()) } };
  }

  async function onePage(req: FastifyRequest, extra: Pick<ProposalPageProps, 'decide' | 'use' | 'alert'> = {}) {
    const { p, scope } = await proposalOf(req);
    const role = principal(req).role;
    const current = Number(scope.today.slice(0, 4));
    return ProposalPage({
      ctx: await req.view(),
      scope,
      p,
      uses: await usesOf(db, p.id),
      item: p.planItemId === null ? null : await itemOf(db, p.planItemId),
      can: { decide: can(role, 'plan.submit'), uses: can(role, 'plan.edit') },
      targets: p.state === 'submitted' ? await adoptTargets(db, p.officeId, [current, current + 1]) : [],
      months: p.decidedOn ? useMonths(p.decidedOn, scope.today) : [],
      ...extra,
    });
  }

  app.get('/staff/plan/proposals', view, async (req, reply) => reply.render(await listPage(req, await registerScope(db, req, s.clock()))));

  app.post('/staff/plan/proposals', view, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const scope = await registerScope(db, req, s.clock(), body);
    const parsed = parseForm(submitSchema, body);
    if (!parsed.ok) return reply.render(await listPage(req, scope, parsed.state), 422);
    const id = await submitProposal(s.database, scope.office, parsed.data, principal(req), req.ip, s.clock());
    reply.flash('success', 'plan.reg.proposal.submitted');
    return reply.redirect(`/staff/plan/proposals/${id}`, 303);
  });

  app.get('/staff/plan/proposals/:id', view, async (req, reply) => reply.render(await onePage(req)));

  /** A rule that said no beside a field (422), or a decision already taken (409, the page as it now is with the message). */
  async function refused(req: FastifyRequest, reply: FastifyReply, err: unknown, form: 'decide' | 'use', values: FormState['values']) {
    if (isAppError(err) && err.code === 'validation') return reply.render(await onePage(req, { [form]: { values, errors: err.fields } }), 422);
    if (isAppError(err) && err.code === 'conflict' && err.messageKey.startsWith('plan.reg.')) return reply.render(await onePage(req, { alert: req.t(err.messageKey) }), 409);
    throw err;
  }

  app.post('/staff/plan/proposals/:id/decide', decide, async (req, reply) => {
    const { p, scope } = await proposalOf(req);
    const parsed = parseForm(decideSchema, req.body);
    if (!parsed.ok) return reply.render(await onePage(req, { decide: parsed.state }), 422);
    try {
      await decideProposal(s.database, p.id, scope.office, parsed.data, principal(req), req.ip, s.clock());
    } catch (err) {
      return refused(req, reply, err, 'decide', parsed.values);
    }
    reply.flash('success', parsed.data.decision === 'adopt' ? 'plan.reg.proposal.adopted' : 'plan.reg.proposal.declined');
    return reply.redirect(`/staff/plan/proposals/${p.id}`, 303);
  });

  app.post('/staff/plan/proposals/:id/uses', edit, async (req, reply) => {
    const { p, scope } = await proposalOf(req);
    const parsed = parseForm(useSchema, req.body);
    if (!parsed.ok) return reply.render(await onePage(req, { use: parsed.state }), 422);
    try {
      await recordUse(s.database, p.id, scope.office, parsed.data.month, parsed.data.count, principal(req), req.ip, s.clock());
    } catch (err) {
      return refused(req, reply, err, 'use', parsed.values);
    }
    reply.flash('success', 'plan.reg.proposal.useSaved');
    return reply.redirect(`/staff/plan/proposals/${p.id}`, 303);
  });
}
