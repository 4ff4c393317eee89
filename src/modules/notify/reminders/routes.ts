import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { isAppError } from '../../../platform/errors.js';
import { parseForm } from '../../../platform/http/forms.js';
import { askedOfficeCode } from '../../../platform/http/office-query.js';
import { showDate } from '../../../platform/layout/dates.js';
import type { FormState } from '../../../platform/layout/forms.js';
import { officeChoice } from '../../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../../offices/index.js';
import { MAX_CSV_BYTES, parseReminderCsv, sampleCsv } from './csv.js';
import { entrySchema } from './form.js';
import { readTextUpload } from '../../../platform/http/text-upload.js';
import * as repo from './repo.js';
import { entryRoutes } from './routes-entry.js';
import { ACTIVE_STATES, daysLate, fineFor, isOverdue, REMINDER_KINDS, REMINDER_STATES } from './rules.js';
import { createReminder, importReminders, type ReminderDeps, todayOf } from './service.js';
import { ReminderAddPage, ReminderImportPage } from './views/add.js';
import { type ListFilterView, ReminderListPage, STATUS_FILTERS } from './views/list.js';
import { BASE } from './views/shared.js';

/** A page of the list: enough to see a month's reports of a busy office at once. */
const PAGE_SIZE = 100;

const listQuery = z.object({
  status: z.enum(STATUS_FILTERS).catch('active'),
  kind: z.enum(REMINDER_KINDS).optional().catch(undefined),
  overdue: z.literal('1').optional().catch(undefined),
  q: z.string().trim().max(60).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export function reminderRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const deps: ReminderDeps = { database: s.database, vault: s.vault, clock: s.clock };
  const guard = { preHandler: requireStaff('notify.work') };
  const meta = (req: FastifyRequest) => ({ staff: principal(req), ip: req.ip });

  /** The office an entry is added to: the one the page was switched to (?office=, or the form's hidden office), else the person's own. */
  async function workOffice(req: FastifyRequest, body?: Record<string, unknown>) {
    const office = await staffOfficeFor(db, req, askedOfficeCode(req, body));
    return { office, choice: officeChoice(await staffOffices(db, req), office.code) };
  }

  app.get(BASE, guard, async (req, reply) => {
    const all = await staffOffices(db, req);
    const picked = all.find((o) => o.code === askedOfficeCode(req));
    const offices = picked ? [picked] : all;
    const q = listQuery.parse(req.query ?? {});
    const filter: ListFilterView = { status: q.status, kind: q.kind ?? '', overdue: q.overdue === '1', q: q.q ?? '' };
    const today = todayOf(deps);
    const base = { officeIds: offices.map((o) => o.id), kind: q.kind, overdue: filter.overdue, q: q.q, today };
    const states = q.status === 'all' ? REMINDER_STATES : q.status === 'active' ? ACTIVE_STATES : [q.status];
    const [counts, rows] = await Promise.all([repo.countByState(db, base), repo.listPage(db, { ...base, states, limit: PAGE_SIZE + 1, offset: (q.page - 1) * PAGE_SIZE })]);
    const names = new Map(all.map((o) => [o.id, o.name]));
    return reply.render(
      ReminderListPage({
        ctx: await req.view({ office: picked ?? (all.length === 1 ? (all[0] ?? null) : null) }),
        choice: officeChoice(all, picked?.code ?? '', true),
        filter,
        counts,
        rows: rows.slice(0, PAGE_SIZE).map((r) => {
          const overdue = isOverdue(r.status, r.due_on, today);
          return {
            id: r.id,
            office: names.get(r.office_id) ?? '',
            kind: r.kind,
            name: r.person_name,
            sourceRef: r.source_ref,
            eventDate: r.reported_on,
            dueOn: r.due_on,
            status: r.status,
            lastContactAt: r.last_contact_at ?? null,
            overdueDays: overdue ? daysLate(r.due_on, today) : 0,
            fine: overdue ? fineFor(r.kind, r.due_on, today, Number(r.late_letters) > 0) : null,
          };
        }),
        page: q.page,
        hasNext: rows.length > PAGE_SIZE,
        many: all.length > 1 && !picked,
      }),
    );
  });

  app.get(`${BASE}/new`, guard, async (req, reply) => {
    const { office, choice } = await workOffice(req);
    return reply.render(ReminderAddPage({ ctx: await req.view({ office }), choice }));
  });

  app.post(BASE, guard, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { office, choice } = await workOffice(req, body);
    const page = async (state: FormState, code: number) => reply.render(ReminderAddPage({ ctx: await req.view({ office }), choice, state }), code);
    const parsed = parseForm(entrySchema(todayOf(deps)), body);
    if (!parsed.ok) return page(parsed.state, 422);
    try {
      const r = await createReminder(deps, office.id, parsed.data, meta(req));
      reply.flash('success', 'notify.reminders.added', { due: showDate(r.dueOn, req.locale) });
      return reply.redirect(`${BASE}/${r.id}`, 303);
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return page({ values: parsed.values, errors: err.fields ?? [] }, 409);
      throw err;
    }
  });

  app.get(`${BASE}/import`, guard, async (req, reply) => {
    const { office, choice } = await workOffice(req);
    return reply.render(ReminderImportPage({ ctx: await req.view({ office }), choice }));
  });

  app.get(`${BASE}/import/sample.csv`, guard, async (_req, reply) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="reminders-sample.csv"').send(sampleCsv()),
  );

  // multipart: the token travels in the body and is checked once it is read
  app.post(`${BASE}/import`, { ...guard, config: { csrf: 'manual' } }, async (req, reply) => {
    const upload = await readTextUpload(req, MAX_CSV_BYTES);
    req.assertCsrf(upload.fields._csrf);
    const { office, choice } = await workOffice(req, upload.fields);
    const page = async (code: number, opts: { problems?: Parameters<typeof ReminderImportPage>[0]['problems']; fileError?: string }) =>
      reply.render(ReminderImportPage({ ctx: await req.view({ office }), choice, ...opts }), code);
    if (upload.error || !upload.file) return page(422, { fileError: `notify.reminders.csv.file.${upload.error ?? 'required'}` });
    const parsed = parseReminderCsv(upload.file.bytes, todayOf(deps));
    if (!parsed.ok) return page(422, { problems: parsed.problems });
    const r = await importReminders(deps, office.id, parsed.rows, meta(req));
    if (!r.ok) return page(409, { problems: [{ line: r.line, field: 'sourceRef', key: 'notify.reminders.err.duplicate' }] });
    reply.flash('success', 'notify.reminders.imported', { n: r.count, office: office.name });
    return reply.redirect(`${BASE}?office=${encodeURIComponent(office.code)}`, 303);
  });

  entryRoutes(app, s, deps);
}
