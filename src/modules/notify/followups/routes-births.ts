import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { taipeiToday } from '../../../platform/calendar/index.js';
import { isAppError } from '../../../platform/errors.js';
import { fields, parseForm } from '../../../platform/http/forms.js';
import { askedOfficeCode } from '../../../platform/http/office-query.js';
import type { FormState } from '../../../platform/layout/forms.js';
import { officeChoice } from '../../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../../offices/index.js';
import { BUNDLE_KINDS, BUNDLE_STATES, type BundleKind, birthCaseFor, DEFAULT_UNITS, handOver, recordBundles, settle } from './births.js';
import { type CaseFacts, caseByNumber, casesByIds, isBirthCase } from './cases.js';
import * as repo from './repo.js';
import { BirthCasePage, BirthsListPage, type BundleView } from './views/births.js';

const BASE = '/staff/notify/births';
const caseParam = z.object({ caseId: z.coerce.number().int().positive() });
const rowParams = z.object({ caseId: z.coerce.number().int().positive(), bundleId: z.coerce.number().int().positive() });

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const recordSchema = z
  .object({
    kinds: z.preprocess(asList, z.array(z.enum(BUNDLE_KINDS, { error: 'err.choice' })).min(1, 'notify.births.err.noKind')),
    unit_birth_grant: z.string().trim().max(100, 'err.tooLong').optional(),
    unit_childcare_allowance: z.string().trim().max(100, 'err.tooLong').optional(),
    unit_newborn_insurance: z.string().trim().max(100, 'err.tooLong').optional(),
  })
  .superRefine((v, ctx) => {
    for (const k of v.kinds) if (!v[`unit_${k}`]) ctx.addIssue({ code: 'custom', path: [`unit_${k}`], message: 'err.required' });
  });

const handoverSchema = z.object({ on: fields.date(), doc: fields.text(60) });
const settleSchema = z
  .object({ to: z.enum(['accepted', 'returned'], { error: 'err.choice' }), note: z.string().trim().max(300, 'err.tooLong').optional().default('') })
  .refine((v) => v.to !== 'returned' || v.note.length > 0, { path: ['note'], message: 'notify.births.err.noteReturned' });

/**
 * A row's form has its fields named after the row (on_12, doc_12) so the
 * error summary links to the right field; the schema reads plain names.
 */
function rowBody(body: unknown, id: number, names: string[]): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, b[`${n}_${id}`]]));
}
function rowState(state: FormState, id: number): FormState {
  return {
    values: Object.fromEntries(Object.entries(state.values).map(([k, v]) => [`${k}_${id}`, v])),
    errors: state.errors.map((e) => ({ ...e, field: `${e.field}_${id}` })),
  };
}

/** Applications taken with a birth registration: recorded, handed to the deciding unit, accepted or returned. */
export function birthRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('notify.work') };
  const meta = (req: FastifyRequest) => ({ actor: principal(req), ip: req.ip, now: s.clock() });

  const toView = (b: repo.BundleRow, c: CaseFacts | undefined): BundleView => ({
    id: b.id,
    caseId: b.case_id,
    caseNumber: c?.number ?? String(b.case_id),
    applicant: c?.applicantName ?? '',
    kind: b.kind,
    unit: b.unit,
    status: b.status,
    handedOverOn: b.handed_over_on,
    doc: b.handover_doc,
    note: b.note,
    updatedAt: b.updated_at,
  });

  async function listPage(req: FastifyRequest, reply: FastifyReply, findState?: FormState, status = 200) {
    const office = await staffOfficeFor(db, req, askedOfficeCode(req));
    const asked = z.enum(BUNDLE_STATES).optional().catch(undefined).parse((req.query as { status?: unknown } | undefined)?.status);
    const rows = await repo.bundlesOfOffice(db, office.id, asked ?? null);
    const cases = await casesByIds(db, rows.map((r) => r.case_id));
    return reply.render(
      BirthsListPage({ ctx: await req.view({ office }), choice: officeChoice(await staffOffices(db, req), office.code), status: asked ?? '', rows: rows.map((r) => toView(r, cases.get(r.case_id))), findState }),
      status,
    );
  }

  app.get(BASE, guard, async (req, reply) => listPage(req, reply));

  // a GET form: finding a case changes nothing
  app.get(`${BASE}/find`, guard, async (req, reply) => {
    const office = await staffOfficeFor(db, req, askedOfficeCode(req));
    const typed = (req.query as { number?: unknown } | undefined)?.number;
    // opened without the form (a bookmark, a link): the list itself, of the office asked for
    if (typed === undefined) return reply.redirect(`${BASE}?office=${encodeURIComponent(office.code)}`, 303);
    const number = z.string().trim().max(40).catch('').parse(typed);
    const values = { number };
    if (!number) return listPage(req, reply, { values, errors: [{ field: 'number', key: 'err.required' }] }, 422);
    const c = await caseByNumber(db, office.id, number);
    if (!c || !isBirthCase(c)) return listPage(req, reply, { values, errors: [{ field: 'number', key: 'notify.births.err.notFound' }] }, 404);
    return reply.redirect(`${BASE}/${c.id}`, 303);
  });

  async function casePage(req: FastifyRequest, reply: FastifyReply, c: CaseFacts, extra: { recordState?: FormState; rowState?: { id: number; state: FormState } } = {}, status = 200) {
    const rows = await repo.bundlesOfCase(db, c.id);
    const remaining = BUNDLE_KINDS.filter((k) => !rows.some((r) => r.kind === k)).map((kind) => ({ kind, unit: DEFAULT_UNITS[kind] }));
    const offices = await staffOffices(db, req);
    return reply.render(
      BirthCasePage({
        ctx: await req.view({ office: offices.find((o) => o.id === c.officeId) ?? null }),
        c: { id: c.id, number: c.number, applicantName: c.applicantName, receivedOn: c.receivedOn },
        bundles: rows.map((r) => toView(r, c)),
        remaining,
        recordState: extra.recordState,
        rowState: extra.rowState,
      }),
      status,
    );
  }

  const caseOf = async (req: FastifyRequest) => birthCaseFor(db, s.vault, caseParam.parse(req.params).caseId, await staffOffices(db, req), principal(req));

  app.get(`${BASE}/:caseId`, guard, async (req, reply) => casePage(req, reply, await caseOf(req)));

  app.post(`${BASE}/:caseId/record`, guard, async (req, reply) => {
    const c = await caseOf(req);
    const parsed = parseForm(recordSchema, req.body);
    if (!parsed.ok) return casePage(req, reply, c, { recordState: parsed.state }, 422);
    const taken = parsed.data.kinds.map((kind: BundleKind) => ({ kind, unit: parsed.data[`unit_${kind}`] ?? DEFAULT_UNITS[kind] }));
    const added = await recordBundles(s.database, c, taken, meta(req));
    if (added.length > 0) reply.flash('success', 'notify.births.recordedFlash', { n: added.length });
    else reply.flash('info', 'notify.births.nothingNew');
    return reply.redirect(`${BASE}/${c.id}`, 303);
  });

  app.post(`${BASE}/:caseId/:bundleId/handover`, guard, async (req, reply) => {
    const c = await caseOf(req);
    const { bundleId } = rowParams.parse(req.params);
    const parsed = parseForm(handoverSchema, rowBody(req.body, bundleId, ['on', 'doc']));
    const fail = (state: FormState, code: number) => casePage(req, reply, c, { rowState: { id: bundleId, state: rowState(state, bundleId) } }, code);
    if (!parsed.ok) return fail(parsed.state, 422);
    const today = taipeiToday(s.clock());
    if (parsed.data.on > today) return fail({ values: parsed.values, errors: [{ field: 'on', key: 'notify.births.err.future' }] }, 422);
    if (parsed.data.on < c.receivedOn) return fail({ values: parsed.values, errors: [{ field: 'on', key: 'notify.births.err.beforeCase' }] }, 422);
    try {
      await handOver(s.database, c, bundleId, parsed.data, meta(req));
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return fail({ values: parsed.values, errors: [{ field: 'on', key: err.messageKey }] }, 409);
      throw err;
    }
    reply.flash('success', 'notify.births.handed');
    return reply.redirect(`${BASE}/${c.id}`, 303);
  });

  app.post(`${BASE}/:caseId/:bundleId/status`, guard, async (req, reply) => {
    const c = await caseOf(req);
    const { bundleId } = rowParams.parse(req.params);
    const parsed = parseForm(settleSchema, rowBody(req.body, bundleId, ['to', 'note']));
    const fail = (state: FormState, code: number) => casePage(req, reply, c, { rowState: { id: bundleId, state: rowState(state, bundleId) } }, code);
    if (!parsed.ok) return fail(parsed.state, 422);
    try {
      await settle(s.database, c, bundleId, parsed.data, meta(req));
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return fail({ values: parsed.values, errors: [{ field: 'to', key: err.messageKey }] }, 409);
      throw err;
    }
    reply.flash('success', 'notify.births.settled');
    return reply.redirect(`${BASE}/${c.id}`, 303);
  });
}
