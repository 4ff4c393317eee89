import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { AppError, isAppError } from '../../../platform/errors.js';
import type { OfficeInfo } from '../../../platform/http/context.js';
import { parseForm } from '../../../platform/http/forms.js';
import type { FormState } from '../../../platform/layout/forms.js';
import type { AppServices } from '../../../platform/module.js';
import { guidesService } from '../../guides/index.js';
import { staffOfficeFor, staffOffices } from '../../offices/index.js';
import * as checklist from './checklist.js';
import { itemSchema, valuesOf } from './form.js';
import * as repo from './repo.js';
import { EditorPage, ItemEditPage, OverviewPage } from './views/checklists.js';

const BASE = '/staff/notify/followups';
const guideParam = z.object({ guide: z.string().max(60) });
const itemParams = z.object({ id: z.coerce.number().int().positive() });
const scopeQuerySchema = z.object({ office: z.string().max(40).optional().catch(undefined), scope: z.enum(['county']).optional().catch(undefined) });

/** The after-event checklists: the county's, and each office's own that replaces it. */
export function checklistRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('notify.oversee') };
  const meta = (req: FastifyRequest) => ({ actor: principal(req), ip: req.ip, now: s.clock() });

  /** ?scope=county is the county list (readable by every overseer, editable with setup.county); else one covered office. */
  async function scopeOf(req: FastifyRequest): Promise<OfficeInfo | null> {
    const q = scopeQuerySchema.parse(req.query ?? {});
    if (q.scope === 'county') return null;
    return staffOfficeFor(db, req, q.office);
  }
  const scopeQuery = (office: OfficeInfo | null) => (office ? `?office=${office.code}` : '?scope=county');

  async function guideName(req: FastifyRequest, code: string): Promise<string> {
    const g = (await guidesService.listGuides(db, req.locale)).find((x) => x.code === code);
    return g?.name ?? code;
  }

  /** The guide a URL names; a guide without a life event has no checklist. */
  function guideOf(req: FastifyRequest): string {
    const { guide } = guideParam.parse(req.params);
    if (!checklist.hasChecklist(guide)) throw new AppError('not_found', 'error.notFound.title');
    return guide;
  }

  app.get(BASE, guard, async (req, reply) => {
    const [offices, counts, guides] = await Promise.all([staffOffices(db, req), checklist.overview(db), guidesService.listGuides(db, req.locale)]);
    // in the order the guides are listed everywhere else (birth, death, marriage, moves, name change)
    const order = (code: string) => {
      const i = guides.findIndex((g) => g.code === code);
      return i < 0 ? guides.length : i;
    };
    const codes = [...checklist.CHECKLIST_GUIDES].sort((a, b) => order(a) - order(b));
    const rows = codes.map((code) => {
      const c = counts.get(code);
      return { guideCode: code, guideName: guides.find((g) => g.code === code)?.name ?? code, county: c?.county ?? 0, own: c?.offices ?? new Map<number, number>() };
    });
    return reply.render(OverviewPage({ ctx: await req.view(), rows, offices: offices.map((o) => ({ id: o.id, code: o.code, name: o.name })) }));
  });

  async function editorPage(req: FastifyRequest, reply: FastifyReply, guide: string, office: OfficeInfo | null, addState?: FormState, status = 200) {
    const own = await repo.itemsOf(db, guide, office?.id ?? null);
    const usesCounty = office !== null && own.length === 0;
    const shown = usesCounty ? await repo.itemsOf(db, guide, null) : own;
    const en = req.locale === 'en';
    return reply.render(
      EditorPage({
        ctx: await req.view({ office }),
        guideCode: guide,
        guideName: await guideName(req, guide),
        office: office ? { code: office.code, name: office.name } : null,
        items: shown.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          titleEn: r.title_en,
          place: en ? r.place_en : r.place,
          deadlineDays: r.deadline_days,
          note: en ? r.deadline_note_en : r.deadline_note,
          link: r.link,
        })),
        usesCounty,
        mayEdit: checklist.mayEdit(principal(req), office),
        scopeQuery: scopeQuery(office),
        addState,
      }),
      status,
    );
  }

  app.get(`${BASE}/:guide`, guard, async (req, reply) => {
    const guide = guideOf(req);
    return editorPage(req, reply, guide, await scopeOf(req), { values: { kind: 'todo' }, errors: [] });
  });

  app.post(`${BASE}/:guide/items`, guard, async (req, reply) => {
    const guide = guideOf(req);
    const office = await scopeOf(req);
    const parsed = parseForm(itemSchema, req.body);
    if (!parsed.ok) return editorPage(req, reply, guide, office, parsed.state, 422);
    try {
      await checklist.createItem(s.database, guide, office, parsed.data, meta(req));
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return editorPage(req, reply, guide, office, { values: parsed.values, errors: [{ field: 'kind', key: err.messageKey }] }, 409);
      throw err;
    }
    reply.flash('success', 'notify.followups.staff.created', { title: parsed.data.titleZh });
    return reply.redirect(`${BASE}/${guide}${scopeQuery(office)}`, 303);
  });

  app.post(`${BASE}/:guide/copy`, guard, async (req, reply) => {
    const guide = guideOf(req);
    const office = await scopeOf(req);
    if (office) {
      try {
        const n = await checklist.copyCountyList(s.database, guide, office, meta(req));
        reply.flash('success', 'notify.followups.staff.copied', { n });
      } catch (err) {
        if (!(isAppError(err) && err.code === 'conflict')) throw err;
        reply.flash('warning', err.messageKey);
      }
    }
    return reply.redirect(`${BASE}/${guide}${scopeQuery(office)}`, 303);
  });

  const itemPage = async (req: FastifyRequest, reply: FastifyReply, guide: string, office: OfficeInfo | null, id: number, state: FormState, status = 200) =>
    reply.render(
      ItemEditPage({
        ctx: await req.view({ office }),
        guideCode: guide,
        guideName: await guideName(req, guide),
        itemId: id,
        ownerName: office ? office.name : req.t('notify.followups.staff.scopeCounty'),
        scopeQuery: scopeQuery(office),
        state,
      }),
      status,
    );

  app.get(`${BASE}/:guide/items/:id`, guard, async (req, reply) => {
    const guide = guideOf(req);
    const { id } = itemParams.parse(req.params);
    const office = await scopeOf(req);
    const row = await checklist.itemOf(db, id, guide, office);
    if (!checklist.mayEdit(principal(req), office)) return reply.redirect(`${BASE}/${guide}${scopeQuery(office)}`, 303);
    return itemPage(req, reply, guide, office, id, { values: valuesOf(row), errors: [] });
  });

  app.post(`${BASE}/:guide/items/:id`, guard, async (req, reply) => {
    const guide = guideOf(req);
    const { id } = itemParams.parse(req.params);
    const office = await scopeOf(req);
    await checklist.itemOf(db, id, guide, office);
    const parsed = parseForm(itemSchema, req.body);
    if (!parsed.ok) return itemPage(req, reply, guide, office, id, parsed.state, 422);
    await checklist.updateItem(s.database, id, guide, office, parsed.data, meta(req));
    reply.flash('success', 'notify.followups.staff.saved', { title: parsed.data.titleZh });
    return reply.redirect(`${BASE}/${guide}${scopeQuery(office)}`, 303);
  });

  for (const direction of ['up', 'down'] as const) {
    app.post(`${BASE}/:guide/items/:id/${direction}`, guard, async (req, reply) => {
      const guide = guideOf(req);
    const { id } = itemParams.parse(req.params);
      const office = await scopeOf(req);
      await checklist.moveItem(s.database, id, guide, office, direction, meta(req));
      reply.flash('success', 'notify.followups.staff.moved');
      return reply.redirect(`${BASE}/${guide}${scopeQuery(office)}`, 303);
    });
  }

  app.post(`${BASE}/:guide/items/:id/delete`, guard, async (req, reply) => {
    const guide = guideOf(req);
    const { id } = itemParams.parse(req.params);
    const office = await scopeOf(req);
    const row = await checklist.itemOf(db, id, guide, office);
    await checklist.deleteItem(s.database, id, guide, office, meta(req));
    reply.flash('success', 'notify.followups.staff.deleted', { title: row.title });
    return reply.redirect(`${BASE}/${guide}${scopeQuery(office)}`, 303);
  });
}
