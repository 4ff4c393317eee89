import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, FileField, type FormState, RadioGroup, TextArea, TextField } from '../../../platform/layout/forms.js';
import { OfficeField } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { EVIDENCE_MAX_BYTES } from '../files.js';
import { AWARD_STATES, type AwardRow, BODY_MAX, NAME_MAX, NOTE_MAX } from '../registers-awards.js';
import type { RegisterScope } from '../registers-common.js';
import { dateText, pageTitle, RegisterNav, RegTable, regCrumbs, ScopePicker, StateTag, sep } from './registers-parts.js';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ods,.odt,application/pdf,image/jpeg,image/png,application/vnd.oasis.opendocument.spreadsheet,application/vnd.oasis.opendocument.text';

const stateTag = (ctx: ViewContext, a: AwardRow) => <StateTag text={ctx.t(`plan.reg.award.state.${a.state}`)} warn={a.state === 'not_won'} />;

export const fileLink = (ctx: ViewContext, id: number | null, name: string | null) =>
  id === null ? (
    ctx.t('plan.reg.award.noFile')
  ) : (
    <a href={`/staff/plan/files/${id}`} download>
      {ctx.t('plan.reg.award.download', { name: name ?? '' })}
    </a>
  );

function labels(ctx: ViewContext): Record<string, string> {
  const { t } = ctx;
  return { year: t('plan.reg.award.year'), name: t('plan.reg.award.name'), awardedBy: t('plan.reg.award.awardedBy'), state: t('plan.reg.award.state'), decidedOn: t('plan.reg.award.decidedOn'), note: t('plan.reg.award.note'), file: t('plan.reg.award.file') };
}

/** The award's fields; a multipart form because of the evidence file (works without script). */
function AwardForm({ ctx, action, scope, state, current }: { ctx: ViewContext; action: string; scope: RegisterScope | null; state: FormState; current: AwardRow | null }) {
  const { t } = ctx;
  const l = labels(ctx);
  return (
    <form method="post" action={action} class="form narrow" enctype="multipart/form-data" novalidate>
      <ErrorSummary ctx={ctx} state={state} labels={l} />
      <CsrfField ctx={ctx} />
      {scope ? <OfficeField choice={scope.choice} /> : null}
      <TextField ctx={ctx} state={state} name="year" label={l.year ?? ''} hint={t('plan.reg.award.yearHint')} inputMode="numeric" width="short" maxLength={4} />
      <TextField ctx={ctx} state={state} name="name" label={l.name ?? ''} maxLength={NAME_MAX} />
      <TextField ctx={ctx} state={state} name="awardedBy" label={l.awardedBy ?? ''} hint={t('plan.reg.award.awardedByHint')} maxLength={BODY_MAX} />
      <RadioGroup ctx={ctx} state={state} name="state" label={l.state ?? ''} options={AWARD_STATES.map((s) => ({ value: s, label: t(`plan.reg.award.state.${s}`) }))} />
      <TextField ctx={ctx} state={state} name="decidedOn" label={l.decidedOn ?? ''} hint={t('plan.reg.award.decidedOnHint')} required={false} width="medium" maxLength={30} />
      <TextArea ctx={ctx} state={state} name="note" label={l.note ?? ''} required={false} rows={3} maxLength={NOTE_MAX} />
      {current?.fileId ? (
        <p>
          {t('plan.reg.award.currentFile')}
          {sep(ctx)}
          {fileLink(ctx, current.fileId, current.filename)}
        </p>
      ) : null}
      <FileField ctx={ctx} state={state} name="file" label={l.file ?? ''} hint={t(current?.fileId ? 'plan.reg.award.fileReplaceHint' : 'plan.reg.award.fileHint', { mb: EVIDENCE_MAX_BYTES / 1024 / 1024 })} required={false} accept={ACCEPT} />
      <Button>{t('plan.reg.award.save')}</Button>
    </form>
  );
}

export function AwardsPage({ ctx, scope, rows, canEdit, state }: { ctx: ViewContext; scope: RegisterScope; rows: AwardRow[]; canEdit: boolean; state?: FormState | undefined }) {
  const { t } = ctx;
  const title = pageTitle(ctx, scope, 'plan.reg.awards.title');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={regCrumbs(ctx, 'awards', scope)}>
      <h1>{title}</h1>
      <ScopePicker ctx={ctx} action="/staff/plan/awards" choice={scope.choice} year={scope.year} today={scope.today} />
      <RegisterNav ctx={ctx} scope={scope} current="awards" />
      <p class="lead">{t('plan.reg.awards.lead')}</p>
      <RegTable
        ctx={ctx}
        caption={title}
        rows={rows}
        rowKey={(a) => a.id}
        columns={[
          { header: t('plan.reg.award.name'), cell: (a) => a.name },
          { header: t('plan.reg.award.awardedBy'), cell: (a) => a.awardedBy },
          { header: t('plan.reg.award.state'), cell: (a) => stateTag(ctx, a) },
          { header: t('plan.reg.award.decidedOn'), cell: (a) => dateText(a.decidedOn, ctx) },
          { header: t('plan.reg.award.note'), cell: (a) => <span class="pre">{a.note || '—'}</span> },
          { header: t('plan.reg.award.file'), cell: (a) => fileLink(ctx, a.fileId, a.filename) },
          ...(canEdit ? [{ header: t('plan.reg.actions'), cell: (a: AwardRow) => <a href={`/staff/plan/awards/${a.id}`}>{t('plan.reg.award.edit', { name: a.name })}</a> }] : []),
        ]}
      />
      {canEdit ? (
        <>
          <h2>{t('plan.reg.award.add')}</h2>
          <AwardForm ctx={ctx} action="/staff/plan/awards" scope={scope} state={state ?? { values: { year: String(scope.year), state: 'entered' }, errors: [] }} current={null} />
        </>
      ) : null}
    </Shell>
  );
}

export function AwardEditPage({ ctx, scope, award, state }: { ctx: ViewContext; scope: RegisterScope; award: AwardRow; state: FormState }) {
  const { t } = ctx;
  const title = t('plan.reg.award.editTitle', { name: award.name });
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={regCrumbs(ctx, 'awards', scope, award.name)}>
      <h1>{title}</h1>
      <p class="muted">
        {t('officePicker.label')}
        {sep(ctx)}
        {scope.office.name}
      </p>
      <AwardForm ctx={ctx} action={`/staff/plan/awards/${award.id}`} scope={null} state={state} current={award} />
    </Shell>
  );
}
