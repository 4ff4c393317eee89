import { share } from '../../platform/figures/index.js';
import type { Executor } from '../../db/index.js';
import type { IndicatorDef, IndicatorOffice, IndicatorPeriod, IndicatorValue } from '../../platform/indicators/index.js';

export { planIndicatorCatalog } from './i18n-registers.js';

/**
 * The plan's own registers as indicators: spot checks and their defect rate,
 * proposals adopted and used, process reviews, awards won. Each counts the
 * office's rows dated inside the period; the link opens the register for
 * that office and year. The lead registers them (registerIndicators in index.ts).
 */

const inPeriod = (p: IndicatorPeriod) => [p.from, p.to] as const;
const yearOf = (p: IndicatorPeriod) => p.from.slice(0, 4);
const register = (path: string) => (o: IndicatorOffice, p: IndicatorPeriod) => `/staff/plan/${path}?office=${encodeURIComponent(o.code)}&year=${yearOf(p)}`;

/** defects ÷ items checked × 100 over the checks dated in the period; null when nothing was checked. */
async function defectRate(db: Executor, office: IndicatorOffice, period: IndicatorPeriod): Promise<IndicatorValue> {
  const [from, to] = inPeriod(period);
  const r = await db
    .selectFrom('plan_check')
    .select((eb) => [eb.fn.sum<number>('items_checked').as('items'), eb.fn.sum<number>('defects').as('defects')])
    .where('office_id', '=', office.id)
    .where('checked_on', '>=', from)
    .where('checked_on', '<=', to)
    .executeTakeFirst();
  const items = Number(r?.items ?? 0);
  if (items === 0) return { value: null, base: 0 };
  // one decimal, rounded like every other share (platform/figures share())
  return { value: share(Number(r?.defects ?? 0), items), base: items };
}

async function checks(db: Executor, office: IndicatorOffice, period: IndicatorPeriod): Promise<IndicatorValue> {
  const [from, to] = inPeriod(period);
  const r = await db
    .selectFrom('plan_check')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('office_id', '=', office.id)
    .where('checked_on', '>=', from)
    .where('checked_on', '<=', to)
    .executeTakeFirst();
  return { value: Number(r?.n ?? 0) };
}

async function proposalsAdopted(db: Executor, office: IndicatorOffice, period: IndicatorPeriod): Promise<IndicatorValue> {
  const [from, to] = inPeriod(period);
  const r = await db
    .selectFrom('plan_proposal')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('office_id', '=', office.id)
    .where('state', '=', 'adopted')
    .where('decided_on', '>=', from)
    .where('decided_on', '<=', to)
    .executeTakeFirst();
  return { value: Number(r?.n ?? 0) };
}

/** Uses counted in the months the period touches (a month is the smallest thing counted). */
async function proposalUses(db: Executor, office: IndicatorOffice, period: IndicatorPeriod): Promise<IndicatorValue> {
  const r = await db
    .selectFrom('plan_proposal_use as u')
    .innerJoin('plan_proposal as p', 'p.id', 'u.proposal_id')
    .select((eb) => eb.fn.sum<number>('u.count').as('n'))
    .where('p.office_id', '=', office.id)
    .where('u.month', '>=', period.from.slice(0, 7))
    .where('u.month', '<=', period.to.slice(0, 7))
    .executeTakeFirst();
  return { value: Number(r?.n ?? 0) };
}

async function processReviews(db: Executor, office: IndicatorOffice, period: IndicatorPeriod): Promise<IndicatorValue> {
  const [from, to] = inPeriod(period);
  const r = await db
    .selectFrom('plan_process_review')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('office_id', '=', office.id)
    .where('reviewed_on', '>=', from)
    .where('reviewed_on', '<=', to)
    .executeTakeFirst();
  return { value: Number(r?.n ?? 0) };
}

async function awardsWon(db: Executor, office: IndicatorOffice, period: IndicatorPeriod): Promise<IndicatorValue> {
  const [from, to] = inPeriod(period);
  const r = await db
    .selectFrom('plan_award')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('office_id', '=', office.id)
    .where('state', '=', 'won')
    .where('decided_on', '>=', from)
    .where('decided_on', '<=', to)
    .executeTakeFirst();
  return { value: Number(r?.n ?? 0) };
}

export const planIndicators: IndicatorDef[] = [
  { key: 'plan.defectRate', titleKey: 'plan.indicator.defectRate', unit: 'percent', better: 'lower', href: register('checks'), compute: defectRate },
  { key: 'plan.checks', titleKey: 'plan.indicator.checks', unit: 'count', better: 'higher', additive: true, href: register('checks'), compute: checks },
  { key: 'plan.proposalsAdopted', titleKey: 'plan.indicator.proposalsAdopted', unit: 'count', better: 'higher', additive: true, href: register('proposals'), compute: proposalsAdopted },
  { key: 'plan.proposalUses', titleKey: 'plan.indicator.proposalUses', unit: 'count', better: 'higher', additive: true, href: register('proposals'), compute: proposalUses },
  { key: 'plan.processReviews', titleKey: 'plan.indicator.processReviews', unit: 'count', better: 'higher', additive: true, href: register('process-reviews'), compute: processReviews },
  { key: 'plan.awardsWon', titleKey: 'plan.indicator.awardsWon', unit: 'count', better: 'higher', additive: true, href: register('awards'), compute: awardsWon },
];
