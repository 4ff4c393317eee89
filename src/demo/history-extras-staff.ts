import { createHash } from 'node:crypto';
import { type IsoDate, taipeiToday } from '../platform/calendar/index.js';
import { recomputeDays } from '../modules/figures/index.js';
import { respond } from '../modules/surveys/collect.js';
import { currentVersion, openSurveyFor } from '../modules/surveys/service.js';
import { chance, intBetween, pick, type Rng, weighted } from './activity-random.js';
import { type ExtrasCtx, type ExtrasOffice, monthsOf, rngOf, taipeiAt, workingDays } from './history-extras-context.js';

/**
 * The staff questionnaire, answered each quarter: the round opens on the
 * first working day of the quarter's middle month (February, May, August,
 * November) and runs three weeks. Zhubei's staff return 8–15 a round, always
 * above the questionnaire's smallest group (5), so its figure shows;
 * Jianshi's few return 3–7, so some rounds stay hidden to keep the answers
 * anonymous, as the rule means them to. A month without a round has no
 * figure: the survey is quarterly.
 */
const RETURNS: Record<ExtrasOffice['code'], [number, number]> = { zhubei: [8, 15], jianshi: [3, 7] };
const ROUND_MONTHS = ['02', '05', '08', '11'];
const ROUND_LAST_DAY = 21;

const COMMENTS = ['希望增加櫃台人力，尖峰時段較吃緊', '夜間延時服務的輪值可再平均一些', '教育訓練很實用，希望增加新住民業務課程', '希望汰換櫃台電腦與讀卡機', '主管很支持同仁，謝謝', '希望休息區能增設座椅'];

export async function seedStaffSurveys(c: ExtrasCtx): Promise<void> {
  const touched: { officeId: number; day: IsoDate }[] = [];
  for (const office of c.offices) {
    const survey = await openSurveyFor(c.database.db, { id: office.id, countyId: office.countyId }, 'staff');
    if (!survey) continue;
    const answered = await c.database.db.selectFrom('survey_response').select('id').where('survey_id', '=', survey.id).where('office_id', '=', office.id).limit(1).executeTakeFirst();
    if (answered) continue;
    const v = await currentVersion(c.database.db, survey);
    const scaled = v.q.questions.filter((q) => q.type === 'scale').map((q) => q.key);
    const text = v.q.questions.find((q) => q.type === 'text')?.key;
    for (const month of monthsOf(c.from, c.to).filter((m) => ROUND_MONTHS.includes(m.slice(5)))) {
      const rng = rngOf('staff', office.code, month);
      const days = workingDays(c, office, month, 1, ROUND_LAST_DAY);
      if (days.length === 0) continue;
      const n = intBetween(rng, ...RETURNS[office.code]);
      // most answer in the first days after the round opens, the rest trickle in
      const when = Array.from({ length: n }, () => taipeiAt(days[Math.floor(rng() * rng() * days.length)]!, 8 * 60 + 30 + intBetween(rng, 0, 510))).sort((a, b) => a.getTime() - b.getTime());
      for (const [i, at] of when.entries()) {
        const answers = scoresOf(rng, scaled);
        if (text && chance(rng, 0.15)) answers[text] = pick(rng, COMMENTS);
        // a stand-in for the page's per-person key: one answer per made-up person and round
        const hash = createHash('sha256').update(`demo-staff-survey:${survey.id}:${v.id}:${office.code}:${month}:${i}`).digest('hex');
        const visit = { hash, officeId: office.id, serviceCode: null, counterNumber: null, waitMinutes: null };
        await respond(c.database, { surveyId: survey.id, versionId: v.id, officeId: office.id, channel: 'web', visit, questionnaire: v.q, answers, now: at });
        touched.push({ officeId: office.id, day: taipeiToday(at) });
      }
    }
  }
  if (touched.length > 0) await recomputeDays(c.database, touched, c.now);
}

/** A person's overall mood, mostly 4 or 5, moved a point now and then per question; workload is where staff are least content. */
function scoresOf(rng: Rng, questions: string[]): Record<string, string> {
  const mood = weighted(rng, [[5, 40], [4, 45], [3, 12], [2, 3]] as const);
  const out: Record<string, string> = {};
  for (const q of questions) {
    const shift = weighted(rng, [[-1, q === 'workload' ? 35 : 18], [0, 67], [1, 15]] as const);
    out[q] = String(Math.max(1, Math.min(5, mood + shift)));
  }
  return out;
}
