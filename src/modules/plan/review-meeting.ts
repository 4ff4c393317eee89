import { z } from 'zod';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { fields } from '../../platform/http/forms.js';
import { ACTION_STATES, type PlanRef } from './review-actions.js';
import { type ReviewPack, STATUSES } from './pack.js';

/**
 * The meeting (所務會議) of a month: when it was held and its minutes. The
 * first save freezes the pack as it was discussed; later saves correct the
 * date and the minutes and leave that record alone. One row per plan and
 * month: the insert names the unique key, so two saves at once make one
 * row (the later one's minutes win), never two.
 */

export const MINUTES_MAX = 10_000;

export const meetingSchema = z.object({ held_on: fields.date('plan.review.err.date'), minutes: fields.text(MINUTES_MAX) }).transform((v) => ({ heldOn: v.held_on, minutes: v.minutes }));
export type MeetingInput = z.output<typeof meetingSchema>;

export interface Frozen {
  takenAt: string;
  pack: ReviewPack;
}

/** What plan_review.snapshot holds: the pack as the meeting discussed it (a demo seeding past meetings writes the same). */
export function frozenJson(pack: ReviewPack, meeting: MeetingInput, at: string): string {
  const frozen: Frozen = { takenAt: at, pack: { ...pack, meeting: { heldOn: meeting.heldOn, minutes: meeting.minutes, updatedAt: at } } };
  return JSON.stringify(frozen);
}

export async function saveMeeting(database: Database, plan: PlanRef, pack: ReviewPack, input: MeetingInput, today: IsoDate, staff: StaffPrincipal, ip: string | null, now: Date): Promise<void> {
  if (input.heldOn > today) throw new AppError('validation', 'plan.review.err.future', { fields: [{ field: 'held_on', key: 'plan.review.err.future' }] });
  const at = now.toISOString();
  await writeTransaction(database, async (trx) => {
    const row = await trx
      .insertInto('plan_review')
      .values({ plan_id: plan.id, month: pack.month, held_on: input.heldOn, minutes: input.minutes, snapshot: frozenJson(pack, input, at), created_by: staff.id, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['plan_id', 'month']).doUpdateSet({ held_on: input.heldOn, minutes: input.minutes, updated_at: at }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      {
        actor: { id: staff.id, username: staff.username },
        action: 'plan.review.meeting',
        target: { type: 'plan_review', id: row.id },
        officeId: plan.officeId,
        countyId: plan.countyId,
        detail: { plan: plan.id, month: pack.month, heldOn: input.heldOn },
        ip,
      },
      now,
    );
  });
}

const status = z.enum(STATUSES);
const measureSchema = z.object({
  id: z.number(),
  itemId: z.number(),
  indicatorKey: z.string().nullable(),
  label: z.string(),
  titleKey: z.string().nullable(),
  unit: z.enum(['count', 'percent', 'points', 'minutes', 'days', 'score']),
  better: z.enum(['higher', 'lower']),
  target: z.number().nullable(),
  additive: z.boolean(),
  origin: z.enum(['computed', 'hand', 'missing']),
  value: z.number().nullable(),
  status,
  base: z.number().nullable(),
  interval: z.object({ low: z.number(), high: z.number() }).nullable(),
  href: z.string().nullable(),
  handMonth: z.string().nullable(),
  fileId: z.number().nullable(),
  ytd: z.object({ to: z.string(), months: z.number(), target: z.number().nullable(), value: z.number().nullable(), status }),
  previous: z.object({ month: z.string(), value: z.number().nullable(), status }),
  change: z.number().nullable(),
  trend: z.array(z.object({ month: z.string(), value: z.number().nullable() })),
});
const counts = z.object({ on_track: z.number(), at_risk: z.number(), off_track: z.number(), no_data: z.number(), no_target: z.number() });
const actionSchema = z.object({
  id: z.number(),
  itemId: z.number().nullable(),
  itemCode: z.string().nullable(),
  itemTitle: z.string().nullable(),
  raisedMonth: z.string(),
  text: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  state: z.enum(ACTION_STATES),
  closedMonth: z.string().nullable(),
  closedOn: z.string().nullable(),
  closingNote: z.string().nullable(),
  overdue: z.boolean(),
});
const packSchema = z.object({
  version: z.literal(1),
  plan: z.object({
    id: z.number(),
    title: z.string(),
    year: z.number(),
    state: z.enum(['draft', 'filed', 'published', 'closed']),
    revision: z.number(),
    countyId: z.number(),
    officeId: z.number().nullable(),
    officeCode: z.string().nullable(),
    officeName: z.string().nullable(),
  }),
  month: z.string(),
  asOf: z.string(),
  counts,
  measureCount: z.number(),
  items: z.array(
    z.object({ id: z.number(), parentId: z.number().nullable(), code: z.string(), title: z.string(), depth: z.number(), points10: z.number(), measures: z.array(measureSchema), counts }),
  ),
  changed: z.array(z.object({ measureId: z.number(), itemId: z.number(), from: status, to: status })),
  actions: z.object({ open: z.array(actionSchema), closed: z.array(actionSchema) }),
  meeting: z.object({ heldOn: z.string(), minutes: z.string(), updatedAt: z.string() }).nullable(),
});
const frozenSchema = z.object({ takenAt: z.string(), pack: packSchema });

/** The pack as the meeting discussed it; null without a meeting, or when the record cannot be read as a pack of this version. */
export async function frozenPack(db: Executor, planId: number, month: string): Promise<Frozen | null> {
  const r = await db.selectFrom('plan_review').select('snapshot').where('plan_id', '=', planId).where('month', '=', month).executeTakeFirst();
  if (!r?.snapshot) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.snapshot);
  } catch {
    return null;
  }
  const ok = frozenSchema.safeParse(parsed);
  return ok.success ? (ok.data as Frozen) : null;
}
