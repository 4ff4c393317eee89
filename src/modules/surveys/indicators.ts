import type { Executor } from '../../db/index.js';
import { instantRange, mean, num, share, wilsonPercent } from '../../platform/figures/index.js';
import type { ModuleCatalog } from '../../platform/i18n/index.js';
import { type IndicatorDef, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorValue, remembered, rowsOver } from '../../platform/indicators/index.js';

/**
 * Staff satisfaction and the phone-courtesy test, for the plan. Staff
 * satisfaction is the director's report's "overall" rate for the staff
 * questionnaires (share of 4–5 among every scale answer, pooled over the
 * questions) and keeps the report's anonymity rule: with fewer
 * questionnaires than the questionnaire's smallest group, nothing is shown.
 */

/** The staff questionnaires and their smallest groups: a handful of rows, read once per batch. */
function staffSurveys(db: Executor, memo?: IndicatorMemo) {
  return remembered(memo, 'surveys.staff', () => db.selectFrom('survey').select(['id', 'min_group']).where('kind', '=', 'staff').execute());
}

async function staffSatisfaction(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const surveys = await staffSurveys(db, memo);
  if (surveys.length === 0) return { value: null };
  // by survey id, not joined on survey.kind: PostgreSQL then knows how few responses the staff questionnaires have
  // (through a join it guessed half of all and scanned every response in parallel, the pack's slowest read)
  const scope = (from: string, to: string) =>
    db
      .selectFrom('survey_response as r')
      .where('r.survey_id', 'in', surveys.map((s) => s.id))
      .where('r.office_id', '=', office.id)
      .where('r.day', '>=', from)
      .where('r.day', '<=', to);
  // counted by day, so the batch's months and year to date come from one read of the year
  const inside = (r: { day: string }) => r.day >= period.from && r.day <= period.to;
  const [people, scores] = await Promise.all([
    rowsOver(memo, `surveys.staffPeople|${office.id}`, period, (from, to) => scope(from, to).select((eb) => ['r.day', 'r.survey_id', eb.fn.countAll().as('n')]).groupBy(['r.day', 'r.survey_id']).execute(), inside),
    rowsOver(
      memo,
      `surveys.staffScores|${office.id}`,
      period,
      (from, to) =>
        scope(from, to)
          .innerJoin('survey_answer as a', 'a.response_id', 'r.id')
          .where('a.score', '>=', 1)
          .where('a.score', '<=', 5)
          .select((eb) => ['r.day', 'a.score', eb.fn.countAll().as('n')])
          .groupBy(['r.day', 'a.score'])
          .execute(),
      inside,
    ),
  ]);
  const responses = people.reduce((s, r) => s + num(r.n), 0);
  // several staff questionnaires pooled: the strictest smallest group of those answered protects everyone's answers
  const minGroup = Math.max(0, ...people.map((p) => num(surveys.find((s) => s.id === p.survey_id)?.min_group)));
  if (responses === 0 || responses < minGroup) return { value: null };
  const answers = scores.reduce((s, r) => s + num(r.n), 0);
  const satisfied = scores.filter((r) => num(r.score) >= 4).reduce((s, r) => s + num(r.n), 0);
  const interval = wilsonPercent(satisfied, answers);
  if (!interval) return { value: null };
  return { value: share(satisfied, answers), base: answers, interval };
}

/** The mean checklist score (0–100) of the test calls made in the period, by the Taipei day of the call. */
async function phoneCourtesy(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const read = (from: string, to: string) => {
    const { start, end } = instantRange(from, to);
    return db.selectFrom('phone_test').select(['called_at', 'score']).where('office_id', '=', office.id).where('called_at', '>=', start).where('called_at', '<', end).execute();
  };
  const { start, end } = instantRange(period.from, period.to);
  const calls = await rowsOver(memo, `surveys.phoneTests|${office.id}`, period, read, (r) => r.called_at >= start && r.called_at < end);
  const n = calls.length;
  return n === 0 ? { value: null } : { value: mean(calls.reduce((s, r) => s + num(r.score), 0), n), base: n };
}

export const surveysIndicators: IndicatorDef[] = [
  {
    key: 'surveys.staffSatisfaction',
    titleKey: 'surveys.indicator.staffSatisfaction',
    unit: 'percent',
    better: 'higher',
    href: (office) => `/staff/surveys?office=${encodeURIComponent(office.code)}`,
    compute: staffSatisfaction,
  },
  {
    key: 'surveys.phoneCourtesy',
    titleKey: 'surveys.indicator.phoneCourtesy',
    unit: 'score',
    better: 'higher',
    href: (office) => `/staff/surveys/phone-tests?office=${encodeURIComponent(office.code)}`,
    compute: phoneCourtesy,
  },
];

export const surveysIndicatorsCatalog: ModuleCatalog = {
  'zh-Hant': {
    'surveys.indicator.staffSatisfaction': '員工內部滿意度',
    'surveys.indicator.staffSatisfaction.desc': '期間內員工問卷各題評分中給4分或5分的比率，附95%信賴區間；問卷份數少於該問卷最少組別人數時不顯示，以保護匿名。',
    'surveys.indicator.phoneCourtesy': '電話禮貌測試平均分數',
    'surveys.indicator.phoneCourtesy.desc': '期間內（依臺北時間的測試日）各次電話禮貌測試檢核表得分（0–100）的平均。',
  },
  en: {
    'surveys.indicator.staffSatisfaction': 'Staff satisfaction',
    'surveys.indicator.staffSatisfaction.desc': "Share of 4 and 5 among the scale answers of the staff questionnaires in the period, with a 95% interval; not shown with fewer questionnaires than the questionnaire's smallest group, to keep answers anonymous.",
    'surveys.indicator.phoneCourtesy': 'Phone courtesy test average',
    'surveys.indicator.phoneCourtesy.desc': 'Mean checklist score (0–100) of the test calls made in the period (by the Taipei day of the call).',
  },
};
