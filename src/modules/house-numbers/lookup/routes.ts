import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Executor } from '../../../db/index.js';
import { AppError } from '../../../platform/errors.js';
import type { OfficeInfo } from '../../../platform/http/context.js';
import type { AppServices } from '../../../platform/module.js';
import { officesService, openOfficeOnly } from '../../offices/index.js';
import { type MapView, roadMap, villageMap } from './maps.js';
import { pointDetail } from './point.js';
import { readLookupRequest } from './query.js';
import type { places } from '../../population/index.js';
type TownRow = places.TownRow;
import { lookUp, lookupScope, narrowed, type Outcome, roadChoices } from './service.js';
import { LookupPage } from './views/LookupPage.js';
import { PointPage } from './views/PointPage.js';

export const COUNTY_PATH = '/house-numbers';
export const officePath = (code: string) => `/o/${code}/house-numbers`;

const officeParam = z.object({ office: z.string().regex(/^[a-z0-9-]{1,40}$/) });
const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const townName = (t: TownRow | null, locale: string) => (t ? (locale === 'en' && t.name_en ? t.name_en : t.name_zh) : '');

/** The office that issues a number's certificate: its town's office, or that office's successor when it closed. */
async function certificateOffice(db: Executor, town: TownRow | null, locale: 'zh-Hant' | 'en'): Promise<{ code: string; name: string } | null> {
  if (!town?.office_id) return null;
  const o = await officesService.officeById(db, town.office_id, locale).catch(() => null);
  if (!o) return null;
  if (o.closed) return o.closed.successor;
  return { code: o.code, name: o.name };
}

/**
 * The public look-up: `/house-numbers` for the county and
 * `/o/<office>/house-numbers` for the office's towns, each with its point
 * pages (`…/p/<id>`). GET only; the query is read, answered and forgotten
 * (nothing of it is stored or logged beyond the request line).
 */
export function lookupRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const tiles = s.config.mapTileUrl;

  async function officeOf(req: FastifyRequest): Promise<OfficeInfo> {
    return officesService.officeByCode(db, officeParam.parse(req.params).office, req.locale);
  }

  async function scopeFor(req: FastifyRequest, office: OfficeInfo | null) {
    const ctx = await req.view({ office });
    const countyId = office?.countyId ?? ctx.county?.id;
    if (countyId === undefined) throw new AppError('not_found', 'error.notFound.title');
    return { ctx, scope: await lookupScope(db, countyId, office?.id ?? null) };
  }

  async function lookupPage(req: FastifyRequest, reply: FastifyReply, office: OfficeInfo | null) {
    const { ctx, scope } = await scopeFor(req, office);
    const request = readLookupRequest(req.query);
    const base = office ? officePath(office.code) : COUNTY_PATH;
    let outcome: Outcome | null = null;
    let map: MapView | null = null;
    if (request.parsed && request.errors.length === 0) {
      outcome = await lookUp(db, scope, request.parsed, request.town, request.page);
      if (outcome.kind === 'road' && outcome.total > 0) {
        const o = outcome;
        const title = `${o.filter.road}${o.filter.section ? `${o.filter.section}段` : ''}${o.filter.lane ? `${o.filter.lane}巷` : ''}${o.filter.alley ? `${o.filter.alley}弄` : ''}`;
        map = await roadMap(db, o.scope, o.filter, title, req.t, tiles);
      }
    }
    const roads = await roadChoices(db, narrowed(scope, request.parsed ?? {}, request.town));
    const query = Object.fromEntries(Object.entries(request.values).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    const page = LookupPage({
      ctx,
      base,
      state: { values: request.values, errors: request.errors },
      towns: office ? [] : scope.towns.map((t) => ({ code: t.code, name: townName(t, req.locale) })),
      scopeTowns: office ? scope.towns.map((t) => townName(t, req.locale)) : null,
      roads,
      outcome,
      roadMap: map,
      query,
      countyBase: office ? COUNTY_PATH : null,
      hasData: roads.length > 0,
    });
    return reply.render(page, request.errors.length ? 400 : 200);
  }

  async function pointPage(req: FastifyRequest, reply: FastifyReply, office: OfficeInfo | null) {
    const { id } = idParam.parse(req.params);
    const { ctx, scope } = await scopeFor(req, office);
    const detail = await pointDetail(db, scope, id);
    if (!detail) throw new AppError('not_found', 'error.notFound.title');
    const map = await villageMap(db, detail.point, detail.village, req.t, tiles);
    const issuing = office && !office.closed ? { code: office.code, name: office.name } : await certificateOffice(db, detail.town, req.locale);
    const base = office ? officePath(office.code) : COUNTY_PATH;
    return reply.render(PointPage({ ctx, base, detail, townName: townName(detail.town, req.locale), map, office: issuing }));
  }

  const open = { preHandler: openOfficeOnly(db) };
  app.get(COUNTY_PATH, (req, reply) => lookupPage(req, reply, null));
  app.get(`${COUNTY_PATH}/p/:id`, (req, reply) => pointPage(req, reply, null));
  app.get('/o/:office/house-numbers', open, async (req, reply) => lookupPage(req, reply, await officeOf(req)));
  app.get('/o/:office/house-numbers/p/:id', open, async (req, reply) => pointPage(req, reply, await officeOf(req)));
}
