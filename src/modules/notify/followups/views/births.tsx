import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate, showInstant } from '../../../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, RadioGroup, SelectField, TextArea, TextField } from '../../../../platform/layout/forms.js';
import { type OfficeChoice, OfficePicker } from '../../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { BUNDLE_STATES, type BundleKind } from '../births.js';

const BASE = '/staff/notify/births';

export interface BundleView {
  id: number;
  caseId: number;
  caseNumber: string;
  applicant: string;
  kind: string;
  unit: string;
  status: string;
  handedOverOn: string | null;
  doc: string | null;
  note: string;
  updatedAt: string;
}

function handedOver(ctx: ViewContext, b: BundleView): string {
  if (!b.handedOverOn) return '—';
  return `${showDate(b.handedOverOn, ctx.locale)}${b.doc ? `${ctx.locale === 'en' ? ', ' : '，'}${b.doc}` : ''}`;
}

function StatusTag({ ctx, status }: { ctx: ViewContext; status: string }) {
  return <span class={status === 'returned' ? 'tag tag-warning nowrap' : 'tag nowrap'}>{ctx.t(`notify.births.status.${status}`)}</span>;
}

/** Every application of an office, newest first, with a status filter and a way to open a birth case by its number. */
export function BirthsListPage({ ctx, choice, status, rows, findState }: { ctx: ViewContext; choice: OfficeChoice; status: string; rows: BundleView[]; findState?: FormState | undefined }) {
  const { t } = ctx;
  const keep = choice.offices.length > 1 ? { office: choice.officeCode } : undefined;
  return (
    <Shell ctx={ctx} title={t('notify.births.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('notify.births.title') }]}>
      <h1>{t('notify.births.title')}</h1>
      <p class="lead">{t('notify.births.lead')}</p>
      <OfficePicker ctx={ctx} action={BASE} choice={choice} />
      <ErrorSummary ctx={ctx} state={findState} />
      <form method="get" action={`${BASE}/find`} class="filter-bar">
        {keep ? <input type="hidden" name="office" value={keep.office} /> : null}
        <TextField ctx={ctx} state={findState} name="number" label={t('notify.births.find')} hint={t('notify.births.numberHint')} width="medium" autocomplete="off" maxLength={40} />
        <Button variant="secondary">{t('notify.births.open')}</Button>
      </form>
      <form method="get" action={BASE} class="filter-bar">
        {keep ? <input type="hidden" name="office" value={keep.office} /> : null}
        <SelectField
          ctx={ctx}
          state={{ values: { status }, errors: [] }}
          name="status"
          label={t('notify.births.filter')}
          required={false}
          options={[{ value: '', label: t('notify.births.all') }, ...BUNDLE_STATES.map((s) => ({ value: s, label: t(`notify.births.status.${s}`) }))]}
        />
        <Button variant="secondary">{t('notify.births.show')}</Button>
      </form>
      {rows.length === 0 ? (
        <p class="muted">{t('notify.births.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('notify.births.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notify.births.case')}</th>
                <th scope="col">{t('notify.births.applicant')}</th>
                <th scope="col">{t('notify.births.kind')}</th>
                <th scope="col">{t('notify.births.unit')}</th>
                <th scope="col">{t('notify.births.state')}</th>
                <th scope="col">{t('notify.births.handedOver')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.id}>
                  <td class="nowrap">
                    <a href={`${BASE}/${b.caseId}`}>{b.caseNumber}</a>
                  </td>
                  <td class="nowrap">{b.applicant}</td>
                  <td class="nowrap">{t(`notify.births.kind.${b.kind}`)}</td>
                  <td class="nowrap">{b.unit}</td>
                  <td class="nowrap">
                    <StatusTag ctx={ctx} status={b.status} />
                  </td>
                  <td class="nowrap">{handedOver(ctx, b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Shell>
  );
}

export interface BirthCaseProps {
  ctx: ViewContext;
  c: { id: number; number: string; applicantName: string; receivedOn: string };
  bundles: BundleView[];
  /** kinds not recorded yet, with the unit prefilled */
  remaining: { kind: BundleKind; unit: string }[];
  recordState?: FormState | undefined;
  /** the row whose form was sent with a problem */
  rowState?: { id: number; state: FormState } | undefined;
}

function HandoverForm({ ctx, b, state }: { ctx: ViewContext; b: BundleView; state: FormState | undefined }) {
  const { t } = ctx;
  return (
    <form method="post" action={`${BASE}/${b.caseId}/${b.id}/handover`} class="form action-form" novalidate>
      <CsrfField ctx={ctx} />
      <h4>{t('notify.births.handoverTitle')}</h4>
      <TextField ctx={ctx} state={state} name={`on_${b.id}`} label={t('notify.births.on')} hint={t('notify.births.onHint')} width="medium" autocomplete="off" maxLength={20} />
      <TextField ctx={ctx} state={state} name={`doc_${b.id}`} label={t('notify.births.doc')} width="medium" autocomplete="off" maxLength={60} />
      <Button variant="secondary">{b.status === 'returned' ? t('notify.births.handoverAgain') : t('notify.births.handover')}</Button>
    </form>
  );
}

function SettleForm({ ctx, b, state }: { ctx: ViewContext; b: BundleView; state: FormState | undefined }) {
  const { t } = ctx;
  return (
    <form method="post" action={`${BASE}/${b.caseId}/${b.id}/status`} class="form action-form" novalidate>
      <CsrfField ctx={ctx} />
      <h4>{t('notify.births.settleTitle')}</h4>
      <RadioGroup
        ctx={ctx}
        state={state}
        name={`to_${b.id}`}
        label={t('notify.births.to')}
        inline
        options={(['accepted', 'returned'] as const).map((s) => ({ value: s, label: t(`notify.births.status.${s}`) }))}
      />
      <TextArea ctx={ctx} state={state} name={`note_${b.id}`} label={t('notify.births.note')} hint={t('notify.births.noteHint')} required={false} rows={2} maxLength={300} />
      <Button variant="secondary">{t('notify.births.settle')}</Button>
    </form>
  );
}

function BundleCard({ ctx, b, state }: { ctx: ViewContext; b: BundleView; state: FormState | undefined }) {
  const { t } = ctx;
  return (
    <li class="request-card">
      <h3>
        {t(`notify.births.kind.${b.kind}`)} <StatusTag ctx={ctx} status={b.status} />
      </h3>
      <dl class="facts">
        <div>
          <dt>{t('notify.births.unit')}</dt>
          <dd>{b.unit}</dd>
        </div>
        <div>
          <dt>{t('notify.births.handedOver')}</dt>
          <dd>{handedOver(ctx, b)}</dd>
        </div>
        {b.note ? (
          <div>
            <dt>{t('notify.births.note')}</dt>
            <dd class="pre">{b.note}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('notify.births.updated')}</dt>
          <dd>{showInstant(b.updatedAt, ctx.locale)}</dd>
        </div>
      </dl>
      <ErrorSummary ctx={ctx} state={state} />
      {b.status === 'received' || b.status === 'returned' ? <HandoverForm ctx={ctx} b={b} state={state} /> : null}
      {b.status === 'handed_over' ? <SettleForm ctx={ctx} b={b} state={state} /> : null}
      {b.status === 'accepted' ? <p class="muted">{t('notify.births.finished')}</p> : null}
    </li>
  );
}

function RecordForm({ ctx, c, remaining, state }: { ctx: ViewContext; c: BirthCaseProps['c']; remaining: BirthCaseProps['remaining']; state: FormState | undefined }) {
  const { t } = ctx;
  const values = state ?? { values: Object.fromEntries(remaining.map((r) => [`unit_${r.kind}`, r.unit])), errors: [] };
  return (
    <section aria-labelledby="record-title">
      <h2 id="record-title">{t('notify.births.recordTitle')}</h2>
      <form method="post" action={`${BASE}/${c.id}/record`} class="form" novalidate>
        <ErrorSummary ctx={ctx} state={state} />
        <CsrfField ctx={ctx} />
        <CheckboxGroup
          ctx={ctx}
          state={values}
          name="kinds"
          label={t('notify.births.kinds')}
          hint={t('notify.births.recordHint')}
          options={remaining.map((r) => ({ value: r.kind, label: t(`notify.births.kind.${r.kind}`) }))}
        />
        {remaining.map((r) => (
          <TextField key={r.kind} ctx={ctx} state={values} name={`unit_${r.kind}`} label={t('notify.births.unitOf', { kind: t(`notify.births.kind.${r.kind}`) })} maxLength={100} />
        ))}
        <Button>{t('notify.births.record')}</Button>
      </form>
    </section>
  );
}

/** One birth case: the applications taken with it, their hand-off and outcome, and the form to record more. */
export function BirthCasePage({ ctx, c, bundles, remaining, recordState, rowState }: BirthCaseProps) {
  const { t } = ctx;
  const title = t('notify.births.detailTitle', { number: c.number });
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { href: BASE, label: t('notify.births.title') }, { label: c.number }]}>
      <h1>
        {t('notify.births.caseTitle')} <span class="nowrap">{c.number}</span>
      </h1>
      <dl class="facts">
        <dt>{t('notify.births.applicant')}</dt>
        <dd>{c.applicantName}</dd>
        <dt>{t('notify.births.received')}</dt>
        <dd>{showDate(c.receivedOn, ctx.locale)}</dd>
      </dl>
      <p>
        <a href={`/staff/cases/${c.id}`}>{t('notify.births.caseLink')}</a>
      </p>
      <h2>{t('notify.births.recorded')}</h2>
      {bundles.length === 0 ? (
        <p class="muted">{t('notify.births.noneYet')}</p>
      ) : (
        <ul class="request-list">
          {bundles.map((b) => (
            <BundleCard key={b.id} ctx={ctx} b={b} state={rowState?.id === b.id ? rowState.state : undefined} />
          ))}
        </ul>
      )}
      {remaining.length > 0 ? <RecordForm ctx={ctx} c={c} remaining={remaining} state={recordState} /> : <p class="muted">{t('notify.births.allRecorded')}</p>}
      <p>
        <a href={BASE}>{t('notify.births.back')}</a>
      </p>
    </Shell>
  );
}
