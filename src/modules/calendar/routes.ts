import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { coversOffice, type StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import type { OfficeInfo } from '../../platform/http/context.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import { showDate } from '../../platform/layout/dates.js';
import type { FormState } from '../../platform/layout/forms.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import * as calendar from './service.js';
import { CalendarPage } from './views/CalendarPage.js';

const MAX_CSV_BYTES = 1024 * 1024;

const pageQuery = z.object({
  year: z.coerce.number().int().min(1912).max(2100).optional(),
  // an office code (the shared picker); the digits of an office id still work (old links and bookmarks)
  office: z.string().trim().max(40).optional().catch(undefined),
});

const closureSchema = z.object({
  officeId: z.coerce.number().int().positive(),
  year: z.coerce.number().int().optional(),
  date: fields.date('err.closureDate'),
  reason: fields.text(100),
});

export function calendarRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;

  async function officesFor(staff: StaffPrincipal, req: FastifyRequest): Promise<OfficeInfo[]> {
    return (await officesService.listOfficeInfos(db, req.locale)).filter((o) => coversOffice(staff, o));
  }

  /** The office asked for among those covered: by code, or by id (the picker's old form). */
  function pick(offices: OfficeInfo[], asked: string | number | undefined): OfficeInfo | undefined {
    if (asked === undefined || asked === '') return undefined;
    return offices.find((o) => o.code === String(asked)) ?? (/^\d+$/.test(String(asked)) ? offices.find((o) => o.id === Number(asked)) : undefined);
  }

  async function renderPage(
    req: FastifyRequest,
    opts: { year?: number | undefined; office?: string | number | undefined; importForm?: FormState; closureForm?: FormState },
  ) {
    const staff = principal(req);
    const offices = await officesFor(staff, req);
    const office = pick(offices, opts.office) ?? offices.find((o) => o.id === staff.officeId) ?? offices[0] ?? null;
    const year = opts.year ?? Number(taipeiToday(s.clock()).slice(0, 4));
    const [view, closures, imports] = await Promise.all([
      calendar.yearView(db, year, office?.id ?? null),
      office ? calendar.closuresForOffice(db, office.id) : Promise.resolve([]),
      calendar.recentImports(db),
    ]);
    const ctx = await req.view();
    return CalendarPage({
      ctx,
      view,
      office,
      choice: officeChoice(offices, office?.code ?? ''),
      closures: closures.filter((c) => c.date.startsWith(String(year)) || c.date >= taipeiToday(s.clock())),
      imports,
      ...(opts.importForm ? { importForm: opts.importForm } : {}),
      ...(opts.closureForm ? { closureForm: opts.closureForm } : {}),
    });
  }

  app.get('/staff/calendar', { preHandler: requireStaff('calendar.view') }, async (req, reply) => {
    const q = pageQuery.safeParse(req.query);
    const query = q.success ? q.data : {};
    return reply.render(await renderPage(req, { year: query.year, office: query.office }));
  });

  app.post(
    '/staff/calendar/import',
    { preHandler: requireStaff('calendar.import'), config: { csrf: 'manual' } },
    async (req, reply) => {
      const staff = principal(req);
      let csrf: unknown;
      let officeCode: string | undefined;
      let file: { name: string; bytes: Buffer } | null = null;
      let tooLarge = false;
      for await (const part of req.parts({ limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 5 } })) {
        if (part.type === 'field') {
          if (part.fieldname === '_csrf') csrf = part.value;
          else if (part.fieldname === 'office') officeCode = z.string().max(40).optional().catch(undefined).parse(part.value);
        } else if (part.fieldname === 'file') {
          const bytes = await part.toBuffer().catch(() => null);
          if (part.file.truncated || !bytes) tooLarge = true;
          else if (bytes.length > 0) file = { name: part.filename.slice(0, 200), bytes };
        } else {
          part.file.resume();
        }
      }
      // Checked after reading: the token travels inside the multipart body.
      req.assertCsrf(csrf);
      const fail = (key: string, params?: Record<string, string | number>) =>
        renderPage(req, { office: officeCode, importForm: { values: {}, errors: [{ field: 'file', key, ...(params ? { params } : {}) }] } }).then((p) =>
          reply.render(p, 422),
        );
      if (tooLarge) return fail('err.calendar.tooLarge');
      if (!file) return fail('err.calendar.file');
      try {
        const r = await calendar.importGovCalendar(s.database, file.bytes, { filename: file.name, actor: staff, ip: req.ip, now: s.clock() });
        reply.flash('success', 'calendar.imported', { year: r.year, days: r.days, off: r.daysOff });
        return reply.redirect(`/staff/calendar?year=${r.year}${officeCode ? `&office=${encodeURIComponent(officeCode)}` : ''}`, 303);
      } catch (err) {
        if (isAppError(err) && err.code === 'validation') return fail(err.messageKey, err.params);
        throw err;
      }
    },
  );

  app.post('/staff/calendar/closures', { preHandler: requireStaff('closures.manage') }, async (req, reply) => {
    const staff = principal(req);
    const parsed = parseForm(closureSchema, req.body);
    const officeId = Number((req.body as Record<string, unknown>)?.officeId) || undefined;
    const year = Number((req.body as Record<string, unknown>)?.year) || undefined;
    if (!parsed.ok) return reply.render(await renderPage(req, { year, office: officeId, closureForm: parsed.state }), 422);
    const office = (await officesFor(staff, req)).find((o) => o.id === parsed.data.officeId);
    if (!office) throw new AppError('forbidden', 'error.forbidden.title');
    try {
      await calendar.addClosure(
        s.database,
        { officeId: office.id, countyId: office.countyId, date: parsed.data.date, reason: parsed.data.reason },
        { actor: staff, ip: req.ip, now: s.clock() },
      );
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') {
        return reply.render(await renderPage(req, { year, office: officeId, closureForm: { values: parsed.values, errors: err.fields } }), 409);
      }
      throw err;
    }
    reply.flash('success', 'calendar.closureAdded', { date: showDate(parsed.data.date, req.locale) });
    return reply.redirect(`/staff/calendar?year=${parsed.data.date.slice(0, 4)}&office=${encodeURIComponent(office.code)}`, 303);
  });

  app.post('/staff/calendar/closures/:id/delete', { preHandler: requireStaff('closures.manage') }, async (req, reply) => {
    const staff = principal(req);
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(req.params);
    let officeCode = '';
    // read before the transaction: on SQLite the one connection is the transaction's, a query beside it would wait forever
    const covered = await officesFor(staff, req);
    const date = await calendar.removeClosure(
      s.database,
      id,
      async (officeId) => {
        const office = covered.find((o) => o.id === officeId);
        if (!office) throw new AppError('forbidden', 'error.forbidden.title');
        officeCode = office.code;
        return { countyId: office.countyId };
      },
      { actor: staff, ip: req.ip, now: s.clock() },
    );
    reply.flash('success', 'calendar.closureRemoved', { date: showDate(date, req.locale) });
    // back to the office the closure belonged to (a county admin looking at another office stays there)
    return reply.redirect(`/staff/calendar?year=${date.slice(0, 4)}${officeCode ? `&office=${encodeURIComponent(officeCode)}` : ''}`, 303);
  });
}
