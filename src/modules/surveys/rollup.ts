import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { type FigureSource, num, Tallies } from '../../platform/figures/index.js';
import { WAIT_BAND_SQL } from './report.js';

/**
 * The breakdowns a questionnaire is rolled up by, as `s.v.<survey>.<dim>.<value>…`
 * (an empty value is a questionnaire without it: no service, no counter,
 * no wait, profile left blank). Each is a column of survey_response.
 */
export const DIMS = { svc: 'service_code', ctr: 'counter_number', ch: 'channel', wait: 'wait', g: 'gender', age: 'age_band', id: 'identity' } as const;
export type Dim = keyof typeof DIMS;

/** Which responses a tally is computed from: a run of days, and optionally one questionnaire, some offices, some days of the run. */
export interface SurveyScope {
  from: IsoDate;
  to: IsoDate;
  surveyId?: number;
  officeIds?: number[];
  days?: IsoDate[];
}

function where(s: SurveyScope): RawBuilder<unknown> {
  const parts = [sql`r.day >= ${s.from}`, sql`r.day <= ${s.to}`];
  if (s.surveyId !== undefined) parts.push(sql`r.survey_id = ${s.surveyId}`);
  if (s.officeIds) parts.push(sql`r.office_id in (${sql.join(s.officeIds.length ? s.officeIds : [0])})`);
  if (s.days) parts.push(sql`r.day in (${sql.join(s.days.length ? s.days : [''])})`);
  return sql.join(parts, sql` and `);
}

type DimRow = { office_id: number; day: string; survey_id: number; n: unknown } & Record<Dim, string | number | null>;

/**
 * The per-questionnaire tallies the director's report reads when no
 * respondent filter is set (see report-rollup.ts):
 *   s.v.<survey>.n                          questionnaires
 *   s.v.<survey>.q.<question>.<1–5>         scale answers per question
 *   s.v.<survey>.c.<question>.<choice>      single/multiple choice answers
 *   s.v.<survey>.<dim>.<value>.n            questionnaires of a group
 *   s.v.<survey>.<dim>.<value>.sc.<1–5>     the group's scale answers, pooled over questions
 * dims: svc service code, ctr counter number, ch channel, wait band (0-5, 6-15, 16-30, 31+, none),
 * g gender, age age band, id identity. One dimension at a time: crossing them
 * (or filtering on them) would make the roll-up as large as the raw rows.
 */
export async function surveyTallies(db: Executor, scope: SurveyScope): Promise<Tallies> {
  const out = new Tallies();
  const w = where(scope);
  // group by positions: PostgreSQL matches an expression in GROUP BY to the SELECT one only by its text
  const dims = sql`r.service_code as svc, r.counter_number as ctr, r.channel as ch, ${WAIT_BAND_SQL} as wait, r.gender as g, r.age_band as age, r.identity as id`;
  const [people, scored, questions, choices] = await Promise.all([
    sql<DimRow>`select r.office_id, r.day, r.survey_id, ${dims}, count(*) as n
      from survey_response r where ${w} group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`.execute(db),
    sql<DimRow & { score: number }>`select r.office_id, r.day, r.survey_id, ${dims}, a.score, count(*) as n
      from survey_response r join survey_answer a on a.response_id = r.id
      where ${w} and a.score is not null group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`.execute(db),
    sql<{ office_id: number; day: string; survey_id: number; question: string; score: number; n: unknown }>`select r.office_id, r.day, r.survey_id, a.question, a.score, count(*) as n
      from survey_response r join survey_answer a on a.response_id = r.id
      where ${w} and a.score is not null group by 1, 2, 3, 4, 5`.execute(db),
    sql<{ office_id: number; day: string; survey_id: number; question: string; choice: string; n: unknown }>`select r.office_id, r.day, r.survey_id, a.question, a.choice, count(*) as n
      from survey_response r join survey_answer a on a.response_id = r.id
      where ${w} and a.choice is not null group by 1, 2, 3, 4, 5`.execute(db),
  ]);
  const each = (r: DimRow, suffix: string, n: number) => {
    for (const dim of Object.keys(DIMS) as Dim[]) out.add(r.office_id, r.day, `s.v.${r.survey_id}.${dim}.${r[dim] ?? ''}.${suffix}`, n);
  };
  for (const r of people.rows) {
    out.add(r.office_id, r.day, `s.v.${r.survey_id}.n`, num(r.n));
    each(r, 'n', num(r.n));
  }
  for (const r of scored.rows) each(r, `sc.${num(r.score)}`, num(r.n));
  for (const r of questions.rows) out.add(r.office_id, r.day, `s.v.${r.survey_id}.q.${r.question}.${num(r.score)}`, num(r.n));
  for (const r of choices.rows) out.add(r.office_id, r.day, `s.v.${r.survey_id}.c.${r.question}.${r.choice}`, num(r.n));
  return out;
}

/**
 * Surveys' part of the daily roll-up, by the day of the visit a
 * questionnaire is about (an answer given days later corrects that day):
 * s.n.<kind> questionnaires, s.sc.<kind>.<1–5> scale answers pooled over
 * the questions. Kinds: service, courtesy, facilities, online, staff.
 * And per questionnaire the s.v.<survey>.… keys of surveyTallies above.
 */
export const surveysFigureSource: FigureSource = {
  name: 'surveys',
  async compute(db, from, to) {
    const out = new Tallies();
    const responses = await sql<{ office_id: number; day: string; kind: string; n: unknown }>`
      select r.office_id, r.day, s.kind, count(*) as n
      from survey_response r join survey s on s.id = r.survey_id
      where r.day >= ${from} and r.day <= ${to}
      group by r.office_id, r.day, s.kind`.execute(db);
    for (const r of responses.rows) out.add(r.office_id, r.day as IsoDate, `s.n.${r.kind}`, num(r.n));
    const scores = await sql<{ office_id: number; day: string; kind: string; score: number; n: unknown }>`
      select r.office_id, r.day, s.kind, a.score, count(*) as n
      from survey_response r join survey s on s.id = r.survey_id join survey_answer a on a.response_id = r.id
      where r.day >= ${from} and r.day <= ${to} and a.score is not null
      group by r.office_id, r.day, s.kind, a.score`.execute(db);
    for (const r of scores.rows) out.add(r.office_id, r.day as IsoDate, `s.sc.${r.kind}.${num(r.score)}`, num(r.n));
    return out.merge(await surveyTallies(db, { from, to }));
  },
  async touched(db, since) {
    const rows = await db.selectFrom('survey_response').select(['office_id', 'day']).distinct().where('created_at', '>=', since).execute();
    return rows.map((r) => ({ officeId: r.office_id, day: r.day as IsoDate }));
  },
};
