import { share } from '../../platform/figures/index.js';
import type { Executor } from '../../db/index.js';
import { type IndicatorDef, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorValue, rowsOver } from '../../platform/indicators/index.js';

export { planIndicatorCatalog } from './i18n-registers.js';

/**
 * The plan's own registers as indicators: spot checks and their defect rate,
 * proposals adopted and used, process reviews, awards won. Each counts the
 * office's rows dated inside the period; the link opens the register for
 * that office and year. The lead registers them (registerIndicators in index.ts).
 */

const yearOf = (p: IndicatorPeriod) => p.from.slice(0, 4);
const register = (path: string) => (o: IndicatorOffice, p: IndicatorPeriod) => `/staff/plan/${path}?office=${encodeURIComponent(o.code)}&year=${yearOf(p)}`;
const within = (p: IndicatorPeriod) => (day: string | null) => day !== null && day >= p.from && day <= p.to;

/*
 * Each register is read a year at a time and kept for the batch (rowsOver):
 * a pack asks every one of them for twelve months and the year so far.
 */

function checksIn(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo) {
  const read = (from: string, to: string) =>
    db.selectFrom('plan_check').select(['checked_on', 'items_checked', 'defects']).where('office_id', '=', office.id).where('checked_on', '>=', from).where('checked_on', '<=', to).execute();
  const inside = within(period);
  return rowsOver(memo, `plan.checks|${office.id}`, period, read, (r) => inside(r.checked_on));
}

/** defects ÷ items checked × 100 over the checks dated in the period; null when nothing was checked. */
async function defectRate(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const rows = await checksIn(db, office, period, memo);
  const items = rows.reduce((n, r) => n + Number(r.items_checked), 0);
  if (items === 0) return { value: null, base: 0 };
  // one decimal, rounded like every other share (platform/figures share())
  return { value: share(rows.reduce((n, r) => n + Number(r.defects), 0), items), base: items };
}

async function checks(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  return { value: (await checksIn(db, office, period, memo)).length };
}

/** Proposals or awards in a state, by the day they were decided. */
function decided(table: 'plan_proposal' | 'plan_award', state: string) {
  return async (db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> => {
    const read = (from: string, to: string) =>
      db.selectFrom(table).select('decided_on').where('office_id', '=', office.id).where('state', '=', state).where('decided_on', '>=', from).where('decided_on', '<=', to).execute();
    const inside = within(period);
    return { value: (await rowsOver(memo, `${table}.${state}|${office.id}`, period, read, (r) => inside(r.decided_on))).length };
  };
}

/** Uses counted in the months the period touches (a month is the smallest thing counted). */
async function proposalUses(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const read = (from: string, to: string) =>
    db
      .selectFrom('plan_proposal_use as u')
      .innerJoin('plan_proposal as p', 'p.id', 'u.proposal_id')
      .select(['u.month', 'u.count'])
      .where('p.office_id', '=', office.id)
      .where('u.month', '>=', from.slice(0, 7))
      .where('u.month', '<=', to.slice(0, 7))
      .execute();
  const [first, last] = [period.from.slice(0, 7), period.to.slice(0, 7)];
  const rows = await rowsOver(memo, `plan.proposalUses|${office.id}`, period, read, (r) => r.month >= first && r.month <= last);
  return { value: rows.reduce((n, r) => n + Number(r.count), 0) };
}

async function processReviews(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const read = (from: string, to: string) =>
    db.selectFrom('plan_process_review').select('reviewed_on').where('office_id', '=', office.id).where('reviewed_on', '>=', from).where('reviewed_on', '<=', to).execute();
  const inside = within(period);
  return { value: (await rowsOver(memo, `plan.processReviews|${office.id}`, period, read, (r) => inside(r.reviewed_on))).length };
}

export const planIndicators: IndicatorDef[] = [
  { key: 'plan.defectRate', titleKey: 'plan.indicator.defectRate', unit: 'percent', better: 'lower', href: register('checks'), compute: defectRate },
  { key: 'plan.checks', titleKey: 'plan.indicator.checks', unit: 'count', better: 'higher', additive: true, href: register('checks'), compute: checks },
  { key: 'plan.proposalsAdopted', titleKey: 'plan.indicator.proposalsAdopted', unit: 'count', better: 'higher', additive: true, href: register('proposals'), compute: decided('plan_proposal', 'adopted') },
  { key: 'plan.proposalUses', titleKey: 'plan.indicator.proposalUses', unit: 'count', better: 'higher', additive: true, href: register('proposals'), compute: proposalUses },
  { key: 'plan.processReviews', titleKey: 'plan.indicator.processReviews', unit: 'count', better: 'higher', additive: true, href: register('process-reviews'), compute: processReviews },
  { key: 'plan.awardsWon', titleKey: 'plan.indicator.awardsWon', unit: 'count', better: 'higher', additive: true, href: register('awards'), compute: decided('plan_award', 'won') },
];
