import type { FastifyInstance } from 'fastify';
import type { AppServices, SitePage } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import { openDataDoc, privacyDoc } from './content.js';
import { DocPage, SitemapPage } from './views/pages.js';


export function siteRoutes(app: FastifyInstance, s: AppServices, pagesFor: (officeCode: string | null) => SitePage[]) {
  const db = s.database.db;

  async function allGroups(locale: 'zh-Hant' | 'en') {
    const offices = await officesService.listOfficeInfos(db, locale);
    const county = await officesService.countyInfo(db, locale);
    return [
      { title: county?.name ?? '', pages: pagesFor(null) },
      ...offices.map((o) => ({ title: o.name, pages: pagesFor(o.code) })),
    ];
  }

  app.get('/sitemap', async (req, reply) => {
    return reply.render(SitemapPage({ ctx: await req.view(), groups: await allGroups(req.locale) }));
  });

  app.get('/privacy', async (req, reply) =>
    reply.render(DocPage({ ctx: await req.view(), title: req.t('privacy.title'), doc: privacyDoc(req.locale) })),
  );

  app.get('/open-data', async (req, reply) =>
    reply.render(DocPage({ ctx: await req.view(), title: req.t('openData.title'), doc: openDataDoc(req.locale) })),
  );
}
