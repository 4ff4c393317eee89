import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.js';
import { SIGNATURE_HEADER } from '../body.js';
import { ackView, confirmByCallback, confirmByLink } from './ack.js';
import type { DeliveryDeps } from './deps.js';
import { AckPage } from './views/ack.js';

const tokenParam = z.object({ token: z.string().max(100) });
const limited = { rateLimit: { max: 30, timeWindow: '1 minute' } };
/** a callback is a few dozen bytes */
const CALLBACK_LIMIT = 16 * 1024;

/** The acknowledgement link (GET shows, POST confirms) and the agencies' signed callback. */
export function ackRoutes(app: FastifyInstance, deps: DeliveryDeps) {
  const tokenOf = (req: FastifyRequest) => tokenParam.parse(req.params).token;

  app.get('/notify/ack/:token', { config: limited }, async (req, reply) => {
    const token = tokenOf(req);
    const view = await ackView(deps, token, req.locale);
    if (!view) throw new AppError('not_found', 'error.notFound.title');
    // the token is in the address: keep it out of other sites' Referer
    return reply.header('referrer-policy', 'no-referrer').render(AckPage({ ctx: await req.view(), view, token }));
  });

  app.post('/notify/ack/:token', { config: limited }, async (req, reply) => {
    const token = tokenOf(req);
    const out = await confirmByLink(deps, token, req.ip);
    if (!out) throw new AppError('not_found', 'error.notFound.title');
    if (out.result === 'acknowledged') reply.flash('success', 'notify.delivery.ack.done');
    else if (out.result === 'already') reply.flash('info', 'notify.delivery.ack.already');
    else reply.flash('warning', 'notify.delivery.ack.notSent');
    return reply.redirect(`/notify/ack/${token}`, 303);
  });

  // the signature is over the exact bytes sent: this route keeps its JSON body as text (its own scope, its own parser)
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: CALLBACK_LIMIT }, (_req, body, done) => done(null, body));
    scope.post('/api/notify/ack', { config: { csrf: 'manual', ...limited } }, async (req, reply) => {
      const raw = typeof req.body === 'string' ? req.body : '';
      const header = req.headers[SIGNATURE_HEADER];
      const out = await confirmByCallback(deps, raw, typeof header === 'string' ? header : undefined, req.ip);
      if (!out.ok) return reply.code(401).send({ error: { code: 'unauthenticated', message: req.t('notify.delivery.callback.refused') } });
      if (out.result === 'not_sent') return reply.code(409).send({ error: { code: 'conflict', message: req.t('notify.delivery.ack.notSent') } });
      return reply.send({ notice: out.noticeId, status: 'acknowledged', acknowledgedAt: out.ackedAt, already: out.result === 'already' });
    });
  });
}
