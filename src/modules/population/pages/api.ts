import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../platform/module.js';
import { SORT_KEYS } from './figures.js';
import { directory, figuresOf, hasFigures, monthTable, PopulationError, type PopulationErrorCode, seriesOf, type Target } from './service.js';

/**
 * The population figures as JSON (/api/population/v1/…), the same objects
 * the pages are drawn from. Open to every origin, cacheable for an hour
 * with an ETag; every refusal is JSON with a stable code (documented on
 * /population/api).
 */

export const API_BASE = '/api/population/v1';

export type ApiErrorCode = 'invalid_month' | 'invalid_code' | 'invalid_sort' | 'month_not_found' | 'town_not_found' | 'village_not_found' | 'no_data';
export const API_ERRORS: { code: ApiErrorCode; status: number }[] = [
  { code: 'invalid_month', status: 400 },
  { code: 'invalid_code', status: 400 },
  { code: 'invalid_sort', status: 400 },
  { code: 'month_not_found', status: 404 },
  { code: 'town_not_found', status: 404 },
  { code: 'village_not_found', status: 404 },
  { code: 'no_data', status: 404 },
];

const month = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/);
const townCode = z.string().regex(/^\d{8}$/);
const villageCode = z.string().regex(/^\d{11}$/);
const figuresQuery = z.object({ month: month.optional(), sort: z.enum(SORT_KEYS).optional() });
const rangeQuery = z.object({ from: month.optional(), to: month.optional() });

class ApiRefusal extends Error {
  constructor(readonly code: ApiErrorCode) {
    super(code);
  }
}

const fromService = (code: PopulationErrorCode): ApiErrorCode => (code === 'no_county' ? 'no_data' : code);

/** Parses with a schema; what it refuses is the named 400. */
function check<T>(schema: z.ZodType<T>, v: unknown, code: ApiErrorCode): T {
  const r = schema.safeParse(v);
  if (!r.success) throw new ApiRefusal(code);
  return r.data;
}

function refuse(req: FastifyRequest, reply: FastifyReply, code: ApiErrorCode) {
  const status = API_ERRORS.find((e) => e.code === code)?.status ?? 400;
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ error: { code, message: req.t(`population.pages.api.err.${code}`) } });
}

/** The answer with an ETag of its bytes; a matching If-None-Match gets 304 and no body. */
function answer(req: FastifyRequest, reply: FastifyReply, body: unknown) {
  const json = JSON.stringify(body);
  const etag = `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=3600');
  const asked = String(req.headers['if-none-match'] ?? '')
    .split(',')
    .map((s) => s.trim());
  if (asked.includes(etag) || asked.includes('*')) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

type Handler = (req: FastifyRequest) => Promise<unknown>;

export function apiRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;

  const target = (req: FastifyRequest, level: Target['level']): Target => {
    const params = req.params as { town?: string; village?: string };
    if (level === 'town') return { level, code: check(townCode, params.town, 'invalid_code') };
    if (level === 'village') return { level, code: check(villageCode, params.village, 'invalid_code') };
    return { level };
  };

  const figures = (level: Target['level']): Handler => async (req) => {
    const where = target(req, level);
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const q = { month: check(figuresQuery.shape.month, raw.month, 'invalid_month'), sort: check(figuresQuery.shape.sort, raw.sort, 'invalid_sort') };
    const f = await figuresOf(db, where, q.month ?? null, q.sort ?? 'code');
    if (!hasFigures(f)) throw new ApiRefusal('no_data');
    return f;
  };

  const series = (level: Target['level']): Handler => async (req) => {
    const where = target(req, level);
    const q = check(rangeQuery, req.query ?? {}, 'invalid_month');
    const { place, series } = await seriesOf(db, where, q.from ?? null, q.to ?? null);
    return { area: place.area, parents: place.parents, series };
  };

  const handlers: [string, Handler][] = [
    ['/towns', () => directory(db)],
    [
      '/months',
      async () => {
        const d = await directory(db);
        return { county: d.county, months: d.months };
      },
    ],
    ['/months/:month', (req) => monthTable(db, check(month, (req.params as { month?: string }).month, 'invalid_month'))],
    ['/county', figures('county')],
    ['/towns/:town', figures('town')],
    ['/villages/:village', figures('village')],
    ['/county/series', series('county')],
    ['/towns/:town/series', series('town')],
    ['/villages/:village/series', series('village')],
  ];

  // a shared cache must not hand one visitor's cookie to the next: the API sets none (the site's anonymous CSRF id and
  // the remembered language are for pages; cookie hooks run before a route's own, so the header is gone when sent)
  const noCookies = {
    onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      reply.removeHeader('set-cookie');
      return payload;
    },
  };

  for (const [path, handler] of handlers) {
    app.get(`${API_BASE}${path}`, noCookies, async (req, reply) => {
      // readable from any site; the figures are public
      reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
      try {
        return answer(req, reply, await handler(req));
      } catch (err) {
        if (err instanceof ApiRefusal) return refuse(req, reply, err.code);
        if (err instanceof PopulationError) return refuse(req, reply, fromService(err.code));
        throw err;
      }
    });
  }
}
