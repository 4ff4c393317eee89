import type { Database, Executor } from '../db/index.js';
import { writeTransaction } from '../db/index.js';
import { PHONE_CHECKS } from '../modules/surveys/views/staff.js';
import { recordAudit } from '../platform/audit/index.js';
import { addDays, eachDay, taipeiToday } from '../platform/calendar/index.js';
import { chance, intBetween, pick, weighted } from './activity-random.js';
import { type ExtrasCtx, type ExtrasOffice, extrasContext, monthsOf, rngOf, taipeiAt, workingDays } from './history-extras-context.js';
import { seedMediaLog } from './history-extras-media.js';
import { seedStaffSurveys } from './history-extras-staff.js';

/**
 * What the generated history (history.ts) leaves out because no visit or
 * queue ticket brings it: the supervisor's phone-courtesy test calls, the
 * quarterly staff questionnaire, readers' votes on the FAQ answers and the
 * media log. Without them the plan's 電話禮貌, 員工滿意度, 常見問答有幫助比率
 * and 輿情澄清 measures say 無資料 every month. Dated within the same
 * fourteen months, drawn from seeded streams (the same `now` gives the same
 * rows), each part written only when the demo has none of it yet, so
 * seeding again adds nothing.
 */
export async function seedHistoryExtras(database: Database, now: Date): Promise<void> {
  const c = await extrasContext(database, now);
  await writeTransaction(database, async (trx) => {
    for (const office of c.offices) {
      await seedPhoneTests(trx, c, office);
      await seedMediaLog(trx, c, office);
    }
    await seedFaqVotes(trx, taipeiToday(now));
  });
  // answered one by one through the surveys module, then rolled up (their past days are behind the roll-up's watermark)
  await seedStaffSurveys(c);
}

/** The checks a hurried answer most often misses: the name, a transfer explained, a quick pick-up. */
const MISSED: readonly (readonly [(typeof PHONE_CHECKS)[number], number])[] = [
  ['name', 35],
  ['transfer', 25],
  ['greeting', 20],
  ['closing', 10],
  ['answer', 5],
  ['courtesy', 5],
];
const MISSED_NOTE: Record<(typeof PHONE_CHECKS)[number], string> = {
  greeting: '響鈴五聲後才接聽',
  name: '未報出單位與姓名',
  courtesy: '語氣略顯急促',
  answer: '規費說明不完整，已請承辦人補充',
  transfer: '轉接前未說明，等候約一分鐘',
  closing: '結束時未道謝',
};
const PRAISE = ['回答清楚，並主動說明可網路預約', '說明應備文件完整，語氣親切', '主動提醒委託書格式可於網站下載'];

/** The people who pick up the phone at each office (王小華 and 黃雅婷 are the demo clerks; the others are made up). */
const ANSWERERS: Record<ExtrasOffice['code'], string[]> = {
  zhubei: ['王小華', '陳怡君', '李俊傑', '吳佩珊', '劉冠廷', '蔡宜蓁', '鄭家豪'],
  jianshi: ['黃雅婷', '高志強', '潘美惠'],
};

/**
 * Two test calls a month, one in each half, in office hours (not over the
 * lunch break), scored as the staff page scores them: the share of the
 * checklist met, out of 100. Most calls meet all six checks or all but one.
 */
async function seedPhoneTests(trx: Executor, c: ExtrasCtx, office: ExtrasOffice): Promise<void> {
  const done = await trx.selectFrom('phone_test').select('id').where('office_id', '=', office.id).limit(1).executeTakeFirst();
  if (done) return;
  for (const month of monthsOf(c.from, c.to)) {
    const rng = rngOf('phone', office.code, month);
    for (const half of [workingDays(c, office, month, 1, 15), workingDays(c, office, month, 16, 31)]) {
      if (half.length === 0) continue;
      const day = pick(rng, half);
      const calledAt = taipeiAt(day, (chance(rng, 0.5) ? 9 * 60 : 14 * 60) + intBetween(rng, 0, 165));
      const misses = weighted(rng, [[0, 55], [1, 35], [2, 10]] as const);
      const missed = new Set<string>();
      while (missed.size < misses) missed.add(weighted(rng, MISSED));
      const checks = PHONE_CHECKS.filter((k) => !missed.has(k));
      const score = Math.round((checks.length / PHONE_CHECKS.length) * 100);
      const note = missed.size > 0 ? PHONE_CHECKS.filter((k) => missed.has(k)).map((k) => MISSED_NOTE[k]).join('；') : chance(rng, 0.2) ? pick(rng, PRAISE) : null;
      const recordedAt = new Date(calledAt.getTime() + intBetween(rng, 5, 40) * 60_000);
      await trx
        .insertInto('phone_test')
        .values({ office_id: office.id, called_at: calledAt.toISOString(), answered_by: pick(rng, ANSWERERS[office.code]), checks: JSON.stringify(checks), score, note, recorded_by: office.tester.id, created_at: recordedAt.toISOString() })
        .execute();
      await recordAudit(trx, { actor: office.tester, action: 'survey.phone_test', officeId: office.id, detail: { score }, ip: null }, recordedAt);
    }
  }
}

/**
 * Readers' votes since each answer went up: zero to three a day, 70–90 %
 * of them "helpful" (an answer's own rate), kept per day as the public page
 * keeps them, with the running counts their sum. Answers that already have
 * votes are left alone.
 */
async function seedFaqVotes(trx: Executor, today: string): Promise<void> {
  const faqs = await trx.selectFrom('content_item').select(['id', 'created_at', 'helpful_yes', 'helpful_no']).where('kind', '=', 'faq').orderBy('id').execute();
  for (const [i, f] of faqs.entries()) {
    if (f.helpful_yes + f.helpful_no > 0) continue;
    const rng = rngOf('faq', i);
    const rate = 0.7 + 0.2 * rng();
    const rows: { item_id: number; day: string; yes: number; no: number }[] = [];
    // "yes" so far follows the answer's rate: each day gets what keeps the running share on it
    let votesSoFar = 0;
    let yesSoFar = 0;
    for (const day of eachDay(taipeiToday(new Date(f.created_at)), addDays(today, -1))) {
      const votes = intBetween(rng, 0, 3);
      if (votes === 0) continue;
      votesSoFar += votes;
      const yes = Math.round(votesSoFar * rate) - yesSoFar;
      yesSoFar += yes;
      rows.push({ item_id: f.id, day, yes, no: votes - yes });
    }
    for (let k = 0; k < rows.length; k += 200) await trx.insertInto('content_feedback').values(rows.slice(k, k + 200)).execute();
    const yes = rows.reduce((n, r) => n + r.yes, 0);
    const no = rows.reduce((n, r) => n + r.no, 0);
    await trx.updateTable('content_item').set({ helpful_yes: yes, helpful_no: no }).where('id', '=', f.id).execute();
  }
}
