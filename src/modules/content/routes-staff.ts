import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { announceChange } from '../../platform/events/index.js';
import { isIsoDate, parseRocDate, taipeiToday } from '../../platform/calendar/index.js';
import { fields, formValues, parseForm } from '../../platform/http/forms.js';
import { readMultipart } from '../../platform/http/multipart.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';
import type { FormState } from '../../platform/layout/forms.js';
import { type OfficeChoice, officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import { guidesService } from '../guides/index.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { staffDirectory } from '../staff/index.js';
import { AUDIENCES, DOWNLOAD_CATEGORIES, FAQ_CATEGORIES, isPublished, type Kind, KINDS, NEWS_CATEGORIES, renderBody } from './model.js';
import * as repo from './repo.js';
import { forgetIndex, isThesaurusLine, searchFigures } from './search.js';
import { overdueReviews, saveItem, reviewDateFor } from './service.js';
import { ContentListPage, EditContentPage, ReviewsPage, SearchTermsPage, type StaffRow } from './views/staff.js';

const ODF_AND_PDF = ['application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet', 'application/pdf'] as const;

/** "2026-12-01 09:00" or a date alone (start of that day, Taipei); empty is "no limit". */
const when = z
  .string()
  .trim()
  .max(20)
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const m = /^(\S+)(?:[ T](\d{1,2}):(\d{2}))?$/.exec(v);
    const day = m?.[1] ? (isIsoDate(m[1]) ? m[1] : parseRocDate(m[1])) : null;
    if (!day) {
      ctx.addIssue({ code: 'custom', message: 'content.err.when' });
      return z.NEVER;
    }
    return new Date(`${day}T${String(m?.[2] ?? '0').padStart(2, '0')}:${m?.[3] ?? '00'}:00+08:00`).toISOString();
  });

/** A review date, optional (kinds other than §7 items): what `fields.date` takes, empty is "none typed". */
const optionalDay = z
  .string()
  .trim()
  .max(20, 'err.date')
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const iso = isIsoDate(v) ? v : parseRocDate(v);
    if (!iso) {
      ctx.addIssue({ code: 'custom', message: 'err.date' });
      return z.NEVER;
    }
    return iso;
  });

function schemaFor(kind: Kind, isNew: boolean) {
  const categories: readonly string[] = kind === 'faq' ? FAQ_CATEGORIES : kind === 'download' ? DOWNLOAD_CATEGORIES : kind === 'opengov' ? ['opengov'] : NEWS_CATEGORIES;
  return z
    .object({
      scope: isNew ? z.string({ error: 'err.choice' }).min(1, 'err.choice') : z.string().optional(),
      category: z.enum(categories as [string, ...string[]], { error: 'err.choice' }).catch(categories[0] ?? 'notice'),
      audience: z.enum(AUDIENCES).catch('general'),
      guideCode: z.string().max(60).optional(),
      opengov: kind === 'opengov' ? z.coerce.number({ error: 'err.choice' }).int().min(1, 'err.choice').max(10, 'err.choice') : z.any().optional(),
      owner: kind === 'opengov' ? fields.text(60) : z.any().optional(),
      reviewOn: kind === 'opengov' ? fields.date() : optionalDay,
      titleZh: fields.text(200),
      bodyZh: kind === 'download' ? fields.optionalText(20000) : fields.text(20000),
      titleEn: fields.optionalText(200),
      bodyEn: fields.optionalText(20000),
      otherLocale: z.enum(['vi', 'id', 'th']).catch('vi'),
      titleOther: fields.optionalText(200),
      bodyOther: fields.optionalText(20000),
      status: z.enum(['draft', 'published'], { error: 'err.choice' }),
      publishFrom: when,
      publishUntil: when,
      marquee: z.union([z.string(), z.array(z.string())]).optional(),
    })
    .refine((v) => !v.publishFrom || !v.publishUntil || v.publishUntil > v.publishFrom, { path: ['publishUntil'], message: 'content.err.window' });
}

/** Editors: news (with the marquee), FAQ, pages, open government items, downloads; drafts, preview, schedule, revisions. */
export function staffContentRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('content.edit') };
  const kindOf = (v: unknown): Kind => (KINDS as readonly string[]).includes(String(v)) ? (v as Kind) : 'news';

  async function scopes(req: FastifyRequest) {
    const offices = await staffOffices(db, req);
    return [...offices.map((o) => ({ value: String(o.id), label: o.name })), { value: 'county', label: req.t('content.scope.county') }];
  }

  /** Lists: every covered office, or the one picked with ?office= (county-wide items show with either). */
  async function listChoice(req: FastifyRequest) {
    const all = await staffOffices(db, req);
    const picked = all.find((o) => o.code === askedOfficeCode(req));
    return { all, picked, choice: officeChoice(all, picked?.code ?? '', true) };
  }

  /** A new item: the office the page was switched to (?office=, the form's hidden office), else the person's own. */
  async function workChoice(req: FastifyRequest, fromForm?: Record<string, unknown>): Promise<{ officeId: number | null; choice: OfficeChoice }> {
    const offices = await staffOffices(db, req);
    // an editor who covers no office writes for the county
    if (offices.length === 0) return { officeId: null, choice: officeChoice([], '') };
    const office = await staffOfficeFor(db, req, askedOfficeCode(req, fromForm));
    return { officeId: office.id, choice: officeChoice(offices, office.code) };
  }

  app.get('/staff/content', guard, async (req, reply) => {
    const kind = kindOf((req.query as { kind?: string } | undefined)?.kind);
    const { all, picked, choice } = await listChoice(req);
    const offices = (picked ? [picked] : all).map((o) => o.id);
    const items = await repo.itemsForEditors(db, kind, offices);
    const texts = await repo.textsOf(
      db,
      items.map((i) => i.id),
      'zh-Hant',
    );
    const now = s.clock();
    const scopeOf = (officeId: number | null) => (officeId === null ? req.t('content.scope.county') : (all.find((o) => o.id === officeId)?.name ?? ''));
    const rows: StaffRow[] = items.map((i) => ({ id: i.id, scope: scopeOf(i.office_id), countyWide: i.office_id === null, title: texts.find((x) => x.item_id === i.id)?.title ?? '', category: i.category, status: i.status, live: isPublished(i, now), marquee: i.marquee === 1, updatedAt: i.updated_at, reviewOn: i.review_on, helpful: `👍 ${i.helpful_yes} · 👎 ${i.helpful_no}` }));
    return reply.render(ContentListPage({ ctx: await req.view(), kind, rows, today: taipeiToday(now), choice }));
  });

  /** Items past their review date, oldest first: the county's and the offices this person covers (or the one picked). */
  app.get('/staff/content/reviews', guard, async (req, reply) => {
    const { all, picked, choice } = await listChoice(req);
    const today = taipeiToday(s.clock());
    const items = await overdueReviews(db, today, (picked ? [picked] : all).map((o) => o.id));
    const scopeOf = (officeId: number | null) => (officeId === null ? req.t('content.scope.county') : (all.find((o) => o.id === officeId)?.name ?? ''));
    return reply.render(ReviewsPage({ ctx: await req.view(), rows: items.map((i) => ({ ...i, scope: scopeOf(i.officeId) })), choice }));
  });

  async function editPage(req: FastifyRequest, id: number | null, kind: Kind, state: FormState, preview: { title: string; html: string } | null = null, fromForm?: Record<string, unknown>) {
    const { officeId, choice } = await workChoice(req, fromForm);
    // a new item is for the office being looked at unless the editor picks another scope
    const values = id === null && !state.values.scope && officeId !== null ? { ...state.values, scope: String(officeId) } : state.values;
    const [guides, revisions] = await Promise.all([guidesService.listGuides(db, req.locale), id ? repo.revisionsOf(db, id) : []]);
    const names = await staffDirectory.staffNames(
      db,
      revisions.map((r) => r.saved_by),
    );
    return EditContentPage({
      ctx: await req.view(),
      id,
      kind,
      state: { ...state, values },
      choice,
      scopes: await scopes(req),
      guides: guides.map((g) => ({ value: g.code, label: g.name })),
      preview,
      revisions: revisions.map((r) => ({ at: r.saved_at, locale: r.locale, title: r.title, status: r.status, by: (r.saved_by !== null && names.get(r.saved_by)) || '—' })),
      otherLocale: state.values.otherLocale ?? 'vi',
    });
  }

  app.get('/staff/content/new', guard, async (req, reply) => {
    const kind = kindOf((req.query as { kind?: string } | undefined)?.kind);
    return reply.render(await editPage(req, null, kind, { values: { status: 'draft', audience: 'general' }, errors: [] }));
  });

  app.get('/staff/content/:id', guard, async (req, reply) => {
    const { id } = z.object({ id: z.coerce.number().int() }).parse(req.params);
    const item = await repo.itemById(db, id);
    if (!item) return reply.callNotFound();
    const texts = await repo.textsOf(db, [id]);
    const zh = texts.find((x) => x.locale === 'zh-Hant');
    const en = texts.find((x) => x.locale === 'en');
    const other = texts.find((x) => !['zh-Hant', 'en'].includes(x.locale));
    const local = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
    const values = {
      category: item.category,
      audience: item.audience,
      guideCode: item.guide_code ?? '',
      opengov: String(item.opengov_category ?? ''),
      owner: item.owner ?? '',
      reviewOn: item.review_on ?? '',
      titleZh: zh?.title ?? '',
      bodyZh: zh?.body ?? '',
      titleEn: en?.title ?? '',
      bodyEn: en?.body ?? '',
      otherLocale: other?.locale ?? 'vi',
      titleOther: other?.title ?? '',
      bodyOther: other?.body ?? '',
      status: item.status,
      publishFrom: local(item.publish_from),
      publishUntil: local(item.publish_until),
      'marquee[]': item.marquee ? '1' : '',
    };
    return reply.render(await editPage(req, id, item.kind as Kind, { values, errors: [] }));
  });

  async function save(req: FastifyRequest, id: number | null, kind: Kind) {
    const form = await readMultipart(req, { maxFiles: 1, maxBytes: 20 * 1024 * 1024, allowed: ODF_AND_PDF });
    req.assertCsrf(form.fields._csrf);
    const parsed = parseForm(schemaFor(kind, id === null), form.fields);
    const errors = parsed.ok ? [] : [...parsed.state.errors];
    if (form.fileError) errors.push({ field: 'file', key: `content.err.file.${form.fileError}` });
    if (kind === 'download' && id === null && form.files.length === 0 && !form.fileError) errors.push({ field: 'file', key: 'content.err.file.required' });
    const values = formValues(form.fields);
    if (!parsed.ok || errors.length) return { page: await editPage(req, id, kind, { values, errors }, null, form.fields), status: 422 };
    const d = parsed.data;
    if (form.fields.preview === '1') return { page: await editPage(req, id, kind, { values, errors: [] }, { title: d.titleZh, html: renderBody(d.bodyZh ?? '', req.t('content.externalLink')) }, form.fields), status: 200 };
    const offices = await staffOffices(db, req);
    let officeId: number | null = null;
    // the scope picked (an office id or code), else the office the page was switched to (its hidden office)
    if (id === null) officeId = d.scope === 'county' ? null : (offices.find((o) => String(o.id) === d.scope || o.code === d.scope)?.id ?? (await workChoice(req, form.fields)).officeId);
    else officeId = (await repo.itemById(db, id))?.office_id ?? null;
    const texts = [
      { locale: 'zh-Hant', title: d.titleZh, body: d.bodyZh ?? '' },
      ...(d.titleEn ? [{ locale: 'en', title: d.titleEn, body: d.bodyEn ?? '' }] : []),
      ...(d.titleOther ? [{ locale: d.otherLocale, title: d.titleOther, body: d.bodyOther ?? '' }] : []),
    ];
    const file = form.files[0] ? { name: form.files[0].filename, mime: form.files[0].mime, bytes: form.files[0].bytes } : null;
    const saved = await saveItem(
      s.database,
      {
        id,
        kind,
        officeId,
        category: kind === 'opengov' ? 'opengov' : d.category,
        audience: d.audience,
        status: d.status,
        publishFrom: d.publishFrom,
        publishUntil: d.publishUntil,
        marquee: kind === 'news' && (Array.isArray(d.marquee) ? d.marquee.includes('1') : d.marquee === '1'),
        guideCode: d.guideCode || null,
        opengov: kind === 'opengov' ? Number(d.opengov) : null,
        owner: kind === 'opengov' ? String(d.owner) : null,
        reviewOn: reviewDateFor(kind, d.reviewOn ?? null, d.publishFrom, d.status, s.clock()),
        file,
        texts,
      },
      principal(req),
      req.ip,
      s.clock(),
    );
    // this process drops its index now (the editor's next search must see the save); the others on the announcement
    forgetIndex(db);
    await announceChange(s.events, 'content');
    return { id: saved, office: askedOfficeCode(req, form.fields) };
  }

  app.post('/staff/content', { ...guard, config: { csrf: 'manual' } }, async (req, reply) => {
    const kind = kindOf((req.query as { kind?: string } | undefined)?.kind);
    const r = await save(req, null, kind);
    if (r.page) return reply.render(r.page, r.status);
    reply.flash('success', 'content.staff.saved');
    return reply.redirect(`/staff/content?kind=${kind}${r.office ? `&office=${encodeURIComponent(r.office)}` : ''}`, 303);
  });

  app.post('/staff/content/:id', { ...guard, config: { csrf: 'manual' } }, async (req, reply) => {
    const { id } = z.object({ id: z.coerce.number().int() }).parse(req.params);
    const item = await repo.itemById(db, id);
    if (!item) return reply.callNotFound();
    const r = await save(req, id, item.kind as Kind);
    if (r.page) return reply.render(r.page, r.status);
    reply.flash('success', 'content.staff.saved');
    return reply.redirect(`/staff/content/${id}`, 303);
  });

  async function termsPage(req: FastifyRequest, state?: FormState) {
    const [syn, empty, popular, { choice }] = await Promise.all([repo.synonymLines(db), searchFigures(db, false, 30), searchFigures(db, true, 30), listChoice(req)]);
    // the terms are the county's; the picker only keeps the office a county admin switched to for the other content pages
    return SearchTermsPage({ ctx: await req.view(), synonyms: syn.join('\n'), empty, popular, state, choice });
  }
  app.get('/staff/content/search', guard, async (req, reply) => reply.render(await termsPage(req)));
  app.post('/staff/content/search', guard, async (req, reply) => {
    const parsed = parseForm(z.object({ synonyms: z.string().max(20000, 'err.tooLong').optional() }), req.body);
    if (!parsed.ok) return reply.render(await termsPage(req, parsed.state), 422);
    const lines = (parsed.data.synonyms ?? '').split(/\r?\n/).map((l) => l.trim()).filter(isThesaurusLine);
    await writeTransaction(s.database, async (trx) => {
      await repo.replaceSynonyms(trx, lines, s.clock().toISOString());
      await recordAudit(trx, { actor: principal(req), action: 'content.synonyms', detail: { groups: lines.length }, ip: req.ip }, s.clock());
    });
    forgetIndex(db);
    await announceChange(s.events, 'synonyms');
    reply.flash('success', 'content.staff.saved');
    const office = askedOfficeCode(req);
    return reply.redirect(`/staff/content/search${office ? `?office=${encodeURIComponent(office)}` : ''}`, 303);
  });
}
