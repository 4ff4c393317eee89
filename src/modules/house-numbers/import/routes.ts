import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { AppError } from '../../../platform/errors.js';
import type { AppServices } from '../../../platform/module.js';
import { officesService } from '../../offices/index.js';
import { importBoundaries } from './boundaries.js';
import { fileWithContent, listFiles } from './files-repo.js';
import { importRegister } from './register.js';
import { readTextUpload } from '../../../platform/http/text-upload.js';
import { BASE, ImportPage, type UploadOutcome } from './views/ImportPage.js';

const MB = 1024 * 1024;
/** A county's register: a million rows is about 140 MB. */
export const MAX_REGISTER_BYTES = 200 * MB;
export const MAX_BOUNDARY_BYTES = 100 * MB;

const MIME = { csv: 'text/csv', json: 'application/json', geojson: 'application/geo+json', topojson: 'application/json' } as const;

/**
 * /staff/house-numbers/import (stats.import: the county): upload the
 * register or the village boundaries; a refused file is shown with its
 * problems beside its form (422), an imported one with a flash after the
 * redirect; the files imported are listed with their raw download.
 */
export function importRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('stats.import') };

  /** The county this person imports for (a system administrator: the deployment's county) and its name. */
  async function county(req: FastifyRequest): Promise<{ id: number; name: string }> {
    const info = await officesService.countyInfo(db, 'zh-Hant');
    const id = principal(req).countyId ?? info?.id;
    if (id === undefined) throw new AppError('not_found', 'error.notFound.title');
    return { id, name: id === info?.id ? info.name : '' };
  }

  async function page(req: FastifyRequest, reply: FastifyReply, outcome: { register?: UploadOutcome; boundaries?: UploadOutcome } = {}, code = 200) {
    const { id } = await county(req);
    return reply.render(ImportPage({ ctx: await req.view(), files: await listFiles(db, id), ...outcome }), code);
  }

  app.get(BASE, guard, async (req, reply) => page(req, reply));

  app.get(`${BASE}/files/:id`, guard, async (req, reply) => {
    const { id } = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) }).parse(req.params);
    const f = await fileWithContent(db, (await county(req)).id, id);
    if (!f) throw new AppError('not_found', 'error.notFound.title');
    const type = MIME[f.format];
    return reply
      .type(type === 'text/csv' ? `text/csv; charset=${f.encoding === 'big5' ? 'big5' : 'utf-8'}` : type)
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="file-${id}.${f.format === 'csv' ? 'csv' : 'json'}"; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
      .send(Buffer.from(f.content));
  });

  // multipart: the token travels in the body and is checked once it is read
  app.post(`${BASE}/register`, { ...guard, config: { csrf: 'manual' } }, async (req, reply) => {
    const upload = await readTextUpload(req, MAX_REGISTER_BYTES);
    req.assertCsrf(upload.fields._csrf);
    if (upload.error || !upload.file) return page(req, reply, { register: { fileError: `houseNumbers.import.file.${upload.error ?? 'required'}` } }, 422);
    const staff = principal(req);
    const r = await importRegister(s.database, {
      countyId: (await county(req)).id,
      bytes: upload.file.bytes,
      filename: upload.file.filename,
      source: 'upload',
      staffId: staff.id,
      actor: staff,
      ip: req.ip,
      now: s.clock(),
    });
    if (!r.ok) return page(req, reply, { register: { problems: r.problems } }, 422);
    reply.flash('success', 'houseNumbers.import.register.done', { points: r.points.toLocaleString('en-US'), current: r.current.toLocaleString('en-US'), retired: r.retired.toLocaleString('en-US') });
    return reply.redirect(BASE, 303);
  });

  app.post(`${BASE}/boundaries`, { ...guard, config: { csrf: 'manual' } }, async (req, reply) => {
    const upload = await readTextUpload(req, MAX_BOUNDARY_BYTES);
    req.assertCsrf(upload.fields._csrf);
    if (upload.error || !upload.file) return page(req, reply, { boundaries: { fileError: `houseNumbers.import.file.${upload.error ?? 'required'}` } }, 422);
    const staff = principal(req);
    const c = await county(req);
    const r = await importBoundaries(s.database, {
      countyId: c.id,
      countyName: c.name || null,
      bytes: upload.file.bytes,
      filename: upload.file.filename,
      source: 'upload',
      staffId: staff.id,
      actor: staff,
      ip: req.ip,
      now: s.clock(),
    });
    if (!r.ok) return page(req, reply, { boundaries: { problems: r.problems } }, 422);
    reply.flash('success', 'houseNumbers.boundaries.done', { features: r.features, updated: r.updated, created: r.created, townsCreated: r.townsCreated, skipped: r.skipped });
    return reply.redirect(BASE, 303);
  });
}
