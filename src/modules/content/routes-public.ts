import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { AppServices, SitePage } from '../../platform/module.js';
import { topicLabel } from '../../platform/search/index.js';
import { officesService } from '../offices/index.js';
import { FAQ_CATEGORIES, IMMIGRANT_LOCALES, type Kind, plainText, renderBody } from './model.js';
import * as repo from './repo.js';
import { searchRoutes } from './routes-search.js';
import { answerHelpful, latestInstant, type PublicItem, published } from './service.js';
import { DownloadsPage, FaqPage, InfoListPage, ItemPage, NewsListPage, OpenGovPage } from './views/public.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });

export function publicContentRoutes(app: FastifyInstance, s: AppServices, pagesFor: (code: string | null) => SitePage[]) {
  const db = s.database.db;
  const base = (req: FastifyRequest) => s.config.publicBaseUrl;

  /** One published item; `?text=vi` (id, th) shows a new-immigrant translation where there is one. */
  async function one(req: FastifyRequest, kind: Kind): Promise<PublicItem> {
    const { id } = idParam.parse(req.params);
    const text = z.enum(IMMIGRANT_LOCALES).optional().catch(undefined).parse((req.query as { text?: string } | undefined)?.text);
    const item = (await published(db, kind, null, text ?? req.locale, s.clock())).find((i) => i.id === id);
    if (!item) throw new AppError('not_found', 'error.notFound.title');
    return item;
  }

  async function languagesOf(id: number) {
    return (await repo.textsOf(db, [id])).map((r) => r.locale).filter((l) => (IMMIGRANT_LOCALES as readonly string[]).includes(l));
  }

  async function itemPage(req: FastifyRequest, reply: FastifyReply, kind: Kind, back: string, backLabel: string) {
    const item = await one(req, kind);
    return reply.render(ItemPage({ ctx: await req.view({ lastUpdated: item.changedAt }), item, html: renderBody(item.body, req.t('content.externalLink')), back, backLabel, languages: await languagesOf(item.id) }));
  }

  async function newsFor(req: FastifyRequest, code?: string) {
    const office = code ? await officesService.officeByCode(db, code, req.locale) : null;
    return { office, items: await published(db, 'news', office?.id ?? null, req.locale, s.clock()) };
  }

  // a list page's footer date is its latest item's change (changed(items)); the office record joins in where the page has an office
  const changed = (items: PublicItem[]) => ({ lastUpdated: latestInstant(items.map((i) => i.changedAt)) });

  app.get('/news', async (req, reply) => {
    const { items } = await newsFor(req);
    return reply.render(NewsListPage({ ctx: await req.view(changed(items)), items, feedBase: '/news' }));
  });
  app.get('/o/:office/news', async (req, reply) => {
    const { office, items } = await newsFor(req, z.string().max(40).parse((req.params as { office: string }).office));
    return reply.render(NewsListPage({ ctx: await req.view({ office, ...changed(items) }), items, feedBase: `/o/${office?.code}/news` }));
  });
  app.get('/news/:id', (req, reply) => itemPage(req, reply, 'news', '/news', req.t('content.news')));

  /** RSS 2.0 and Atom from the same news items the site and the hall's marquee show. */
  async function feed(req: FastifyRequest, reply: FastifyReply, code: string | undefined, format: 'rss' | 'atom') {
    const { office, items } = await newsFor(req, code);
    const root = base(req);
    const county = (await req.view()).county;
    const f = new Feed({
      title: `${office?.name ?? county?.name ?? 'Huzheng'} ${req.t('content.news')}`,
      id: `${root}${code ? `/o/${code}` : ''}/news`,
      link: `${root}${code ? `/o/${code}` : ''}/news`,
      language: req.locale === 'en' ? 'en' : 'zh-TW',
      copyright: county?.name ?? '',
      updated: items[0] ? new Date(`${items[0].date}T00:00:00+08:00`) : s.clock(),
      feedLinks: { rss: `${root}${code ? `/o/${code}` : ''}/news.rss`, atom: `${root}${code ? `/o/${code}` : ''}/news.atom` },
    });
    for (const n of items.slice(0, 50)) {
      f.addItem({ title: n.title, id: `${root}/news/${n.id}`, link: `${root}/news/${n.id}`, description: plainText(n.body).slice(0, 300), content: renderBody(n.body), date: new Date(`${n.date}T00:00:00+08:00`), category: [{ name: topicLabel(req.t, n.category) }] });
    }
    return reply
      .type(format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(format === 'rss' ? f.rss2() : f.atom1());
  }
  app.get('/news.rss', (req, reply) => feed(req, reply, undefined, 'rss'));
  app.get('/news.atom', (req, reply) => feed(req, reply, undefined, 'atom'));
  app.get('/o/:office/news.rss', (req, reply) => feed(req, reply, z.string().max(40).parse((req.params as { office: string }).office), 'rss'));
  app.get('/o/:office/news.atom', (req, reply) => feed(req, reply, z.string().max(40).parse((req.params as { office: string }).office), 'atom'));

  app.get('/faq', async (req, reply) => {
    const q = z.object({ category: z.string().max(30).optional().catch(undefined), audience: z.string().max(30).optional().catch(undefined) }).parse(req.query ?? {});
    const all = await published(db, 'faq', null, req.locale, s.clock());
    const items = all.filter((f) => (!q.category || f.category === q.category) && (!q.audience || f.audience === q.audience));
    return reply.render(FaqPage({ ctx: await req.view(changed(items)), items, categories: [...FAQ_CATEGORIES], current: q.category ?? '', audience: q.audience ?? '' }));
  });
  app.get('/faq/:id', (req, reply) => itemPage(req, reply, 'faq', '/faq', req.t('content.faq')));
  app.post('/faq/:id/helpful', { config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const item = await one(req, 'faq');
    const yes = (req.body as { answer?: string } | undefined)?.answer === 'yes';
    await answerHelpful(s.database, item.id, yes, s.clock());
    reply.flash('success', 'content.thanks');
    return reply.redirect(`/faq/${item.id}`, 303);
  });

  app.get('/open-gov', async (req, reply) => {
    const items = await published(db, 'opengov', null, req.locale, s.clock());
    return reply.render(OpenGovPage({ ctx: await req.view(changed(items)), items }));
  });
  app.get('/open-gov/:id', (req, reply) => itemPage(req, reply, 'opengov', '/open-gov', req.t('content.opengovTitle')));
  app.get('/info/:id', (req, reply) => itemPage(req, reply, 'page', '/info', req.t('content.infoPages')));
  app.get('/info', async (req, reply) => {
    const items = await published(db, 'page', null, req.locale, s.clock());
    return reply.render(InfoListPage({ ctx: await req.view(changed(items)), items }));
  });

  app.get('/downloads', async (req, reply) => {
    const items = await published(db, 'download', null, req.locale, s.clock());
    return reply.render(DownloadsPage({ ctx: await req.view(changed(items)), items }));
  });
  app.get('/downloads/:id/file', async (req, reply) => {
    const item = await one(req, 'download');
    const row = await repo.fileOf(db, item.id);
    if (!row?.file) return reply.callNotFound();
    return reply
      .type(row.file_mime ?? 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name ?? 'file')}`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(row.file));
  });

  // a QR code for any page of the site, for posters at the counter
  app.get('/qr.svg', async (req, reply) => {
    const path = z.string().regex(/^\/[\w\-./?=&%]*$/).max(200).parse((req.query as { path?: string } | undefined)?.path);
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(await QRCode.toString(`${base(req)}${path}`, { type: 'svg', margin: 2 }));
  });

  searchRoutes(app, s, pagesFor);
}
