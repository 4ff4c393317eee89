import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../platform/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import { answerSchema, respond, type Visit, visitFromBooking, visitFromTicket } from './collect.js';
import { visitAnswered } from './repo.js';
import { currentVersion, kioskKey, openSurveyFor, type SurveyRow } from './service.js';
import { KioskSurveyPage, type SurveyForm, SurveyPage, ThanksPage } from './views/public.js';

const hiddenSchema = z.object({
  channel: z.enum(['web', 'kiosk', 'ticket', 'booking']).catch('web'),
  k: z.string().max(40).optional(),
  v: z.string().max(64).optional(),
});

/**
 * Where citizens answer: a web link (and its QR), the tablet at the counter,
 * and the links on a served ticket or a booking — those tie the answer to
 * the visit (service, counter, minutes waited), never to the person.
 */
export function publicSurveyRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const validKiosk = (officeId: number, k: unknown) => typeof k === 'string' && k === kioskKey(s.config.sessionSecret, officeId);

  async function officeOf(req: FastifyRequest) {
    return officesService.officeByCode(db, z.string().max(40).parse((req.params as { office: string }).office), req.locale);
  }

  async function loadSurvey(office: { id: number; countyId: number }): Promise<{ survey: SurveyRow; version: Awaited<ReturnType<typeof currentVersion>> }> {
    const survey = await openSurveyFor(db, office, 'service');
    if (!survey) throw new AppError('not_found', 'surveys.err.none');
    return { survey, version: await currentVersion(db, survey) };
  }

  async function visitOf(channel: string, v: string | undefined): Promise<Visit | null> {
    if (!v) return null;
    if (channel === 'ticket') return visitFromTicket(db, v);
    if (channel === 'booking') return visitFromBooking(db, v);
    return null;
  }

  async function page(req: FastifyRequest, reply: FastifyReply, office: Awaited<ReturnType<typeof officeOf>>, hidden: z.infer<typeof hiddenSchema>, state?: FormState, status = 200) {
    const { survey, version } = await loadSurvey(office);
    const visit = await visitOf(hidden.channel, hidden.v);
    const form: SurveyForm = {
      action: `/o/${office.code}/survey`,
      title: req.locale === 'en' ? survey.title_en : survey.title_zh,
      q: version.q,
      hidden: Object.fromEntries(Object.entries(hidden).filter(([, v]) => v !== undefined)) as Record<string, string>,
      visitNote: visit ? req.t('surveys.visitNote') : null,
    };
    const ctx = await req.view({ office });
    if (hidden.channel === 'kiosk') return reply.render(KioskSurveyPage({ ctx, form, state }), status);
    return reply.header('cache-control', 'no-store').render(SurveyPage({ ctx, form, state }), status);
  }

  app.get('/o/:office/survey', async (req, reply) => page(req, reply, await officeOf(req), { channel: 'web' }));

  app.get('/o/:office/survey/kiosk', async (req, reply) => {
    const office = await officeOf(req);
    const k = (req.query as { k?: string } | undefined)?.k;
    if (!validKiosk(office.id, k)) throw new AppError('forbidden', 'surveys.err.kioskKey');
    return page(req, reply, office, { channel: 'kiosk', k });
  });

  async function visitPage(req: FastifyRequest, reply: FastifyReply, channel: 'ticket' | 'booking') {
    const code = z.string().regex(/^[\w-]{8,40}$/).parse((req.params as { code: string }).code);
    const visit = await visitOf(channel, code);
    if (!visit) return reply.render(ThanksPage({ ctx: await req.view(), kioskBack: null, messageKey: 'surveys.notYet' }), 404);
    if (await visitAnswered(db, visit.hash)) return reply.render(ThanksPage({ ctx: await req.view(), kioskBack: null, messageKey: 'surveys.err.answered' }), 409);
    const office = await officesService.officeById(db, visit.officeId, req.locale);
    return page(req, reply, office, { channel, v: code });
  }
  app.get('/s/t/:code', (req, reply) => visitPage(req, reply, 'ticket'));
  app.get('/s/b/:code', (req, reply) => visitPage(req, reply, 'booking'));

  app.post(
    '/o/:office/survey',
    {
      config: {
        // open links are throttled against stuffing; the counter tablet (its key) is not
        rateLimit: {
          max: 5,
          timeWindow: '10 minutes',
          hook: 'preHandler',
          allowList: (req: FastifyRequest) => {
            const b = req.body as { k?: unknown } | undefined;
            const code = (req.params as { office?: string }).office;
            return typeof b?.k === 'string' && typeof code === 'string' && b.k.length > 0 && kioskKeyMatches(code, b.k);
          },
        },
      },
    },
    async (req, reply) => {
      const office = await officeOf(req);
      const hidden = hiddenSchema.parse(req.body ?? {});
      if (hidden.channel === 'kiosk' && !validKiosk(office.id, hidden.k)) throw new AppError('forbidden', 'surveys.err.kioskKey');
      const { survey, version } = await loadSurvey(office);
      const parsed = parseForm(answerSchema(version.q), req.body);
      if (!parsed.ok) return page(req, reply, office, hidden, parsed.state, 422);
      const visit = await visitOf(hidden.channel, hidden.v);
      if ((hidden.channel === 'ticket' || hidden.channel === 'booking') && (!visit || visit.officeId !== office.id)) throw new AppError('bad_request', 'surveys.notYet');
      try {
        await respond(s.database, { surveyId: survey.id, versionId: version.id, officeId: office.id, channel: hidden.channel, visit, questionnaire: version.q, answers: parsed.data as Record<string, unknown>, now: s.clock() });
      } catch (err) {
        if (isAppError(err) && err.code === 'conflict') return reply.render(ThanksPage({ ctx: await req.view({ office }), kioskBack: null, messageKey: err.messageKey }), 409);
        throw err;
      }
      const back = hidden.channel === 'kiosk' ? `/o/${office.code}/survey/kiosk?k=${encodeURIComponent(hidden.k ?? '')}` : null;
      return reply.render(ThanksPage({ ctx: await req.view({ office }), kioskBack: back }));
    },
  );

  // the rate limiter runs before the office is loaded: match the key against the office code cheaply
  const keyCache = new Map<string, string>();
  function kioskKeyMatches(officeCode: string, k: string): boolean {
    const expected = keyCache.get(officeCode);
    return expected !== undefined && expected === k;
  }
  app.addHook('onReady', async () => {
    for (const o of await officesService.listOfficeInfos(db, 'zh-Hant')) keyCache.set(o.code, kioskKey(s.config.sessionSecret, o.id));
  });
}
