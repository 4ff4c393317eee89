import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { OfficeField } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { RegisterScope } from '../registers-common.js';
import { FIGURES, type FigureName, figureField, type ReviewRow, SUMMARY_MAX, TITLE_MAX } from '../registers-process.js';
import { dateText, numberText, pageTitle, RegisterNav, RegTable, regCrumbs, ScopePicker, sep } from './registers-parts.js';

export interface GuideChoice {
  code: string;
  name: string;
}

/** The change as words as well as a sign: 減少 2 / 增加 1 / 不變. */
function difference(ctx: ViewContext, before: number, after: number): string {
  const d = after - before;
  if (d === 0) return ctx.t('plan.reg.process.same');
  return ctx.t(d < 0 ? 'plan.reg.process.less' : 'plan.reg.process.more', { n: numberText(Math.abs(d), ctx) });
}

function BeforeAfter({ ctx, r }: { ctx: ViewContext; r: ReviewRow }) {
  const { t } = ctx;
  return (
    <RegTable
      ctx={ctx}
      caption={t('plan.reg.process.tableCaption', { title: r.title })}
      rows={[...FIGURES]}
      rowKey={(f) => f}
      columns={[
        { header: t('plan.reg.process.figure'), cell: (f: FigureName) => t(`plan.reg.process.fig.${f}`) },
        { header: t('plan.reg.process.before'), cell: (f: FigureName) => numberText(r.before[f], ctx), numeric: true },
        { header: t('plan.reg.process.after'), cell: (f: FigureName) => numberText(r.after[f], ctx), numeric: true },
        { header: t('plan.reg.process.diff'), cell: (f: FigureName) => difference(ctx, r.before[f], r.after[f]), numeric: true },
      ]}
    />
  );
}

function labels(ctx: ViewContext): Record<string, string> {
  const { t } = ctx;
  const out: Record<string, string> = { reviewedOn: t('plan.reg.process.reviewedOn'), guide: t('plan.reg.process.guide'), title: t('plan.reg.process.title1'), summary: t('plan.reg.process.summary') };
  for (const f of FIGURES) {
    out[figureField('before', f)] = `${t('plan.reg.process.before')} ${t(`plan.reg.process.fig.${f}`)}`;
    out[figureField('after', f)] = `${t('plan.reg.process.after')} ${t(`plan.reg.process.fig.${f}`)}`;
  }
  return out;
}

function ReviewForm({ ctx, scope, guides, state }: { ctx: ViewContext; scope: RegisterScope; guides: GuideChoice[]; state: FormState }) {
  const { t } = ctx;
  const side = (s: 'before' | 'after') => (
    <fieldset class="choices action-form">
      <legend>{t(`plan.reg.process.${s}Legend`)}</legend>
      {FIGURES.map((f) => (
        <TextField key={f} ctx={ctx} state={state} name={figureField(s, f)} label={t(`plan.reg.process.fig.${f}`)} hint={f === 'minutes' ? t('plan.reg.process.minutesHint') : undefined} inputMode="numeric" width="short" maxLength={12} />
      ))}
    </fieldset>
  );
  return (
    <form method="post" action="/staff/plan/process-reviews" class="form narrow" novalidate>
      <h2>{t('plan.reg.process.add')}</h2>
      <ErrorSummary ctx={ctx} state={state} labels={labels(ctx)} />
      <CsrfField ctx={ctx} />
      <OfficeField choice={scope.choice} />
      <input type="hidden" name="year" value={String(scope.year)} />
      <TextField ctx={ctx} state={state} name="reviewedOn" label={t('plan.reg.process.reviewedOn')} hint={t('plan.reg.dateHint')} width="medium" maxLength={30} />
      <SelectField ctx={ctx} state={state} name="guide" label={t('plan.reg.process.guide')} hint={t('plan.reg.process.guideHint')} required={false} placeholder={t('plan.reg.process.noGuide')} options={guides.map((g) => ({ value: g.code, label: g.name }))} />
      <TextField ctx={ctx} state={state} name="title" label={t('plan.reg.process.title1')} hint={t('plan.reg.process.titleHint')} maxLength={TITLE_MAX} />
      {side('before')}
      {side('after')}
      <TextArea ctx={ctx} state={state} name="summary" label={t('plan.reg.process.summary')} required={false} rows={4} maxLength={SUMMARY_MAX} />
      <Button>{t('plan.reg.process.save')}</Button>
    </form>
  );
}

export function ProcessReviewsPage({ ctx, scope, rows, guides, canEdit, state }: { ctx: ViewContext; scope: RegisterScope; rows: ReviewRow[]; guides: GuideChoice[]; canEdit: boolean; state?: FormState | undefined }) {
  const { t } = ctx;
  const title = pageTitle(ctx, scope, 'plan.reg.process.title');
  const guideName = (code: string) => guides.find((g) => g.code === code)?.name ?? code;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={regCrumbs(ctx, 'process-reviews', scope)}>
      <h1>{title}</h1>
      <ScopePicker ctx={ctx} action="/staff/plan/process-reviews" choice={scope.choice} year={scope.year} today={scope.today} />
      <RegisterNav ctx={ctx} scope={scope} current="process-reviews" />
      <p class="lead">{t('plan.reg.process.lead')}</p>
      {rows.length === 0 ? <p class="empty">{t('plan.reg.empty')}</p> : null}
      {rows.map((r) => (
        <article key={r.id} class="panel">
          <h2>{r.title}</h2>
          <dl class="summary-list">
            <div>
              <dt>{t('plan.reg.process.reviewedOn')}</dt>
              <dd>{dateText(r.reviewedOn, ctx)}</dd>
            </div>
            <div>
              <dt>{t('plan.reg.process.guide')}</dt>
              <dd>{r.guideCode ? <a href={`/o/${encodeURIComponent(scope.office.code)}/guides/${encodeURIComponent(r.guideCode)}`}>{guideName(r.guideCode)}</a> : t('plan.reg.process.noGuide')}</dd>
            </div>
          </dl>
          <BeforeAfter ctx={ctx} r={r} />
          {r.summary ? (
            <p class="pre">
              {t('plan.reg.process.summary')}
              {sep(ctx)}
              {r.summary}
            </p>
          ) : null}
        </article>
      ))}
      {canEdit ? <ReviewForm ctx={ctx} scope={scope} guides={guides} state={state ?? { values: {}, errors: [] }} /> : null}
    </Shell>
  );
}
