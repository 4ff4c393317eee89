import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, type StaffPrincipal } from '../../platform/auth/roles.js';
import { type IsoDate, taipeiToday } from '../../platform/calendar/index.js';
import type { AppError } from '../../platform/errors.js';
import type { PlanContext } from './access.js';
import type { Plan } from './model.js';
import type { Editor } from './plan-edit.js';
import { progressWindow } from './plan-progress.js';
import { REASON_MAX, stateWord } from './plan-words.js';
import type { PlanNavCan } from './views/plan-parts.js';

/** What the plan's route files share: who may do what on this plan, the month its links open, the editor of a change. */

/** An office's plan is its supervisors' to edit and its director's to file; the county's plan is the county's. */
export function navCan(staff: StaffPrincipal, plan: Plan): PlanNavCan {
  const county = plan.officeId === null;
  const countyOk = !county || can(staff.role, 'plan.review');
  return { edit: can(staff.role, 'plan.edit') && countyOk, submit: can(staff.role, 'plan.submit') && countyOk, evaluation: !county, compare: can(staff.role, 'plan.review') };
}

/** The month the plan's review link opens: this month, December of a past year, January of a year not begun. */
export function reviewMonth(plan: Plan, today: IsoDate): string {
  return progressWindow(plan.year, today)?.month.key ?? `${plan.year}-01`;
}

export const officeName = (c: PlanContext) => c.office?.name ?? null;

/** `?reason=` of a revision in progress, trimmed and bounded; null when absent or blank. */
export function reasonOf(req: FastifyRequest): string | null {
  const q = z
    .object({ reason: z.string().optional().catch(undefined) })
    .catch({})
    .parse(req.query ?? {});
  const r = q.reason?.trim().slice(0, REASON_MAX);
  return r ? r : null;
}

/** The body's reason, for a button form that carries it hidden. */
export function bodyReason(body: unknown): string | null {
  const r = (body && typeof body === 'object' ? (body as Record<string, unknown>).reason : undefined) as unknown;
  return typeof r === 'string' && r.trim() ? r.trim().slice(0, REASON_MAX) : null;
}

export function editor(req: FastifyRequest, staff: StaffPrincipal, now: Date, reason: string | null): Editor {
  return { staff, ip: req.ip, now, reason };
}

/** A rule that said no, in words (the state named in words where the message has one). */
export function refusal(req: FastifyRequest, err: AppError): string {
  const state = err.params.state;
  return req.t(err.messageKey, typeof state === 'string' ? { ...err.params, state: stateWord(state as Plan['state'], req.t) } : err.params);
}

export const todayOf = (now: Date) => taipeiToday(now);
