import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { BOOKING_KINDS } from '../rules.js';
import { WeeklyHoursFields } from './hours.js';
import { BookingNav, staffCrumbs } from './staff-day.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];
type Option = { value: string; label: string };

/** Which office the page sets up, with a switch for those who cover several (?office=). */
export function OfficeSwitch({ ctx, action, offices, officeCode, keep = {} }: { ctx: ViewContext; action: string; offices: Option[]; officeCode: string; keep?: Record<string, string> }) {
  const { t } = ctx;
  const name = offices.find((o) => o.value === officeCode)?.label ?? officeCode;
  if (offices.length < 2) return <p class="lead">{t('booking.setup.officeNow', { name })}</p>;
  return (
    <form method="get" action={action} class="filter-bar">
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SelectField ctx={ctx} state={{ values: { office: officeCode }, errors: [] }} name="office" label={t('booking.setup.switch')} options={offices} />
      <Button variant="secondary">{t('booking.setup.show')}</Button>
    </form>
  );
}

const FIELDS = ['code', 'kind', 'nameZh', 'nameEn', 'descZh', 'descEn', 'queue', 'guide', 'slotMinutes', 'capacity', 'minDays', 'minWorkingDays', 'maxDays', 'cutoff', 'parties', 'needsApproval', 'openingsOnly', 'documents', 'inPersonZh', 'inPersonEn'];

export function fieldLabels(ctx: ViewContext): Record<string, string> {
  const { t } = ctx;
  const own: Record<string, string> = { slotMinutes: t('booking.svc.slotMinutes'), capacity: t('booking.svc.capacity'), minDays: t('booking.svc.minDays'), minWorkingDays: t('booking.svc.minWorkingDays'), maxDays: t('booking.svc.maxDays'), cutoff: t('booking.svc.cutoff') };
  const out: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f, own[f] ?? t(`booking.setup.f.${f}`)]));
  for (const d of WEEKDAYS) out[`hours${d}`] = `${t('booking.svc.hours')}（${t(`booking.weekday.${d}`)}）`;
  return out;
}

/** A new booking service of any kind, with its weekly hours (blank: the office's); the kind links pre-fill that kind's usual rules. */
export function NewServicePage({
  ctx,
  state,
  offices,
  officeCode,
  officeHours,
  queues,
  guides,
}: { ctx: ViewContext; state: FormState; offices: Option[]; officeCode: string; officeHours: string | null; queues: Option[]; guides: Option[] }) {
  const { t } = ctx;
  const title = t('booking.setup.new');
  const num = (field: string, label: string, hint?: string) => <TextField ctx={ctx} state={state} name={field} label={label} hint={hint} type="number" inputMode="numeric" width="short" maxLength={4} />;
  const yesNo = [
    { value: '0', label: t('booking.setup.no') },
    { value: '1', label: t('booking.setup.yes') },
  ];
  const kind = state.values.kind ?? 'counter';
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, title)}>
      <h1>{title}</h1>
      <BookingNav ctx={ctx} manage />
      <OfficeSwitch ctx={ctx} action="/staff/booking/services/new" offices={offices} officeCode={officeCode} keep={{ kind }} />
      <p>{t('booking.setup.newLead')}</p>
      <nav aria-label={t('booking.setup.kinds')}>
        <ul class="inline-list">
          {BOOKING_KINDS.map((k) => (
            <li key={k}>{k === kind ? <strong aria-current="true">{t(`booking.kind.${k}`)}</strong> : <a href={`/staff/booking/services/new?office=${officeCode}&kind=${k}`}>{t(`booking.kind.${k}`)}</a>}</li>
          ))}
        </ul>
      </nav>
      <p>
        <a href={`/staff/booking/services/copy?office=${officeCode}`}>{t('booking.setup.copy')}</a> · <a href={`/staff/booking/services/catalog?office=${officeCode}`}>{t('booking.setup.catalog')}</a>
      </p>
      <ErrorSummary ctx={ctx} state={state} labels={fieldLabels(ctx)} />
      <form method="post" action={`/staff/booking/services/new?office=${officeCode}`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <SelectField ctx={ctx} state={state} name="kind" label={t('booking.setup.f.kind')} options={BOOKING_KINDS.map((k) => ({ value: k, label: t(`booking.kind.${k}`) }))} />
        <h2>{t('booking.setup.texts')}</h2>
        <TextField ctx={ctx} state={state} name="code" label={t('booking.setup.f.code')} hint={t('booking.setup.f.codeHint')} width="medium" maxLength={40} autocomplete="off" />
        <TextField ctx={ctx} state={state} name="nameZh" label={t('booking.setup.f.nameZh')} maxLength={80} />
        <TextField ctx={ctx} state={state} name="nameEn" label={t('booking.setup.f.nameEn')} required={false} maxLength={120} />
        <TextArea ctx={ctx} state={state} name="descZh" label={t('booking.setup.f.descZh')} required={false} rows={2} maxLength={500} />
        <TextArea ctx={ctx} state={state} name="descEn" label={t('booking.setup.f.descEn')} required={false} rows={2} maxLength={800} />
        <TextArea ctx={ctx} state={state} name="documents" label={t('booking.setup.f.documents')} hint={t('booking.setup.f.documentsHint')} required={false} rows={4} maxLength={4000} />
        <TextField ctx={ctx} state={state} name="inPersonZh" label={t('booking.setup.f.inPersonZh')} required={false} maxLength={200} />
        <TextField ctx={ctx} state={state} name="inPersonEn" label={t('booking.setup.f.inPersonEn')} required={false} maxLength={300} />
        <h2>{t('booking.setup.rules')}</h2>
        {num('slotMinutes', t('booking.svc.slotMinutes'))}
        {num('capacity', t('booking.svc.capacity'))}
        {num('minDays', t('booking.svc.minDays'))}
        <SelectField ctx={ctx} state={state} name="minWorkingDays" label={t('booking.svc.minWorkingDays')} options={[{ value: '0', label: t('booking.svc.calendarDays') }, { value: '1', label: t('booking.svc.workingDays') }]} />
        {num('maxDays', t('booking.svc.maxDays'))}
        <TextField ctx={ctx} state={state} name="cutoff" label={t('booking.svc.cutoff')} hint={t('booking.svc.cutoffHint')} width="short" required={false} maxLength={5} />
        <SelectField ctx={ctx} state={state} name="parties" label={t('booking.setup.f.parties')} options={[{ value: '1', label: t('booking.setup.f.partiesOne') }, { value: '2', label: t('booking.setup.f.partiesTwo') }]} />
        <SelectField ctx={ctx} state={state} name="needsApproval" label={t('booking.setup.f.needsApproval')} options={yesNo} />
        <SelectField ctx={ctx} state={state} name="openingsOnly" label={t('booking.setup.f.openingsOnly')} hint={t('booking.setup.f.openingsOnlyHint')} options={yesNo} />
        <WeeklyHoursFields ctx={ctx} state={state} status={{ applies: true, follows: null, officeHours }} />
        <h2>{t('booking.setup.links')}</h2>
        <SelectField ctx={ctx} state={state} name="queue" label={t('booking.setup.f.queue')} hint={t('booking.setup.f.queueHint')} options={[{ value: '', label: t('booking.setup.f.queueNone') }, ...queues]} />
        <SelectField ctx={ctx} state={state} name="guide" label={t('booking.setup.f.guide')} options={[{ value: '', label: t('booking.setup.f.guideNone') }, ...guides]} />
        <Button>{t('booking.setup.create')}</Button>
      </form>
    </Shell>
  );
}

/** Tick services of another office and copy them here. */
export function CopyPage({ ctx, state, offices, officeCode, sources, fromCode, services }: { ctx: ViewContext; state?: FormState | undefined; offices: Option[]; officeCode: string; sources: Option[]; fromCode: string | null; services: (Option & { here: boolean })[] }) {
  const { t } = ctx;
  const title = t('booking.setup.copy');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, title)}>
      <h1>{title}</h1>
      <BookingNav ctx={ctx} manage />
      <OfficeSwitch ctx={ctx} action="/staff/booking/services/copy" offices={offices} officeCode={officeCode} />
      <p>{t('booking.setup.copyLead')}</p>
      {sources.length === 0 ? (
        <p>{t('booking.setup.noOther')}</p>
      ) : (
        <form method="get" action="/staff/booking/services/copy" class="filter-bar">
          <input type="hidden" name="office" value={officeCode} />
          <SelectField ctx={ctx} state={{ values: { from: fromCode ?? '' }, errors: [] }} name="from" label={t('booking.setup.copyFrom')} options={sources} />
          <Button variant="secondary">{t('booking.setup.show')}</Button>
        </form>
      )}
      {fromCode ? (
        <>
          <ErrorSummary ctx={ctx} state={state} labels={{ codes: t('booking.setup.copyWhich') }} />
          <form method="post" action={`/staff/booking/services/copy?office=${officeCode}`} class="form" novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="from" value={fromCode} />
            <CheckboxGroup
              ctx={ctx}
              state={state ?? { values: { 'codes[]': services.filter((s) => !s.here).map((s) => s.value).join('\u001f') }, errors: [] }}
              name="codes"
              label={t('booking.setup.copyWhich')}
              options={services.map((s) => ({ value: s.value, label: s.here ? `${s.label}（${t('booking.setup.alreadyHere')}）` : s.label, disabled: s.here }))}
            />
            <Button>{t('booking.setup.copySubmit')}</Button>
          </form>
        </>
      ) : null}
    </Shell>
  );
}

/** The built-in list of common applications: tick and create at once. */
export function CatalogPage({ ctx, state, offices, officeCode, entries }: { ctx: ViewContext; state?: FormState | undefined; offices: Option[]; officeCode: string; entries: (Option & { here: boolean })[] }) {
  const { t } = ctx;
  const title = t('booking.setup.catalog');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, title)}>
      <h1>{title}</h1>
      <BookingNav ctx={ctx} manage />
      <OfficeSwitch ctx={ctx} action="/staff/booking/services/catalog" offices={offices} officeCode={officeCode} />
      <p>{t('booking.setup.catalogLead')}</p>
      <ErrorSummary ctx={ctx} state={state} labels={{ codes: t('booking.setup.catalogWhich') }} />
      <form method="post" action={`/staff/booking/services/catalog?office=${officeCode}`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <CheckboxGroup
          ctx={ctx}
          state={state ?? { values: { 'codes[]': entries.filter((e) => !e.here).map((e) => e.value).join('\u001f') }, errors: [] }}
          name="codes"
          label={t('booking.setup.catalogWhich')}
          options={entries.map((e) => ({ value: e.value, label: e.here ? `${e.label}（${t('booking.setup.alreadyHere')}）` : e.label, disabled: e.here }))}
        />
        <Button>{t('booking.setup.catalogSubmit')}</Button>
      </form>
    </Shell>
  );
}

/** Retiring a service: how many bookings lie ahead, and that they stay valid; nothing changes until confirmed. */
export function RetirePage({ ctx, id, name, future, officeCode }: { ctx: ViewContext; id: number; name: string; future: number; officeCode: string }) {
  const { t } = ctx;
  const title = t('booking.setup.retireTitle', { name });
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, title)}>
      <h1>{title}</h1>
      <p class="lead">{future > 0 ? t('booking.setup.retireFuture', { n: future }) : t('booking.setup.retireNone')}</p>
      <form method="post" action={`/staff/booking/services/${id}/retire`} class="inline-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="confirm" value="1" />
        <Button variant="warning">{t('booking.setup.retireConfirm')}</Button>
      </form>{' '}
      <a href={`/staff/booking/services?office=${officeCode}`}>{t('booking.setup.back')}</a>
    </Shell>
  );
}
