import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { AppError, isAppError } from '../../../platform/errors.js';
import { fields, parseForm } from '../../../platform/http/forms.js';
import { maskIdNumber } from '../../../platform/identity/index.js';
import type { OfficeInfo } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/layout/forms.js';
import type { AppServices } from '../../../platform/module.js';
import { staffDirectory } from '../../staff/index.js';
import { staffOffices } from '../../offices/index.js';
import { addressFor, factsOf, LETTER_CODE, lettersAfterDue, recordContact, resolveReminder, sendLetter, sendMessage } from './contact.js';
import { letterByCode, letterPdf } from './letter.js';
import * as repo from './repo.js';
import { daysLate, fineFor, isOverdue, showPhone, smsParts } from './rules.js';
import { entryInScope, type ReminderDeps, recordView, todayOf } from './service.js';
import { smsText } from './texts.js';
import { type EntryForm, type EntryView, ReminderEntryPage } from './views/entry.js';
import { BASE } from './views/shared.js';

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const contactSchema = z.object({
  channel: z.enum(['phone', 'visit'], { error: 'err.choice' }),
  note: fields.text(1000),
});

const messageSchema = z.object({
  channel: z.enum(['sms', 'email'], { error: 'err.choice' }),
  n: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(1, 'err.invalid').max(10_000, 'err.invalid'),
});

/** Registered on a date (not after today) with an optional note, or closed with a reason. */
const resolveSchema = (today: string) =>
  z
    .object({
      outcome: z.enum(['registered', 'closed'], { error: 'err.choice' }),
      on: z.string().trim().max(20, 'err.tooLong').optional(),
      reason: fields.optionalText(500),
    })
    .transform((v, ctx) => {
      if (v.outcome === 'closed') {
        if (!v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'notify.reminders.err.reason' });
        return { outcome: 'closed' as const, reason: v.reason ?? '' };
      }
      const on = fields.date().safeParse(v.on ?? '');
      if (!on.success) ctx.addIssue({ code: 'custom', path: ['on'], message: on.error.issues[0]?.message ?? 'err.date' });
      else if (on.data > today) ctx.addIssue({ code: 'custom', path: ['on'], message: 'notify.reminders.err.future' });
      return { outcome: 'registered' as const, on: on.success ? on.data : '', note: v.reason ?? '' };
    });

/** The entry page and its actions: letter, text, e-mail, call or visit, outcome; the letter's PDF. */
export function entryRoutes(app: FastifyInstance, s: AppServices, deps: ReminderDeps) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('notify.work') };
  const meta = (req: FastifyRequest) => ({ staff: principal(req), ip: req.ip });
  const covered = async (req: FastifyRequest) => (await staffOffices(db, req)).map((o) => o.id);

  async function entryView(req: FastifyRequest, id: number): Promise<{ e: EntryView; office: OfficeInfo | null }> {
    const offices = await staffOffices(db, req);
    const row = await entryInScope(db, id, offices.map((o) => o.id));
    const [contacts, facts] = await Promise.all([repo.contactsOf(db, id), factsOf(deps, row)]);
    const names = await staffDirectory.staffNames(db, [row.created_by, ...contacts.map((c) => c.staff_id)]);
    const today = todayOf(deps);
    const overdue = isOverdue(row.status, row.due_on, today);
    const mobile = addressFor(deps, row, 'sms');
    const text = mobile ? smsText(facts) : null;
    const e: EntryView = {
      id,
      office: offices.find((o) => o.id === row.office_id)?.name ?? '',
      kind: row.kind,
      name: row.person_name,
      idMasked: row.id_enc ? maskIdNumber(s.vault.decrypt(row.id_enc)) : null,
      address: row.address,
      phone: row.phone_enc ? showPhone(s.vault.decrypt(row.phone_enc)) : null,
      email: row.email,
      sourceRef: row.source_ref,
      eventDate: row.reported_on,
      dueOn: row.due_on,
      status: row.status,
      overdueDays: overdue ? daysLate(row.due_on, today) : 0,
      fine: overdue ? fineFor(row.kind, row.due_on, today, await lettersAfterDue(db, row)) : null,
      outcomeNote: row.outcome_note,
      resolvedOn: row.resolved_on,
      createdBy: names.get(row.created_by) ?? '',
      createdAt: row.created_at,
      contacts: contacts.map((c) => ({ id: c.id, at: c.at, channel: c.channel, note: c.note, letterCode: c.letter_code, staff: names.get(c.staff_id) ?? '' })),
      next: contacts.length + 1,
      sms: text ? { text, parts: smsParts(text) } : null,
      canEmail: addressFor(deps, row, 'email') !== null,
    };
    return { e, office: offices.find((o) => o.id === row.office_id) ?? null };
  }

  async function page(req: FastifyRequest, reply: FastifyReply, id: number, form?: EntryForm, state?: FormState, code = 200) {
    const { e, office } = await entryView(req, id);
    // the name, masked ID and phone are shown: audited like every staff view of personal data
    await recordView(deps, id, office?.id ?? null, meta(req), 'entry');
    return reply.render(ReminderEntryPage({ ctx: await req.view({ office }), e, form, state }), code);
  }

  /** Runs an action; a refusal the person can act on comes back as the page with the message beside that form. */
  async function act(req: FastifyRequest, reply: FastifyReply, id: number, form: EntryForm, values: Record<string, string | undefined>, run: () => Promise<void>) {
    try {
      await run();
    } catch (err) {
      if (isAppError(err) && (err.code === 'validation' || err.code === 'conflict')) {
        const errors = err.fields?.length ? err.fields : [{ field: form === 'resolve' ? 'outcome' : 'channel', key: err.messageKey }];
        return page(req, reply, id, form, { values, errors }, err.code === 'conflict' ? 409 : 422);
      }
      throw err;
    }
    return reply.redirect(`${BASE}/${id}`, 303);
  }

  app.get(`${BASE}/:id`, guard, async (req, reply) => page(req, reply, idParam.parse(req.params).id));

  app.post(`${BASE}/:id/letter`, guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    return act(req, reply, id, 'message', {}, async () => {
      const { code } = await sendLetter(deps, id, await covered(req), meta(req));
      reply.flash('success', 'notify.reminders.letterDone', { code });
    });
  });

  app.post(`${BASE}/:id/message`, guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const parsed = parseForm(messageSchema, req.body);
    if (!parsed.ok) return page(req, reply, id, 'message', parsed.state, 422);
    const { channel, n } = parsed.data;
    return act(req, reply, id, 'message', parsed.values, async () => {
      const r = await sendMessage(deps, id, channel, n, await covered(req), meta(req));
      if (r === 'duplicate') reply.flash('info', 'notify.reminders.alreadySent');
      else reply.flash('success', `notify.reminders.sent.${channel}`);
    });
  });

  app.post(`${BASE}/:id/contact`, guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const parsed = parseForm(contactSchema, req.body);
    if (!parsed.ok) return page(req, reply, id, 'contact', parsed.state, 422);
    const { channel, note } = parsed.data;
    return act(req, reply, id, 'contact', parsed.values, async () => {
      await recordContact(deps, id, channel, note, await covered(req), meta(req));
      reply.flash('success', 'notify.reminders.recorded');
    });
  });

  app.post(`${BASE}/:id/resolve`, guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const parsed = parseForm(resolveSchema(todayOf(deps)), req.body);
    if (!parsed.ok) return page(req, reply, id, 'resolve', parsed.state, 422);
    return act(req, reply, id, 'resolve', parsed.values, async () => {
      await resolveReminder(deps, id, parsed.data, await covered(req), meta(req));
      reply.flash('success', `notify.reminders.resolved.${parsed.data.outcome}`);
    });
  });

  app.get(`${BASE}/letter/:file`, guard, async (req, reply) => {
    const file = z.object({ file: z.string().max(40) }).parse(req.params).file;
    const code = file.endsWith('.pdf') ? file.slice(0, -4) : '';
    if (!LETTER_CODE.test(code)) throw new AppError('not_found', 'error.notFound.title');
    const letter = await letterByCode(s.database, code, await covered(req));
    await recordView(deps, letter.reminderId, letter.officeId, meta(req), 'letter');
    return reply.type('application/pdf').header('cache-control', 'no-store').header('content-disposition', `inline; filename="reminder-${code}.pdf"`).send(await letterPdf(letter));
  });
}
