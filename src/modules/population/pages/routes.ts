import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.js';
import { ODS_MIME, toCsv, toOds } from '../../../platform/export/index.js';
import type { OfficeInfo } from '../../../platform/http/context.js';
import type { Crumb } from '../../../platform/layout/Shell.js';
import type { AppServices } from '../../../platform/module.js';
import { officesService } from '../../offices/index.js';
import { SORT_KEYS } from './figures.js';
import { type AreaRef, figuresOf, hasFigures, type NoFigures, officeTowns, type PopulationFigures, PopulationError, type Target } from './service.js';
import { downloadTable, sheetsOf } from './sheets.js';
import { apiDocRoutes } from './views/api-doc.js';
import { areaName, monthLabel } from './views/format.js';
import { query } from './views/links.js';
import { PopulationPage } from './views/page.js';

export const MONTH_RE = /^\d{4}-(?:0[1-9]|1[0-2])$/;

const pageQuery = z.object({
  month: z.string().regex(MONTH_RE).optional(),
  sort: z.enum(SORT_KEYS).optional().catch(undefined),
  table: z.string().max(20).optional(),
});
type PageQuery = z.infer<typeof pageQuery>;

/** `10004010`, `10004010.csv`, `10004010.ods`: a town's page or its downloads (villages: 11 digits). */
function codeAndFormat(raw: unknown, digits: 8 | 11): { code: string; format: Format } {
  const m = new RegExp(`^(\\d{${digits}})(?:\\.(csv|ods))?$`).exec(String(raw ?? ''));
  if (!m) throw new AppError('not_found', 'error.notFound.title');
  return { code: m[1]!, format: (m[2] as Format | undefined) ?? 'html' };
}
type Format = 'html' | 'csv' | 'ods';

/** The public population pages and their CSV and ODS downloads. */
export function pageRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;

  async function load(target: Target, q: PageQuery): Promise<PopulationFigures | NoFigures> {
    try {
      return await figuresOf(db, target, q.month ?? null, q.sort ?? 'code');
    } catch (err) {
      if (err instanceof PopulationError) throw new AppError('not_found', 'error.notFound.title', { cause: err });
      throw err;
    }
  }

  function titleOf(req: FastifyRequest, data: { area: AreaRef; parents: AreaRef[] }): string {
    const name = areaName(data.area, req.locale);
    const town = data.parents[1];
    return data.area.level === 'village' && town ? req.t('population.pages.h1.village', { name, town: areaName(town, req.locale) }) : req.t(`population.pages.h1.${data.area.level}`, { name });
  }

  /** Home › 人口統計 › town › village, each link keeping the month asked for. */
  function crumbsOf(req: FastifyRequest, data: { area: AreaRef; parents: AreaRef[] }, month: string | undefined): Crumb[] {
    const q = query({ month });
    const crumbs: Crumb[] = [{ href: '/', label: req.t('nav.home') }];
    crumbs.push(data.area.level === 'county' ? { label: req.t('population.pages.title') } : { href: `/population${q}`, label: req.t('population.pages.title') });
    const town = data.parents[1];
    if (town) crumbs.push({ href: `/population/t/${town.code}${q}`, label: areaName(town, req.locale) });
    if (data.area.level !== 'county') crumbs.push({ label: areaName(data.area, req.locale) });
    return crumbs;
  }

  async function respond(
    req: FastifyRequest,
    reply: FastifyReply,
    target: Target,
    format: Format,
    opts: { self: string; download: string; office?: OfficeInfo; crumbs?: Crumb[]; also?: { href: string; label: string }[] },
  ) {
    const q = pageQuery.parse(req.query ?? {});
    const data = await load(target, q);
    const childHref = (code: string) => `/population/${data.area.level === 'county' ? 't' : 'v'}/${code}${query({ month: q.month })}`;
    const sheets = hasFigures(data) ? sheetsOf(data, req.t, req.locale, childHref) : [];
    const title = titleOf(req, data);
    if (format !== 'html') {
      if (!hasFigures(data)) throw new AppError('not_found', 'error.notFound.title');
      const stem = `population-${data.area.code}-${data.month}`;
      if (format === 'ods') {
        const ods = toOds(
          sheets.map((sh) => ({ name: sh.name, ...downloadTable(sh) })),
          { title: `${title} ${monthLabel(data.month, req.locale)}`, now: s.clock() },
        );
        return reply.type(ODS_MIME).header('content-disposition', `attachment; filename="${stem}.ods"`).send(Buffer.from(ods));
      }
      const sheet = sheets.find((sh) => sh.id === (q.table ?? 'summary'));
      if (!sheet) throw new AppError('not_found', 'error.notFound.title');
      const table = downloadTable(sheet);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${stem}-${sheet.id}.csv"`).send(toCsv(table.headers, table.rows));
    }
    const ctx = await req.view({ office: opts.office ?? null });
    return reply.render(
      PopulationPage({
        ctx,
        v: { data, sheets, links: { self: opts.self, download: opts.download }, month: q.month ?? null, sort: q.sort ?? 'code', crumbs: opts.crumbs ?? crumbsOf(req, data, q.month), title, also: opts.also ?? [] },
      }),
    );
  }

  app.get('/population', (req, reply) => respond(req, reply, { level: 'county' }, 'html', { self: '/population', download: '/population' }));
  app.get('/population.csv', (req, reply) => respond(req, reply, { level: 'county' }, 'csv', { self: '/population', download: '/population' }));
  app.get('/population.ods', (req, reply) => respond(req, reply, { level: 'county' }, 'ods', { self: '/population', download: '/population' }));

  app.get('/population/t/:town', (req, reply) => {
    const { code, format } = codeAndFormat((req.params as { town?: string }).town, 8);
    const path = `/population/t/${code}`;
    return respond(req, reply, { level: 'town', code }, format, { self: path, download: path });
  });

  app.get('/population/v/:village', (req, reply) => {
    const { code, format } = codeAndFormat((req.params as { village?: string }).village, 11);
    const path = `/population/v/${code}`;
    return respond(req, reply, { level: 'village', code }, format, { self: path, download: path });
  });

  // the office's own town (stat_town.office_id); an office serving several shows the first and links the others
  app.get('/o/:office/population', async (req, reply) => {
    const code = z.string().regex(/^[a-z0-9-]{1,40}$/).parse((req.params as { office?: string }).office);
    const office = await officesService.officeByCode(db, code, req.locale);
    const towns = await officeTowns(db, office.id);
    const self = `/o/${office.code}/population`;
    const crumbs: Crumb[] = [{ href: `/o/${office.code}`, label: req.t('nav.home') }, { label: req.t('population.pages.title') }];
    const [first, ...others] = towns;
    if (!first) {
      const area: AreaRef = { level: 'town', code: '', name: office.name, nameEn: office.name };
      const data: NoFigures = { area, parents: [] };
      const ctx = await req.view({ office });
      const title = req.t('population.pages.title');
      return reply.render(PopulationPage({ ctx, v: { data, sheets: [], links: { self, download: self }, month: null, sort: 'code', crumbs, title, also: [] } }));
    }
    const also = others.map((t) => ({ href: `/population/t/${t.code}`, label: areaName(t, req.locale) }));
    return respond(req, reply, { level: 'town', code: first.code }, 'html', { self, download: `/population/t/${first.code}`, office, crumbs, also });
  });

  // the pages' few rules of their own (figures, the chart pair, hints); see style.ts

  apiDocRoutes(app);
}
