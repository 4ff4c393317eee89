// The survey report's aggregate reads (the report's repo): one filter, many groupings. Row reads and writes are in repo.ts.
import { type SelectQueryBuilder, sql } from 'kysely';
import type { DB, Executor } from '../../db/index.js';
import { fromDistribution, growth, lastYear, previousMonth, previousQuarter, quarterOf, type ScaleSummary, WAIT_BANDS } from './stats.js';

export interface ReportFilter {
  surveyId: number;
  officeIds: number[];
  from: string;
  to: string;
  service?: string | undefined;
  counter?: number | undefined;
  channel?: string | undefined;
  gender?: string | undefined;
  age?: string | undefined;
  identity?: string | undefined;
}

/** Whether a respondent filter is set (service, counter, channel, gender, age, identity): offices and dates are not such filters. */
export const hasRespondentFilter = (f: ReportFilter): boolean => Boolean(f.service || f.counter || f.channel || f.gender || f.age || f.identity);

export type Dist = [number, number, number, number, number];
export const empty = (): Dist => [0, 0, 0, 0, 0];
export const add = (d: Dist, i: number, n: number) => {
  d[i] = (d[i] ?? 0) + n;
};
type Counted = { score: number | null; n: number | string };

// biome-ignore lint/suspicious/noExplicitAny: the builder's selection changes with each use
type AnswerQuery = SelectQueryBuilder<DB & { r: DB['survey_response']; a: DB['survey_answer'] }, 'r' | 'a', any>;

/** The responses a filter keeps: survey, offices, period, and whichever of service, counter, channel and respondent group are set. */
// biome-ignore lint/suspicious/noExplicitAny: applied to builders of several shapes over survey_response as r
function filtered<Q extends SelectQueryBuilder<any, any, any>>(q: Q, f: ReportFilter): Q {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  let out: any = q
    .where('r.survey_id', '=', f.surveyId)
    .where('r.office_id', 'in', f.officeIds.length ? f.officeIds : [0])
    .where('r.day', '>=', f.from)
    .where('r.day', '<=', f.to);
  if (f.service) out = out.where('r.service_code', '=', f.service);
  if (f.counter) out = out.where('r.counter_number', '=', f.counter);
  if (f.channel) out = out.where('r.channel', '=', f.channel);
  if (f.gender) out = out.where('r.gender', '=', f.gender);
  if (f.age) out = out.where('r.age_band', '=', f.age);
  if (f.identity) out = out.where('r.identity', '=', f.identity);
  return out as Q;
}

/** Scale answers of the responses that pass the filter; every figure below is a GROUP BY on this. */
function scaleAnswers(db: Executor, f: ReportFilter): AnswerQuery {
  return filtered(db.selectFrom('survey_response as r').innerJoin('survey_answer as a', 'a.response_id', 'r.id').where('a.score', 'is not', null) as unknown as AnswerQuery, f);
}

/** Folds rows of (group…, score, n) into a distribution per group key. */
function fold(rows: unknown[], key: (r: never) => string): Map<string, Dist> {
  const m = new Map<string, Dist>();
  for (const raw of rows) {
    const r = raw as Counted;
    const k = key(raw as never);
    const d = m.get(k) ?? empty();
    if (r.score !== null && r.score >= 1 && r.score <= 5) add(d, r.score - 1, Number(r.n));
    m.set(k, d);
  }
  return m;
}

export async function responseCount(db: Executor, f: ReportFilter): Promise<number> {
  const q = filtered(db.selectFrom('survey_response as r').select((eb) => eb.fn.countAll<number>().as('n')), f);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/**
 * A group of a breakdown: the satisfaction figures over its scale answers
 * (`n` counts answers, five or so per questionnaire) and `responses`, the
 * questionnaires in the group, which is what every 份數 column shows and
 * what the anonymity rule counts. The responses of a breakdown add up to
 * responseCount().
 */
export interface GroupSummary extends ScaleSummary {
  responses: number;
}

export const withResponses = (s: ScaleSummary, responses: number): GroupSummary => ({ ...s, responses });

// biome-ignore lint/suspicious/noExplicitAny: a grouping expression over survey_response as r
type GroupExpr = any;

/** Questionnaires per group (one row per response, no answers joined), over the same filter. */
async function responsesBy(db: Executor, f: ReportFilter, expr: GroupExpr): Promise<Map<string, number>> {
  const rows = await filtered(db.selectFrom('survey_response as r').select([expr.as('g'), sql<number>`count(*)`.as('n')]), f)
    .groupBy(expr)
    .execute();
  return new Map(rows.map((r) => [String((r as { g: string | number | null }).g ?? ''), Number(r.n)]));
}

/** Joins answer figures and questionnaire counts by group key; a group with questionnaires but no scale answer still shows. */
function merge(answers: Map<string, Dist>, responses: Map<string, number>): Map<string, GroupSummary> {
  const keys = [...new Set([...answers.keys(), ...responses.keys()])];
  return new Map(keys.map((k) => [k, withResponses(fromDistribution(answers.get(k) ?? empty()), responses.get(k) ?? 0)]));
}

/** Per scale question: satisfaction rate with interval, mean, distribution; and all of them pooled. */
export async function byQuestion(db: Executor, f: ReportFilter): Promise<{ overall: ScaleSummary; questions: Map<string, ScaleSummary> }> {
  const rows = await scaleAnswers(db, f).select(['a.question', 'a.score', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['a.question', 'a.score']).execute();
  const per = fold(rows, (r: { question: string }) => r.question);
  const pooled = empty();
  for (const d of per.values()) d.forEach((n, i) => {
    add(pooled, i, n);
  });
  return { overall: fromDistribution(pooled), questions: new Map([...per].map(([k, d]) => [k, fromDistribution(d)])) };
}

export interface TrendPoint {
  period: string;
  /** the period's answers and questionnaires inside the report's dates (the first and last period may be partial) */
  summary: GroupSummary;
  vsPrevious: number | null;
  vsLastYear: number | null;
}

/**
 * Monthly and quarterly pooled satisfaction, each with growth against the
 * period before and the same period a year earlier. The rows count only
 * what lies inside the report's dates, so their questionnaires add up to
 * the header; the comparisons read whole earlier periods.
 */
export async function trend(db: Executor, f: ReportFilter): Promise<{ months: TrendPoint[]; quarters: TrendPoint[] }> {
  const wide = { ...f, from: `${Number(f.from.slice(0, 4)) - 1}${f.from.slice(4)}` };
  const month = sql<string>`substr(r.day, 1, 7)`;
  // a literal, not a parameter: PostgreSQL only matches the GROUP BY expression to the SELECT one when they are the same text
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.from)) throw new Error(`trend: bad from date ${f.from}`);
  const inside = sql<number>`case when r.day >= ${sql.lit(f.from)} then 1 else 0 end`;
  const rows = await scaleAnswers(db, wide)
    .select([month.as('month'), inside.as('inside'), 'a.score', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([month, inside, 'a.score'])
    .execute();
  const months = fold(rows, (r: { month: string }) => r.month);
  const shown = fold(
    rows.filter((r) => Number((r as { inside: number | string }).inside) === 1),
    (r: { month: string }) => r.month,
  );
  const monthResponses = await responsesBy(db, f, month);
  return trendOf(months, shown, monthResponses, f);
}

/**
 * The trend rows from three month maps (only months with something in
 * them): `all` pooled scale answers over the year before the report's dates
 * and the dates, `shown` those inside the dates, `responses` questionnaires
 * inside the dates. Shared by the raw read and the roll-up's.
 */
export function trendOf(all: Map<string, Dist>, shown: Map<string, Dist>, monthResponses: Map<string, number>, f: { from: string; to: string }): { months: TrendPoint[]; quarters: TrendPoint[] } {
  const byQuarter = <T>(m: Map<string, T>, plus: (acc: T | undefined, v: T) => T) => {
    const out = new Map<string, T>();
    for (const [k, v] of m) {
      const q = quarterOf(`${k}-01`);
      out.set(q, plus(out.get(q), v));
    }
    return out;
  };
  const addDist = (acc: Dist | undefined, d: Dist) => {
    const out = acc ?? empty();
    d.forEach((n, i) => {
      add(out, i, n);
    });
    return out;
  };
  const quarters = byQuarter(all, addDist);
  const shownQuarters = byQuarter(shown, addDist);
  const quarterResponses = byQuarter(monthResponses, (acc: number | undefined, n: number) => (acc ?? 0) + n);
  const points = (every: Map<string, Dist>, inRange: Map<string, Dist>, responses: Map<string, number>, prev: (p: string) => string, within: (p: string) => boolean) =>
    [...new Set([...inRange.keys(), ...responses.keys()])]
      .filter(within)
      .sort()
      .map((p) => {
        const s = withResponses(fromDistribution(inRange.get(p) ?? empty()), responses.get(p) ?? 0);
        const before = every.get(prev(p));
        const ly = every.get(lastYear(p));
        return { period: p, summary: s, vsPrevious: growth(s.rate, before ? fromDistribution(before).rate : null), vsLastYear: growth(s.rate, ly ? fromDistribution(ly).rate : null) };
      });
  return {
    months: points(all, shown, monthResponses, previousMonth, (p) => p >= f.from.slice(0, 7) && p <= f.to.slice(0, 7)),
    quarters: points(quarters, shownQuarters, quarterResponses, previousQuarter, (p) => p >= quarterOf(f.from) && p <= quarterOf(f.to)),
  };
}

/** Satisfaction by one response column (service, gender, age band, channel…). */
export async function byColumn(db: Executor, f: ReportFilter, column: 'service_code' | 'gender' | 'age_band' | 'identity' | 'channel' | 'counter_number' | 'office_id'): Promise<Map<string, GroupSummary>> {
  const col = sql.ref(`r.${column}`);
  const rows = await scaleAnswers(db, f).select([col.as('g'), 'a.score', (eb) => eb.fn.countAll<number>().as('n')]).groupBy([col, 'a.score']).execute();
  return merge(
    fold(rows, (r: { g: string | number | null }) => String(r.g ?? '')),
    await responsesBy(db, f, col),
  );
}

/** Two columns crossed: the quarterly gender table (gender × service, gender × age band). */
export async function crossed(db: Executor, f: ReportFilter, a: 'service_code' | 'age_band', b: 'gender'): Promise<Map<string, GroupSummary>> {
  const ca = sql.ref(`r.${a}`);
  const cb = sql.ref(`r.${b}`);
  const rows = await scaleAnswers(db, f).select([ca.as('x'), cb.as('y'), 'a.score', (eb) => eb.fn.countAll<number>().as('n')]).groupBy([ca, cb, 'a.score']).execute();
  const key = sql<string>`coalesce(${ca}, '') || '|' || coalesce(${cb}, '')`;
  return merge(
    fold(rows, (r: { x: string | null; y: string | null }) => `${r.x ?? ''}|${r.y ?? ''}`),
    await responsesBy(db, f, key),
  );
}

/** The wait band of a response (survey_response as r), as WAIT_BANDS names them; 'none' for no visit behind it. */
export const WAIT_BAND_SQL = sql<string>`case when r.wait_minutes is null then 'none' when r.wait_minutes <= 5 then '0-5' when r.wait_minutes <= 15 then '6-15' when r.wait_minutes <= 30 then '16-30' else '31+' end`;

/**
 * Satisfaction against minutes waited, in the bands a supervisor uses; a
 * questionnaire with no visit behind it (an open link) has no wait and is
 * its own row, so the questionnaires still add up to the header.
 */
export async function byWait(db: Executor, f: ReportFilter): Promise<{ band: string; summary: GroupSummary }[]> {
  const band = WAIT_BAND_SQL;
  const rows = await scaleAnswers(db, f).select([band.as('band'), 'a.score', (eb) => eb.fn.countAll<number>().as('n')]).groupBy([band, 'a.score']).execute();
  const m = merge(
    fold(rows, (r: { band: string }) => r.band),
    await responsesBy(db, f, band),
  );
  const bands = WAIT_BANDS.map((b) => ({ band: b.key as string, summary: m.get(b.key) ?? withResponses(fromDistribution(empty()), 0) }));
  const none = m.get('none');
  return none?.responses ? [...bands, { band: 'none', summary: none }] : bands;
}

/** Answers to single and multiple choice questions, counted. */
export async function choices(db: Executor, f: ReportFilter): Promise<Map<string, Map<string, number>>> {
  const q = filtered(db.selectFrom('survey_response as r').innerJoin('survey_answer as a', 'a.response_id', 'r.id').select(['a.question', 'a.choice', (eb) => eb.fn.countAll<number>().as('n')]).where('a.choice', 'is not', null), f);
  const rows = await q.groupBy(['a.question', 'a.choice']).execute();
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.question) ?? new Map<string, number>();
    m.set(r.choice ?? '', Number(r.n));
    out.set(r.question, m);
  }
  return out;
}

/** Questionnaires looked at per round when searching for the latest comments. */
const COMMENT_PAGE = 1000;

/**
 * The latest open-text answers, with the lowest scale score of the same
 * response (a low score with a comment can become a follow-up). Newest
 * questionnaires first, a page at a time, until there are enough: joining
 * every answer of the period to sort them read all the answers each time.
 */
export async function texts(db: Executor, f: ReportFilter, limit = 100) {
  const rows: { id: number; day: string; service_code: string | null; question: string; text: string | null }[] = [];
  for (let below: number | null = null; rows.length < limit; ) {
    let page = db
      .selectFrom('survey_response as r')
      .select('r.id')
      .where('r.survey_id', '=', f.surveyId)
      .where('r.office_id', 'in', f.officeIds.length ? f.officeIds : [0])
      .where('r.day', '>=', f.from)
      .where('r.day', '<=', f.to)
      .orderBy('r.id', 'desc')
      .limit(COMMENT_PAGE);
    if (below !== null) page = page.where('r.id', '<', below);
    const ids = (await page.execute()).map((r) => r.id);
    if (ids.length === 0) break;
    const said = await db
      .selectFrom('survey_answer as a')
      .innerJoin('survey_response as r', 'r.id', 'a.response_id')
      .select(['r.id', 'r.day', 'r.service_code', 'a.question', 'a.text'])
      .where('a.response_id', 'in', ids)
      .where('a.text', 'is not', null)
      .execute();
    said.sort((a, b) => b.id - a.id || (a.question < b.question ? -1 : a.question > b.question ? 1 : 0));
    rows.push(...said.slice(0, limit - rows.length));
    if (ids.length < COMMENT_PAGE) break;
    below = ids[ids.length - 1] ?? null;
  }
  const ids = rows.map((r) => r.id);
  const lows = ids.length
    ? await db.selectFrom('survey_answer').select(['response_id', (eb) => eb.fn.min<number>('score').as('low')]).where('response_id', 'in', ids).where('score', 'is not', null).groupBy('response_id').execute()
    : [];
  return rows.map((r) => ({ id: r.id, day: r.day, service: r.service_code, question: r.question, text: r.text ?? '', low: lows.find((l) => l.response_id === r.id)?.low ?? null }));
}

/** The words people use most in their comments (zh-Hant word segmentation; one-character words and stop words dropped). */
export function keywords(comments: string[], top = 15): { word: string; n: number }[] {
  const seg = new Intl.Segmenter('zh-Hant', { granularity: 'word' });
  const stop = new Set(['我們', '你們', '他們', '可以', '因為', '所以', '但是', '沒有', '就是', '覺得', '非常', '希望', '謝謝', '這個', '那個', '一個', '還是']);
  const count = new Map<string, number>();
  for (const c of comments) {
    for (const s of seg.segment(c.normalize('NFKC'))) {
      if (!s.isWordLike || s.segment.length < 2 || stop.has(s.segment)) continue;
      count.set(s.segment, (count.get(s.segment) ?? 0) + 1);
    }
  }
  return [...count].map(([word, n]) => ({ word, n })).sort((a, b) => b.n - a.n || a.word.localeCompare(b.word)).slice(0, top);
}
