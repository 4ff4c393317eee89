import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../platform/errors.js';
import { fields, formValues, parseForm } from '../../platform/http/forms.js';
import type { AppServices } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import { readMultipart } from './attachments.js';
import { canRate, citizenFollowup, findByNumber, rate } from './citizen.js';
import type { PetitionDeps } from './deps.js';
import { confirmPetition, submitFromWeb } from './intake.js';
import * as repo from './repo.js';
import { CATEGORIES } from './rules.js';
import { readPetitionSettings } from './settings.js';
import { ChooseOfficePage, CitizenPage, type CitizenView, ConfirmPage, MailboxPage, SentPage, StatusLookupPage } from './views/public.js';

/** The web form: every message a catalog key shown beside its field. */
export const mailboxSchema = z.object({
  to: z.enum(['director', 'web'], { error: 'err.choice' }),
  subject: fields.text(100),
  category: z.enum(CATEGORIES, { error: 'err.choice' }),
  body: z.string({ error: 'err.required' }).trim().min(10, 'petitions.err.bodyShort').max(4000, 'err.tooLong'),
  name: fields.text(60),
  email: fields.email(),
  phone: z.string().trim().max(24, 'err.tooLong').regex(/^[\d\s()+#-]*$/, 'err.invalid').optional(),
  wantsReply: z.enum(['0', '1'], { error: 'err.choice' }),
  language: z.enum(['zh-Hant', 'en'], { error: 'err.choice' }),
});

const tokenParam = z.object({ token: z.string().regex(/^[\w-]{16,64}$/) });

export function publicPetitionRoutes(app: FastifyInstance, s: AppServices, deps: (req: FastifyRequest) => PetitionDeps) {
  const db = s.database.db;
  const officeOf = (req: FastifyRequest) => officesService.officeByCode(db, z.string().max(40).parse((req.params as { office: string }).office), req.locale);

  app.get('/mailbox', async (req, reply) => {
    const offices = await officesService.listOfficeInfos(db, req.locale);
    if (offices.length === 1 && offices[0]) return reply.redirect(`/o/${offices[0].code}/mailbox`, 303);
    const ctx = await req.view();
    return reply.render(ChooseOfficePage({ ctx, offices: offices.map((o) => ({ code: o.code, name: o.name })) }));
  });

  app.get('/o/:office/mailbox', async (req, reply) => {
    const office = await officeOf(req);
    return reply.render(MailboxPage({ ctx: await req.view({ office }), officeCode: office.code }));
  });

  app.post('/o/:office/mailbox', { config: { csrf: 'manual', rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const office = await officeOf(req);
    const form = await readMultipart(req);
    req.assertCsrf(form.fields._csrf);
    const parsed = parseForm(mailboxSchema, form.fields);
    const errors = parsed.ok ? [] : [...parsed.state.errors];
    if (form.fileError) errors.push({ field: 'files', key: form.fileError });
    if (!parsed.ok || errors.length > 0) {
      return reply.render(MailboxPage({ ctx: await req.view({ office }), officeCode: office.code, state: { values: formValues(form.fields), errors } }), 422);
    }
    const d = parsed.data;
    await submitFromWeb(deps(req), {
      officeId: office.id,
      channel: d.to,
      subject: d.subject,
      category: d.category,
      body: d.body,
      language: d.language,
      name: d.name,
      email: d.email,
      phone: d.phone || undefined,
      wantsReply: d.wantsReply === '1',
      attachments: form.files,
    });
    const settings = await readPetitionSettings(db, office.id);
    const until = new Date(s.clock().getTime() + settings.confirmDays * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    return reply.render(SentPage({ ctx: await req.view({ office }), until }));
  });

  app.get('/petitions/confirm/:token', async (req, reply) => {
    const { token } = tokenParam.parse(req.params);
    return reply.header('referrer-policy', 'no-referrer').render(ConfirmPage({ ctx: await req.view(), token }));
  });

  app.post('/petitions/confirm/:token', async (req, reply) => {
    const { token } = tokenParam.parse(req.params);
    const r = await confirmPetition(deps(req), token);
    const office = r.petition ? await officesService.officeById(db, r.petition.office_id, req.locale) : null;
    const ctx = await req.view({ office });
    // the password is shown once, on this page and in the e-mail; never cached
    reply.header('cache-control', 'no-store');
    if (r.ok) return reply.render(ConfirmPage({ ctx, token, result: { number: r.petition.number ?? '', password: r.password, token: r.petition.view_token } }));
    return reply.render(ConfirmPage({ ctx, token, result: { reason: r.reason, ...(r.petition ? { token: r.petition.view_token } : {}) } }), r.reason === 'done' ? 200 : 410);
  });

  app.get('/petitions/status', async (req, reply) => reply.render(StatusLookupPage({ ctx: await req.view() })));

  app.post('/petitions/status', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const parsed = parseForm(z.object({ number: fields.text(30), password: fields.text(40) }), req.body);
    if (!parsed.ok) return reply.render(StatusLookupPage({ ctx: await req.view(), state: parsed.state }), 422);
    const p = await findByNumber(deps(req), parsed.data.number, parsed.data.password);
    if (!p) return reply.render(StatusLookupPage({ ctx: await req.view(), state: { values: { number: parsed.values.number }, errors: [] }, notFound: true }), 404);
    return reply.redirect(`/p/${p.view_token}`, 303);
  });

  async function byToken(req: FastifyRequest) {
    const { token } = tokenParam.parse(req.params);
    const p = await repo.petitionByToken(db, token);
    if (!p?.number) throw new AppError('not_found', 'error.notFound.title');
    return p;
  }

  async function citizenPage(req: FastifyRequest, p: repo.PetitionRow, state?: Parameters<typeof CitizenPage>[0]['state']) {
    const now = s.clock();
    const events = await repo.eventsOf(db, p.id, true);
    const view: CitizenView = {
      token: p.view_token,
      number: p.number ?? '',
      subject: p.subject,
      status: p.status,
      receivedOn: p.received_on,
      dueOn: p.due_on,
      events: events.map((e) => ({ at: e.at, kind: e.kind, text: e.text })),
      reply: p.reply_body,
      canRate: canRate(p, now),
      rateUntil: p.rate_until,
      rating: p.rating,
      canFollowUp: p.status === 'replied' && p.rate_until !== null && now.toISOString() < p.rate_until,
    };
    const office = await officesService.officeById(db, p.office_id, req.locale);
    return CitizenPage({ ctx: await req.view({ office }), p: view, state });
  }

  app.get('/p/:token', async (req, reply) => reply.header('cache-control', 'no-store').render(await citizenPage(req, await byToken(req))));

  app.post('/p/:token/rate', async (req, reply) => {
    const p = await byToken(req);
    const parsed = parseForm(z.object({ score: z.coerce.number({ error: 'petitions.err.score' }).int().min(1, 'petitions.err.score').max(5, 'petitions.err.score'), comment: fields.optionalText(500) }), req.body);
    if (!parsed.ok) return reply.render(await citizenPage(req, p, parsed.state), 422);
    try {
      await rate(deps(req), p, parsed.data.score, parsed.data.comment ?? null);
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return reply.render(await citizenPage(req, p, { values: parsed.values, errors: [{ field: 'score', key: err.messageKey }] }), 409);
      throw err;
    }
    reply.flash('success', 'petitions.rate.saved');
    return reply.redirect(`/p/${p.view_token}`, 303);
  });

  app.post('/p/:token/followup', { config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const p = await byToken(req);
    const parsed = parseForm(z.object({ text: fields.text(2000) }), req.body);
    if (!parsed.ok) return reply.render(await citizenPage(req, p, parsed.state), 422);
    try {
      await citizenFollowup(deps(req), p, parsed.data.text);
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return reply.render(await citizenPage(req, p, { values: parsed.values, errors: [{ field: 'text', key: err.messageKey }] }), 409);
      throw err;
    }
    reply.flash('success', 'petitions.followup.saved');
    return reply.redirect(`/p/${p.view_token}`, 303);
  });
}
