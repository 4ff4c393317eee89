import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { AppError } from '../../../platform/errors.js';
import type { OfficeInfo } from '../../../platform/http/context.js';
import { askedOfficeCode } from '../../../platform/http/office-query.js';
import { officeChoice } from '../../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../../platform/module.js';
import { officesService, openOfficeOnly, staffOfficeFor, staffOffices } from '../../offices/index.js';
import { linesError, type NoticeFormState, noticeValues, parseNoticeForm } from './form.js';
import * as service from './service.js';
import { PublicNoticeListPage, PublicNoticePage } from './views/public.js';
import { publicBase, STAFF_BASE } from './views/shared.js';
import { NoticeEditPage, type StoredNotice } from './views/staff-edit.js';
import { NoticeListPage } from './views/staff-list.js';

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const officeParam = z.object({ office: z.string().max(40) });
const notFound = () => new AppError('not_found', 'error.notFound.title');
const stored = (n: service.Notice): StoredNotice => ({ id: n.id, title: n.title, state: n.state });

/** Staff: the office's notices, new, edit, publish, withdraw (capability addresses.manage). */
export function renumberingStaffRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('addresses.manage') };
  const meta = (req: FastifyRequest) => ({ actor: principal(req), ip: req.ip, now: s.clock() });

  /** The notice asked for, if the person covers its office; another office's does not exist for them. */
  async function ownNotice(req: FastifyRequest): Promise<{ notice: service.Notice; office: OfficeInfo }> {
    const notice = await service.noticeById(db, idParam.parse(req.params).id);
    const office = notice ? (await staffOffices(db, req)).find((o) => o.id === notice.officeId) : undefined;
    if (!notice || !office) throw notFound();
    return { notice, office };
  }

  async function renderEdit(req: FastifyRequest, reply: FastifyReply, office: OfficeInfo, state: NoticeFormState, notice: service.Notice | null, code = 200) {
    const villages = await service.villagesOfOffice(db, office.id);
    return reply.render(NoticeEditPage({ ctx: await req.view({ office }), office, villages, state, stored: notice ? stored(notice) : null }), code);
  }

  /** Reads and stores the form (a new notice when `notice` is null); a refusal re-renders the form as typed. */
  async function save(req: FastifyRequest, reply: FastifyReply, office: OfficeInfo, notice: service.Notice | null) {
    const villages = await service.villagesOfOffice(db, office.id);
    const parsed = parseNoticeForm(req.body, villages.map((v) => v.code));
    if (!parsed.ok) return renderEdit(req, reply, office, parsed.state, notice, 422);
    let id = notice?.id ?? 0;
    try {
      if (notice) await service.updateNotice(s.database, office, notice.id, parsed.fields, parsed.items, meta(req));
      else id = await service.createNotice(s.database, office, parsed.fields, parsed.items, meta(req));
    } catch (err) {
      if (!(err instanceof service.LineConflict)) throw err;
      return renderEdit(req, reply, office, { values: parsed.values, errors: [linesError(err.problems)], lines: err.problems }, notice, 422);
    }
    reply.flash('success', notice ? 'renumbering.saved' : 'renumbering.created', { title: parsed.fields.title });
    return reply.redirect(`${STAFF_BASE}/${id}`, 303);
  }

  app.get(STAFF_BASE, guard, async (req, reply) => {
    const office = await staffOfficeFor(db, req, askedOfficeCode(req));
    const choice = officeChoice(await staffOffices(db, req), office.code);
    const notices = await service.noticesOfOffice(db, office.id);
    return reply.render(NoticeListPage({ ctx: await req.view({ office }), choice, officeName: office.name, notices }));
  });

  app.get(`${STAFF_BASE}/new`, guard, async (req, reply) => {
    const office = await staffOfficeFor(db, req, askedOfficeCode(req));
    return renderEdit(req, reply, office, { values: {}, errors: [], lines: [] }, null);
  });

  app.post(STAFF_BASE, guard, async (req, reply) => save(req, reply, await staffOfficeFor(db, req, askedOfficeCode(req)), null));

  app.get(`${STAFF_BASE}/:id`, guard, async (req, reply) => {
    const { notice, office } = await ownNotice(req);
    return renderEdit(req, reply, office, { values: noticeValues(notice, service.itemsText(notice.items)), errors: [], lines: [] }, notice);
  });

  app.post(`${STAFF_BASE}/:id`, guard, async (req, reply) => {
    const { notice, office } = await ownNotice(req);
    return save(req, reply, office, notice);
  });

  for (const step of ['publish', 'withdraw'] as const) {
    app.post(`${STAFF_BASE}/:id/${step}`, guard, async (req, reply) => {
      const { notice, office } = await ownNotice(req);
      if (step === 'publish') await service.publishNotice(s.database, office, notice.id, meta(req));
      else await service.withdrawNotice(s.database, office, notice.id, meta(req));
      reply.flash('success', step === 'publish' ? 'renumbering.publishedDone' : 'renumbering.withdrawnDone', { title: notice.title });
      return reply.redirect(`${STAFF_BASE}/${notice.id}`, 303);
    });
  }
}

/** Public: the office's published notices and each one's old → new list. */
export function renumberingPublicRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const open = { preHandler: openOfficeOnly(db) };

  app.get(publicBase(':office'), open, async (req, reply) => {
    const office = await officesService.officeByCode(db, officeParam.parse(req.params).office, req.locale);
    const notices = await service.noticesOfOffice(db, office.id, ['published']);
    return reply.render(PublicNoticeListPage({ ctx: await req.view({ office }), office, notices }));
  });

  app.get(`${publicBase(':office')}/:id`, open, async (req, reply) => {
    const office = await officesService.officeByCode(db, officeParam.parse(req.params).office, req.locale);
    const id = idParam.safeParse(req.params);
    const notice = id.success ? await service.noticeById(db, id.data.id) : null;
    if (!notice || notice.officeId !== office.id || notice.state !== 'published') throw notFound();
    const names = await service.villageNames(db, notice.villages);
    const villageNames = notice.villages.map((c) => names.get(c)).filter((n): n is string => n !== undefined);
    return reply.render(PublicNoticePage({ ctx: await req.view({ office, lastUpdated: notice.updatedAt }), office, notice, villageNames }));
  });
}
