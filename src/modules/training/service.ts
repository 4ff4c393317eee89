import { type Database, type Executor, isUniqueViolation, writeTransaction } from '../../db/index.js';
import { can, type StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { draw, isLate, isRight, parseJsonList, percent, type QuestionInput, type QuizInput, type RecordInput, YEARLY_HOURS } from './model.js';
import * as repo from './repo.js';

// ---- question bank -------------------------------------------------------------

/** A new question (revision 1), or the next revision of one: past attempts keep the revision they drew. */
export async function saveQuestion(database: Database, id: number | null, officeId: number | null, input: QuestionInput, by: StaffPrincipal, now: Date): Promise<number> {
  const at = now.toISOString();
  return writeTransaction(database, async (trx) => {
    const text = { stem: input.stem, options: input.options, correct: input.correct, explanation: input.explanation, basis: input.basis, savedBy: by.id, at };
    if (id === null) {
      const qid = await repo.insertQuestion(trx, { officeId, kind: input.kind, topic: input.topic, at });
      await repo.insertRevision(trx, { questionId: qid, revision: 1, ...text });
      return qid;
    }
    const current = await repo.questionById(trx, id);
    if (!current) throw new AppError('not_found', 'error.notFound.title');
    if (!(await repo.bumpRevision(trx, id, current.revision, input.kind, input.topic, at))) throw new AppError('conflict', 'training.err.savedMeanwhile');
    await repo.insertRevision(trx, { questionId: id, revision: current.revision + 1, ...text });
    return id;
  });
}

export interface Difficulty {
  answered: number;
  right: number;
  /** share answered right, percent; null when nobody answered it */
  share: number | null;
}

/** Per question: of the submitted attempts that drew it, the share that answered it right. */
export async function difficultyOf(db: Executor, questionIds: number[]): Promise<Map<number, Difficulty>> {
  const rows = await repo.difficulty(db, questionIds);
  return new Map(
    rows.map((r) => {
      const answered = Number(r.answered);
      const right = Number(r.right ?? 0);
      return [r.question_id, { answered, right, share: percent(right, answered) }];
    }),
  );
}

export async function createQuiz(database: Database, officeId: number | null, input: QuizInput, by: StaffPrincipal, now: Date): Promise<number> {
  return writeTransaction(database, (trx) => repo.insertQuiz(trx, { officeId, title: input.title, topics: input.topics, count: input.questionCount, limit: input.timeLimit, pass: input.passPercent, by: by.id, at: now.toISOString() }));
}

// ---- attempts --------------------------------------------------------------------

/**
 * Starts an attempt, or returns the one already open: the questions are
 * drawn at random from the quiz's topics (the office's and the county's
 * active questions) and stored with their revision and correct set. Two
 * starts at once make one attempt: the database's partial unique index
 * refuses the second, which then finds the first.
 */
export async function startAttempt(database: Database, quizId: number, staff: StaffPrincipal, officeId: number, now: Date, random: () => number = Math.random): Promise<number> {
  try {
    return await writeTransaction(database, async (trx) => {
      const open = await repo.openAttempt(trx, quizId, staff.id);
      if (open) return open.id;
      const quiz = await repo.quizById(trx, quizId);
      if (quiz?.active !== 1 || (quiz.office_id !== null && quiz.office_id !== officeId)) throw new AppError('not_found', 'error.notFound.title');
      const pool = await repo.drawable(trx, officeId, JSON.parse(quiz.topics) as string[]);
      const picked = draw(pool, quiz.question_count, random);
      if (picked.length === 0) throw new AppError('conflict', 'training.err.noQuestions');
      const deadline = new Date(now.getTime() + quiz.time_limit_minutes * 60_000).toISOString();
      const id = await repo.insertAttempt(trx, { quizId, staffId: staff.id, officeId, at: now.toISOString(), deadline, total: picked.length });
      await repo.insertItems(trx, id, picked.map((q) => ({ questionId: q.id, revId: q.rev_id, correct: q.correct })));
      return id;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const open = await repo.openAttempt(database.db, quizId, staff.id);
    if (!open) throw err;
    return open.id;
  }
}

/**
 * Scores a submission: each question right only when exactly its correct
 * set (as stored when drawn) was chosen. After the time limit and the
 * grace the answers are still scored as submitted, and the attempt is
 * marked late. A second submission of the same attempt is refused.
 */
export async function submitAttempt(database: Database, attemptId: number, staff: StaffPrincipal, answers: Map<number, number[]>, now: Date): Promise<{ correct: number; total: number; late: boolean }> {
  return writeTransaction(database, async (trx) => {
    const attempt = await repo.attemptById(trx, attemptId);
    if (!attempt || attempt.staff_id !== staff.id) throw new AppError('not_found', 'error.notFound.title');
    if (attempt.status !== 'open') throw new AppError('conflict', 'training.err.submitted');
    const items = await repo.itemsOf(trx, attemptId);
    let correct = 0;
    for (const it of items) {
      const answer = [...new Set(answers.get(it.position) ?? [])].sort((a, b) => a - b);
      const right = isRight(answer, parseJsonList(it.correct_set));
      if (right) correct++;
      await repo.scoreItem(trx, attemptId, it.position, answer, right);
    }
    const late = isLate(attempt.deadline_at, now);
    if (!(await repo.closeAttempt(trx, attemptId, now.toISOString(), late, correct))) throw new AppError('conflict', 'training.err.submitted');
    return { correct, total: items.length, late };
  });
}

// ---- office results ----------------------------------------------------------------

export interface QuizResult {
  quizId: number;
  title: string;
  passPercent: number;
  people: number;
  attempts: number;
  /** average of each person's best score, percent */
  average: number | null;
  passed: number;
  passRate: number | null;
}

/**
 * An office's results per quiz: each person counts once, with their best
 * submitted attempt (late ones included, marked on their own pages); the
 * average is of those best scores, and a person passed when their best
 * reached the quiz's pass mark.
 */
export function quizResults(rows: { quiz_id: number; title: string; pass_percent: number; staff_id: number; correct: number | null; total: number }[]): QuizResult[] {
  const byQuiz = new Map<number, QuizResult & { best: Map<number, number> }>();
  for (const r of rows) {
    const q = byQuiz.get(r.quiz_id) ?? { quizId: r.quiz_id, title: r.title, passPercent: r.pass_percent, people: 0, attempts: 0, average: null, passed: 0, passRate: null, best: new Map<number, number>() };
    byQuiz.set(r.quiz_id, q);
    q.attempts++;
    const score = percent(r.correct ?? 0, r.total) ?? 0;
    q.best.set(r.staff_id, Math.max(score, q.best.get(r.staff_id) ?? -1));
  }
  return [...byQuiz.values()].map(({ best, ...q }) => {
    const scores = [...best.values()];
    const passed = scores.filter((s) => s >= q.passPercent).length;
    const sum = scores.reduce((a, b) => a + b, 0);
    return { ...q, people: scores.length, passed, average: scores.length ? Math.round((sum / scores.length) * 10) / 10 : null, passRate: percent(passed, scores.length) };
  });
}

export interface HoursRow {
  staffId: number;
  name: string;
  records: number;
  hoursCenti: number;
  meets: boolean;
}

/** Hours per person (everyone listed, with zero), and the office's totals: the sum of the rows. */
export function hoursTotals(people: { id: number; display_name: string }[], records: { staff_id: number; hours_centi: number }[]) {
  const rows: HoursRow[] = people.map((p) => {
    const own = records.filter((r) => r.staff_id === p.id);
    const hoursCenti = own.reduce((n, r) => n + r.hours_centi, 0);
    return { staffId: p.id, name: p.display_name, records: own.length, hoursCenti, meets: hoursCenti >= YEARLY_HOURS * 100 };
  });
  const hoursCenti = rows.reduce((n, r) => n + r.hoursCenti, 0);
  const meeting = rows.filter((r) => r.meets).length;
  return { rows, total: { people: rows.length, records: rows.reduce((n, r) => n + r.records, 0), hoursCenti, meeting, meetingShare: percent(meeting, rows.length), perPersonCenti: rows.length ? Math.round(hoursCenti / rows.length) : null } };
}

// ---- training records -------------------------------------------------------------------

export async function addRecord(database: Database, staffId: number, officeId: number, input: RecordInput, file: { name: string; mime: string; bytes: Uint8Array } | null, by: StaffPrincipal, now: Date): Promise<number> {
  return writeTransaction(database, (trx) =>
    repo.insertRecord(trx, { staffId, officeId, title: input.title, provider: input.provider, mode: input.mode, startDate: input.startDate, endDate: input.endDate, hoursCenti: input.hours, certificateNo: input.certificateNo ?? null, file, by: by.id, at: now.toISOString() }),
  );
}

export const canManage = (staff: StaffPrincipal): boolean => can(staff.role, 'knowledge.manage');
