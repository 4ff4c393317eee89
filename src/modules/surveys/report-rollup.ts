/**
 * The director's report figures, read from the roll-up when it can be.
 *
 * Unfiltered (offices and dates only, the common case) the report is a sum
 * of tallies: the s.v.<survey>.… keys of rollup.ts, per office and day,
 * read with seriesFor over the year before the dates and the dates. Days
 * before today come from the roll-up; today, and any earlier day with an
 * answer stored since the roll-up last ran (a visit link answered a day
 * later), come from the raw tables, so the page is never behind.
 *
 * With a respondent filter (service, counter, channel, gender, age,
 * identity) it reads the raw tables: tallies for every combination of
 * filters and breakdowns would be as large as the raw answers themselves.
 */
import type { Executor } from '../../db/index.js';
import { addDays, type IsoDate, isIsoDate, taipeiToday } from '../../platform/calendar/index.js';
import { addTo, partsOf, type Tally } from '../../platform/figures/index.js';
import { rangePeriod, rolledUpBefore, seriesFor, talliesFor } from '../figures/index.js';
import {
  add,
  byColumn,
  byQuestion,
  byWait,
  choices,
  type Dist,
  empty,
  type GroupSummary,
  hasRespondentFilter,
  type ReportFilter,
  responseCount,
  type TrendPoint,
  trend,
  trendOf,
  withResponses,
} from './report.js';
import { type Dim, surveyTallies } from './rollup.js';
import { fromDistribution, type ScaleSummary, WAIT_BANDS } from './stats.js';

export interface ReportFigures {
  /** where the figures came from: 'rollup' (days before today) with today raw, or 'raw' throughout */
  source: 'rollup' | 'raw';
  responses: number;
  perQuestion: { overall: ScaleSummary; questions: Map<string, ScaleSummary> };
  trend: { months: TrendPoint[]; quarters: TrendPoint[] };
  byService: Map<string, GroupSummary>;
  byChannel: Map<string, GroupSummary>;
  byWait: { band: string; summary: GroupSummary }[];
  choices: Map<string, Map<string, number>>;
  /** by office id over `peerOffices`, when asked */
  byOffice: Map<string, GroupSummary> | null;
}

/**
 * Past this many days with answers stored since the roll-up last ran, the
 * roll-up is not running: read raw rather than patch it day by day.
 */
const MAX_STALE_DAYS = 31;

/** Groups in a stable order (PostgreSQL returns GROUP BY rows in no particular order): the empty group first, numbers as numbers. */
const byKey = <T>(m: Map<string, T>): Map<string, T> =>
  new Map([...m].sort(([a], [b]) => (a !== '' && b !== '' && /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0)));

/** The first day of the trend's comparisons: a year before the report's first day (29 February falls on 1 March). */
export function yearBefore(day: IsoDate): IsoDate {
  const year = Number(day.slice(0, 4)) - 1;
  const back = `${year}${day.slice(4)}`;
  return isIsoDate(back) ? back : `${year}-03-01`;
}

/** The report's figures: from the roll-up when no respondent filter is set and the roll-up exists, else from the raw tables. */
export async function reportFigures(db: Executor, f: ReportFilter, opts: { now: Date; peerOffices?: number[] | undefined; raw?: boolean }): Promise<ReportFigures> {
  if (!opts.raw && !hasRespondentFilter(f)) {
    const rolled = await fromRollup(db, f, opts.now, opts.peerOffices);
    if (rolled) return rolled;
  }
  return fromRaw(db, f, opts.peerOffices);
}

async function fromRaw(db: Executor, f: ReportFilter, peerOffices: number[] | undefined): Promise<ReportFigures> {
  const [responses, perQuestion, tr, svc, ch, wait, ch2, offices] = await Promise.all([
    responseCount(db, f),
    byQuestion(db, f),
    trend(db, f),
    byColumn(db, f, 'service_code'),
    byColumn(db, f, 'channel'),
    byWait(db, f),
    choices(db, f),
    peerOffices ? byColumn(db, { ...f, officeIds: peerOffices }, 'office_id') : Promise.resolve(null),
  ]);
  return { source: 'raw', responses, perQuestion, trend: tr, byService: byKey(svc), byChannel: byKey(ch), byWait: wait, choices: ch2, byOffice: offices && byKey(offices) };
}

/** One questionnaire's tallies per month and office, for the days inside the report's dates and for the year before them. */
interface Cells {
  inside: Map<string, Map<number, Tally>>;
  before: Map<string, Map<number, Tally>>;
}

/** Only the questionnaire's own keys, without their prefix: the rest of a tally is other modules' figures. */
function own(t: Tally, prefix: string): Tally {
  return partsOf(t, prefix);
}

async function fromRollup(db: Executor, f: ReportFilter, now: Date, peerOffices: number[] | undefined): Promise<ReportFigures | null> {
  const since = await rolledUpBefore(db);
  if (!since) return null;
  const prefix = `s.v.${f.surveyId}.`;
  const today = taipeiToday(now);
  const wideFrom = yearBefore(f.from);
  const lastRolled = f.to < today ? f.to : addDays(today, -1);
  const offices = [...new Set([...f.officeIds, ...(peerOffices ?? [])])];
  if (offices.length === 0) return null;
  // days whose answers may be missing from the roll-up give way to the raw tables; asked by the instant
  // alone, so the index on created_at answers it (a handful of rows: those since the job last ran)
  const inOffices = new Set(offices);
  const stale =
    wideFrom <= lastRolled
      ? [
          ...new Set(
            (await db.selectFrom('survey_response').select(['survey_id', 'office_id', 'day']).where('created_at', '>=', since).execute())
              .filter((r) => r.survey_id === f.surveyId && inOffices.has(r.office_id) && r.day >= wideFrom && r.day <= lastRolled)
              .map((r) => r.day),
          ),
        ]
      : [];
  if (stale.length > MAX_STALE_DAYS) return null;
  const beforeTo = addDays(f.from, -1) < lastRolled ? addDays(f.from, -1) : lastRolled;
  const freshFrom = today > wideFrom ? today : wideFrom;
  const [inside, before, staleRolled, staleRaw, fresh] = await Promise.all([
    f.from <= lastRolled ? seriesFor(db, offices, rangePeriod(f.from, lastRolled), 'month') : [],
    wideFrom <= beforeTo ? seriesFor(db, offices, rangePeriod(wideFrom, beforeTo), 'month') : [],
    Promise.all(stale.map(async (day) => ({ day, tallies: await talliesFor(db, offices, rangePeriod(day, day)) }))),
    stale.length ? surveyTallies(db, { from: wideFrom, to: lastRolled, surveyId: f.surveyId, officeIds: offices, days: stale }) : null,
    freshFrom <= f.to ? surveyTallies(db, { from: freshFrom, to: f.to, surveyId: f.surveyId, officeIds: offices }) : null,
  ]);
  const cells: Cells = { inside: new Map(), before: new Map() };
  const put = (day: string, officeId: number, t: Tally, sign: 1 | -1) => {
    const side = day >= f.from ? cells.inside : cells.before;
    const month = day.slice(0, 7);
    const m = side.get(month) ?? new Map<number, Tally>();
    side.set(month, m);
    const cell = m.get(officeId) ?? {};
    m.set(officeId, cell);
    for (const [k, v] of Object.entries(t)) cell[k] = (cell[k] ?? 0) + sign * v;
  };
  // each part of a series lies inside one month and on one side of the report's first day
  for (const { period, tallies } of [...inside, ...before]) for (const [officeId, t] of tallies) put(period.from, officeId, own(t, prefix), 1);
  for (const { day, tallies } of staleRolled) for (const [officeId, t] of tallies) put(day, officeId, own(t, prefix), -1);
  for (const raw of [staleRaw, fresh]) for (const e of raw?.byKey.values() ?? []) put(e.day, e.officeId, own(e.tally, prefix), 1);
  return figuresOfCells(cells, f, peerOffices);
}

const sumOver = (m: Map<number, Tally> | undefined, officeIds: Set<number>): Tally => {
  const out: Tally = {};
  for (const [id, t] of m ?? []) if (officeIds.has(id)) addTo(out, t);
  return out;
};

/** The scale answers pooled over every question (q.<question>.<score> keys). */
function pooled(t: Tally): Dist {
  const d = empty();
  for (const [k, n] of Object.entries(partsOf(t, 'q.'))) {
    const score = Number(k.slice(k.lastIndexOf('.') + 1));
    if (score >= 1 && score <= 5) add(d, score - 1, n);
  }
  return d;
}

const scoreDist = (t: Tally, prefix: string): Dist => {
  const d = empty();
  for (let s = 1; s <= 5; s++) d[s - 1] = t[`${prefix}${s}`] ?? 0;
  return d;
};
const answered = (d: Dist) => d.some((n) => n > 0);

/**
 * Satisfaction per group of one dimension, from a questionnaire's tally
 * (its keys without the s.v.<survey>. prefix): the same figures byColumn
 * reads from the raw tables. Exported for the tests.
 */
export function groupsOf(t: Tally, dim: Dim): Map<string, GroupSummary> {
  const values = new Set<string>();
  for (const [k, n] of Object.entries(partsOf(t, `${dim}.`))) {
    const m = /^(.*)\.(n|sc\.[1-5])$/.exec(k);
    if (m && n !== 0) values.add(m[1] ?? '');
  }
  return byKey(new Map([...values].map((v) => [v, withResponses(fromDistribution(scoreDist(t, `${dim}.${v}.sc.`)), t[`${dim}.${v}.n`] ?? 0)])));
}

/** What one questionnaire's tallies say, as the raw reads would say it. */
function figuresOfCells(cells: Cells, f: ReportFilter, peerOffices: number[] | undefined): ReportFigures {
  const chosen = new Set(f.officeIds);
  const total: Tally = {};
  for (const m of cells.inside.values()) addTo(total, sumOver(m, chosen));
  // per question
  const perQ = new Map<string, Dist>();
  for (const [k, n] of Object.entries(partsOf(total, 'q.'))) {
    const cut = k.lastIndexOf('.');
    const score = Number(k.slice(cut + 1));
    if (n === 0 || score < 1 || score > 5) continue;
    const d = perQ.get(k.slice(0, cut)) ?? empty();
    add(d, score - 1, n);
    perQ.set(k.slice(0, cut), d);
  }
  // the trend: pooled answers per month over the year before and the dates; questionnaires inside the dates
  const all = new Map<string, Dist>();
  const shown = new Map<string, Dist>();
  const monthResponses = new Map<string, number>();
  for (const month of new Set([...cells.before.keys(), ...cells.inside.keys()])) {
    const inside = sumOver(cells.inside.get(month), chosen);
    const d = pooled(inside);
    const b = pooled(sumOver(cells.before.get(month), chosen));
    const both = d.map((n, i) => n + (b[i] ?? 0)) as Dist;
    if (answered(both)) all.set(month, both);
    if (answered(d)) shown.set(month, d);
    if (inside.n) monthResponses.set(month, inside.n);
  }
  const waits = groupsOf(total, 'wait');
  const none = waits.get('none');
  const choiceCounts = new Map<string, Map<string, number>>();
  for (const [k, n] of Object.entries(partsOf(total, 'c.'))) {
    if (n === 0) continue;
    const cut = k.indexOf('.');
    const m = choiceCounts.get(k.slice(0, cut)) ?? new Map<string, number>();
    m.set(k.slice(cut + 1), n);
    choiceCounts.set(k.slice(0, cut), m);
  }
  let byOffice: Map<string, GroupSummary> | null = null;
  if (peerOffices) {
    byOffice = new Map();
    for (const id of peerOffices) {
      const t: Tally = {};
      for (const m of cells.inside.values()) addTo(t, m.get(id) ?? {});
      const d = pooled(t);
      if (t.n || answered(d)) byOffice.set(String(id), withResponses(fromDistribution(d), t.n ?? 0));
    }
    byOffice = byKey(byOffice);
  }
  const overall = empty();
  for (const d of perQ.values())
    d.forEach((n, i) => {
      add(overall, i, n);
    });
  return {
    source: 'rollup',
    responses: total.n ?? 0,
    perQuestion: { overall: fromDistribution(overall), questions: new Map([...perQ].map(([k, d]) => [k, fromDistribution(d)])) },
    trend: trendOf(all, shown, monthResponses, f),
    byService: groupsOf(total, 'svc'),
    byChannel: groupsOf(total, 'ch'),
    byWait: [...WAIT_BANDS.map((b) => ({ band: b.key as string, summary: waits.get(b.key) ?? withResponses(fromDistribution(empty()), 0) })), ...(none?.responses ? [{ band: 'none', summary: none }] : [])],
    choices: choiceCounts,
    byOffice,
  };
}
