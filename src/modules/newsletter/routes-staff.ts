import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { isAppError } from '../../platform/errors.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import { readTextUpload } from '../../platform/http/text-upload.js';
import type { AppServices } from '../../platform/module.js';
import { newsLink } from './mails.js';
import { MAX_ITEMS } from './model.js';
import * as newsletter from './service.js';
import { IssuePage, ListPage, NewIssuePage } from './views/staff.js';

const MAX_BOUNCE_BYTES = 1024 * 1024;

const issueSchema = z.object({
  titleZh: fields.text(120),
  introZh: fields.text(2000),
  titleEn: fields.optionalText(120),
  introEn: fields.optionalText(2000),
  items: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.coerce.number({ error: 'newsletter.err.items' }).int('newsletter.err.items').positive('newsletter.err.items')).min(1, 'newsletter.err.items').max(MAX_ITEMS, 'newsletter.err.tooMany'),
  ),
});

const idParam = z.object({ id: z.coerce.number().int().positive() });

/** The editors' side (content.edit): issues, preview, send, and the bounce upload. */
export function staffNewsletterRoutes(app: FastifyInstance, s: AppServices) {
  const deps = { database: s.database, config: s.config, clock: s.clock };
  const guard = { preHandler: requireStaff('content.edit') };
  const titleOf = (r: { title_zh: string; title_en: string | null }, req: FastifyRequest) => (req.locale === 'en' && r.title_en) || r.title_zh;

  const list = async (req: FastifyRequest, bounceError?: string) => {
    const rows = await newsletter.issues(deps);
    const issues = rows.map((r) => ({ id: r.id, title: titleOf(r, req), status: r.status, createdAt: r.created_at, sentAt: r.sent_at, counts: r.counts }));
    return ListPage({ ctx: await req.view(), issues, subscribers: await newsletter.subscriberCounts(deps), bounceError });
  };

  app.get('/staff/newsletter', guard, async (req, reply) => reply.render(await list(req)));

  const news = (req: FastifyRequest) => newsletter.publishedNews(s.database.db, req.locale, s.clock());
  app.get('/staff/newsletter/new', guard, async (req, reply) => reply.render(NewIssuePage({ ctx: await req.view(), news: await news(req) })));

  app.post('/staff/newsletter', guard, async (req, reply) => {
    const page = async (state: Parameters<typeof NewIssuePage>[0]['state'], code: number) => reply.render(NewIssuePage({ ctx: await req.view(), state, news: await news(req) }), code);
    const parsed = parseForm(issueSchema, req.body);
    if (!parsed.ok) return page(parsed.state, 422);
    try {
      const id = await newsletter.createIssue(deps, parsed.data, principal(req), req.ip);
      reply.flash('success', 'newsletter.created');
      return reply.redirect(`/staff/newsletter/${id}`, 303);
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return page({ values: parsed.values, errors: err.fields }, 422);
      throw err;
    }
  });

  app.get('/staff/newsletter/:id', guard, async (req, reply) => {
    const issue = await newsletter.issue(deps, idParam.parse(req.params).id);
    const live = await news(req);
    const preview = issue.itemIds.flatMap((id) => live.filter((n) => n.id === id)).map((n) => ({ ...n, href: newsLink(s.config, n.id) }));
    const row = { id: issue.id, title: titleOf(issue, req), status: issue.status, createdAt: issue.created_at, sentAt: issue.sent_at, counts: issue.counts, intro: (req.locale === 'en' && issue.intro_en) || issue.intro_zh };
    const active = (await newsletter.subscriberCounts(deps)).active ?? 0;
    return reply.render(IssuePage({ ctx: await req.view(), issue: row, preview, active }));
  });

  app.post('/staff/newsletter/:id/send', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    await newsletter.send(deps, id, principal(req), req.ip);
    reply.flash('success', 'newsletter.sending');
    return reply.redirect('/staff/newsletter', 303);
  });

  // multipart: the token travels in the body and is checked once it is read
  app.post('/staff/newsletter/bounces', { ...guard, config: { csrf: 'manual' } }, async (req, reply) => {
    const upload = await readTextUpload(req, MAX_BOUNCE_BYTES);
    req.assertCsrf(upload.fields._csrf);
    if (upload.error || !upload.file) return reply.render(await list(req, req.t(`newsletter.bounces.file.${upload.error ?? 'required'}`)), 422);
    const result = await newsletter.ingestBounce(deps, upload.file.bytes);
    reply.flash(result === 'hard' || result === 'soft' ? 'success' : 'info', `newsletter.bounce.${result}`);
    return reply.redirect('/staff/newsletter#bounces', 303);
  });
}
