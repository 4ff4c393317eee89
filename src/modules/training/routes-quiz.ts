import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { forbidden, listChoice, managesOffice, workChoice, writesCounty } from './access.js';
import { parseJsonList, parseTextList, type QuestionKind, questionSchema, quizSchema } from './model.js';
import * as repo from './repo.js';
import * as training from './service.js';
import { type AttemptRow, carriedOffice, withOffice } from './views/common.js';
import { AttemptForm, type AttemptQuestion, AttemptResult, BankPage, QuestionForm, QuizzesPage, TrainingHome } from './views/quiz.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });
// answers: q<position> → one option index (radio) or several (checkboxes)
const answersSchema = z.record(z.string().max(200), z.union([z.string().max(200), z.array(z.string().max(200)).max(10)]));

function answersOf(body: unknown): Map<number, number[]> {
  const parsed = answersSchema.safeParse(body ?? {});
  const out = new Map<number, number[]>();
  if (!parsed.success) return out;
  for (const [k, v] of Object.entries(parsed.data)) {
    const m = /^q(\d{1,3})$/.exec(k);
    if (!m) continue;
    const picks = (Array.isArray(v) ? v : [v]).map(Number).filter((n) => Number.isInteger(n) && n >= 0 && n < 6);
    out.set(Number(m[1]), picks);
  }
  return out;
}

/** The law quiz: take it, see the result; managers keep the bank and the quizzes. */
export function quizRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const view = { preHandler: requireStaff('knowledge.view') };
  const manage = { preHandler: requireStaff('knowledge.manage') };

  /** The offices one may write for: covered ones, plus the county for county staff. */
  async function scopes(req: FastifyRequest) {
    const offices = (await staffOffices(db, req)).map((o) => ({ value: String(o.id), label: o.name }));
    return writesCounty(req) ? [{ value: 'county', label: req.t('training.scope.county') }, ...offices] : offices;
  }
  async function scopeOffice(req: FastifyRequest, scope: string | undefined): Promise<number | null> {
    const allowed = await scopes(req);
    const hit = allowed.find((o) => o.value === scope) ?? allowed.find((o) => o.value !== 'county');
    if (!hit) throw forbidden();
    return hit.value === 'county' ? null : Number(hit.value);
  }

  app.get('/staff/training', view, async (req, reply) => {
    const me = principal(req);
    const { office, choice } = await workChoice(db, req);
    const quizzes = (await repo.quizzesFor(db, [office.id])).filter((q) => q.active === 1);
    const open = new Map((await repo.attemptsOfStaff(db, me.id)).filter((a) => a.status === 'open').map((a) => [a.quiz_id, a.id]));
    const rows = quizzes.map((q) => ({ id: q.id, title: q.title, count: q.question_count, minutes: q.time_limit_minutes, pass: q.pass_percent }));
    return reply.render(TrainingHome({ ctx: await req.view(), quizzes: rows, open, manage: training.canManage(me), staffId: me.id, choice }));
  });

  app.post('/staff/training/quizzes/:id/start', view, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    // the office the home page was switched to (its hidden `office`): the attempt counts for that office
    const { office } = await workChoice(db, req);
    const attempt = await training.startAttempt(s.database, id, principal(req), office.id, s.clock());
    return reply.redirect(`/staff/training/attempts/${attempt}`, 303);
  });

  async function questionsOf(attemptId: number): Promise<AttemptQuestion[]> {
    return (await repo.itemsOf(db, attemptId)).map((i) => ({
      position: i.position,
      kind: i.kind,
      stem: i.stem,
      options: parseTextList(i.options),
      answer: i.answer === null ? null : parseJsonList(i.answer),
      correct: parseJsonList(i.correct_set),
      right: i.is_right === null ? null : i.is_right === 1,
      explanation: i.explanation,
      basis: i.basis,
    }));
  }

  app.get('/staff/training/attempts/:id', view, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const a = await repo.attemptById(db, id);
    if (!a) return reply.callNotFound();
    const own = a.staff_id === principal(req).id;
    if (!own && !(await managesOffice(db, req, a.office_id))) throw forbidden();
    const quiz = await repo.quizById(db, a.quiz_id);
    const title = quiz?.title ?? '';
    const questions = await questionsOf(id);
    if (a.status === 'open') {
      if (!own) throw forbidden();
      return reply.header('cache-control', 'no-store').render(AttemptForm({ ctx: await req.view(), id, title, deadline: a.deadline_at, minutes: quiz?.time_limit_minutes ?? 0, questions }));
    }
    const row: AttemptRow = { id, title, status: a.status, startedAt: a.started_at, submittedAt: a.submitted_at, late: a.late === 1, correct: a.correct, total: a.total, passPercent: quiz?.pass_percent ?? 100 };
    return reply.render(AttemptResult({ ctx: await req.view(), title, a: row, questions }));
  });

  app.post('/staff/training/attempts/:id', view, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    await training.submitAttempt(s.database, id, principal(req), answersOf(req.body), s.clock());
    return reply.redirect(`/staff/training/attempts/${id}`, 303);
  });

  // ---- the bank --------------------------------------------------------------------
  app.get('/staff/training/questions', manage, async (req, reply) => {
    const { all: offices, ids, choice } = await listChoice(db, req);
    const questions = await repo.questionsFor(db, ids);
    const diff = await training.difficultyOf(db, questions.map((q) => q.id));
    const names = new Map(offices.map((o) => [o.id, o.name]));
    const rows = questions.map((q) => {
      const d = diff.get(q.id);
      return { id: q.id, topic: q.topic, kind: q.kind, stem: q.stem, basis: q.basis, revision: q.revision, scope: q.office_id === null ? req.t('training.scope.county') : (names.get(q.office_id) ?? ''), difficulty: d ? req.t('training.difficultyOf', { share: d.share ?? 0, right: d.right, answered: d.answered }) : '—' };
    });
    return reply.render(BankPage({ ctx: await req.view(), rows, choice }));
  });

  /** The question form; a new question is for the office switched to (?office=, the form's hidden office) unless another scope is picked. */
  async function questionPage(req: FastifyRequest, id: number | null, revision: number | null, state: FormState) {
    const { picked, choice } = await listChoice(db, req);
    const values = id === null && !state.values.scope && picked ? { ...state.values, scope: String(picked.id) } : state.values;
    return QuestionForm({ ctx: await req.view(), id, revision, state: { ...state, values }, scopes: await scopes(req), office: carriedOffice(choice) });
  }
  /** Back to the list of the office the form came from. */
  const backTo = (req: FastifyRequest, path: string) => withOffice(path, askedOfficeCode(req) ?? '');

  app.get('/staff/training/questions/new', manage, async (req, reply) => reply.render(await questionPage(req, null, null, { values: { kind: 'single' }, errors: [] })));

  /** A question one may edit: the county's for county staff, an office's for its managers. */
  async function editable(req: FastifyRequest, id: number) {
    const q = await repo.questionById(db, id);
    if (!q) return null;
    if (q.office_id === null ? !writesCounty(req) : !(await managesOffice(db, req, q.office_id))) throw forbidden();
    return q;
  }

  app.get('/staff/training/questions/:id', manage, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const q = await editable(req, id);
    if (!q) return reply.callNotFound();
    const correct = parseJsonList(q.correct).map((c) => String(c + 1));
    const values = { kind: q.kind as QuestionKind, topic: q.topic, stem: q.stem, options: parseTextList(q.options).join('\n'), 'correct[]': correct.join('\u001f'), explanation: q.explanation, basis: q.basis };
    return reply.render(await questionPage(req, id, q.revision, { values, errors: [] }));
  });

  app.post('/staff/training/questions', manage, async (req, reply) => {
    const parsed = parseForm(questionSchema, req.body);
    if (!parsed.ok) return reply.render(await questionPage(req, null, null, parsed.state), 422);
    const officeId = await scopeOffice(req, parsed.data.scope);
    await training.saveQuestion(s.database, null, officeId, parsed.data, principal(req), s.clock());
    reply.flash('success', 'training.saved');
    return reply.redirect(backTo(req, '/staff/training/questions'), 303);
  });

  app.post('/staff/training/questions/:id', manage, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const q = await editable(req, id);
    if (!q) return reply.callNotFound();
    const parsed = parseForm(questionSchema, req.body);
    if (!parsed.ok) return reply.render(await questionPage(req, id, q.revision, { ...parsed.state, values: formValues(req.body) }), 422);
    await training.saveQuestion(s.database, id, q.office_id, parsed.data, principal(req), s.clock());
    reply.flash('success', 'training.saved');
    return reply.redirect(backTo(req, '/staff/training/questions'), 303);
  });

  // ---- quizzes ------------------------------------------------------------------------
  async function quizzesPage(req: FastifyRequest, state: FormState) {
    const { all: offices, picked, ids, choice } = await listChoice(db, req);
    const names = new Map(offices.map((o) => [o.id, o.name]));
    const values = !state.values.scope && picked ? { ...state.values, scope: String(picked.id) } : state.values;
    const quizzes = (await repo.quizzesFor(db, ids)).map((q) => ({ id: q.id, title: q.title, row: req.t('training.quizRow', { count: q.question_count, minutes: q.time_limit_minutes, pass: q.pass_percent }), scope: q.office_id === null ? req.t('training.scope.county') : (names.get(q.office_id) ?? '') }));
    return QuizzesPage({ ctx: await req.view(), quizzes, state: { ...state, values }, scopes: await scopes(req), choice });
  }
  app.get('/staff/training/quizzes', manage, async (req, reply) => reply.render(await quizzesPage(req, { values: { questionCount: '10', timeLimit: '20', passPercent: '80' }, errors: [] })));
  app.post('/staff/training/quizzes', manage, async (req, reply) => {
    const parsed = parseForm(quizSchema, req.body);
    if (!parsed.ok) return reply.render(await quizzesPage(req, parsed.state), 422);
    const officeId = await scopeOffice(req, parsed.data.scope);
    await training.createQuiz(s.database, officeId, parsed.data, principal(req), s.clock());
    reply.flash('success', 'training.saved');
    return reply.redirect(backTo(req, '/staff/training/quizzes'), 303);
  });
}
