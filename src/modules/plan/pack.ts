import type { Executor } from '../../db/index.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { type IndicatorOffice, type IndicatorUnit, indicatorDef } from '../../platform/indicators/index.js';
import { monthPeriod, type Period, previousPeriod, rangePeriod } from '../figures/index.js';
import { type Measure, type MeasureStatus, type MeasureValue, measureStatus, type PlanItem, type PlanState, readPlan } from './model.js';
import { type PackAction, packActions } from './review-actions.js';
import { computedValue, type HandRow, handRows, handValue, type IndicatorReader, indicatorReader } from './review-values.js';
import { targetOver } from './templates.js';

/**
 * The monthly review pack (所務會議資料): every item of the plan with its
 * measures' values for the month, the year so far, the month before and
 * the year's trend; how many measures stand where; what changed since last
 * month; the action items open and closed; the meeting if held. Figures
 * come from the indicator registry (which reads the roll-up), each
 * (indicator, period) once; a meeting freezes the pack as JSON.
 */

export const STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data', 'no_target'] as const satisfies readonly MeasureStatus[];
export type StatusCounts = Record<MeasureStatus, number>;

export interface PackMeasure {
  id: number;
  itemId: number;
  indicatorKey: string | null;
  /** the measure's own words; '' for a computed one that goes by the registry's title */
  label: string;
  titleKey: string | null;
  unit: IndicatorUnit;
  better: 'higher' | 'lower';
  /** the month's target (a level, or per month for a count that adds up) */
  target: number | null;
  additive: boolean;
  origin: MeasureValue['origin'];
  value: number | null;
  status: MeasureStatus;
  base: number | null;
  interval: { low: number; high: number } | null;
  /** computed: the figures page that shows how the month's value was worked out */
  href: string | null;
  /** hand-entered: the month whose entry is shown and its evidence */
  handMonth: string | null;
  fileId: number | null;
  /** 1 January of the plan's year to the month's end (or today, in the running month) */
  ytd: { to: IsoDate; months: number; target: number | null; value: number | null; status: MeasureStatus };
  previous: { month: string; value: number | null; status: MeasureStatus };
  /** value − previous value, in the measure's unit (percentage points for a share) */
  change: number | null;
  /** the plan year's months up to this one */
  trend: { month: string; value: number | null }[];
}

export interface PackItem {
  id: number;
  parentId: number | null;
  code: string;
  title: string;
  depth: number;
  points10: number;
  measures: PackMeasure[];
  /** this item's own measures by status (the pack's counts are their sum) */
  counts: StatusCounts;
}

export interface ReviewPack {
  version: 1;
  plan: { id: number; title: string; year: number; state: PlanState; revision: number; countyId: number; officeId: number | null; officeCode: string | null; officeName: string | null };
  month: string;
  /** the day the figures run to: the month's last day, or today while the month runs */
  asOf: IsoDate;
  counts: StatusCounts;
  measureCount: number;
  /** every item in reading order (depth-first); the page groups them under their 實施要項 */
  items: PackItem[];
  changed: { measureId: number; itemId: number; from: MeasureStatus; to: MeasureStatus }[];
  actions: { open: PackAction[]; closed: PackAction[] };
  meeting: { heldOn: IsoDate; minutes: string; updatedAt: string } | null;
}

export const noCounts = (): StatusCounts => ({ on_track: 0, at_risk: 0, off_track: 0, no_data: 0, no_target: 0 });

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const daysIn = (p: Period) => Number(p.to.slice(8));

/** The month as a period when it is a month of the plan's year; else the plan has no such review (404). */
export function packMonth(month: string, year: number): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const mm = Number(m?.[2]);
  if (!m || Number(m[1]) !== year || mm < 1 || mm > 12) throw new AppError('not_found', 'error.notFound.title');
  return monthPeriod(year, mm);
}

/** The day a month's figures run to: its last day, or today while it runs. */
export const packAsOf = (period: Period, today: IsoDate): IsoDate => (today < period.from ? period.from : today > period.to ? period.to : today);

interface Ctx {
  year: number;
  month: Period;
  asOf: IsoDate;
  office: IndicatorOffice | null;
  read: IndicatorReader | null;
  hand: Map<number, HandRow[]>;
}

async function valueOver(m: Measure, c: Ctx, p: Period): Promise<MeasureValue> {
  if (m.indicatorKey === null) return handValue(m, c.hand.get(m.id) ?? [], p);
  // the county's own plan has no office to count for: its computed measures stay empty
  if (!c.office || !c.read) return indicatorDef(m.indicatorKey) ? { origin: 'computed', value: null, status: 'no_data' } : { origin: 'missing', value: null, status: 'no_data' };
  return computedValue(m, c.office, p, await c.read(m.indicatorKey, p));
}

async function evaluate(m: Measure, c: Ctx): Promise<PackMeasure> {
  const mm = Number(c.month.key.slice(5, 7));
  const months = Array.from({ length: mm }, (_, i) => monthPeriod(c.year, i + 1));
  const prev = previousPeriod(c.month);
  const ytd = rangePeriod(`${c.year}-01-01`, c.asOf);
  const [trend, before, soFar] = await Promise.all([Promise.all(months.map((p) => valueOver(m, c, p))), valueOver(m, c, prev), valueOver(m, c, ytd)]);
  const now = trend[trend.length - 1]!;
  const def = m.indicatorKey === null ? undefined : indicatorDef(m.indicatorKey);
  // hand-entered measures are levels; a count that adds up is held to its monthly target times the months gone by (the running month in days)
  const additive = def?.additive === true;
  const elapsed = mm - 1 + Number(c.asOf.slice(8)) / daysIn(c.month);
  const ytdTarget = targetOver(additive, m.target, elapsed);
  return {
    id: m.id,
    itemId: m.itemId,
    indicatorKey: m.indicatorKey,
    label: m.label,
    titleKey: def?.titleKey ?? null,
    unit: m.unit,
    better: m.better,
    target: m.target,
    additive,
    origin: now.origin,
    value: now.value,
    status: now.status,
    base: now.base ?? null,
    interval: now.interval ?? null,
    href: now.href ?? null,
    handMonth: now.handMonth ?? null,
    fileId: now.fileId ?? null,
    ytd: { to: c.asOf, months: round(elapsed), target: ytdTarget === null ? null : round(ytdTarget), value: soFar.value, status: measureStatus({ ...m, target: ytdTarget }, soFar.value) },
    previous: { month: prev.key, value: before.value, status: before.status },
    change: now.value !== null && before.value !== null ? round(now.value - before.value) : null,
    trend: months.map((p, i) => ({ month: p.key, value: trend[i]?.value ?? null })),
  };
}

async function readOffice(db: Executor, officeId: number | null) {
  if (officeId === null) return null;
  return db.selectFrom('office').select(['id', 'code', 'county_id', 'name_zh']).where('id', '=', officeId).executeTakeFirstOrThrow();
}

export async function readMeeting(db: Executor, planId: number, month: string): Promise<ReviewPack['meeting']> {
  const r = await db.selectFrom('plan_review').select(['held_on', 'minutes', 'updated_at']).where('plan_id', '=', planId).where('month', '=', month).executeTakeFirst();
  return r ? { heldOn: r.held_on, minutes: r.minutes, updatedAt: r.updated_at } : null;
}

function packItem(i: PlanItem, measures: PackMeasure[]): PackItem {
  const counts = noCounts();
  for (const m of measures) counts[m.status] += 1;
  return { id: i.id, parentId: i.parentId, code: i.code, title: i.title, depth: i.depth, points10: i.points10, measures, counts };
}

/** The pack of `month` ('YYYY-MM', within the plan's year) as it stands on `today` (Taipei). */
export async function buildPack(db: Executor, planId: number, month: string, today: IsoDate): Promise<ReviewPack> {
  const tree = await readPlan(db, planId);
  if (!tree) throw new AppError('not_found', 'error.notFound.title');
  const { plan } = tree;
  const period = packMonth(month, plan.year);
  const asOf = packAsOf(period, today);
  const [office, hand, actions, meeting] = await Promise.all([
    readOffice(db, plan.officeId),
    // January's previous month lies in the year before
    handRows(db, planId, [previousPeriod(period).key, `${plan.year}-01`].sort()[0]!, period.key),
    packActions(db, planId, period.key, asOf),
    readMeeting(db, planId, period.key),
  ]);
  const who: IndicatorOffice | null = office ? { id: office.id, code: office.code, countyId: office.county_id } : null;
  const c: Ctx = { year: plan.year, month: period, asOf, office: who, read: who ? indicatorReader(db, who) : null, hand };
  const items = await Promise.all(tree.flat.map(async (i) => packItem(i, await Promise.all(i.measures.map((m) => evaluate(m, c))))));
  const counts = noCounts();
  const changed: ReviewPack['changed'] = [];
  for (const i of items) {
    for (const s of STATUSES) counts[s] += i.counts[s];
    for (const m of i.measures) if (m.status !== m.previous.status) changed.push({ measureId: m.id, itemId: i.id, from: m.previous.status, to: m.status });
  }
  return {
    version: 1,
    plan: { id: plan.id, title: plan.title, year: plan.year, state: plan.state, revision: plan.revision, countyId: plan.countyId, officeId: plan.officeId, officeCode: office?.code ?? null, officeName: office?.name_zh ?? null },
    month: period.key,
    asOf,
    counts,
    measureCount: items.reduce((n, i) => n + i.measures.length, 0),
    items,
    changed,
    actions,
    meeting,
  };
}
