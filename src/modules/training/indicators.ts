import type { Executor } from '../../db/index.js';
import { instantRange, share } from '../../platform/figures/index.js';
import { type IndicatorDef, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorValue, remembered, rowsOver } from '../../platform/indicators/index.js';
import { staffDirectory } from '../staff/index.js';
import { percent, YEARLY_HOURS } from './model.js';
import * as repo from './repo.js';

/**
 * Training and the law quiz, for the plan. Staff are the office's active
 * staff today (the staff table keeps no history); hours are those of the
 * training entries whose first day is in the period; attempts are those
 * submitted in the period (Taipei days) by people while in the office.
 * In a batch (a pack asks for many periods) the staff are read once and
 * the entries and attempts once a year (rowsOver).
 */
async function hoursOf(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo) {
  const staff = await remembered(memo, `training.staff|${office.id}`, () => staffDirectory.activeStaffOf(db, [office.id]));
  const read = (from: string, to: string) => repo.recordsIn(db, { officeIds: [office.id] }, from, to);
  const records = await rowsOver(memo, `training.records|${office.id}`, period, read, (r) => r.start_date >= period.from && r.start_date <= period.to);
  const ids = new Set(staff.map((p) => p.id));
  const byPerson = new Map<number, number>();
  for (const r of records) if (ids.has(r.staff_id)) byPerson.set(r.staff_id, (byPerson.get(r.staff_id) ?? 0) + r.hours_centi);
  return { people: staff.length, byPerson };
}

async function hoursPerStaff(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const { people, byPerson } = await hoursOf(db, office, period, memo);
  const centi = [...byPerson.values()].reduce((a, b) => a + b, 0);
  return people === 0 ? { value: null } : { value: Math.round(centi / people / 10) / 10, base: people };
}

async function staffMeetingHours(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const { people, byPerson } = await hoursOf(db, office, period, memo);
  const meeting = [...byPerson.values()].filter((c) => c >= YEARLY_HOURS * 100).length;
  return { value: share(meeting, people), base: people };
}

const attemptsOf = (db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo) => {
  const { start, end } = instantRange(period.from, period.to);
  const read = (from: string, to: string) => {
    const range = instantRange(from, to);
    return repo.submittedIn(db, [office.id], range.start, range.end);
  };
  return rowsOver(memo, `training.attempts|${office.id}`, period, read, (r) => r.submitted_at !== null && r.submitted_at >= start && r.submitted_at < end);
};

async function quizAverage(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const rows = await attemptsOf(db, office, period, memo);
  if (rows.length === 0) return { value: null, base: 0 };
  const sum = rows.reduce((n, r) => n + (percent(r.correct ?? 0, r.total) ?? 0), 0);
  return { value: Math.round((sum / rows.length) * 10) / 10, base: rows.length };
}

async function quizPassRate(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const rows = await attemptsOf(db, office, period, memo);
  const passed = rows.filter((r) => (percent(r.correct ?? 0, r.total) ?? 0) >= r.pass_percent).length;
  return { value: share(passed, rows.length), base: rows.length };
}

async function quizAttempts(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  return { value: (await attemptsOf(db, office, period, memo)).length };
}

const results = (office: IndicatorOffice, period: IndicatorPeriod) => `/staff/training/results?office=${encodeURIComponent(office.code)}&year=${period.to.slice(0, 4)}`;

export const trainingIndicators: IndicatorDef[] = [
  { key: 'training.hoursPerStaff', titleKey: 'training.indicator.hoursPerStaff', unit: 'count', better: 'higher', href: results, compute: hoursPerStaff },
  { key: 'training.staffMeetingHours', titleKey: 'training.indicator.staffMeetingHours', unit: 'percent', better: 'higher', href: results, compute: staffMeetingHours },
  { key: 'training.quizAverage', titleKey: 'training.indicator.quizAverage', unit: 'percent', better: 'higher', href: results, compute: quizAverage },
  { key: 'training.quizPassRate', titleKey: 'training.indicator.quizPassRate', unit: 'percent', better: 'higher', href: results, compute: quizPassRate },
  { key: 'training.quizAttempts', titleKey: 'training.indicator.quizAttempts', unit: 'count', better: 'higher', additive: true, href: results, compute: quizAttempts },
];
