import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import { ODS_MIME, toCsv, toOds } from '../../platform/export/index.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { figureSheets, petitionFigures } from './figures.js';
import * as repo from './repo.js';
import { CATEGORIES } from './rules.js';
import { petitionSettingsSchema, readPetitionSettings, writePetitionSettings } from './settings.js';
import { FiguresPage, FollowupsPage, MediaPage, SettingsPage, TemplatesPage } from './views/admin.js';

const int = (min: number, max: number) => z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(min, 'err.invalid').max(max, 'err.invalid');

/** Supervisors: follow-up tasks, reply templates, limits, figures; everyone: the media log. */
export function adminPetitionRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('petitions.approve') };
  const work = { preHandler: requireStaff('petitions.work') };
  /**
   * The office a per-office page is about: ?office= on a GET, the form's hidden
   * `office` on a POST (so county staff save to the office they were looking at).
   */
  const officeOf = (req: FastifyRequest) => {
    const asked = (req.query as { office?: unknown } | undefined)?.office ?? (req.body as { office?: unknown } | undefined)?.office;
    return staffOfficeFor(db, req, z.string().max(40).optional().catch(undefined).parse(asked));
  };
  const choiceOf = async (req: FastifyRequest, office: { code: string }) => ({ officeCode: office.code, offices: (await staffOffices(db, req)).map((o) => ({ value: o.code, label: o.name })) });
  const audit = (req: FastifyRequest, action: string, officeId: number, detail?: Record<string, unknown>) =>
    recordAudit(db, { actor: principal(req), action, officeId, ip: req.ip, ...(detail ? { detail } : {}) }, s.clock());

  app.get('/staff/petitions/followups', guard, async (req, reply) => {
    // every covered office's follow-ups, or one office's with ?office=
    const all = await staffOffices(db, req);
    const code = z.string().max(40).optional().catch(undefined).parse((req.query as { office?: unknown } | undefined)?.office);
    const picked = all.find((o) => o.code === code);
    const rows = await repo.openFollowups(db, (picked ? [picked] : all).map((o) => o.id));
    const view = rows.map((r) => ({ id: r.id, petitionId: r.petition_id, number: r.number ?? '', subject: r.subject, reason: r.reason, createdAt: r.created_at, detail: r.reason === 'low_score' ? `${r.rating ?? ''}/5 ${r.rating_comment ?? ''}`.trim() : '' }));
    return reply.render(FollowupsPage({ ctx: await req.view(), rows: view, choice: { officeCode: picked?.code ?? '', offices: all.map((o) => ({ value: o.code, label: o.name })), all: true } }));
  });

  app.post('/staff/petitions/followups/:id/done', guard, async (req, reply) => {
    const { id } = z.object({ id: z.coerce.number().int() }).parse(req.params);
    const parsed = parseForm(z.object({ note: fields.text(300) }), req.body);
    if (!parsed.ok) {
      reply.flash('warning', 'petitions.followups.needNote');
      return reply.redirect('/staff/petitions/followups', 303);
    }
    await repo.closeFollowup(db, id, (await staffOffices(db, req)).map((o) => o.id), { at: s.clock().toISOString(), by: principal(req).id, note: parsed.data.note });
    reply.flash('success', 'petitions.followups.saved');
    return reply.redirect('/staff/petitions/followups', 303);
  });

  async function templatesPage(req: FastifyRequest, state?: FormState) {
    const office = await officeOf(req);
    const rows = await repo.templatesFor(db, office.id);
    return TemplatesPage({ ctx: await req.view(), rows: rows.map((r) => ({ id: r.id, category: r.category, title: r.title, body: req.locale === 'en' ? r.body_en : r.body_zh })), state, choice: await choiceOf(req, office) });
  }
  app.get('/staff/petitions/templates', guard, async (req, reply) => reply.render(await templatesPage(req)));
  app.post('/staff/petitions/templates', guard, async (req, reply) => {
    const parsed = parseForm(z.object({ category: z.enum(CATEGORIES, { error: 'err.choice' }), title: fields.text(100), bodyZh: fields.text(4000), bodyEn: fields.text(4000) }), req.body);
    if (!parsed.ok) return reply.render(await templatesPage(req, parsed.state), 422);
    const office = await officeOf(req);
    await repo.insertTemplate(db, { office_id: office.id, category: parsed.data.category, title: parsed.data.title, body_zh: parsed.data.bodyZh, body_en: parsed.data.bodyEn, updated_at: s.clock().toISOString() });
    await audit(req, 'petition.template_add', office.id, { title: parsed.data.title });
    reply.flash('success', 'petitions.staff.saved');
    return reply.redirect(`/staff/petitions/templates?office=${office.code}`, 303);
  });
  app.post('/staff/petitions/templates/:id/delete', guard, async (req, reply) => {
    const { id } = z.object({ id: z.coerce.number().int() }).parse(req.params);
    const office = await officeOf(req);
    await repo.deleteTemplate(db, id, office.id);
    reply.flash('success', 'petitions.staff.saved');
    return reply.redirect(`/staff/petitions/templates?office=${office.code}`, 303);
  });

  const mediaSchema = z.object({
    seenOn: fields.date(),
    source: fields.text(100),
    title: fields.text(200),
    url: z.string().trim().max(500, 'err.tooLong').optional().transform((v) => v || undefined).pipe(z.url({ protocol: /^https?$/, error: 'petitions.err.url' }).optional()),
    facts: fields.text(4000),
    clarification: fields.optionalText(4000),
    clarifiedOn: z.string().trim().max(20).optional().transform((v) => v || undefined).pipe(fields.date().optional()),
  });
  async function mediaPage(req: FastifyRequest, state?: FormState) {
    const office = await officeOf(req);
    const rows = await repo.mediaLog(db, office.id);
    return MediaPage({
      ctx: await req.view(),
      rows: rows.map((r) => ({ id: r.id, seenOn: r.seen_on, source: r.source, title: r.title, url: r.url, facts: r.facts, clarification: r.clarification, clarifiedOn: r.clarified_on })),
      state,
      oversee: can(principal(req).role, 'petitions.approve'),
      choice: await choiceOf(req, office),
    });
  }
  app.get('/staff/petitions/media', work, async (req, reply) => reply.render(await mediaPage(req)));
  app.post('/staff/petitions/media', work, async (req, reply) => {
    const parsed = parseForm(mediaSchema, req.body);
    if (!parsed.ok) return reply.render(await mediaPage(req, parsed.state), 422);
    const office = await officeOf(req);
    const d = parsed.data;
    await repo.insertMedia(db, { office_id: office.id, seen_on: d.seenOn, source: d.source, title: d.title, url: d.url ?? null, facts: d.facts, clarification: d.clarification ?? null, clarified_on: d.clarifiedOn ?? null, created_by: principal(req).id, created_at: s.clock().toISOString() });
    await audit(req, 'petition.media_add', office.id, { title: d.title });
    reply.flash('success', 'petitions.staff.saved');
    return reply.redirect(`/staff/petitions/media?office=${office.code}`, 303);
  });

  const settingsForm = z.object({ simple: int(1, 30), several: int(1, 30), complex: int(1, 30), confirmDays: int(1, 14), rateDays: int(1, 30), lowScore: int(1, 4), followupDays: int(1, 10), directorAfterDays: int(0, 10) });
  app.get('/staff/petitions/settings', guard, async (req, reply) => {
    const office = await officeOf(req);
    const st = await readPetitionSettings(db, office.id);
    const values = { ...st.limits, confirmDays: st.confirmDays, rateDays: st.rateDays, lowScore: st.lowScore, followupDays: st.followupDays, directorAfterDays: st.directorAfterDays };
    return reply.render(SettingsPage({ ctx: await req.view(), state: { values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])), errors: [] }, choice: await choiceOf(req, office) }));
  });
  app.post('/staff/petitions/settings', guard, async (req, reply) => {
    const parsed = parseForm(settingsForm, req.body);
    const office = await officeOf(req);
    if (!parsed.ok) return reply.render(SettingsPage({ ctx: await req.view(), state: parsed.state, choice: await choiceOf(req, office) }), 422);
    const { simple, several, complex, ...rest } = parsed.data;
    const value = petitionSettingsSchema.parse({ ...rest, limits: { simple, several, complex } });
    await writePetitionSettings(db, office.id, value, principal(req).id, s.clock());
    await audit(req, 'petition.settings', office.id, value);
    reply.flash('success', 'petitions.staff.saved');
    return reply.redirect(`/staff/petitions/settings?office=${office.code}`, 303);
  });

  const range = z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined) });
  async function figures(req: FastifyRequest) {
    const q = range.parse(req.query ?? {});
    const office = await officeOf(req);
    const today = taipeiToday(s.clock());
    const from = q.from ?? addDays(today, -90);
    const to = q.to ?? today;
    const f = await petitionFigures(db, office.id, from, to);
    return { office, from, to, f, sheets: figureSheets(f, req.t) };
  }
  const stats = { preHandler: requireStaff('petitions.stats') };
  app.get('/staff/petitions/figures', stats, async (req, reply) => {
    const { office, from, to, f } = await figures(req);
    return reply.render(FiguresPage({ ctx: await req.view(), f, from, to, choice: await choiceOf(req, office) }));
  });
  app.get('/staff/petitions/figures.csv', stats, async (req, reply) => {
    const { office, from, to, sheets } = await figures(req);
    const [first, ...others] = sheets;
    const rows = [...(first?.rows ?? []), ...others.flatMap((sh) => [[], [sh.name], sh.headers, ...sh.rows])];
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="petitions-${office.code}-${from}-${to}.csv"`).send(toCsv(first?.headers ?? [], rows));
  });
  app.get('/staff/petitions/figures.ods', stats, async (req, reply) => {
    const { office, from, to, sheets } = await figures(req);
    return reply.type(ODS_MIME).header('content-disposition', `attachment; filename="petitions-${office.code}-${from}-${to}.ods"`).send(Buffer.from(toOds(sheets, { title: `${office.name} ${from}–${to}` })));
  });
}
