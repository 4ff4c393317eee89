import { z } from 'zod';
import type { Measure, Plan, PlanItem } from './model.js';
import { PLAN_STATES } from './model.js';
import { UNITS } from './plan-words.js';

/**
 * A revision's snapshot (plan_revision.snapshot, written by recordRevision)
 * read back for the read-only page. Checked with zod: a snapshot is data
 * from the database, and an old one may miss a field added later (it then
 * reads as empty rather than breaking the page).
 */
const text = z.string().catch('');
const measure: z.ZodType<Measure> = z.object({
  id: z.number(),
  itemId: z.number(),
  position: z.number().catch(0),
  indicatorKey: z.string().nullable().catch(null),
  label: text,
  unit: z.enum(UNITS as [Measure['unit'], ...Measure['unit'][]]).catch('count'),
  better: z.enum(['higher', 'lower']).catch('higher'),
  target: z.number().nullable().catch(null),
});

const item: z.ZodType<PlanItem> = z.lazy(() =>
  z.object({
    id: z.number(),
    parentId: z.number().nullable().catch(null),
    position: z.number().catch(0),
    depth: z.number().catch(1),
    code: text,
    title: text,
    strategy: text,
    points10: z.number().catch(0),
    deadline: z.string().nullable().catch(null),
    leadUnit: text,
    coUnits: text,
    benefit: text,
    measures: z.array(measure).catch([]),
    children: z.array(item).catch([]),
  }),
);

const plan = z.object({
  id: z.number(),
  countyId: z.number(),
  officeId: z.number().nullable(),
  year: z.number(),
  title: text,
  basis: text,
  goals: text,
  state: z.enum(PLAN_STATES).catch('draft'),
  source: text,
  filedOn: z.string().nullable().catch(null),
  filedDoc: z.string().nullable().catch(null),
  publishedOn: z.string().nullable().catch(null),
  closedOn: z.string().nullable().catch(null),
  revision: z.number(),
  updatedAt: text,
});

const snapshot = z.object({ plan, items: z.array(item).catch([]) });

export interface Snapshot {
  plan: Plan;
  items: PlanItem[];
  total10: number;
}

const sum = (items: PlanItem[]): number => items.reduce((s, i) => s + (i.children.length ? sum(i.children) : i.points10), 0);

export function readSnapshot(json: string): Snapshot | null {
  try {
    const r = snapshot.safeParse(JSON.parse(json));
    return r.success ? { plan: r.data.plan as Plan, items: r.data.items, total10: sum(r.data.items) } : null;
  } catch {
    return null;
  }
}
