import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { can } from '../../../platform/auth/roles.js';
import { AppError, isAppError } from '../../../platform/errors.js';
import type { FormState } from '../../../platform/layout/forms.js';
import type { AppServices } from '../../../platform/module.js';
import { officesService } from '../../offices/index.js';
import { parseRecipientForm, valuesOf } from './form.js';
import { inputOf, type Recipient } from './model.js';
import { openReveal, sealReveal } from './reveal.js';
import * as service from './service.js';
import { RecipientEditPage } from './views/edit.js';
import { LIST_PATH, RecipientListPage } from './views/list.js';

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
/** The flash that carries a new secret across the redirect (sealed: see reveal.ts). */
const SECRET_FLASH = 'notify.recipients.secretMade';

export function recipientsRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const deps = { database: s.database, vault: s.vault };
  const read = { preHandler: requireStaff('notify.oversee') };
  const edit = { preHandler: requireStaff('notify.recipients') };

  /** The registry is the county's: the person's county, or for a system admin the deployment's. */
  async function countyOf(req: FastifyRequest): Promise<number> {
    const staff = principal(req);
    const id = staff.countyId ?? (await officesService.countyInfo(db, req.locale))?.id;
    if (id === undefined) throw new AppError('not_found', 'error.notFound.title');
    return id;
  }
  const meta = (req: FastifyRequest) => ({ actor: principal(req), ip: req.ip, now: s.clock() });

  async function ownRecipient(req: FastifyRequest): Promise<{ countyId: number; r: Recipient }> {
    const { id } = idParam.parse(req.params);
    const countyId = await countyOf(req);
    const r = await service.recipientById(db, id);
    if (!r || r.countyId !== countyId) throw new AppError('not_found', 'error.notFound.title');
    return { countyId, r };
  }

  const stored = (r: Recipient) => ({ id: r.id, code: r.code, name: r.name, active: r.active, webhook: r.channel === 'webhook', hasSecret: r.secretEnc !== null });

  /** After a step that made a secret: the edit page, which shows it once. */
  function redirectWithSecret(req: FastifyRequest, reply: FastifyReply, r: { id: number; name: string }, secret: string) {
    const reveal = sealReveal(s.vault, { recipientId: r.id, staffId: principal(req).id, secret, now: s.clock() });
    reply.flash('success', SECRET_FLASH, { name: r.name, reveal });
    return reply.redirect(`${LIST_PATH}/${r.id}`, 303);
  }

  app.get(LIST_PATH, read, async (req, reply) => {
    const recipients = await service.listRecipients(db, await countyOf(req));
    return reply.render(RecipientListPage({ ctx: await req.view(), recipients, mayEdit: can(principal(req).role, 'notify.recipients') }));
  });

  app.get(`${LIST_PATH}/new`, edit, async (req, reply) =>
    reply.render(RecipientEditPage({ ctx: await req.view(), state: { values: { channel: 'batch', ackDays: '7' }, errors: [] }, stored: null })),
  );

  app.post(`${LIST_PATH}/new`, edit, async (req, reply) => {
    const fail = async (state: FormState, code: number) => reply.render(RecipientEditPage({ ctx: await req.view(), state, stored: null }), code);
    const parsed = parseRecipientForm(req.body, true);
    if (!parsed.ok) return fail(parsed.state, 422);
    try {
      const made = await service.createRecipient(deps, await countyOf(req), parsed.code, parsed.input, meta(req));
      if (made.secret) return redirectWithSecret(req, reply, { id: made.id, name: parsed.input.name }, made.secret);
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return fail({ values: parsed.values, errors: err.fields }, 409);
      throw err;
    }
    reply.flash('success', 'notify.recipients.created', { name: parsed.input.name });
    return reply.redirect(LIST_PATH, 303);
  });

  app.get(`${LIST_PATH}/:id`, edit, async (req, reply) => {
    const { r } = await ownRecipient(req);
    const ctx = await req.view();
    // a secret made by the step before, shown this once; a stale or replayed seal shows nothing and says nothing
    const flash = ctx.flash.find((f) => f.key === SECRET_FLASH);
    const sealed = flash?.params?.reveal;
    const secret = typeof sealed === 'string' ? await openReveal(db, s.vault, sealed, { recipientId: r.id, staffId: principal(req).id, now: s.clock() }) : null;
    if (flash && !secret) ctx.flash = ctx.flash.filter((f) => f !== flash);
    return reply.render(RecipientEditPage({ ctx, state: { values: valuesOf(r.code, inputOf(r)), errors: [] }, stored: stored(r), secret }));
  });

  app.post(`${LIST_PATH}/:id`, edit, async (req, reply) => {
    const { countyId, r } = await ownRecipient(req);
    const parsed = parseRecipientForm(req.body, false);
    if (!parsed.ok) {
      const state = { ...parsed.state, values: { ...parsed.state.values, code: r.code } };
      return reply.render(RecipientEditPage({ ctx: await req.view(), state, stored: stored(r) }), 422);
    }
    const saved = await service.updateRecipient(deps, countyId, r.id, parsed.input, meta(req));
    if (saved.secret) return redirectWithSecret(req, reply, { id: r.id, name: parsed.input.name }, saved.secret);
    if (saved.changed.length === 0) reply.flash('info', 'notify.recipients.unchanged');
    else reply.flash('success', 'notify.recipients.saved', { name: parsed.input.name });
    return reply.redirect(LIST_PATH, 303);
  });

  for (const step of ['retire', 'restore'] as const) {
    app.post(`${LIST_PATH}/:id/${step}`, edit, async (req, reply) => {
      const { countyId, r } = await ownRecipient(req);
      await service.setActive(deps, countyId, r.id, step === 'restore', meta(req));
      reply.flash('success', step === 'restore' ? 'notify.recipients.restored' : 'notify.recipients.retiredDone', { name: r.name });
      return reply.redirect(`${LIST_PATH}#r-${r.code}`, 303);
    });
  }

  app.post(`${LIST_PATH}/:id/rotate`, edit, async (req, reply) => {
    const { countyId, r } = await ownRecipient(req);
    const { secret } = await service.rotateSecret(deps, countyId, r.id, meta(req));
    return redirectWithSecret(req, reply, r, secret);
  });
}
