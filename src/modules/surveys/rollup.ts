import { sql } from 'kysely';
import type { IsoDate } from '../../platform/calendar/index.js';
import { type FigureSource, num, Tallies } from '../../platform/figures/index.js';

/**
 * Surveys' part of the daily roll-up, by the day of the visit a
 * questionnaire is about (an answer given days later corrects that day):
 * s.n.<kind> questionnaires, s.sc.<kind>.<1–5> scale answers pooled over
 * the questions. Kinds: service, courtesy, facilities, online, staff.
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
    return out;
  },
  async touched(db, since) {
    const rows = await db.selectFrom('survey_response').select(['office_id', 'day']).distinct().where('created_at', '>=', since).execute();
    return rows.map((r) => ({ officeId: r.office_id, day: r.day as IsoDate }));
  },
};
