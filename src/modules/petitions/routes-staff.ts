import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { bookingByCode } from '../booking/index.js';
import { calendarService } from '../calendar/index.js';
import { officesService, staffOfficeFor, staffOffices } from '../offices/index.js';
import { staffDirectory } from '../staff/index.js';
import type { PetitionDeps } from './deps.js';
import * as handling from './handling.js';
import { recordFromStaff } from './intake.js';
import * as repo from './repo.js';
import { CATEGORIES, CHANNELS, CLASSES, DECLINE_GROUNDS } from './rules.js';
import { DetailPage, type DetailView, FILTERS, IntakePage, LetterPage, ListPage, type ListRow } from './views/staff.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });

const intakeSchema = z
  .object({
    channel: z.enum(CHANNELS, { error: 'err.choice' }),
    bookingCode: z.string().trim().max(20, 'err.tooLong').optional(),
    subject: fields.text(100),
    category: z.enum(CATEGORIES, { error: 'err.choice' }),
    body: fields.text(4000),
    name: fields.text(60),
    email: fields.optionalEmail(),
    phone: z.string().trim().max(24, 'err.tooLong').regex(/^[\d\s()+#-]*$/, 'err.invalid').optional(),
    address: fields.optionalText(200),
    language: z.enum(['zh-Hant', 'en'], { error: 'err.choice' }),
    wantsReply: z.enum(['0', '1'], { error: 'err.choice' }),
    readBack: z.literal('1').optional(),
    // 上級機關交辦: who handed it down, their document number, their own deadline
    superiorAgency: fields.optionalText(100),
    superiorDocNo: fields.optionalText(60),
    superiorDueOn: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), fields.date().optional()),
  })
  // an oral petition counts only once it has been read back to the citizen and they agree (§168)
  .refine((v) => !['onsite', 'phone'].includes(v.channel) || v.readBack === '1', { path: ['readBack'], message: 'petitions.err.readBack' })
  .refine((v) => v.channel !== 'superior' || v.superiorAgency, { path: ['superiorAgency'], message: 'petitions.err.superiorRequired' })
  .refine((v) => v.channel !== 'superior' || v.superiorDocNo, { path: ['superiorDocNo'], message: 'petitions.err.superiorRequired' })
  .refine((v) => v.channel !== 'superior' || v.superiorDueOn, { path: ['superiorDueOn'], message: 'petitions.err.superiorRequired' });

/** The handlers' side: intake from every channel, the list, one petition and every action on it. */
export function staffPetitionRoutes(app: FastifyInstance, s: AppServices, deps: (req: FastifyRequest) => PetitionDeps) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('petitions.work') };
  const actor = (req: FastifyRequest) => ({ staff: principal(req), ip: req.ip });
  const oversee = (req: FastifyRequest) => can(principal(req).role, 'petitions.approve');
  /** ?office= (or the intake form's office): one of the offices the person covers, if asked for. */
  const askedOffice = async (req: FastifyRequest) => {
    const asked = z.string().max(40).optional().catch(undefined).parse((req.query as { office?: unknown } | undefined)?.office ?? (req.body as { office?: unknown } | undefined)?.office);
    const offices = await staffOffices(db, req);
    return { offices, picked: offices.find((o) => o.code === asked) };
  };
  const pickerOf = (offices: { code: string; name: string }[], code: string, all: boolean) => ({ officeCode: code, offices: offices.map((o) => ({ value: o.code, label: o.name })), all });

  app.get('/staff/petitions', guard, async (req, reply) => {
    const filter = z.enum(FILTERS).catch('open').parse((req.query as { filter?: string } | undefined)?.filter);
    // county staff see every office's petitions, or one office's with ?office=
    const { offices: all, picked } = await askedOffice(req);
    const offices = picked ? [picked] : all;
    const ids = offices.map((o) => o.id);
    const today = taipeiToday(s.clock());
    const rows = await repo.listPetitions(db, ids, filter, principal(req).id, today);
    let shown = rows;
    if (filter === 'soon') {
      const cal = await calendarService.officeCalendar(db, offices[0]?.id ?? null);
      const tomorrow = cal.addWorkingDays(today, 1);
      shown = rows.filter((r) => r.due_on && r.due_on >= today && r.due_on <= tomorrow);
    }
    const names = await staffDirectory.staffNames(db, shown.map((r) => r.assignee_id));
    const view: ListRow[] = shown.map((r) => ({
      id: r.id,
      number: r.number ?? '',
      subject: r.subject,
      channel: r.channel,
      category: r.category,
      status: r.status,
      assignee: r.assignee_id ? (names.get(r.assignee_id) ?? null) : null,
      dueOn: r.due_on,
      escalation: r.escalation,
      english: r.language === 'en',
    }));
    return reply.render(ListPage({ ctx: await req.view(), rows: view, filter, oversee: oversee(req), today, choice: pickerOf(all, picked?.code ?? '', true) }));
  });

  // the intake is recorded at the office picked on the form (county staff), else the person's own
  const intakeChoice = async (req: FastifyRequest) => {
    const { offices, picked } = await askedOffice(req);
    return pickerOf(offices, (await staffOfficeFor(db, req, picked?.code)).code, false);
  };
  app.get('/staff/petitions/new', guard, async (req, reply) => reply.render(IntakePage({ ctx: await req.view(), oversee: oversee(req), choice: await intakeChoice(req) })));

  app.post('/staff/petitions', guard, async (req, reply) => {
    const parsed = parseForm(intakeSchema, req.body);
    const fail = async (state: FormState) => reply.render(IntakePage({ ctx: await req.view(), state, oversee: oversee(req), choice: await intakeChoice(req) }), 422);
    if (!parsed.ok) return fail(parsed.state);
    const office = await staffOfficeFor(db, req, (await askedOffice(req)).picked?.code);
    const d = parsed.data;
    let bookingId: number | null = null;
    if (d.bookingCode) {
      const b = await bookingByCode(db, d.bookingCode.trim().toUpperCase());
      if (!b || b.office_id !== office.id) return fail({ values: parsed.values, errors: [{ field: 'bookingCode', key: 'petitions.err.booking' }] });
      bookingId = b.id;
    }
    // the superior's deadline cannot already have passed (it would make the case overdue the day it arrives)
    if (d.channel === 'superior' && d.superiorDueOn && d.superiorDueOn < taipeiToday(s.clock())) return fail({ values: parsed.values, errors: [{ field: 'superiorDueOn', key: 'petitions.err.superiorPast' }] });
    const superior = d.channel === 'superior' && d.superiorAgency && d.superiorDocNo && d.superiorDueOn ? { agency: d.superiorAgency, docNo: d.superiorDocNo, dueOn: d.superiorDueOn } : undefined;
    const r = await recordFromStaff(
      deps(req),
      { officeId: office.id, channel: d.channel, subject: d.subject, category: d.category, body: d.body, language: d.language, name: d.name, email: d.email, phone: d.phone || undefined, address: d.address, wantsReply: d.wantsReply === '1', readBack: d.readBack === '1', bookingId, superior, attachments: [] },
      principal(req),
      req.ip,
    );
    reply.flash('success', 'petitions.staff.recorded', { number: r.number });
    return reply.redirect(`/staff/petitions/${r.id}`, 303);
  });

  async function covered(req: FastifyRequest) {
    const { id } = idParam.parse(req.params);
    const p = await repo.petitionById(db, id);
    if (!p?.number || !(await staffOffices(db, req)).some((o) => o.id === p.office_id)) throw new AppError('not_found', 'error.notFound.title');
    return p;
  }

  async function detail(_req: FastifyRequest, p: repo.PetitionRow): Promise<DetailView> {
    const [events, attachments] = await Promise.all([repo.eventsOf(db, p.id), repo.attachmentsOf(db, p.id)]);
    const names = await staffDirectory.staffNames(db, events.map((e) => e.staff_id));
    return {
      id: p.id,
      number: p.number ?? '',
      status: p.status,
      channel: p.channel,
      category: p.category,
      cls: p.class,
      subject: p.subject,
      body: p.body,
      language: p.language,
      name: p.name,
      email: p.email,
      phone: p.phone,
      address: p.address,
      wantsReply: p.wants_reply === 1,
      readBack: p.read_back === 1,
      superior: p.superior_agency ? { agency: p.superior_agency, docNo: p.superior_doc_no ?? '', dueOn: p.superior_due_on ?? '' } : null,
      receivedOn: p.received_on,
      dueOn: p.due_on,
      escalation: p.escalation,
      assigneeId: p.assignee_id,
      extendedReason: p.extended_reason,
      reply: p.reply_body,
      rating: p.rating,
      ratingComment: p.rating_comment,
      attachments,
      events: events.map((e) => ({ at: e.at, kind: e.kind, text: e.text, public: e.public === 1, staff: e.staff_id ? (names.get(e.staff_id) ?? null) : null })),
    };
  }

  async function detailPage(req: FastifyRequest, p: repo.PetitionRow, state?: FormState) {
    const templateId = Number((req.query as { template?: string } | undefined)?.template) || null;
    const [templates, staff] = await Promise.all([repo.templatesFor(db, p.office_id), staffDirectory.activeStaffOf(db, [p.office_id])]);
    const chosen = templates.find((x) => x.id === templateId);
    await recordAudit(db, { actor: principal(req), action: 'petition.view', target: { type: 'petition', id: p.id }, officeId: p.office_id, ip: req.ip }, s.clock());
    return DetailPage({
      ctx: await req.view(),
      p: await detail(req, p),
      staffOptions: staff.map((x) => ({ value: String(x.id), label: x.display_name })),
      templates: templates.map((x) => ({ id: x.id, title: x.title })),
      replyDraft: chosen ? (p.language === 'en' ? chosen.body_en : chosen.body_zh) : '',
      canApprove: oversee(req),
      oversee: oversee(req),
      state,
    });
  }

  app.get('/staff/petitions/:id', guard, async (req, reply) => reply.render(await detailPage(req, await covered(req))));

  app.get('/staff/petitions/:id/files/:file', guard, async (req, reply) => {
    const p = await covered(req);
    const { file } = z.object({ file: z.coerce.number().int() }).parse(req.params);
    const f = await repo.attachment(db, p.id, file);
    if (!f) return reply.callNotFound();
    return reply.type(f.mime).header('content-disposition', `attachment; filename="${encodeURIComponent(f.filename)}"`).header('x-content-type-options', 'nosniff').send(Buffer.from(f.content));
  });

  app.get('/staff/petitions/:id/letter', guard, async (req, reply) => {
    const p = await covered(req);
    const office = await officesService.officeById(db, p.office_id, p.language === 'en' ? 'en' : 'zh-Hant');
    return reply.render(LetterPage({ ctx: await req.view(), p: await detail(req, p), office }));
  });

  /** Runs one action; a form error or a refused move comes back on the detail page, beside its field. */
  function action<S extends z.ZodType>(path: string, schema: S, run: (req: FastifyRequest, id: number, data: z.output<S>) => Promise<void>, okKey: string) {
    app.post(`/staff/petitions/:id/${path}`, guard, async (req: FastifyRequest, reply: FastifyReply) => {
      const p = await covered(req);
      const parsed = parseForm(schema, req.body);
      if (!parsed.ok) return reply.render(await detailPage(req, p, parsed.state), 422);
      try {
        await run(req, p.id, parsed.data);
      } catch (err) {
        if (!isAppError(err) || !['conflict', 'validation', 'forbidden'].includes(err.code)) throw err;
        const errors = err.fields.length ? err.fields : [{ field: '_form', key: err.messageKey }];
        return reply.render(await detailPage(req, p, { values: parsed.values, errors }), err.code === 'forbidden' ? 403 : 409);
      }
      reply.flash('success', okKey);
      return reply.redirect(`/staff/petitions/${p.id}`, 303);
    });
  }

  action('triage', z.object({ cls: z.enum(CLASSES), triageCategory: z.enum(CATEGORIES), assignee: z.string().optional() }), async (req, id, d) => {
    const assigneeId = d.assignee ? Number(d.assignee) : null;
    await handling.triage(deps(req), id, { cls: d.cls, category: d.triageCategory, assigneeId: assigneeId && Number.isInteger(assigneeId) ? assigneeId : null }, actor(req));
  }, 'petitions.staff.saved');
  action('note', z.object({ noteText: fields.text(2000) }), (req, id, d) => handling.addNote(deps(req), id, d.noteText, actor(req)), 'petitions.staff.saved');
  action('ask', z.object({ askText: fields.text(1000) }), (req, id, d) => handling.askCitizen(deps(req), id, d.askText, actor(req)), 'petitions.staff.asked');
  action('resume', z.object({ resumeText: fields.optionalText(1000) }), (req, id, d) => handling.resume(deps(req), id, d.resumeText ?? null, actor(req)), 'petitions.staff.resumed');
  action('reply', z.object({ replyBody: fields.text(8000) }), (req, id, d) => handling.reply(deps(req), id, d.replyBody, actor(req)), 'petitions.staff.replied');
  action('extend', z.object({ until: fields.date(), extendReason: fields.text(300) }), (req, id, d) => handling.extend(deps(req), id, { until: d.until, reason: d.extendReason }, actor(req)), 'petitions.staff.extendedOk');
  action('transfer', z.object({ agency: fields.text(100), transferNote: fields.optionalText(300) }), (req, id, d) => handling.transfer(deps(req), id, { agency: d.agency, note: d.transferNote ?? '' }, actor(req)), 'petitions.staff.transferred');
  action('decline', z.object({ ground: z.enum(DECLINE_GROUNDS, { error: 'err.choice' }) }), (req, id, d) => handling.decline(deps(req), id, d.ground, actor(req)), 'petitions.staff.declined');
  action('close', z.object({}), (req, id) => handling.close(deps(req), id, actor(req)), 'petitions.staff.closed');
}
