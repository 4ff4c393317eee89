import type { FastifyInstance } from 'fastify';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { ODS_MIME } from '../../platform/export/index.js';
import { readMultipart } from '../../platform/http/multipart.js';
import { emptyForm } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { exportConfig, importConfig } from './service.js';
import { ConfigPage } from './views/page.js';

/** The whole county's file: big sheets, but never near this. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * /staff/config: the county's configuration file (setup.county). The file
 * covers every office of the county, so the page has no office switch; an
 * upload is checked and previewed first ("preview"), and only "apply"
 * writes, all or nothing.
 */
export function configFileRoutes(app: FastifyInstance, s: AppServices) {
  const guard = { preHandler: requireStaff('setup.county') };

  app.get('/staff/config', guard, async (req, reply) => reply.render(ConfigPage({ ctx: await req.view(), state: emptyForm(), result: null })));

  app.get('/staff/config/export.ods', guard, async (req, reply) => {
    const bytes = await exportConfig(s.database.db, principal(req).countyId, s.clock());
    return reply.type(ODS_MIME).header('cache-control', 'no-store').header('content-disposition', 'attachment; filename="huzheng-config.ods"').send(Buffer.from(bytes));
  });

  // multipart: the token is in the body, read below (the edge check sees no parsed body)
  app.post('/staff/config', { ...guard, config: { csrf: 'manual' } }, async (req, reply) => {
    const form = await readMultipart(req, { maxFiles: 1, maxBytes: MAX_BYTES, allowed: [ODS_MIME] });
    req.assertCsrf(form.fields._csrf);
    const file = form.files[0];
    if (form.fileError || !file) {
      const state = { values: {}, errors: [{ field: 'file', key: `configFile.err.file.${form.fileError ?? 'required'}` }] };
      return reply.render(ConfigPage({ ctx: await req.view(), state, result: null }), 422);
    }
    const staff = principal(req);
    const result = await importConfig(s.database, file.bytes, { actor: staff, countyId: staff.countyId, now: s.clock(), dryRun: form.fields.action !== 'apply' });
    if (result.applied) {
      reply.flash('success', 'configFile.applied', { new: result.counts.new, changed: result.counts.changed });
      return reply.redirect('/staff/config', 303);
    }
    return reply.render(ConfigPage({ ctx: await req.view(), state: emptyForm(), result }), result.problems.length > 0 ? 422 : 200);
  });
}
