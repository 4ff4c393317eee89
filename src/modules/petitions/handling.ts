import type { Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { can, type StaffPrincipal } from '../../platform/auth/roles.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { PetitionDeps } from './deps.js';
import { calendarFor, scheduleDeadline } from './escalation.js';
import { type PetitionMail, queuePetitionMail } from './messages.js';
import * as repo from './repo.js';
import { capBySuperior, type DeclineGround, dueDate, limitForDue, isOpen, type PetitionClass } from './rules.js';
import { readPetitionSettings } from './settings.js';

type Actor = { staff: StaffPrincipal; ip: string | null };

async function load(db: Executor, id: number) {
  const p = await repo.petitionById(db, id);
  if (!p) throw new AppError('not_found', 'error.notFound.title');
  return p;
}

async function pausesUntil(db: Executor, id: number, today: string) {
  return (await repo.pausesOf(db, id)).map((x) => ({ from: x.from_date, to: x.to_date ?? today }));
}

/**
 * One staff action as one transaction: the change, its timeline entry
 * (public or internal), the audit line, the citizen's e-mail when there is
 * one to send, and new deadline jobs when the due date moved.
 */
async function act(
  deps: PetitionDeps,
  id: number,
  actor: Actor,
  run: (trx: Executor, p: repo.PetitionRow, now: Date) => Promise<{ event: string; public: boolean; text?: string | null; mail?: PetitionMail; set?: Partial<repo.PetitionRow> }>,
) {
  const now = deps.clock();
  await writeTransaction(deps.database, async (trx) => {
    const p = await load(trx, id);
    const r = await run(trx, p, now);
    const next = { ...p, ...r.set, updated_at: now.toISOString() };
    if (r.set) await repo.updatePetition(trx, id, { ...r.set, updated_at: now.toISOString() });
    await repo.addEvent(trx, { petition_id: id, at: now.toISOString(), kind: r.event, public: r.public, text: r.text ?? null, staff_id: actor.staff.id });
    await recordAudit(trx, { actor: actor.staff, action: `petition.${r.event}`, target: { type: 'petition', id }, officeId: p.office_id, ip: actor.ip }, now);
    if (r.mail) await queuePetitionMail(trx, next, r.mail, { config: deps.config, now, extra: { text: r.text ?? '' } });
    if (r.set && 'due_on' in r.set && next.due_on && next.due_on !== p.due_on) {
      await scheduleDeadline(trx, next, await calendarFor(trx, p.office_id), await readPetitionSettings(trx, p.office_id), now);
    }
  });
}

const mustBeOpen = (p: repo.PetitionRow) => {
  if (!isOpen(p.status)) throw new AppError('conflict', 'petitions.err.notOpen');
};

/** Triage: class (sets the limit), category, handler. The due date follows the class. */
export async function triage(deps: PetitionDeps, id: number, input: { cls: PetitionClass; category: string; assigneeId: number | null }, actor: Actor) {
  await act(deps, id, actor, async (trx, p, now) => {
    mustBeOpen(p);
    const settings = await readPetitionSettings(trx, p.office_id);
    const limit = settings.limits[input.cls];
    const cal = await calendarFor(trx, p.office_id);
    const today = taipeiToday(now);
    const due = capBySuperior(dueDate(cal, p.received_on ?? today, limit, await pausesUntil(trx, id, today)), p.superior_due_on);
    const status = p.status === 'waiting' ? 'waiting' : input.assigneeId ? 'assigned' : 'received';
    return { event: 'triaged', public: false, text: `${input.cls} / ${input.category}`, set: { class: input.cls, category: input.category, assignee_id: input.assigneeId, limit_days: limit, due_on: due, status, extended_reason: null } };
  });
}

export async function addNote(deps: PetitionDeps, id: number, text: string, actor: Actor) {
  await act(deps, id, actor, async () => ({ event: 'note', public: false, text }));
}

/** 補陳: ask the citizen for more; the clock stops from today until they answer. */
export async function askCitizen(deps: PetitionDeps, id: number, text: string, actor: Actor) {
  await act(deps, id, actor, async (trx, p, now) => {
    if (p.status !== 'received' && p.status !== 'assigned') throw new AppError('conflict', 'petitions.err.notOpen');
    await repo.startPause(trx, id, taipeiToday(now));
    return { event: 'waiting', public: true, text, mail: 'waiting', set: { status: 'waiting' } };
  });
}

/** The citizen's information came: the clock runs again and the due date moves by the days paused. */
export async function resume(deps: PetitionDeps, id: number, text: string | null, actor: Actor) {
  await act(deps, id, actor, async (trx, p, now) => {
    if (p.status !== 'waiting') throw new AppError('conflict', 'petitions.err.notWaiting');
    const today = taipeiToday(now);
    const cal = await calendarFor(trx, p.office_id);
    // the pause covers up to yesterday: today the office can work on it again (a same-day pause is empty)
    const yesterday = addDays(today, -1);
    await repo.endPause(trx, id, yesterday);
    const pauses = await pausesUntil(trx, id, today);
    const due = capBySuperior(dueDate(cal, p.received_on ?? today, p.limit_days, pauses), p.superior_due_on);
    return { event: 'resumed', public: true, text, set: { status: p.assignee_id ? 'assigned' : 'received', due_on: due } };
  });
}

/** Past the limit only with an approved reason (a supervisor or above), and the citizen is told in writing. */
export async function extend(deps: PetitionDeps, id: number, input: { until: string; reason: string }, actor: Actor) {
  if (!can(actor.staff.role, 'petitions.approve')) throw new AppError('forbidden', 'petitions.err.approve');
  await act(deps, id, actor, async (trx, p, now) => {
    mustBeOpen(p);
    if (!p.due_on || input.until <= p.due_on) throw new AppError('validation', 'petitions.err.extendLater', { fields: [{ field: 'until', key: 'petitions.err.extendLater' }] });
    const cal = await calendarFor(trx, p.office_id);
    if (!cal.isWorkingDay(input.until)) throw new AppError('validation', 'petitions.err.workingDay', { fields: [{ field: 'until', key: 'petitions.err.workingDay' }] });
    const today = taipeiToday(now);
    const limit = limitForDue(cal, p.received_on ?? today, input.until, await pausesUntil(trx, id, today));
    return { event: 'extended', public: true, text: input.reason, mail: 'extended', set: { limit_days: limit, due_on: input.until, extended_reason: input.reason, escalation: 0 } };
  });
}

/** The reply: e-mailed, shown on the status page, and open for a rating for `rateDays`. */
export async function reply(deps: PetitionDeps, id: number, body: string, actor: Actor) {
  await act(deps, id, actor, async (trx, p, now) => {
    const followUp = p.status === 'replied';
    if (!isOpen(p.status) && !followUp) throw new AppError('conflict', 'petitions.err.notOpen');
    if (p.status === 'waiting') await repo.endPause(trx, id, taipeiToday(now));
    const settings = await readPetitionSettings(trx, p.office_id);
    if (followUp) return { event: 'staff_answer', public: true, text: body, mail: 'answered' };
    const until = new Date(now.getTime() + settings.rateDays * 86_400_000).toISOString();
    return { event: 'replied', public: true, text: body, mail: 'replied', set: { status: 'replied', reply_body: body, replied_at: now.toISOString(), replied_on: taipeiToday(now), rate_until: until } };
  });
}

/** §172: not ours to decide; sent on to the agency that is, and the citizen is told where. */
export async function transfer(deps: PetitionDeps, id: number, input: { agency: string; note: string }, actor: Actor) {
  await act(deps, id, actor, async (_trx, p, now) => {
    mustBeOpen(p);
    return { event: 'transferred', public: true, text: `${input.agency}${input.note ? `：${input.note}` : ''}`, mail: 'transferred', set: { status: 'transferred', transfer_to: input.agency, closed_at: now.toISOString(), replied_on: taipeiToday(now) } };
  });
}

/** §173: left unanswered on a stated ground; it stays registered and counted. */
export async function decline(deps: PetitionDeps, id: number, ground: DeclineGround, actor: Actor) {
  await act(deps, id, actor, async (_trx, p, now) => {
    mustBeOpen(p);
    return { event: 'declined', public: true, text: ground, mail: 'declined', set: { status: 'declined', decline_ground: ground, closed_at: now.toISOString() } };
  });
}

export async function close(deps: PetitionDeps, id: number, actor: Actor) {
  await act(deps, id, actor, async (_trx, p, now) => {
    if (p.status !== 'replied' && !isOpen(p.status)) throw new AppError('conflict', 'petitions.err.notOpen');
    return { event: 'closed', public: true, set: { status: 'closed', closed_at: now.toISOString() } };
  });
}
