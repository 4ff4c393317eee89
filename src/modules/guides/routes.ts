import { FORM_CODES } from '../forms/index.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { AppError, isAppError } from '../../platform/errors.js';
import type { OfficeInfo } from '../../platform/http/context.js';
import { parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { createPdf } from '../../platform/pdf.js';
import { officesService, staffOfficeFor, staffOffices } from '../offices/index.js';
import * as guides from './service.js';
import { FeesPage, GuideAdminList, GuideEditPage, GuideList, GuidePage, RetiredGuidePage } from './views/pages.js';

const codeParam = z.object({ code: z.string().regex(/^[a-z0-9-]{1,60}$/) });
const idParam = z.object({ id: z.coerce.number().int().positive() });
const officeParam = z.object({ office: z.string().regex(/^[a-z0-9-]{1,40}$/) });

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const optionalInt = (max: number) => z.preprocess(blankToNull, z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(0, 'err.invalid').max(max, 'err.invalid').nullable().optional());
const text = (max: number) => z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(max, 'err.tooLong');

/** Every line "中文 | English | 法源" needs its Chinese part. */
const documentsField = text(5000).refine((v) => guides.docsFromLines(v).every((d) => d.zh.length > 0), 'guides.err.docs');

const guideFields = {
  category: z.preprocess((v) => guides.guideCategoryOf(v) ?? v, z.enum(guides.CATEGORIES, { error: 'err.choice' })),
  nameZh: text(100),
  nameEn: text(100),
  whoZh: text(300),
  whoEn: text(300),
  documents: documentsField,
  feeNtd: optionalInt(100_000),
  feeZh: text(200),
  feeEn: text(200),
  deadlineDays: optionalInt(3650),
  deadlineZh: text(200),
  deadlineEn: text(200),
  lateFine: z.literal('1').optional(),
  processingDays: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(0, 'err.invalid').max(120, 'err.invalid'),
  serviceCode: z.string().trim().max(40, 'err.tooLong').optional(),
};
const editSchema = z.object(guideFields);
const createSchema = z.object({ ...guideFields, code: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(60, 'err.tooLong').regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'guides.err.code') });

type EditData = z.output<typeof editSchema>;
const toInput = (d: EditData): guides.GuideInput => ({
  category: d.category,
  nameZh: d.nameZh,
  nameEn: d.nameEn,
  whoZh: d.whoZh,
  whoEn: d.whoEn,
  documents: guides.docsFromLines(d.documents),
  feeNtd: d.feeNtd ?? null,
  feeZh: d.feeZh,
  feeEn: d.feeEn,
  deadlineDays: d.deadlineDays ?? null,
  deadlineZh: d.deadlineZh,
  deadlineEn: d.deadlineEn,
  lateFine: d.lateFine === '1',
  processingDays: d.processingDays,
  serviceCode: d.serviceCode ? d.serviceCode : null,
});

function formValuesOf(i: guides.GuideInput, code: string): Record<string, string> {
  return {
    code,
    category: i.category,
    nameZh: i.nameZh,
    nameEn: i.nameEn,
    whoZh: i.whoZh,
    whoEn: i.whoEn,
    documents: guides.docsToLines(i.documents),
    feeNtd: i.feeNtd === null ? '' : String(i.feeNtd),
    feeZh: i.feeZh,
    feeEn: i.feeEn,
    deadlineDays: i.deadlineDays === null ? '' : String(i.deadlineDays),
    deadlineZh: i.deadlineZh,
    deadlineEn: i.deadlineEn,
    lateFine: i.lateFine ? '1' : '',
    processingDays: String(i.processingDays),
    serviceCode: i.serviceCode ?? '',
  };
}

export function guideRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;

  // ---- public -------------------------------------------------------------

  async function showGuide(req: FastifyRequest, reply: FastifyReply, office: OfficeInfo | null) {
    const raw = String((req.params as { code: string }).code);
    const base = office ? `/o/${office.code}/guides` : '/guides';
    if (raw.endsWith('.pdf')) {
      const { code } = codeParam.parse({ code: raw.slice(0, -4) });
      const g = await guides.guide(db, code, req.locale, office?.id);
      if (!g.active) return reply.render(RetiredGuidePage({ ctx: await req.view({ office }), guide: g, listHref: base }), 410);
      const pdf = createPdf({ title: `${g.name} ${req.t('guides.checklist')}`, lang: req.locale === 'en' ? 'en' : 'zh-TW' });
      pdf.h1(`${g.name}：${req.t('guides.checklist')}`);
      pdf.p(`${req.t('guides.who')}：${g.who}`);
      pdf.p(`${req.t('guides.fee')}：${g.fee}`);
      pdf.p(`${req.t('guides.deadline')}：${g.deadline}`);
      pdf.h2(req.t('guides.documents'));
      pdf.list(g.documents.map((d) => `□ ${d.text}${d.basis ? `（${req.t('guides.basis', { basis: d.basis })}）` : ''}`));
      const bytes = await pdf.done();
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${code}.pdf"`).send(bytes);
    }
    const { code } = codeParam.parse({ code: raw });
    const guide = await guides.guide(db, code, req.locale, office?.id);
    // a retired guide keeps its address: the page says so and points to the list (410 tells search engines)
    if (!guide.active) return reply.render(RetiredGuidePage({ ctx: await req.view({ office }), guide, listHref: base }), 410);
    // the footer's 最後更新日期 is the guide's own last edit
    // the five most asked applications can be filled in on screen and printed (forms module)
    const formHref = (FORM_CODES as readonly string[]).includes(guide.code) ? `/forms/${guide.code}` : null;
    return reply.render(GuidePage({ ctx: await req.view({ office, lastUpdated: guide.updatedAt }), guide, base, formHref }));
  }

  const latestOf = (list: guides.Guide[]) => list.reduce<string | null>((max, g) => (max === null || g.updatedAt > max ? g.updatedAt : max), null);

  app.get('/guides', async (req, reply) => {
    const list = await guides.listGuides(db, req.locale);
    return reply.render(GuideList({ ctx: await req.view({ lastUpdated: latestOf(list) }), guides: list, base: '/guides' }));
  });
  app.get('/fees', async (req, reply) => reply.render(FeesPage({ ctx: await req.view() })));
  app.get('/guides/:code', async (req, reply) => showGuide(req, reply, null));

  const officeOf = async (req: FastifyRequest) => officesService.officeByCode(db, officeParam.parse(req.params).office, req.locale);
  app.get('/o/:office/guides', async (req, reply) => {
    const office = await officeOf(req);
    const { guides: list } = await guides.officeGuideList(db, office.id, req.locale);
    return reply.render(GuideList({ ctx: await req.view({ office, lastUpdated: latestOf(list) }), guides: list, base: `/o/${office.code}/guides` }));
  });
  app.get('/o/:office/guides/:code', async (req, reply) => showGuide(req, reply, await officeOf(req)));

  // ---- staff --------------------------------------------------------------

  const guard = { preHandler: requireStaff('guides.edit') };
  const query = (req: FastifyRequest) => z.object({ office: z.string().max(40).optional().catch(undefined), scope: z.enum(['library']).optional().catch(undefined) }).parse(req.query ?? {});

  /** The scope a staff page is about: the county library (?scope=library, county admins) or one office (?office=). */
  async function scopeOf(req: FastifyRequest, asked?: { office?: string | undefined; scope?: string | undefined }) {
    const q = asked ?? query(req);
    const staff = principal(req);
    const offices = await staffOffices(db, req);
    if (q.scope === 'library') {
      // the library is the county's: asking for it without setup.county is refused, never quietly turned into one's own office
      if (!can(staff.role, 'setup.county')) throw new AppError('forbidden', 'error.forbidden.title');
      return { office: null, offices };
    }
    return { office: await staffOfficeFor(db, req, q.office), offices };
  }
  const scopeQuery = (office: OfficeInfo | null) => (office ? `?office=${office.code}` : '?scope=library');

  async function serviceChoices(office: OfficeInfo | null, offices: OfficeInfo[]) {
    const rows = await officesService.servicesOfOffices(db, office ? [office.id] : offices.map((o) => o.id));
    const seen = new Map<string, string>();
    for (const r of rows) if (!seen.has(r.code)) seen.set(r.code, `${r.code}：${r.name_zh}`);
    return [...seen].map(([value, label]) => ({ value, label }));
  }

  async function listPage(req: FastifyRequest, reply: FastifyReply) {
    const { office, offices } = await scopeOf(req);
    const staff = principal(req);
    const rows = await guides.staffList(db, office?.id ?? null);
    const sources = await guides.copySources(db, office?.id ?? null, offices.map((o) => o.id));
    const names = new Map(offices.map((o) => [o.id, o.name]));
    const en = req.locale === 'en';
    const nameOf = (r: { name_zh: string; name_en: string }) => (en ? r.name_en : r.name_zh);
    const copyChoices = [
      ...sources.library.map((r) => ({ value: String(r.id), label: `${req.t('guides.library')}：${nameOf(r)}` })),
      ...sources.others.map((r) => ({ value: String(r.id), label: `${names.get(r.office_id ?? 0) ?? ''}：${nameOf(r)}` })),
    ];
    const fallback = office ? (await guides.officeGuideList(db, office.id, req.locale)).fromLibrary : false;
    return reply.render(
      GuideAdminList({
        ctx: await req.view({ office }),
        rows: rows.map((r) => ({ id: r.id, code: r.code, name: nameOf(r), active: r.active === 1, processingDays: r.processing_days })),
        office,
        offices: offices.length > 1 ? offices.map((o) => ({ value: o.code, label: o.name })) : [],
        library: can(staff.role, 'setup.county'),
        maySetup: guides.mayManage(staff, office, 'setup'),
        copyChoices,
        fromLibrary: fallback,
        scopeQuery: scopeQuery(office),
      }),
    );
  }
  app.get('/staff/guides', guard, listPage);

  const editPage = async (req: FastifyRequest, reply: FastifyReply, p: { office: OfficeInfo | null; offices: OfficeInfo[]; id: number | null; name: string; state: FormState; status?: number }) =>
    reply.render(
      GuideEditPage({ ctx: await req.view({ office: p.office }), id: p.id, name: p.name, state: p.state, office: p.office, scopeQuery: scopeQuery(p.office), services: await serviceChoices(p.office, p.offices) }),
      p.status ?? 200,
    );

  app.get('/staff/guides/new', guard, async (req, reply) => {
    const { office, offices } = await scopeOf(req);
    if (!guides.mayManage(principal(req), office, 'setup')) throw new AppError('forbidden', 'error.forbidden.title');
    return editPage(req, reply, { office, offices, id: null, name: req.t('guides.new'), state: { values: { category: 'registration', processingDays: '0' }, errors: [] } });
  });

  app.post('/staff/guides/new', guard, async (req, reply) => {
    const { office, offices } = await scopeOf(req, (req.body ?? {}) as { office?: string; scope?: string });
    const parsed = parseForm(createSchema, req.body);
    const fail = (state: FormState) => editPage(req, reply, { office, offices, id: null, name: req.t('guides.new'), state, status: 422 });
    if (!parsed.ok) return fail(parsed.state);
    const services = await serviceChoices(office, offices);
    if (parsed.data.serviceCode && !services.some((c) => c.value === parsed.data.serviceCode)) return fail({ values: parsed.values, errors: [{ field: 'serviceCode', key: 'err.choice' }] });
    try {
      await guides.createGuide(s.database, office, parsed.data.code, toInput(parsed.data), { actor: principal(req), ip: req.ip, now: s.clock() });
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return fail({ values: parsed.values, errors: err.fields ?? [] });
      throw err;
    }
    reply.flash('success', 'guides.created', { name: parsed.data.nameZh });
    return reply.redirect(`/staff/guides${scopeQuery(office)}`, 303);
  });

  app.post('/staff/guides/copy', guard, async (req, reply) => {
    const body = (req.body ?? {}) as { office?: string; scope?: string; from?: string };
    const { office } = await scopeOf(req, body);
    const from = z.coerce.number().int().positive().safeParse(body.from);
    if (!from.success) {
      reply.flash('warning', 'guides.err.copyChoice');
      return reply.redirect(`/staff/guides${scopeQuery(office)}`, 303);
    }
    try {
      await guides.copyGuide(s.database, from.data, office, { actor: principal(req), ip: req.ip, now: s.clock() });
      reply.flash('success', 'guides.copied');
    } catch (err) {
      if (!(isAppError(err) && err.code === 'validation')) throw err;
      reply.flash('warning', 'guides.err.codeTaken');
    }
    return reply.redirect(`/staff/guides${scopeQuery(office)}`, 303);
  });

  /** The guide a staff URL names, with its scope; /staff/guides/<code> (old links) goes to the library guide. */
  async function staffGuide(req: FastifyRequest) {
    const raw = String((req.params as { key: string }).key);
    const row = /^\d+$/.test(raw) ? await guides.guideRowById(db, idParam.parse({ id: raw }).id) : await guides.guideRow(db, codeParam.parse({ code: raw }).code, null);
    const offices = await staffOffices(db, req);
    const office = row.office_id === null ? null : (offices.find((o) => o.id === row.office_id) ?? null);
    // an office guide of an office the person does not cover does not exist for them
    if (row.office_id !== null && !office) throw new AppError('not_found', 'error.notFound.title');
    return { row, office, offices };
  }

  app.get('/staff/guides/:key', guard, async (req, reply) => {
    const { row, office, offices } = await staffGuide(req);
    if (!guides.mayManage(principal(req), office, 'edit')) throw new AppError('forbidden', 'error.forbidden.title');
    const name = req.locale === 'en' ? row.name_en : row.name_zh;
    return editPage(req, reply, { office, offices, id: row.id, name, state: { values: formValuesOf(guides.inputOf(row), row.code), errors: [] } });
  });

  app.post('/staff/guides/:key', guard, async (req, reply) => {
    const { row, office, offices } = await staffGuide(req);
    const name = req.locale === 'en' ? row.name_en : row.name_zh;
    const parsed = parseForm(editSchema, req.body);
    const fail = (state: FormState) => editPage(req, reply, { office, offices, id: row.id, name, state, status: 422 });
    if (!parsed.ok) return fail(parsed.state);
    const services = await serviceChoices(office, offices);
    if (parsed.data.serviceCode && parsed.data.serviceCode !== row.service_code && !services.some((c) => c.value === parsed.data.serviceCode)) return fail({ values: parsed.values, errors: [{ field: 'serviceCode', key: 'err.choice' }] });
    await guides.updateGuide(s.database, row.id, office, toInput(parsed.data), { actor: principal(req), ip: req.ip, now: s.clock() });
    reply.flash('success', 'guides.saved', { name });
    return reply.redirect(`/staff/guides${scopeQuery(office)}`, 303);
  });

  for (const [verb, active] of [
    ['retire', false],
    ['restore', true],
  ] as const) {
    app.post(`/staff/guides/:key/${verb}`, guard, async (req, reply) => {
      const { row, office } = await staffGuide(req);
      await guides.setActive(s.database, row.id, office, active, { actor: principal(req), ip: req.ip, now: s.clock() });
      reply.flash('success', active ? 'guides.restored' : 'guides.retired', { name: req.locale === 'en' ? row.name_en : row.name_zh });
      return reply.redirect(`/staff/guides${scopeQuery(office)}`, 303);
    });
  }
}
