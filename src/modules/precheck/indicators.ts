import type { Executor } from '../../db/index.js';
import { share } from '../../platform/figures/index.js';
import { type IndicatorDef, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorValue, rowsOver } from '../../platform/indicators/index.js';
import * as repo from './repo.js';

/**
 * The roaming pre-check, for the plan: checks per period (by the Taipei day
 * they were made) and how they ended, per office. In a batch an office's
 * year of day rows is read once (rowsOver).
 */
async function tally(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo) {
  const rows = await rowsOver(memo, `precheck.days|${office.id}`, period, (from, to) => repo.countsByDay(db, office.id, from, to), (r) => r.day >= period.from && r.day <= period.to);
  let ticket = 0;
  let slip = 0;
  for (const r of rows) {
    if (r.outcome === 'ticket') ticket += Number(r.n);
    else slip += Number(r.n);
  }
  return { ticket, slip, all: ticket + slip };
}

async function count(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  return { value: (await tally(db, office, period, memo)).all };
}

async function ticketShare(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const t = await tally(db, office, period, memo);
  return t.all === 0 ? { value: null } : { value: share(t.ticket, t.all), base: t.all };
}

async function slips(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  return { value: (await tally(db, office, period, memo)).slip };
}

const page = (office: IndicatorOffice) => `/staff/precheck?office=${encodeURIComponent(office.code)}`;

export const precheckIndicators: IndicatorDef[] = [
  { key: 'precheck.count', titleKey: 'precheck.indicator.count', unit: 'count', better: 'higher', additive: true, href: page, compute: count },
  { key: 'precheck.ticketShare', titleKey: 'precheck.indicator.ticketShare', unit: 'percent', better: 'higher', href: page, compute: ticketShare },
  { key: 'precheck.slips', titleKey: 'precheck.indicator.slips', unit: 'count', better: 'lower', additive: true, href: page, compute: slips },
];
