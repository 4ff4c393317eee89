import type { Executor } from '../../db/index.js';
import { instantRange, mean, num, share, wilsonPercent } from '../../platform/figures/index.js';
import type { ModuleCatalog } from '../../platform/i18n/index.js';
import type { IndicatorDef, IndicatorValue } from '../../platform/indicators/index.js';

/**
 * Staff satisfaction and the phone-courtesy test, for the plan. Staff
 * satisfaction is the director's report's "overall" rate for the staff
 * questionnaires (share of 4–5 among every scale answer, pooled over the
 * questions) and keeps the report's anonymity rule: with fewer
 * questionnaires than the questionnaire's smallest group, nothing is shown.
 */

async function staffSatisfaction(db: Executor, officeId: number, from: string, to: string): Promise<IndicatorValue> {
  const scope = db
    .selectFrom('survey_response as r')
    .innerJoin('survey as s', 's.id', 'r.survey_id')
    .where('s.kind', '=', 'staff')
    .where('r.office_id', '=', officeId)
    .where('r.day', '>=', from)
    .where('r.day', '<=', to);
  const [people, scores] = await Promise.all([
    scope.select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('s.min_group').as('min_group')]).executeTakeFirst(),
    scope
      .innerJoin('survey_answer as a', 'a.response_id', 'r.id')
      .where('a.score', '>=', 1)
      .where('a.score', '<=', 5)
      .select((eb) => ['a.score', eb.fn.countAll().as('n')])
      .groupBy('a.score')
      .execute(),
  ]);
  const responses = num(people?.n);
  // several staff questionnaires pooled: the strictest smallest group protects everyone's answers
  if (responses === 0 || responses < num(people?.min_group)) return { value: null };
  const answers = scores.reduce((s, r) => s + num(r.n), 0);
  const satisfied = scores.filter((r) => num(r.score) >= 4).reduce((s, r) => s + num(r.n), 0);
  const interval = wilsonPercent(satisfied, answers);
  if (!interval) return { value: null };
  return { value: share(satisfied, answers), base: answers, interval };
}

/** The mean checklist score (0–100) of the test calls made in the period, by the Taipei day of the call. */
async function phoneCourtesy(db: Executor, officeId: number, from: string, to: string): Promise<IndicatorValue> {
  const { start, end } = instantRange(from, to);
  const r = await db
    .selectFrom('phone_test')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('score').as('total')])
    .where('office_id', '=', officeId)
    .where('called_at', '>=', start)
    .where('called_at', '<', end)
    .executeTakeFirst();
  const n = num(r?.n);
  return n === 0 ? { value: null } : { value: mean(num(r?.total), n), base: n };
}

export const surveysIndicators: IndicatorDef[] = [
  {
    key: 'surveys.staffSatisfaction',
    titleKey: 'surveys.indicator.staffSatisfaction',
    unit: 'percent',
    better: 'higher',
    href: (office) => `/staff/surveys?office=${encodeURIComponent(office.code)}`,
    compute: (db, office, period) => staffSatisfaction(db, office.id, period.from, period.to),
  },
  {
    key: 'surveys.phoneCourtesy',
    titleKey: 'surveys.indicator.phoneCourtesy',
    unit: 'score',
    better: 'higher',
    href: (office) => `/staff/surveys/phone-tests?office=${encodeURIComponent(office.code)}`,
    compute: (db, office, period) => phoneCourtesy(db, office.id, period.from, period.to),
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
