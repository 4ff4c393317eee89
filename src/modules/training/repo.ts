import type { Executor } from '../../db/index.js';

// ---- question bank ---------------------------------------------------------

/** The bank an office sees: its own questions and the county's (office_id null), with their current revision. */
export function questionsFor(db: Executor, officeIds: number[]) {
  return db
    .selectFrom('training_question as q')
    .innerJoin('training_question_rev as r', (j) => j.onRef('r.question_id', '=', 'q.id').onRef('r.revision', '=', 'q.revision'))
    .select(['q.id', 'q.office_id', 'q.kind', 'q.topic', 'q.revision', 'q.active', 'r.id as rev_id', 'r.stem', 'r.options', 'r.correct', 'r.explanation', 'r.basis', 'r.ruling_id'])
    .where((eb) => eb.or([eb('q.office_id', 'is', null), eb('q.office_id', 'in', officeIds.length ? officeIds : [0])]))
    .orderBy('q.topic')
    .orderBy('q.id')
    .execute();
}

export function questionById(db: Executor, id: number) {
  return db
    .selectFrom('training_question as q')
    .innerJoin('training_question_rev as r', (j) => j.onRef('r.question_id', '=', 'q.id').onRef('r.revision', '=', 'q.revision'))
    .select(['q.id', 'q.office_id', 'q.kind', 'q.topic', 'q.revision', 'r.stem', 'r.options', 'r.correct', 'r.explanation', 'r.basis'])
    .where('q.id', '=', id)
    .executeTakeFirst();
}

export async function insertQuestion(db: Executor, q: { officeId: number | null; kind: string; topic: string; at: string }) {
  const r = await db
    .insertInto('training_question')
    .values({ office_id: q.officeId, kind: q.kind, topic: q.topic, revision: 1, active: 1, created_at: q.at, updated_at: q.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertRevision(db: Executor, r: { questionId: number; revision: number; stem: string; options: string[]; correct: number[]; explanation: string; basis: string; savedBy: number | null; at: string }) {
  await db
    .insertInto('training_question_rev')
    .values({ question_id: r.questionId, revision: r.revision, stem: r.stem, options: JSON.stringify(r.options), correct: JSON.stringify(r.correct), explanation: r.explanation, basis: r.basis, ruling_id: null, saved_by: r.savedBy, saved_at: r.at })
    .execute();
}

/** Moves the question to its next revision; false when someone else saved first (the revision asked for is gone). */
export async function bumpRevision(db: Executor, id: number, from: number, kind: string, topic: string, at: string): Promise<boolean> {
  const r = await db.updateTable('training_question').set({ revision: from + 1, kind, topic, updated_at: at }).where('id', '=', id).where('revision', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Per question: attempts that answered it (submitted) and how many of those were right. */
export function difficulty(db: Executor, questionIds: number[]) {
  return db
    .selectFrom('training_attempt_item')
    .where('question_id', 'in', questionIds.length ? questionIds : [0])
    .where('is_right', 'is not', null)
    .select((eb) => ['question_id', eb.fn.countAll<number | string>().as('answered'), eb.fn.sum<number | string | null>('is_right').as('right')])
    .groupBy('question_id')
    .execute();
}

// ---- quizzes and attempts ----------------------------------------------------

export function quizzesFor(db: Executor, officeIds: number[]) {
  return db
    .selectFrom('training_quiz')
    .selectAll()
    .where((eb) => eb.or([eb('office_id', 'is', null), eb('office_id', 'in', officeIds.length ? officeIds : [0])]))
    .orderBy('id', 'desc')
    .execute();
}

export const quizById = (db: Executor, id: number) => db.selectFrom('training_quiz').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertQuiz(db: Executor, q: { officeId: number | null; title: string; topics: string[]; count: number; limit: number; pass: number; by: number | null; at: string }) {
  const r = await db
    .insertInto('training_quiz')
    .values({ office_id: q.officeId, title: q.title, topics: JSON.stringify(q.topics), question_count: q.count, time_limit_minutes: q.limit, pass_percent: q.pass, active: 1, created_by: q.by, created_at: q.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Active questions (current revisions) of the topics an office may draw from. */
export function drawable(db: Executor, officeId: number, topics: string[]) {
  return db
    .selectFrom('training_question as q')
    .innerJoin('training_question_rev as r', (j) => j.onRef('r.question_id', '=', 'q.id').onRef('r.revision', '=', 'q.revision'))
    .select(['q.id', 'r.id as rev_id', 'r.correct'])
    .where('q.active', '=', 1)
    .where('q.topic', 'in', topics.length ? topics : [''])
    .where((eb) => eb.or([eb('q.office_id', 'is', null), eb('q.office_id', '=', officeId)]))
    .orderBy('q.id')
    .execute();
}

export const openAttempt = (db: Executor, quizId: number, staffId: number) =>
  db.selectFrom('training_attempt').select('id').where('quiz_id', '=', quizId).where('staff_id', '=', staffId).where('status', '=', 'open').executeTakeFirst();

export async function insertAttempt(db: Executor, a: { quizId: number; staffId: number; officeId: number; at: string; deadline: string; total: number }) {
  const r = await db
    .insertInto('training_attempt')
    .values({ quiz_id: a.quizId, staff_id: a.staffId, office_id: a.officeId, status: 'open', started_at: a.at, deadline_at: a.deadline, submitted_at: null, late: 0, correct: null, total: a.total })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertItems(db: Executor, attemptId: number, items: { questionId: number; revId: number; correct: string }[]) {
  if (!items.length) return;
  await db
    .insertInto('training_attempt_item')
    .values(items.map((it, i) => ({ attempt_id: attemptId, position: i + 1, question_id: it.questionId, rev_id: it.revId, answer: null, correct_set: it.correct, is_right: null })))
    .execute();
}

export const attemptById = (db: Executor, id: number) => db.selectFrom('training_attempt').selectAll().where('id', '=', id).executeTakeFirst();

export function itemsOf(db: Executor, attemptId: number) {
  return db
    .selectFrom('training_attempt_item as i')
    .innerJoin('training_question_rev as r', 'r.id', 'i.rev_id')
    .innerJoin('training_question as q', 'q.id', 'i.question_id')
    .select(['i.position', 'i.question_id', 'i.answer', 'i.correct_set', 'i.is_right', 'q.kind', 'r.stem', 'r.options', 'r.explanation', 'r.basis'])
    .where('i.attempt_id', '=', attemptId)
    .orderBy('i.position')
    .execute();
}

export async function scoreItem(db: Executor, attemptId: number, position: number, answer: number[], right: boolean) {
  await db.updateTable('training_attempt_item').set({ answer: JSON.stringify(answer), is_right: right ? 1 : 0 }).where('attempt_id', '=', attemptId).where('position', '=', position).execute();
}

/** Open → submitted, once: false when it was already submitted (a second click, a second tab). */
export async function closeAttempt(db: Executor, id: number, at: string, late: boolean, correct: number): Promise<boolean> {
  const r = await db.updateTable('training_attempt').set({ status: 'submitted', submitted_at: at, late: late ? 1 : 0, correct }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function attemptsOfStaff(db: Executor, staffId: number) {
  return db
    .selectFrom('training_attempt as a')
    .innerJoin('training_quiz as z', 'z.id', 'a.quiz_id')
    .select(['a.id', 'a.quiz_id', 'z.title', 'z.pass_percent', 'a.status', 'a.started_at', 'a.submitted_at', 'a.late', 'a.correct', 'a.total'])
    .where('a.staff_id', '=', staffId)
    .orderBy('a.started_at', 'desc')
    .execute();
}

/** Submitted attempts of an office's people in [start, end) (instants), with the quiz's pass mark. */
export function submittedIn(db: Executor, officeIds: number[], start: string, end: string) {
  return db
    .selectFrom('training_attempt as a')
    .innerJoin('training_quiz as z', 'z.id', 'a.quiz_id')
    .select(['a.id', 'a.quiz_id', 'a.staff_id', 'a.office_id', 'a.correct', 'a.total', 'a.late', 'a.submitted_at', 'z.pass_percent', 'z.title'])
    .where('a.office_id', 'in', officeIds.length ? officeIds : [0])
    .where('a.status', '=', 'submitted')
    .where('a.submitted_at', '>=', start)
    .where('a.submitted_at', '<', end)
    .orderBy('a.id')
    .execute();
}

// ---- training records ----------------------------------------------------------

export async function insertRecord(db: Executor, r: { staffId: number; officeId: number; title: string; provider: string; mode: string; startDate: string; endDate: string; hoursCenti: number; certificateNo: string | null; file: { name: string; mime: string; bytes: Uint8Array } | null; by: number; at: string }) {
  const row = await db
    .insertInto('training_record')
    .values({
      staff_id: r.staffId,
      office_id: r.officeId,
      title: r.title,
      provider: r.provider,
      mode: r.mode,
      start_date: r.startDate,
      end_date: r.endDate,
      hours_centi: r.hoursCenti,
      certificate_no: r.certificateNo,
      file_name: r.file?.name ?? null,
      file_mime: r.file?.mime ?? null,
      file_size: r.file?.bytes.length ?? null,
      file: r.file?.bytes ?? null,
      recorded_by: r.by,
      created_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const RECORD = ['id', 'staff_id', 'office_id', 'title', 'provider', 'mode', 'start_date', 'end_date', 'hours_centi', 'certificate_no', 'file_name', 'file_size'] as const;

/** Records that start in [from, to] (dates), of some people or of some offices. */
export function recordsIn(db: Executor, by: { staffId?: number; officeIds?: number[] }, from: string, to: string) {
  let q = db.selectFrom('training_record').select(RECORD).where('start_date', '>=', from).where('start_date', '<=', to);
  if (by.staffId !== undefined) q = q.where('staff_id', '=', by.staffId);
  if (by.officeIds) q = q.where('office_id', 'in', by.officeIds.length ? by.officeIds : [0]);
  return q.orderBy('start_date', 'desc').orderBy('id', 'desc').execute();
}

export const recordFile = (db: Executor, id: number) => db.selectFrom('training_record').select(['staff_id', 'office_id', 'file', 'file_name', 'file_mime']).where('id', '=', id).executeTakeFirst();
