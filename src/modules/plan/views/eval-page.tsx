import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, TextArea } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { OVERALL_MAX, savedCounty, savedSelf } from '../eval-form.js';
import { EDITABLE, type EvalModel } from '../eval-model.js';
import { periodWords, scoreOutOf, showPoints } from '../eval-words.js';
import { ItemSection, type Mode } from './eval-items.js';

export interface EvalPageProps {
  ctx: ViewContext;
  model: EvalModel;
  can: { edit: boolean; submit: boolean; review: boolean };
  self?: FormState | undefined;
  county?: FormState | undefined;
  /** a rule said no (the state changed, the scores are frozen) */
  alert?: string | undefined;
}

export const evalHref = (planId: number) => `/staff/plan/${planId}/evaluation`;

/** Labels for the error summary: each field named by its item. */
function fieldLabels(ctx: ViewContext, m: EvalModel): Record<string, string> {
  const { t } = ctx;
  const out: Record<string, string> = { overall: t('plan.eval.countyOverallLabel') };
  for (const i of m.items) {
    const item = `${i.code} ${i.title}`;
    out[`self.${i.itemId}`] = `${item} ${t('plan.eval.col.self')}`;
    out[`account.${i.itemId}`] = `${item} ${t('plan.eval.col.account')}`;
    out[`links.${i.itemId}`] = `${item} ${t('plan.eval.links')}`;
    out[`files.${i.itemId}`] = `${item} ${t('plan.eval.files')}`;
    out[`county.${i.itemId}`] = `${item} ${t('plan.eval.col.county')}`;
    out[`ccomment.${i.itemId}`] = `${item} ${t('plan.eval.col.countyComment')}`;
  }
  return out;
}

function ScoreTable({ ctx, m }: { ctx: ViewContext; m: EvalModel }) {
  const { t, locale } = ctx;
  const caption = t('plan.eval.scoreTable');
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class="table table-compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plan.eval.col.item')}</th>
            <th scope="col" class="num">
              {t('plan.eval.col.points')}
            </th>
            <th scope="col" class="num">
              {t('plan.eval.col.self')}
            </th>
            <th scope="col" class="num">
              {t('plan.eval.col.county')}
            </th>
          </tr>
        </thead>
        <tbody>
          {m.items.map((i) => (
            <tr key={i.itemId}>
              <th scope="row">
                <a href={`#item-${i.itemId}`}>
                  {i.code} {i.title}
                </a>
              </th>
              <td class="num">{showPoints(i.points10, locale)}</td>
              <td class="num">{showPoints(i.self10, locale)}</td>
              <td class="num">{showPoints(i.county10, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="county-total">
            <th scope="row">{t('plan.eval.total')}</th>
            <td class="num">{showPoints(m.total10, locale)}</td>
            <td class="num">{showPoints(m.self10, locale)}</td>
            <td class="num">{showPoints(m.county10, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function Heading({ ctx, m }: { ctx: ViewContext; m: EvalModel }) {
  const { t, locale } = ctx;
  return (
    <>
      <p>
        {t('plan.eval.stateLabel')}
        <span class={m.state === 'returned' ? 'tag tag-warning' : 'tag'}>{t(`plan.eval.state.${m.state}`)}</span>
        {m.submittedAt && m.state !== 'draft' ? <span class="muted">　{t('plan.eval.submittedAt', { at: showInstant(m.submittedAt, locale) })}</span> : null}
      </p>
      {m.state === 'returned' && m.countyComment ? (
        <div class="notice">
          <p>
            <strong>{t('plan.eval.returnedBy')}</strong>
          </p>
          <p>{m.countyComment}</p>
        </div>
      ) : null}
      <div class="notice">
        <p>{m.frozenAt ? t('plan.eval.frozen', { at: showInstant(m.frozenAt, locale) }) : t('plan.eval.live')}</p>
        <p>
          {t('plan.eval.periodLabel')}
          {periodWords(m, t, locale)}
        </p>
      </div>
      <dl class="summary-list">
        <div>
          <dt>{t('plan.eval.selfTotalLabel')}</dt>
          <dd>{scoreOutOf(m.self10, m.total10, t, locale)}</dd>
        </div>
        {m.county10 !== null ? (
          <div>
            <dt>{t('plan.eval.countyTotalLabel')}</dt>
            <dd>{scoreOutOf(m.county10, m.total10, t, locale)}</dd>
          </div>
        ) : null}
        {m.state === 'reviewed' && m.countyComment ? (
          <div>
            <dt>{t('plan.eval.countyOverallLabel')}</dt>
            <dd>{m.countyComment}</dd>
          </div>
        ) : null}
      </dl>
    </>
  );
}

function Actions({ ctx, mode, canSubmit }: { ctx: ViewContext; mode: Mode; canSubmit: boolean }) {
  const { t } = ctx;
  if (mode.kind === 'self') {
    return (
      <div class="actions">
        <Button name="op" value="save" variant={canSubmit ? 'secondary' : 'primary'}>
          {t('plan.eval.save')}
        </Button>
        {canSubmit ? (
          <Button name="op" value="submit">
            {t('plan.eval.submit')}
          </Button>
        ) : null}
      </div>
    );
  }
  return (
    <div class="actions">
      <Button name="op" value="save" variant="secondary">
        {t('plan.eval.county.save')}
      </Button>
      <Button name="op" value="complete">
        {t('plan.eval.county.complete')}
      </Button>
      <Button name="op" value="return" variant="warning">
        {t('plan.eval.county.return')}
      </Button>
    </div>
  );
}

export function EvalPage({ ctx, model: m, can, self, county, alert }: EvalPageProps) {
  const { t } = ctx;
  const href = evalHref(m.plan.id);
  const title = `${m.office.name} ${m.plan.title} ${t('plan.eval.title')}`;
  const mode: Mode =
    EDITABLE.includes(m.state) && can.edit ? { kind: 'self', state: self ?? savedSelf(m) } : m.state === 'submitted' && can.review ? { kind: 'county', state: county ?? savedCounty(m) } : { kind: 'read' };
  const sections = m.items.map((i) => <ItemSection key={i.itemId} ctx={ctx} m={m} item={i} mode={mode} />);
  const crumbs = [{ href: '/staff', label: t('staff.title') }, { href: '/staff/plan', label: t('plan.eval.crumb.plans') }, { href: `/staff/plan/${m.plan.id}`, label: m.plan.title }, { label: t('plan.eval.title') }];
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbs}>
      <h1>{title}</h1>
      {mode.kind === 'read' ? null : <ErrorSummary ctx={ctx} state={mode.state} labels={fieldLabels(ctx, m)} />}
      {alert ? <AlertBox message={alert} /> : null}
      <Heading ctx={ctx} m={m} />
      <nav aria-label={t('plan.eval.downloads')}>
        <ul class="tag-list">
          <li>
            <a href={`${href}.ods`}>{t('plan.eval.download.ods')}</a>
          </li>
          <li>
            <a href={`${href}.pdf`}>{t('plan.eval.download.pdf')}</a>
          </li>
          {can.review ? (
            <li>
              <a href={`/staff/plan/county?year=${m.plan.year}`}>{t('plan.eval.county.link')}</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <ScoreTable ctx={ctx} m={m} />
      {mode.kind === 'read' ? (
        sections
      ) : (
        <form method="post" action={mode.kind === 'self' ? href : `${href}/review`} class="form" novalidate>
          <p class="muted">{t(mode.kind === 'self' ? 'plan.eval.form.selfLead' : 'plan.eval.form.countyLead')}</p>
          <CsrfField ctx={ctx} />
          {sections}
          {mode.kind === 'county' ? (
            <TextArea ctx={ctx} state={mode.state} name="overall" label={t('plan.eval.countyOverallLabel')} hint={t('plan.eval.county.overallHint')} rows={4} required={false} maxLength={OVERALL_MAX} />
          ) : null}
          <Actions ctx={ctx} mode={mode} canSubmit={can.submit} />
          {mode.kind === 'self' && can.submit ? <p class="muted">{t('plan.eval.submitHint')}</p> : null}
        </form>
      )}
    </Shell>
  );
}
