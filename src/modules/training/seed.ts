import type { Executor } from '../../db/index.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import { isRight } from './model.js';
import * as repo from './repo.js';
import { SEED_QUESTIONS } from './seed-questions.js';

/** A fixed generator, so the demo draws the same questions every time. */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

// who took which quiz, and how many of the drawn questions they answered wrong (the last ones)
const ATTEMPTS: { user: string; quiz: 0 | 1; wrong: number; daysAgo: number }[] = [
  { user: 'clerk.zhubei', quiz: 0, wrong: 3, daysAgo: 20 },
  { user: 'clerk.zhubei', quiz: 0, wrong: 1, daysAgo: 10 },
  { user: 'supervisor.zhubei', quiz: 0, wrong: 0, daysAgo: 12 },
  { user: 'director.zhubei', quiz: 1, wrong: 1, daysAgo: 8 },
  { user: 'clerk.jianshi', quiz: 0, wrong: 4, daysAgo: 15 },
  { user: 'director.jianshi', quiz: 0, wrong: 2, daysAgo: 9 },
];

const RECORDS: { user: string; title: string; provider: string; mode: 'internal' | 'external'; daysAgo: number; hours: number; cert?: string }[] = [
  { user: 'clerk.zhubei', title: '戶籍法規實務研習', provider: '新竹縣政府民政處', mode: 'external', daysAgo: 40, hours: 800, cert: '竹縣民研字第1150001號' },
  { user: 'clerk.zhubei', title: '為民服務禮儀', provider: '本所', mode: 'internal', daysAgo: 25, hours: 350 },
  { user: 'supervisor.zhubei', title: '個人資料保護法研習', provider: '國家文官學院', mode: 'external', daysAgo: 60, hours: 1200 },
  { user: 'supervisor.zhubei', title: '戶政資訊系統操作', provider: '內政部戶政司', mode: 'external', daysAgo: 30, hours: 900 },
  { user: 'director.zhubei', title: '服務品質與創新', provider: 'e等公務園+學習平臺', mode: 'external', daysAgo: 35, hours: 600 },
  { user: 'clerk.jianshi', title: '原住民族傳統名字登記實務', provider: '新竹縣政府民政處', mode: 'external', daysAgo: 50, hours: 1400 },
  { user: 'clerk.jianshi', title: '到宅服務安全', provider: '本所', mode: 'internal', daysAgo: 20, hours: 700 },
  { user: 'director.jianshi', title: '性別主流化', provider: 'e等公務園+學習平臺', mode: 'external', daysAgo: 45, hours: 300 },
];

/** The demo bank (county-wide), a county quiz and a 竹北 one, a few submitted attempts and training entries. */
export async function seedTraining(trx: Executor, now: Date): Promise<void> {
  const at = now.toISOString();
  for (const s of SEED_QUESTIONS) {
    const id = await repo.insertQuestion(trx, { officeId: null, kind: s.kind, topic: s.topic, at });
    await repo.insertRevision(trx, { questionId: id, revision: 1, stem: s.stem, options: s.options, correct: s.correct, explanation: s.explanation, basis: s.basis, savedBy: null, at });
  }
  const offices = new Map((await trx.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
  const staff = new Map((await trx.selectFrom('staff').select(['id', 'username', 'office_id']).execute()).map((p) => [p.username, p]));
  const zhubei = offices.get('zhubei') ?? null;
  const quizzes = [
    await repo.insertQuiz(trx, { officeId: null, title: '年度戶政法規測驗', topics: ['deadlines', 'fines', 'fees', 'registration', 'id_card'], count: 10, limit: 20, pass: 80, by: null, at }),
    await repo.insertQuiz(trx, { officeId: zhubei, title: '規費與罰鍰小測驗', topics: ['fees', 'fines'], count: 5, limit: 10, pass: 60, by: null, at }),
  ];
  const random = lcg(20);
  for (const a of ATTEMPTS) {
    const person = staff.get(a.user);
    if (!person?.office_id) continue;
    const quiz = await repo.quizById(trx, quizzes[a.quiz] as number);
    if (!quiz) continue;
    const pool = await repo.drawable(trx, person.office_id, JSON.parse(quiz.topics) as string[]);
    const picked = [...pool].sort(() => random() - 0.5).slice(0, quiz.question_count);
    const started = new Date(now.getTime() - a.daysAgo * 86_400_000);
    const id = await repo.insertAttempt(trx, { quizId: quiz.id, staffId: person.id, officeId: person.office_id, at: started.toISOString(), deadline: new Date(started.getTime() + quiz.time_limit_minutes * 60_000).toISOString(), total: picked.length });
    await repo.insertItems(trx, id, picked.map((p) => ({ questionId: p.id, revId: p.rev_id, correct: p.correct })));
    let right = 0;
    for (const [i, p] of picked.entries()) {
      const correct = JSON.parse(p.correct) as number[];
      // a wrong answer: the first option that is not right (a partly right set for multiple choice)
      const answer = i >= picked.length - a.wrong ? (correct.length > 1 ? correct.slice(0, 1) : [correct[0] === 0 ? 1 : 0]) : correct;
      if (isRight(answer, correct)) right++;
      await repo.scoreItem(trx, id, i + 1, answer, isRight(answer, correct));
    }
    await repo.closeAttempt(trx, id, new Date(started.getTime() + 12 * 60_000).toISOString(), false, right);
  }
  const today = taipeiToday(now);
  for (const r of RECORDS) {
    const person = staff.get(r.user);
    if (!person?.office_id) continue;
    const day = addDays(today, -r.daysAgo);
    await repo.insertRecord(trx, { staffId: person.id, officeId: person.office_id, title: r.title, provider: r.provider, mode: r.mode, startDate: day, endDate: day, hoursCenti: r.hours, certificateNo: r.cert ?? null, file: null, by: person.id, at });
  }
}
