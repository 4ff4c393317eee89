import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, RadioGroup, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { type Column, Table } from '../../../platform/layout/Table.js';
import { QUESTION_KINDS, QUIZ_TOPICS } from '../model.js';
import { type AttemptRow, carriedOffice, crumbsTo, letter, scoreText, withOffice } from './common.js';

/** The hidden `office` of a form, when there is one to carry. */
const OfficeHidden = ({ office }: { office: string }) => (office ? <input type="hidden" name="office" value={office} /> : null);

export interface AttemptQuestion {
  position: number;
  kind: string;
  stem: string;
  options: string[];
  answer: number[] | null;
  correct: number[];
  right: boolean | null;
  explanation: string;
  basis: string;
}

/** The home: quizzes to take, and links to one's history and, for managers, the bank and the results. */
export function TrainingHome({ ctx, quizzes, open, manage, staffId, choice }: { ctx: ViewContext; quizzes: { id: number; title: string; count: number; minutes: number; pass: number }[]; open: Map<number, number>; manage: boolean; staffId: number; choice: OfficeChoice }) {
  const { t } = ctx;
  const o = carriedOffice(choice);
  return (
    <Shell ctx={ctx} title={t('training.title')} variant="staff" crumbs={crumbsTo(ctx)} styles={['training.css']}>
      <h1>{t('training.title')}</h1>
      <OfficePicker ctx={ctx} action="/staff/training" choice={choice} />
      <ul class="link-list">
        <li>
          <a href={withOffice(`/staff/training/people/${staffId}`, o)}>{t('training.myHistory')}</a>
        </li>
        <li>
          <a href={withOffice('/staff/training/records/new', o)}>{t('training.newRecord')}</a>
        </li>
        {manage ? (
          <>
            <li>
              <a href={withOffice('/staff/training/questions', o)}>{t('training.bank')}</a>
            </li>
            <li>
              <a href={withOffice('/staff/training/quizzes', o)}>{t('training.manageQuizzes')}</a>
            </li>
            <li>
              <a href={withOffice('/staff/training/results', o)}>{t('training.results')}</a>
            </li>
          </>
        ) : null}
      </ul>
      <h2>{t('training.quizzes')}</h2>
      {quizzes.length === 0 ? <p class="muted">{t('training.noQuizzes')}</p> : null}
      {quizzes.map((q) => (
        <form key={q.id} method="post" action={`/staff/training/quizzes/${q.id}/start`} class="training-quiz">
          <CsrfField ctx={ctx} />
          <OfficeHidden office={o} />
          <h3>{q.title}</h3>
          <p>{t('training.quizRow', { count: q.count, minutes: q.minutes, pass: q.pass })}</p>
          <Button variant="secondary">{open.has(q.id) ? t('training.resume') : t('training.start')}</Button>
        </form>
      ))}
    </Shell>
  );
}

/** One page with every question: radios for single choice, checkboxes for multiple choice. */
export function AttemptForm({ ctx, id, title, deadline, minutes, questions }: { ctx: ViewContext; id: number; title: string; deadline: string; minutes: number; questions: AttemptQuestion[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbsTo(ctx, title)} styles={['training.css']}>
      <h1>{title}</h1>
      <p class="lead">{t('training.timeLimit', { minutes, deadline: showInstant(deadline, ctx.locale) })}</p>
      <p>{t('training.allOrNothing')}</p>
      <form method="post" action={`/staff/training/attempts/${id}`} class="form">
        <CsrfField ctx={ctx} />
        {questions.map((q) => {
          const props = { ctx, name: `q${q.position}`, required: false, label: `${q.position}. ${q.stem}（${t(q.kind === 'multiple' ? 'training.multiple' : 'training.single')}）`, options: q.options.map((o, i) => ({ value: String(i), label: `(${letter(i)}) ${o}` })) };
          return q.kind === 'multiple' ? <CheckboxGroup key={q.position} {...props} /> : <RadioGroup key={q.position} {...props} />;
        })}
        <Button>{t('training.submit')}</Button>
      </form>
    </Shell>
  );
}

const chosen = (ctx: ViewContext, list: number[] | null) => (list?.length ? list.map((i) => `(${letter(i)})`).join(' ') : ctx.t('training.none'));

/** A submitted attempt: the score, and each question right or wrong with its answer, explanation and basis. */
export function AttemptResult({ ctx, title, a, questions }: { ctx: ViewContext; title: string; a: AttemptRow; questions: AttemptQuestion[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbsTo(ctx, title)} styles={['training.css']}>
      <h1>
        {title}：{t('training.result')}
      </h1>
      <p class="lead" id="score">
        {scoreText(ctx, a.correct, a.total)}
        {a.late ? <span class="tag tag-warning">{t('training.late')}</span> : null}
      </p>
      <p>{t('training.allOrNothing')}</p>
      <ol class="training-review">
        {questions.map((q) => (
          <li key={q.position} class={q.right ? 'is-right' : 'is-wrong'}>
            <p>
              <strong>{q.right ? t('training.right') : t('training.wrong')}</strong>　{q.stem}
            </p>
            <ol class="training-options">
              {q.options.map((o, i) => (
                <li key={o}>
                  ({letter(i)}) {o}
                </li>
              ))}
            </ol>
            <p>
              {t('training.yourAnswer')}：{chosen(ctx, q.answer)}　{t('training.correctAnswer')}：{chosen(ctx, q.correct)}
            </p>
            <p>
              {t('training.explanation')}：{q.explanation}
            </p>
            <p>
              {t('training.basis')}：{q.basis}
            </p>
          </li>
        ))}
      </ol>
    </Shell>
  );
}

export interface BankRow {
  id: number;
  topic: string;
  kind: string;
  stem: string;
  basis: string;
  scope: string;
  revision: number;
  difficulty: string;
}

export function BankPage({ ctx, rows, choice }: { ctx: ViewContext; rows: BankRow[]; choice: OfficeChoice }) {
  const { t } = ctx;
  const o = carriedOffice(choice);
  const columns: Column<BankRow>[] = [
    { header: t('training.stem'), cell: (r) => <a href={withOffice(`/staff/training/questions/${r.id}`, o)}>{r.stem}</a> },
    { header: t('training.topic'), cell: (r) => t(`training.topic.${r.topic}`) },
    { header: t('training.kind'), cell: (r) => t(`training.${r.kind}`) },
    { header: t('training.basis'), cell: (r) => r.basis },
    { header: t('training.scope'), cell: (r) => r.scope },
    { header: t('training.difficulty'), cell: (r) => r.difficulty, numeric: true },
  ];
  return (
    <Shell ctx={ctx} title={t('training.bank')} variant="staff" crumbs={crumbsTo(ctx, t('training.bank'), o)}>
      <h1>{t('training.bank')}</h1>
      <OfficePicker ctx={ctx} action="/staff/training/questions" choice={choice} />
      <p>
        <a class="button button-secondary" href={withOffice('/staff/training/questions/new', o)}>
          {t('training.newQuestion')}
        </a>
      </p>
      <Table ctx={ctx} caption={t('training.bank')} columns={columns} rows={rows} rowKey={(r) => r.id} />
    </Shell>
  );
}

export function QuestionForm({ ctx, id, revision, state, scopes, office }: { ctx: ViewContext; id: number | null; revision: number | null; state: FormState; scopes: { value: string; label: string }[]; office: string }) {
  const { t } = ctx;
  const title = id === null ? t('training.newQuestion') : t('training.editQuestion');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbsTo(ctx, title, office)}>
      <h1>{title}</h1>
      {revision !== null ? (
        <p>
          {t('training.revision', { n: revision })}　{t('training.revisionNote')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={id === null ? '/staff/training/questions' : `/staff/training/questions/${id}`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <OfficeHidden office={office} />
        {id === null ? <SelectField ctx={ctx} state={state} name="scope" label={t('training.scope')} options={scopes} /> : null}
        <RadioGroup ctx={ctx} state={state} name="kind" label={t('training.kind')} inline options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`training.${k}`) }))} />
        <SelectField ctx={ctx} state={state} name="topic" label={t('training.topic')} options={QUIZ_TOPICS.map((k) => ({ value: k, label: t(`training.topic.${k}`) }))} />
        <TextArea ctx={ctx} state={state} name="stem" label={t('training.stem')} rows={3} maxLength={1000} />
        <TextArea ctx={ctx} state={state} name="options" label={t('training.options')} hint={t('training.optionsHint')} rows={6} maxLength={3000} />
        <CheckboxGroup ctx={ctx} state={state} name="correct" label={t('training.correct')} hint={t('training.correctHint')} inline options={[1, 2, 3, 4, 5, 6].map((n) => ({ value: String(n), label: String(n) }))} />
        <TextArea ctx={ctx} state={state} name="explanation" label={t('training.explanation')} rows={3} maxLength={2000} />
        <TextField ctx={ctx} state={state} name="basis" label={t('training.basis')} hint={t('training.basisHint')} width="medium" maxLength={200} />
        <Button>{t('training.save')}</Button>
      </form>
    </Shell>
  );
}

export function QuizzesPage({ ctx, quizzes, state, scopes, choice }: { ctx: ViewContext; quizzes: { id: number; title: string; row: string; scope: string }[]; state: FormState; scopes: { value: string; label: string }[]; choice: OfficeChoice }) {
  const { t } = ctx;
  const o = carriedOffice(choice);
  return (
    <Shell ctx={ctx} title={t('training.manageQuizzes')} variant="staff" crumbs={crumbsTo(ctx, t('training.manageQuizzes'), o)}>
      <h1>{t('training.manageQuizzes')}</h1>
      <OfficePicker ctx={ctx} action="/staff/training/quizzes" choice={choice} />
      <Table ctx={ctx} caption={t('training.quizzes')} rows={quizzes} rowKey={(q) => q.id} columns={[{ header: t('training.quizTitle'), cell: (q) => q.title }, { header: t('training.quizzes'), cell: (q) => q.row }, { header: t('training.scope'), cell: (q) => q.scope }]} />
      <h2>{t('training.newQuiz')}</h2>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/training/quizzes" class="form" novalidate>
        <CsrfField ctx={ctx} />
        <OfficeHidden office={o} />
        <SelectField ctx={ctx} state={state} name="scope" label={t('training.scope')} options={scopes} />
        <TextField ctx={ctx} state={state} name="title" label={t('training.quizTitle')} maxLength={200} />
        <CheckboxGroup ctx={ctx} state={state} name="topics" label={t('training.topics')} options={QUIZ_TOPICS.map((k) => ({ value: k, label: t(`training.topic.${k}`) }))} />
        <TextField ctx={ctx} state={state} name="questionCount" label={t('training.questionCount')} hint={t('training.questionCountHint')} width="short" inputMode="numeric" />
        <TextField ctx={ctx} state={state} name="timeLimit" label={t('training.timeLimitField')} width="short" inputMode="numeric" />
        <TextField ctx={ctx} state={state} name="passPercent" label={t('training.passPercent')} width="short" inputMode="numeric" />
        <Button>{t('training.save')}</Button>
      </form>
    </Shell>
  );
}
