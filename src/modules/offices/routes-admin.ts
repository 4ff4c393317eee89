import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can, coversOffice } from '../../platform/auth/roles.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import type { FormState, FormValues } from '../../platform/layout/forms.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import * as admin from './admin.js';
import * as repo from './repo.js';
import { staffOffices } from './scope.js';
import { deactivateSchema, exceptionSchema, hoursSchema, newOfficeSchema, officeDetailsSchema, countySchema, WEEKDAYS } from './validate.js';
import { CountyPage, DeactivatePage, ExceptionsPage, HoursPage, type OfficeHead, OfficeFormPage, OfficeListPage } from './views/admin.js';

type OfficeRow = NonNullable<Awaited<ReturnType<typeof repo.findOfficeById>>>;

const codeParam = z.object({ code: z.string().regex(/^[a-z0-9-]{1,40}$/) });
const officeQuery = z.object({ office: z.string().max(40).optional() }).catch({});

/** A refusal the service tied to a field: shown beside it, with what was typed. */
function fieldState(err: unknown, values: FormValues): FormState | null {
  if (isAppError(err) && err.code === 'validation' && err.fields.length > 0) return { values, errors: err.fields };
  return null;
}

/**
 * Staff pages for the county record and each office's make-up. A county
 * admin works on every office of the county; a director on their own
 * (another office's pages answer 403); other roles have no setup capability.
 */
export function officeAdminRoutes(app: FastifyInstance, s: AppServices, openWork: admin.OpenWork[]) {
  const db = s.database.db;
  const countyGuard = { preHandler: requireStaff('setup.county') };
  const officeGuard = { preHandler: requireStaff('setup.office') };
  const change = (req: FastifyRequest): admin.Change => {
    const p = principal(req);
    return { actor: { id: p.id, username: p.username }, ip: req.ip, now: s.clock() };
  };
  const pick = (req: FastifyRequest, zh: string, en: string) => (req.locale === 'en' ? en : zh);
  const head = (req: FastifyRequest, o: OfficeRow): OfficeHead => ({ code: o.code, name: pick(req, o.name_zh, o.name_en), closed: o.active !== 1 });

  async function theCounty(req: FastifyRequest) {
    const staff = principal(req);
    const county = staff.countyId !== null ? await repo.findCountyById(db, staff.countyId) : await repo.findCounty(db);
    if (!county) throw new AppError('not_found', 'error.notFound.title');
    return county;
  }

  /** The office of the path, if this person covers it: another office is 403, an unknown code 404. */
  async function coveredOffice(req: FastifyRequest): Promise<OfficeRow> {
    const { code } = codeParam.parse(req.params);
    const office = await repo.findOfficeByCode(db, code);
    if (!office) throw new AppError('not_found', 'error.notFound.title');
    if (!coversOffice(principal(req), { id: office.id, countyId: office.county_id })) throw new AppError('forbidden', 'error.forbidden.title');
    return office;
  }

  /** The picker: the office asked for with ?office=, else the person's own, else the first. */
  async function choiceFor(req: FastifyRequest) {
    const offices = await staffOffices(db, req);
    const q = officeQuery.parse(req.query);
    const staff = principal(req);
    const chosen = offices.find((o) => o.code === q.office) ?? offices.find((o) => o.id === staff.officeId) ?? offices[0] ?? null;
    return { offices, chosen, choice: officeChoice(offices, chosen?.code ?? '') };
  }

  // --- the county ---

  const countyValues = (c: Awaited<ReturnType<typeof theCounty>>): FormValues => ({
    code: c.code,
    nameZh: c.name_zh,
    nameEn: c.name_en,
    phone: c.phone ?? '',
    email: c.email ?? '',
    addressZh: c.address_zh ?? '',
    addressEn: c.address_en ?? '',
    siteNameZh: c.site_name_zh ?? '',
    siteNameEn: c.site_name_en ?? '',
    logoText: c.logo_text ?? '',
    english: String(c.english),
  });

  async function countyPage(req: FastifyRequest, state?: FormState) {
    const county = await theCounty(req);
    const { choice } = await choiceFor(req);
    const ctx = await req.view();
    return CountyPage({ ctx, state: state ?? { values: countyValues(county), errors: [] }, choice, example: ctx.t('county.title', { county: pick(req, county.name_zh, county.name_en) }) });
  }

  app.get('/staff/admin/county', countyGuard, async (req, reply) => reply.render(await countyPage(req)));

  app.post('/staff/admin/county', countyGuard, async (req, reply) => {
    const county = await theCounty(req);
    const parsed = parseForm(countySchema, req.body);
    if (!parsed.ok) return reply.render(await countyPage(req, parsed.state), 422);
    try {
      await admin.saveCounty(s.database, county.id, parsed.data, change(req));
    } catch (err) {
      const state = fieldState(err, parsed.values);
      if (state) return reply.render(await countyPage(req, state), 422);
      throw err;
    }
    reply.flash('success', 'offices.county.saved');
    return reply.redirect('/staff/admin/county', 303);
  });

  // --- the list and a new office ---

  app.get('/staff/admin/offices', officeGuard, async (req, reply) => {
    const { offices, chosen, choice } = await choiceFor(req);
    const rows = await repo.listOffices(db);
    const covered = rows.filter((o) => offices.some((c) => c.id === o.id));
    const nameOf = (id: number | null) => {
      const o = rows.find((r) => r.id === id);
      return o ? pick(req, o.name_zh, o.name_en) : null;
    };
    const chosenRow = rows.find((r) => r.id === chosen?.id);
    return reply.render(
      OfficeListPage({
        ctx: await req.view(),
        rows: covered.map((o) => ({ code: o.code, name: pick(req, o.name_zh, o.name_en), kind: o.kind, parent: nameOf(o.parent_id), closed: o.active !== 1, successor: o.active !== 1 ? nameOf(o.successor_id) : null })),
        choice,
        chosen: chosenRow ? head(req, chosenRow) : null,
        canCreate: can(principal(req).role, 'setup.county'),
      }),
    );
  });

  /** Parents a branch office may belong to: open, non-branch offices of the county (not the office itself). */
  async function parentOptions(req: FastifyRequest, countyId: number, selfId: number | null) {
    return (await repo.listOffices(db, countyId)).filter((o) => o.active === 1 && o.kind !== 'branch' && o.id !== selfId).map((o) => ({ value: o.code, label: pick(req, o.name_zh, o.name_en) }));
  }

  async function newPage(req: FastifyRequest, state?: FormState) {
    const county = await theCounty(req);
    // ?office=<code> starts a branch office of that office
    const q = officeQuery.parse(req.query);
    const parents = await parentOptions(req, county.id, null);
    const initial: FormValues = { kind: 'township', parent: '' };
    if (q.office && parents.some((p) => p.value === q.office)) Object.assign(initial, { kind: 'branch', parent: q.office });
    return OfficeFormPage({ ctx: await req.view(), state: state ?? { values: initial, errors: [] }, office: null, parents });
  }

  app.get('/staff/admin/offices/new', countyGuard, async (req, reply) => reply.render(await newPage(req)));

  app.post('/staff/admin/offices/new', countyGuard, async (req, reply) => {
    const county = await theCounty(req);
    const parsed = parseForm(newOfficeSchema, req.body);
    if (!parsed.ok) return reply.render(await newPage(req, parsed.state), 422);
    try {
      const created = await admin.createOffice(s.database, county.id, parsed.data, change(req));
      reply.flash('success', 'offices.created', { name: pick(req, parsed.data.nameZh, parsed.data.nameEn) });
      return reply.redirect(`/staff/admin/offices/${created.code}/hours`, 303);
    } catch (err) {
      const state = fieldState(err, parsed.values);
      if (state) return reply.render(await newPage(req, state), 422);
      throw err;
    }
  });

  // --- one office: details ---

  async function officeValues(o: OfficeRow): Promise<FormValues> {
    const parent = o.parent_id !== null ? await repo.findOfficeById(db, o.parent_id) : undefined;
    return {
      kind: o.kind,
      parent: parent?.code ?? '',
      nameZh: o.name_zh,
      nameEn: o.name_en,
      addressZh: o.address_zh,
      addressEn: o.address_en,
      phone: o.phone,
      fax: o.fax ?? '',
      email: o.email ?? '',
      director: o.director_name ?? '',
      villages: o.villages,
      mapUrl: o.map_url ?? '',
    };
  }

  async function closedFacts(req: FastifyRequest, o: OfficeRow) {
    const successor = o.successor_id !== null ? await repo.findOfficeById(db, o.successor_id) : undefined;
    return { closedOn: o.closed_at ? o.closed_at.slice(0, 10) : null, successor: successor ? pick(req, successor.name_zh, successor.name_en) : null };
  }

  async function editPage(req: FastifyRequest, o: OfficeRow, state?: FormState) {
    return OfficeFormPage({
      ctx: await req.view(),
      state: state ?? { values: await officeValues(o), errors: [] },
      office: { ...head(req, o), ...(await closedFacts(req, o)) },
      parents: await parentOptions(req, o.county_id, o.id),
    });
  }

  app.get('/staff/admin/offices/:code', officeGuard, async (req, reply) => reply.render(await editPage(req, await coveredOffice(req))));

  app.post('/staff/admin/offices/:code', officeGuard, async (req, reply) => {
    const office = await coveredOffice(req);
    const parsed = parseForm(officeDetailsSchema, req.body);
    if (!parsed.ok) return reply.render(await editPage(req, office, parsed.state), 422);
    try {
      const did = await admin.updateOffice(s.database, office.id, parsed.data, change(req));
      reply.flash(did ? 'success' : 'info', did ? 'offices.saved' : 'offices.unchanged');
    } catch (err) {
      const state = fieldState(err, parsed.values);
      if (state) return reply.render(await editPage(req, office, state), 422);
      throw err;
    }
    return reply.redirect(`/staff/admin/offices/${office.code}`, 303);
  });

  // --- hours ---

  async function hoursValues(o: OfficeRow): Promise<FormValues> {
    const hours = await repo.hoursOf(db, [o.id]);
    const v: FormValues = {};
    for (const wd of WEEKDAYS) {
      const h = hours.find((x) => x.weekday === wd);
      v[`open${wd}`] = h ? '1' : '0';
      v[`opens${wd}`] = h?.opens ?? '';
      v[`closes${wd}`] = h?.closes ?? '';
      v[`lunch${wd}`] = h && h.lunch_open === 0 ? 'break' : 'open';
      v[`lunchFrom${wd}`] = h?.lunch_from ?? '';
      v[`lunchTo${wd}`] = h?.lunch_to ?? '';
      v[`evening${wd}`] = h?.evening_closes ?? '';
      v[`noteZh${wd}`] = h?.note_zh ?? '';
      v[`noteEn${wd}`] = h?.note_en ?? '';
    }
    return v;
  }

  app.get('/staff/admin/offices/:code/hours', officeGuard, async (req, reply) => {
    const office = await coveredOffice(req);
    return reply.render(HoursPage({ ctx: await req.view(), office: head(req, office), state: { values: await hoursValues(office), errors: [] } }));
  });

  app.post('/staff/admin/offices/:code/hours', officeGuard, async (req, reply) => {
    const office = await coveredOffice(req);
    const parsed = parseForm(hoursSchema, req.body);
    if (!parsed.ok) return reply.render(HoursPage({ ctx: await req.view(), office: head(req, office), state: parsed.state }), 422);
    const did = await admin.saveHours(s.database, office.id, parsed.data, change(req));
    reply.flash(did ? 'success' : 'info', did ? 'offices.hours.saved' : 'offices.unchanged');
    return reply.redirect(`/staff/admin/offices/${office.code}/hours`, 303);
  });

  // --- exceptions by date ---

  async function exceptionsPage(req: FastifyRequest, o: OfficeRow, state?: FormState) {
    const rows = await repo.exceptionsOf(db, o.id);
    return ExceptionsPage({
      ctx: await req.view(),
      office: head(req, o),
      state: state ?? { values: { closed: '1' }, errors: [] },
      rows: rows.map((r) => ({ id: r.id, date: r.date, closed: r.closed === 1, hours: r.closed === 1 ? null : `${r.opens}–${r.closes}`, reason: pick(req, r.reason_zh, r.reason_en) })),
    });
  }

  app.get('/staff/admin/offices/:code/exceptions', officeGuard, async (req, reply) => reply.render(await exceptionsPage(req, await coveredOffice(req))));

  app.post('/staff/admin/offices/:code/exceptions', officeGuard, async (req, reply) => {
    const office = await coveredOffice(req);
    const parsed = parseForm(exceptionSchema, req.body);
    if (!parsed.ok) return reply.render(await exceptionsPage(req, office, parsed.state), 422);
    await admin.saveException(s.database, office.id, parsed.data, change(req));
    reply.flash('success', 'offices.ex.saved');
    return reply.redirect(`/staff/admin/offices/${office.code}/exceptions`, 303);
  });

  app.post('/staff/admin/offices/:code/exceptions/:id/delete', officeGuard, async (req, reply) => {
    const office = await coveredOffice(req);
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(req.params);
    await admin.removeException(s.database, office.id, id, change(req));
    reply.flash('success', 'offices.ex.removed');
    return reply.redirect(`/staff/admin/offices/${office.code}/exceptions`, 303);
  });

  // --- deactivation: the page explains first; the POST is the confirmation ---

  async function deactivatePage(req: FastifyRequest, o: OfficeRow, state?: FormState) {
    const successors = (await admin.successorChoices(db, o)).map((x) => ({ value: x.code, label: pick(req, x.name_zh, x.name_en) }));
    return DeactivatePage({
      ctx: await req.view(),
      office: head(req, o),
      open: await admin.openThings(db, o.id, openWork),
      successors,
      state: state ?? { values: { successor: o.parent_id !== null ? ((await repo.findOfficeById(db, o.parent_id))?.code ?? '') : '' }, errors: [] },
      ...(await closedFacts(req, o)),
    });
  }

  // creating and closing offices is the county's decision: a director manages their office but does not close it
  app.get('/staff/admin/offices/:code/deactivate', countyGuard, async (req, reply) => reply.render(await deactivatePage(req, await coveredOffice(req))));

  app.post('/staff/admin/offices/:code/deactivate', countyGuard, async (req, reply: FastifyReply) => {
    const office = await coveredOffice(req);
    const parsed = parseForm(deactivateSchema, req.body);
    if (!parsed.ok) return reply.render(await deactivatePage(req, office, parsed.state), 422);
    try {
      await admin.deactivateOffice(s.database, office.id, parsed.data.successor, change(req));
    } catch (err) {
      const state = fieldState(err, parsed.values);
      if (state) return reply.render(await deactivatePage(req, office, state), 422);
      throw err;
    }
    reply.flash('success', 'offices.deact.done', { name: pick(req, office.name_zh, office.name_en) });
    return reply.redirect(`/staff/admin/offices/${office.code}/deactivate`, 303);
  });

  app.post('/staff/admin/offices/:code/reactivate', countyGuard, async (req, reply) => {
    const office = await coveredOffice(req);
    await admin.reactivateOffice(s.database, office.id, change(req));
    reply.flash('success', 'offices.reactivated', { name: pick(req, office.name_zh, office.name_en) });
    return reply.redirect(`/staff/admin/offices/${office.code}`, 303);
  });
}
