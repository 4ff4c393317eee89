import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OfficeInfo } from '../../platform/http/context.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import type { AppServices } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import * as newsletter from './service.js';
import { MessagePage, OneButtonPage, SubscribePage } from './views/public.js';

export const subscribeSchema = z.object({
  email: fields.email(),
  locale: z.enum(['zh-Hant', 'en'], { error: 'newsletter.err.locale' }),
});

const tokenParam = z.object({ token: z.string().max(100) });

/**
 * The public side: subscribe (county page and each office's), confirm
 * (GET shows a button, POST confirms: mail scanners that open links must
 * not subscribe anyone), unsubscribe (GET: one button; POST: done, with no
 * other step and no CSRF token, as RFC 8058's one-click POST from a mail
 * program carries none: the link's token is the authority).
 */
export function publicNewsletterRoutes(app: FastifyInstance, s: AppServices) {
  const deps = { database: s.database, config: s.config, clock: s.clock };
  const limited = { config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } };
  const officeOf = (req: FastifyRequest) => officesService.officeByCode(s.database.db, z.string().max(40).parse((req.params as { office: string }).office), req.locale);

  async function submit(req: FastifyRequest, reply: FastifyReply, office: OfficeInfo | null) {
    const parsed = parseForm(subscribeSchema, req.body);
    if (!parsed.ok) return reply.render(SubscribePage({ ctx: await req.view({ office }), state: parsed.state, officeCode: office?.code }), 422);
    await newsletter.subscribe(deps, { email: parsed.data.email, locale: parsed.data.locale, officeId: office?.id ?? null });
    return reply.redirect(office ? `/o/${office.code}/newsletter/check` : '/newsletter/check', 303);
  }

  app.get('/newsletter', async (req, reply) => reply.render(SubscribePage({ ctx: await req.view() })));
  app.post('/newsletter', limited, async (req, reply) => submit(req, reply, null));
  app.get('/newsletter/check', async (req, reply) => reply.render(MessagePage({ ctx: await req.view(), titleKey: 'newsletter.checkMail', leadKey: 'newsletter.checkMailLead' })));
  app.get('/o/:office/newsletter', async (req, reply) => {
    const office = await officeOf(req);
    return reply.render(SubscribePage({ ctx: await req.view({ office }), officeCode: office.code }));
  });
  app.post('/o/:office/newsletter', limited, async (req, reply) => submit(req, reply, await officeOf(req)));
  app.get('/o/:office/newsletter/check', async (req, reply) => {
    const office = await officeOf(req);
    return reply.render(MessagePage({ ctx: await req.view({ office }), titleKey: 'newsletter.checkMail', leadKey: 'newsletter.checkMailLead', officeCode: office.code }));
  });

  const invalid = async (req: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', 'no-store').render(MessagePage({ ctx: await req.view(), titleKey: 'newsletter.invalid.title', leadKey: 'newsletter.invalid.lead', again: true }), 404);

  app.get('/newsletter/confirm/:token', async (req, reply) => {
    const { token } = tokenParam.parse(req.params);
    const pending = await newsletter.pendingConfirmation(deps, token);
    if (!pending) return invalid(req, reply);
    const lead = req.t('newsletter.confirm.lead', { email: pending.email });
    return reply.header('cache-control', 'no-store').render(OneButtonPage({ ctx: await req.view(), titleKey: 'newsletter.confirm.title', lead, buttonKey: 'newsletter.confirm.button', action: req.url }));
  });
  app.post('/newsletter/confirm/:token', limited, async (req, reply) => {
    const { token } = tokenParam.parse(req.params);
    if (!(await newsletter.confirm(deps, token))) return invalid(req, reply);
    return reply.render(MessagePage({ ctx: await req.view(), titleKey: 'newsletter.confirmed.title', leadKey: 'newsletter.confirmed.lead' }));
  });

  app.get('/newsletter/unsubscribe/:token', async (req, reply) => {
    const { token } = tokenParam.parse(req.params);
    const target = await newsletter.unsubscribeTarget(deps, token);
    if (!target) return invalid(req, reply);
    if (target.status === 'unsubscribed') return reply.render(MessagePage({ ctx: await req.view(), titleKey: 'newsletter.unsubbed.title', leadKey: 'newsletter.unsubbed.lead', again: true }));
    return reply.header('cache-control', 'no-store').render(OneButtonPage({ ctx: await req.view(), titleKey: 'newsletter.unsub.title', lead: req.t('newsletter.unsub.lead'), buttonKey: 'newsletter.unsub.button', action: req.url }));
  });
  app.post('/newsletter/unsubscribe/:token', { config: { csrf: 'manual', rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    const { token } = tokenParam.parse(req.params);
    if (!(await newsletter.unsubscribe(deps, token))) return invalid(req, reply);
    return reply.render(MessagePage({ ctx: await req.view(), titleKey: 'newsletter.unsubbed.title', leadKey: 'newsletter.unsubbed.lead', again: true }));
  });
}
