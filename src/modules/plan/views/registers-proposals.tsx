import { toTaipeiIsoDate } from '../../../platform/calendar/index.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { showPeriod } from '../../../platform/layout/dates.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, RadioGroup, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { OfficeField } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { RegisterScope } from '../registers-common.js';
import type { AdoptTarget } from '../registers-proposal-item.js';
import { LABEL_MAX, type ProposalRow, REASON_MAX, TEXT_MAX, TITLE_MAX } from '../registers-proposals.js';
import { dateText, numberText, pageTitle, RegisterNav, RegTable, regCrumbs, ScopePicker, StateTag, sep, yearLabel } from './registers-parts.js';

const stateTag = (ctx: ViewContext, p: ProposalRow) => <StateTag text={ctx.t(`plan.reg.proposal.state.${p.state}`)} warn={p.state === 'declined'} />;

/** How an adopted proposal was taken up: into the plan, as a service with a usage measure, or simply adopted. */
function adoptedAs(ctx: ViewContext, p: ProposalRow): string {
  if (p.state !== 'adopted') return '—';
  if (p.planItemId !== null) return ctx.t('plan.reg.proposal.as.item');
  return p.usageLabel ? ctx.t('plan.reg.proposal.as.serviceLabel', { label: p.usageLabel }) : ctx.t('plan.reg.proposal.as.none');
}

const submitLabels = (ctx: ViewContext) => ({ title: ctx.t('plan.reg.proposal.title'), problem: ctx.t('plan.reg.proposal.problem'), proposal: ctx.t('plan.reg.proposal.proposal') });

export function ProposalsPage({ ctx, scope, rows, state }: { ctx: ViewContext; scope: RegisterScope; rows: ProposalRow[]; state?: FormState | undefined }) {
  const { t } = ctx;
  const title = pageTitle(ctx, scope, 'plan.reg.proposals.title');
  const form = state ?? { values: {}, errors: [] };
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={regCrumbs(ctx, 'proposals', scope)}>
      <h1>{title}</h1>
      <ScopePicker ctx={ctx} action="/staff/plan/proposals" choice={scope.choice} year={scope.year} today={scope.today} />
      <RegisterNav ctx={ctx} scope={scope} current="proposals" />
      <p class="lead">{t('plan.reg.proposals.lead')}</p>
      <RegTable
        ctx={ctx}
        caption={title}
        rows={rows}
        rowKey={(p) => p.id}
        columns={[
          { header: t('plan.reg.proposal.title'), cell: (p) => <a href={`/staff/plan/proposals/${p.id}`}>{p.title}</a> },
          { header: t('plan.reg.proposal.submittedOn'), cell: (p) => dateText(toTaipeiIsoDate(new Date(p.createdAt)), ctx) },
          { header: t('plan.reg.proposal.proposer'), cell: (p) => p.proposerName },
          { header: t('plan.reg.proposal.state'), cell: (p) => stateTag(ctx, p) },
          { header: t('plan.reg.proposal.decidedOn'), cell: (p) => dateText(p.decidedOn, ctx) },
          { header: t('plan.reg.proposal.adoptedAs'), cell: (p) => adoptedAs(ctx, p) },
          { header: t('plan.reg.proposal.uses'), cell: (p) => (p.state === 'adopted' ? numberText(p.uses, ctx) : '—'), numeric: true },
        ]}
      />
      <form method="post" action="/staff/plan/proposals" class="form narrow" novalidate>
        <h2>{t('plan.reg.proposal.add')}</h2>
        <p class="muted">{t('plan.reg.proposal.addLead', { name: ctx.staff?.displayName ?? '' })}</p>
        <ErrorSummary ctx={ctx} state={form} labels={submitLabels(ctx)} />
        <CsrfField ctx={ctx} />
        <OfficeField choice={scope.choice} />
        <input type="hidden" name="year" value={String(scope.year)} />
        <TextField ctx={ctx} state={form} name="title" label={t('plan.reg.proposal.title')} maxLength={TITLE_MAX} />
        <TextArea ctx={ctx} state={form} name="problem" label={t('plan.reg.proposal.problem')} hint={t('plan.reg.proposal.problemHint')} rows={4} maxLength={TEXT_MAX} />
        <TextArea ctx={ctx} state={form} name="proposal" label={t('plan.reg.proposal.proposal')} hint={t('plan.reg.proposal.proposalHint')} rows={6} maxLength={TEXT_MAX} />
        <Button>{t('plan.reg.proposal.submit')}</Button>
      </form>
    </Shell>
  );
}

export interface ProposalPageProps {
  ctx: ViewContext;
  scope: RegisterScope;
  p: ProposalRow;
  uses: { month: string; count: number }[];
  /** the plan item it became, when it did */
  item: { planId: number; code: string; title: string; year: number } | null;
  can: { decide: boolean; uses: boolean };
  targets: AdoptTarget[];
  months: string[];
  decide?: FormState | undefined;
  use?: FormState | undefined;
  alert?: string | undefined;
}

function Facts({ ctx, p, item }: { ctx: ViewContext; p: ProposalRow; item: ProposalPageProps['item'] }) {
  const { t } = ctx;
  const row = (label: string, value: preact.ComponentChildren) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl class="summary-list">
      {row(t('plan.reg.proposal.proposer'), p.proposerName)}
      {row(t('plan.reg.proposal.submittedOn'), dateText(toTaipeiIsoDate(new Date(p.createdAt)), ctx))}
      {row(t('plan.reg.proposal.state'), stateTag(ctx, p))}
      {p.decidedOn ? row(t('plan.reg.proposal.decidedOn'), dateText(p.decidedOn, ctx)) : null}
      {p.state === 'adopted' ? row(t('plan.reg.proposal.adoptedAs'), adoptedAs(ctx, p)) : null}
      {item ? row(t('plan.reg.proposal.planItem'), <a href={`/staff/plan/${item.planId}`}>{`${yearLabel(item.year, ctx)} ${item.code} ${item.title}`}</a>) : null}
      {p.reason ? row(p.state === 'declined' ? t('plan.reg.proposal.reason') : t('plan.reg.proposal.note'), <span class="pre">{p.reason}</span>) : null}
      {row(t('plan.reg.proposal.problem'), <span class="pre">{p.problem}</span>)}
      {row(t('plan.reg.proposal.proposal'), <span class="pre">{p.proposal}</span>)}
    </dl>
  );
}

function DecideForm({ ctx, p, targets, state }: { ctx: ViewContext; p: ProposalRow; targets: AdoptTarget[]; state: FormState }) {
  const { t } = ctx;
  const labels = { as: t('plan.reg.proposal.asLabel'), item: t('plan.reg.proposal.item'), usageLabel: t('plan.reg.proposal.usageLabel'), reason: t('plan.reg.proposal.reasonLabel'), decision: t('plan.reg.proposal.decide') };
  const withDefault = { values: { as: 'none', ...state.values }, errors: state.errors };
  return (
    <form method="post" action={`/staff/plan/proposals/${p.id}/decide`} class="form narrow" novalidate>
      <h2>{t('plan.reg.proposal.decide')}</h2>
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <CsrfField ctx={ctx} />
      <RadioGroup
        ctx={ctx}
        state={withDefault}
        name="as"
        label={labels.as}
        options={[
          { value: 'none', label: t('plan.reg.proposal.as.none') },
          { value: 'item', label: t('plan.reg.proposal.as.item'), hint: t('plan.reg.proposal.as.itemHint') },
          { value: 'service', label: t('plan.reg.proposal.as.service'), hint: t('plan.reg.proposal.as.serviceHint') },
        ]}
      />
      <SelectField
        ctx={ctx}
        state={state}
        name="item"
        label={labels.item}
        hint={targets.length ? t('plan.reg.proposal.itemHint') : t('plan.reg.proposal.noTargets')}
        required={false}
        placeholder={t('plan.reg.choose')}
        options={targets.map((x) => ({ value: String(x.itemId), label: `${yearLabel(x.year, ctx)} ${x.code} ${x.title}` }))}
      />
      <TextField ctx={ctx} state={state} name="usageLabel" label={labels.usageLabel} hint={t('plan.reg.proposal.usageLabelHint')} required={false} width="medium" maxLength={LABEL_MAX} />
      <TextArea ctx={ctx} state={state} name="reason" label={labels.reason} hint={t('plan.reg.proposal.reasonHint')} required={false} rows={3} maxLength={REASON_MAX} />
      <div class="actions">
        <Button name="decision" value="adopt">
          {t('plan.reg.proposal.adopt')}
        </Button>
        <Button name="decision" value="decline" variant="warning">
          {t('plan.reg.proposal.decline')}
        </Button>
      </div>
    </form>
  );
}

function UsesSection({ ctx, p, uses, months, canEnter, state }: { ctx: ViewContext; p: ProposalRow; uses: ProposalPageProps['uses']; months: string[]; canEnter: boolean; state: FormState }) {
  const { t } = ctx;
  const label = p.usageLabel ?? t('plan.reg.proposal.usesDefault');
  const caption = t('plan.reg.proposal.usesCaption', { title: p.title, label });
  return (
    <>
      <h2>{t('plan.reg.proposal.usesTitle')}</h2>
      <RegTable
        ctx={ctx}
        caption={caption}
        rows={uses}
        rowKey={(u) => u.month}
        columns={[
          { header: t('plan.reg.month'), cell: (u) => showPeriod(u.month, ctx.locale) },
          { header: label, cell: (u) => numberText(u.count, ctx), numeric: true },
        ]}
        foot={[t('plan.reg.total'), numberText(p.uses, ctx)]}
      />
      {canEnter ? (
        <form method="post" action={`/staff/plan/proposals/${p.id}/uses`} class="form narrow" novalidate>
          <h3>{t('plan.reg.proposal.useAdd')}</h3>
          <ErrorSummary ctx={ctx} state={state} labels={{ month: t('plan.reg.month'), count: label }} />
          <CsrfField ctx={ctx} />
          <SelectField ctx={ctx} state={state} name="month" label={t('plan.reg.month')} options={months.map((m) => ({ value: m, label: showPeriod(m, ctx.locale) }))} />
          <TextField ctx={ctx} state={state} name="count" label={label} hint={t('plan.reg.proposal.countHint')} inputMode="numeric" width="short" maxLength={12} />
          <Button>{t('plan.reg.proposal.useSave')}</Button>
        </form>
      ) : null}
    </>
  );
}

export function ProposalPage({ ctx, scope, p, uses, item, can, targets, months, decide, use, alert }: ProposalPageProps) {
  const { t } = ctx;
  const title = `${t('plan.reg.proposal.one')}${sep(ctx)}${p.title}`;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={regCrumbs(ctx, 'proposals', scope, p.title)}>
      <h1>{title}</h1>
      <p class="muted">
        {t('officePicker.label')}
        {sep(ctx)}
        {scope.office.name}
      </p>
      {alert ? <AlertBox message={alert} /> : null}
      <Facts ctx={ctx} p={p} item={item} />
      {p.state === 'submitted' && can.decide ? <DecideForm ctx={ctx} p={p} targets={targets} state={decide ?? { values: {}, errors: [] }} /> : null}
      {p.state === 'submitted' && !can.decide ? <p class="muted">{t('plan.reg.proposal.waiting')}</p> : null}
      {p.state === 'adopted' ? <UsesSection ctx={ctx} p={p} uses={uses} months={months} canEnter={can.uses} state={use ?? { values: { month: months[0] ?? '' }, errors: [] }} /> : null}
    </Shell>
  );
}
