import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { isAppError } from '../../platform/errors.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { readMultipart } from '../../platform/http/multipart.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { guidesService } from '../guides/index.js';
import { covered, manages, officeView } from './access.js';
import { ATTACHMENT_MAX, ATTACHMENT_TYPES, monthKey, rulingSchema } from './model.js';
import { renderMarkdown } from './render.js';
import * as repo from './repo.js';
import { announceManualChange, searchManual, watchManualChanges } from './search.js';
import * as manual from './service.js';
import { RevisionsPage } from './views/procedures.js';
import { ChangesPage, RulingForm, RulingList, RulingPage, SearchPage } from './views/rulings.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const filterQuery = z.object({ tag: z.string().max(30).optional().catch(undefined), issuer: z.string().max(60).optional().catch(undefined), q: z.string().max(100).optional().catch(undefined), month: z.string().optional().catch(undefined) });

/** The rulings library, the staff search and "what changed this month". */
export function rulingRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const view = { preHandler: requireStaff('knowledge.view') };
  const manage = { preHandler: requireStaff('knowledge.manage'), config: { csrf: 'manual' as const } };
  watchManualChanges(s);
  const guides = async (req: FastifyRequest) => (await guidesService.listGuides(db, req.locale)).map((g) => ({ value: g.code, label: g.name }));
  const facets = async () => {
    const all = await manual.listRulings(db);
    return { tags: [...new Set(all.flatMap((r) => r.tags))].sort(), issuers: [...new Set(all.map((r) => r.issuer))].sort() };
  };

  app.get('/staff/manual/rulings', view, async (req, reply) => {
    const q = filterQuery.parse(req.query ?? {});
    const rulings = await manual.listRulings(db, { tag: q.tag ?? null, issuer: q.issuer ?? null });
    return reply.render(RulingList({ ctx: await req.view(), rulings, tag: q.tag ?? '', issuer: q.issuer ?? '', ...(await facets()), canEdit: manages(req) }));
  });

  app.get('/staff/manual/search', view, async (req, reply) => {
    const q = filterQuery.parse(req.query ?? {});
    const query = (q.q ?? '').trim();
    const { officeIds, choice } = await officeView(db, req);
    const hits = query ? await searchManual(db, query, { officeIds, tag: q.tag || null, issuer: q.issuer || null }) : null;
    return reply.render(SearchPage({ ctx: await req.view(), q: query, tag: q.tag ?? '', issuer: q.issuer ?? '', ...(await facets()), hits, choice }));
  });

  app.get('/staff/manual/changes', view, async (req, reply) => {
    const month = monthKey(filterQuery.parse(req.query ?? {}).month) ?? taipeiToday(s.clock()).slice(0, 7);
    const { officeIds, choice } = await officeView(db, req);
    const items = await manual.changesIn(db, month, officeIds);
    return reply.render(ChangesPage({ ctx: await req.view(), month, items, choice }));
  });

  const formPage = async (req: FastifyRequest, action: string, state: FormState) => RulingForm({ ctx: await req.view(), state, action, guides: await guides(req) });

  app.get('/staff/manual/rulings/new', { preHandler: manage.preHandler }, async (req, reply) => reply.render(await formPage(req, '/staff/manual/rulings', { values: {}, errors: [] })));

  /** Create (id null) or revise: the form, an attachment checked by its bytes, one transaction; a used 字號 goes beside its field. */
  async function save(req: FastifyRequest, id: number | null) {
    const action = id === null ? '/staff/manual/rulings' : `/staff/manual/rulings/${id}`;
    const form = await readMultipart(req, { maxFiles: 1, maxBytes: ATTACHMENT_MAX, allowed: ATTACHMENT_TYPES });
    req.assertCsrf(form.fields._csrf);
    const parsed = parseForm(rulingSchema, form.fields);
    const errors = parsed.ok ? [] : [...parsed.state.errors];
    if (form.fileError) errors.push({ field: 'file', key: `manual.err.file.${form.fileError}` });
    const known = new Set((await guides(req)).map((g) => g.value));
    if (parsed.ok && parsed.data.links.some((c) => !known.has(c))) errors.push({ field: 'links', key: 'err.choice' });
    const values = formValues(form.fields);
    if (!parsed.ok || errors.length) return { page: await formPage(req, action, { values, errors }), status: 422 };
    const f = form.files[0];
    try {
      const saved = await manual.saveRuling(s.database, id, parsed.data, f ? { name: f.filename, mime: f.mime, bytes: f.bytes } : null, principal(req), s.clock());
      await announceManualChange(s);
      return { id: saved };
    } catch (err) {
      if (!isAppError(err) || err.code !== 'conflict') throw err;
      const field = err.messageKey === 'manual.err.duplicate' ? 'number' : 'subject';
      return { page: await formPage(req, action, { values, errors: [{ field, key: err.messageKey }] }), status: 409 };
    }
  }

  app.post('/staff/manual/rulings', manage, async (req, reply) => {
    const r = await save(req, null);
    if (r.page) return reply.render(r.page, r.status);
    reply.flash('success', 'manual.saved');
    return reply.redirect(`/staff/manual/rulings/${r.id}`, 303);
  });

  app.post('/staff/manual/rulings/:id', manage, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    if (!(await repo.rulingById(db, id))) return reply.callNotFound();
    const r = await save(req, id);
    if (r.page) return reply.render(r.page, r.status);
    reply.flash('success', 'manual.saved');
    return reply.redirect(`/staff/manual/rulings/${id}`, 303);
  });

  app.get('/staff/manual/rulings/:id/edit', { preHandler: manage.preHandler }, async (req, reply) => {
    const r = await manual.findRuling(db, idParam.parse(req.params).id);
    if (!r) return reply.callNotFound();
    const values = { number: r.number, issuedOn: r.issuedOn, issuer: r.issuer, subject: r.subject, body: r.body, tags: r.tags.join('、'), 'links[]': r.links.join('\u001f'), revision: String(r.revision) };
    return reply.render(await formPage(req, `/staff/manual/rulings/${r.id}`, { values, errors: [] }));
  });

  app.get('/staff/manual/rulings/:id', view, async (req, reply) => {
    const r = await manual.findRuling(db, idParam.parse(req.params).id);
    if (!r) return reply.callNotFound();
    const names = new Map((await guides(req)).map((g) => [g.value, g.label]));
    const procs = await repo.procedures(db, (await covered(db, req)).map((o) => o.id));
    const links = r.links.map((code) => ({ code, name: names.get(code) ?? code, procedureId: procs.find((p) => p.guide_code === code && p.office_id === null)?.id ?? procs.find((p) => p.guide_code === code)?.id ?? null }));
    const attachments = (await repo.attachmentsOf(db, r.id)).map((a) => ({ id: a.id, name: a.file_name, size: a.file_size }));
    return reply.render(RulingPage({ ctx: await req.view(), r, html: renderMarkdown(r.body), attachments, links, canEdit: manages(req) }));
  });

  app.get('/staff/manual/rulings/:id/revisions', view, async (req, reply) => {
    const r = await manual.findRuling(db, idParam.parse(req.params).id);
    if (!r) return reply.callNotFound();
    const revisions = await manual.revisionsWithDiffs(db, await repo.rulingRevs(db, r.id), (v) => ({ number: v.number, issuedOn: v.issued_on, issuer: v.issuer, subject: v.subject, body: v.body, tags: v.tags, links: v.links }));
    return reply.render(RevisionsPage({ ctx: await req.view(), title: r.number, back: `/staff/manual/rulings/${r.id}`, revisions }));
  });

  app.get('/staff/manual/attachments/:id', view, async (req, reply) => {
    const a = await repo.attachmentFile(db, idParam.parse(req.params).id);
    if (!a) return reply.callNotFound();
    return reply
      .header('content-type', a.file_mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(a.file));
  });
}
