import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { AppError } from '../../../platform/errors.js';
import { translator } from '../../../platform/i18n/index.js';
import { showPeriod } from '../../../platform/layout/dates.js';
import { emptyForm, type FormState } from '../../../platform/layout/forms.js';
import type { AppServices } from '../../../platform/module.js';
import { officesService } from '../../offices/index.js';
import * as service from './service.js';
import { readTextUpload } from '../../../platform/http/text-upload.js';
import { MAX_UPLOAD_BYTES } from './limits.js';
import { ImportPage, PAGE_PATH, type Refusal } from './views/page.js';

const PER_PAGE = 50;
const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000) });

/** RFC 6266: a plain ASCII name for old clients, the real (often Chinese) one as filename*. */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  const ext = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${ext}`;
}

/**
 * /staff/population (stats.import: county and system admins): the county's
 * imported files with their raw downloads, and the upload. A refused file
 * comes back on the same page with its problems beside the form (422);
 * an imported one redirects with a flash (post → redirect → get).
 */
export function importRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('stats.import') };

  /** The county's files: the person's county, or for a system admin the deployment's. */
  async function countyOf(req: FastifyRequest): Promise<number> {
    const id = principal(req).countyId ?? (await officesService.countyInfo(db, req.locale))?.id;
    if (id === undefined) throw new AppError('not_found', 'error.notFound.title');
    return id;
  }

  async function render(req: FastifyRequest, reply: FastifyReply, state: FormState, refusal: Refusal | null, code = 200) {
    const q = pageQuery.safeParse(req.query);
    const page = q.success && req.method === 'GET' ? q.data.page : 1;
    const { files, more } = await service.importedFiles(db, await countyOf(req), page, PER_PAGE);
    return reply.render(ImportPage({ ctx: await req.view(), state, refusal, files, page, more }), code);
  }

  app.get(PAGE_PATH, guard, async (req, reply) => render(req, reply, emptyForm(), null));

  // multipart: the token is in the body, checked once it is read
  app.post(PAGE_PATH, { ...guard, config: { csrf: 'manual' } }, async (req, reply) => {
    const upload = await readTextUpload(req, MAX_UPLOAD_BYTES);
    req.assertCsrf(upload.fields._csrf);
    if (upload.error || !upload.file) {
      return render(req, reply, { values: {}, errors: [{ field: 'file', key: `population.import.err.file.${upload.error ?? 'required'}` }] }, null, 422);
    }
    const staff = principal(req);
    const result = await service.importPopulationFile(s.database, {
      countyId: await countyOf(req),
      bytes: upload.file.bytes,
      filename: upload.file.filename,
      source: 'upload',
      staffId: staff.id,
      actorLabel: staff.username,
      now: s.clock(),
    });
    if (!result.ok) return render(req, reply, emptyForm(), { filename: upload.file.filename, problems: result.problems }, 422);
    const t = translator(req.locale);
    const said = { month: showPeriod(result.month, req.locale), kind: t(`population.import.kind.${result.kind}`), villages: result.villages };
    reply.flash('success', result.replaced ? 'population.import.doneReplaced' : 'population.import.done', said);
    return reply.redirect(PAGE_PATH, 303);
  });

  app.get(`${PAGE_PATH}/files/:id`, guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const file = await service.rawFile(db, await countyOf(req), id);
    if (!file) throw new AppError('not_found', 'error.notFound.title');
    const type = file.format === 'json' ? 'application/json' : 'text/csv';
    return reply
      .type(`${type}; charset=${file.encoding}`)
      .header('content-disposition', attachment(file.filename))
      .header('cache-control', 'private, no-store')
      .send(file.bytes);
  });
}
