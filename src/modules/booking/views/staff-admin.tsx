import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import type { Figures } from '../figures.js';
import { BookingNav, staffCrumbs } from './staff-day.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';

/** `setup`: the person may create and retire services (setup.office); the links go to this office. */
export function ServiceListPage({ ctx, services, setup }: { ctx: ViewContext; services: { id: number; office: string; name: string; active: boolean; capacity: number; slotMinutes: number }[]; setup?: { officeCode: string } | undefined }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('booking.staff.services')} variant="staff" crumbs={staffCrumbs(ctx, t('booking.staff.services'))}>
      <h1>{t('booking.staff.services')}</h1>
      <BookingNav ctx={ctx} manage />
      {setup ? (
        <p>
          <a href={`/staff/booking/services/new?office=${setup.officeCode}`}>{t('booking.setup.new')}</a> · <a href={`/staff/booking/services/copy?office=${setup.officeCode}`}>{t('booking.setup.copy')}</a> ·{' '}
          <a href={`/staff/booking/services/catalog?office=${setup.officeCode}`}>{t('booking.setup.catalog')}</a>
        </p>
      ) : null}
      <Table
        ctx={ctx}
        caption={t('booking.staff.services')}
        rows={services}
        rowKey={(r) => r.id}
        columns={[
          { header: t('booking.office'), cell: (r) => r.office },
          { header: t('booking.service'), cell: (r) => <a href={`/staff/booking/services/${r.id}`}>{r.name}</a> },
          { header: t('booking.svc.slotMinutes'), cell: (r) => r.slotMinutes, numeric: true },
          { header: t('booking.svc.capacity'), cell: (r) => r.capacity, numeric: true },
          { header: t('booking.status'), cell: (r) => (r.active ? t('booking.svc.active') : t('booking.svc.inactive')) },
          ...(setup
            ? [
                {
                  header: t('booking.setup.actions'),
                  cell: (r: { id: number; active: boolean }) => (
                    <form method="post" action={`/staff/booking/services/${r.id}/${r.active ? 'retire' : 'reinstate'}`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <Button variant={r.active ? 'warning' : 'secondary'}>{r.active ? t('booking.setup.retire') : t('booking.setup.reinstate')}</Button>
                    </form>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Shell>
  );
}

export function ClosePage({
  ctx,
  choice,
  state,
  services,
  closures,
}: { ctx: ViewContext; choice: OfficeChoice; state?: FormState | undefined; services: { value: string; label: string }[]; closures: { id: number; day: string; service: string; reason: string }[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('booking.staff.close')} variant="staff" crumbs={staffCrumbs(ctx, t('booking.staff.close'))}>
      <h1>{t('booking.staff.close')}</h1>
      <BookingNav ctx={ctx} manage />
      <OfficePicker ctx={ctx} action="/staff/booking/close" choice={choice} />
      <p class="lead">{t('booking.close.lead')}</p>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/booking/close" class="form" novalidate>
        <CsrfField ctx={ctx} />
        <OfficeField choice={choice} />
        <TextField ctx={ctx} state={state} name="day" label={t('booking.fig.day')} hint={t('booking.f.dateHint')} width="medium" maxLength={20} />
        <SelectField ctx={ctx} state={state} name="service" label={t('booking.service')} options={[{ value: '', label: t('booking.close.all') }, ...services]} />
        <TextField ctx={ctx} state={state} name="reason" label={t('booking.close.reason')} hint={t('booking.close.reasonHint')} maxLength={200} />
        <Button variant="warning">{t('booking.close.submit')}</Button>
      </form>
      <h2>{t('booking.close.list')}</h2>
      <Table
        ctx={ctx}
        caption={t('booking.close.list')}
        rows={closures}
        rowKey={(c) => c.id}
        columns={[
          { header: t('booking.fig.day'), cell: (c) => showDate(c.day, ctx.locale, true) },
          { header: t('booking.service'), cell: (c) => c.service },
          { header: t('booking.close.reason'), cell: (c) => c.reason },
          {
            header: t('booking.staff.actions'),
            cell: (c) => (
              <form method="post" action={`/staff/booking/close/${c.id}/reopen`} class="inline-form">
                <CsrfField ctx={ctx} />
                <OfficeField choice={choice} />
                <Button variant="secondary">{t('booking.close.reopen')}</Button>
              </form>
            ),
          },
        ]}
      />
    </Shell>
  );
}

export function SuspensionsPage({ ctx, state, active }: { ctx: ViewContext; state?: FormState | undefined; active: { name: string; startsOn: string; endsOn: string }[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('booking.staff.suspensions')} variant="staff" crumbs={staffCrumbs(ctx, t('booking.staff.suspensions'))}>
      <h1>{t('booking.staff.suspensions')}</h1>
      <BookingNav ctx={ctx} manage />
      <p class="lead">{t('booking.susp.lead')}</p>
      <Table
        ctx={ctx}
        caption={t('booking.susp.active')}
        rows={active}
        rowKey={(r) => `${r.name}${r.startsOn}`}
        columns={[
          { header: t('booking.f.name'), cell: (r) => r.name },
          { header: t('booking.susp.from'), cell: (r) => showDate(r.startsOn, ctx.locale) },
          { header: t('booking.susp.until'), cell: (r) => showDate(r.endsOn, ctx.locale) },
        ]}
      />
      <h2>{t('booking.susp.lift')}</h2>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/booking/suspensions/lift" class="form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} state={state} name="idNumber" label={t('booking.f.idNumber')} width="medium" autocomplete="off" maxLength={20} />
        <TextField ctx={ctx} state={state} name="reason" label={t('booking.susp.reason')} maxLength={200} />
        <Button>{t('booking.susp.lift')}</Button>
      </form>
    </Shell>
  );
}

export function SettingsPage({ ctx, state, offices, officeCode }: { ctx: ViewContext; state: FormState; offices: { value: string; label: string }[]; officeCode: string }) {
  const { t } = ctx;
  const num = (field: string, label: string) => <TextField ctx={ctx} state={state} name={field} label={label} type="number" inputMode="numeric" width="short" maxLength={4} />;
  const yesNo = [
    { value: '1', label: t('booking.set.yes') },
    { value: '0', label: t('booking.set.no') },
  ];
  return (
    <Shell ctx={ctx} title={t('booking.staff.settings')} variant="staff" crumbs={staffCrumbs(ctx, t('booking.staff.settings'))}>
      <h1>{t('booking.staff.settings')}</h1>
      <BookingNav ctx={ctx} manage />
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={`/staff/booking/settings?office=${officeCode}`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        {offices.length > 1 ? <p>{offices.find((o) => o.value === officeCode)?.label}</p> : null}
        <SelectField ctx={ctx} state={state} name="onePerDay" label={t('booking.set.onePerDay')} options={yesNo} />
        {num('lateMinutes', t('booking.set.lateMinutes'))}
        {num('earlyMinutes', t('booking.set.earlyMinutes'))}
        {num('noShowLimit', t('booking.set.noShowLimit'))}
        {num('suspendMonths', t('booking.set.suspendMonths'))}
        {num('reminderHour', t('booking.set.reminderHour'))}
        <SelectField
          ctx={ctx}
          state={state}
          name="antiBot"
          label={t('booking.set.antiBot')}
          options={['hot', 'always', 'off'].map((v) => ({ value: v, label: t(`booking.set.antiBot.${v}`) }))}
        />
        <TextField ctx={ctx} state={state} name="hotDates" label={t('booking.set.hotDates')} hint={t('booking.set.hotDatesHint')} maxLength={200} />
        <Button>{t('booking.svc.save')}</Button>
      </form>
    </Shell>
  );
}

export function FiguresPage({ ctx, f, from, to, choice }: { ctx: ViewContext; f: Figures; from: string; to: string; choice: OfficeChoice }) {
  const officeCode = choice.officeCode;
  const { t } = ctx;
  const q = `office=${officeCode}&from=${from}&to=${to}`;
  return (
    <Shell ctx={ctx} title={t('booking.staff.figures')} variant="staff" crumbs={staffCrumbs(ctx, t('booking.staff.figures'))}>
      <h1>{t('booking.staff.figures')}</h1>
      <BookingNav ctx={ctx} manage />
      <OfficePicker ctx={ctx} action="/staff/booking/figures" choice={choice} keep={{ from, to }} />
      <form method="get" action="/staff/booking/figures" class="filter-bar">
        <input type="hidden" name="office" value={officeCode} />
        <TextField ctx={ctx} state={{ values: { from }, errors: [] }} name="from" type="date" label={t('booking.fig.from')} width="medium" />
        <TextField ctx={ctx} state={{ values: { to }, errors: [] }} name="to" type="date" label={t('booking.fig.to')} width="medium" />
        <Button variant="secondary">{t('booking.staff.show')}</Button>
      </form>
      <dl class="stat-grid">
        <div>
          <dt>{t('booking.fig.bookings')}</dt>
          <dd>{f.totals.bookings}</dd>
        </div>
        <div>
          <dt>{t('booking.fig.cancelled')}</dt>
          <dd>{f.totals.cancelled}</dd>
        </div>
        <div>
          <dt>{t('booking.fig.noShowRate')}</dt>
          <dd>{f.totals.noShowRate === null ? '—' : `${f.totals.noShowRate}%`}</dd>
        </div>
        <div>
          <dt>{t('booking.fig.lead')}</dt>
          <dd>{f.totals.leadDays ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('booking.fig.onlineShare')}</dt>
          <dd>{f.onlineShare.share === null ? '—' : `${f.onlineShare.share}%`}</dd>
        </div>
      </dl>
      <p>
        <a href={`/staff/booking/figures.csv?${q}`}>CSV</a> · <a href={`/staff/booking/figures.ods?${q}`}>ODS</a>
      </p>
      <Table
        ctx={ctx}
        caption={t('booking.fig.sheetDays')}
        rows={f.rows}
        rowKey={(r) => `${r.day}${r.service}`}
        columns={[
          { header: t('booking.fig.day'), cell: (r) => showDate(r.day, ctx.locale) },
          { header: t('booking.service'), cell: (r) => r.service },
          { header: t('booking.fig.bookings'), cell: (r) => r.bookings, numeric: true },
          { header: t('booking.fig.cancelled'), cell: (r) => r.cancelled, numeric: true },
          { header: t('booking.fig.closed'), cell: (r) => r.closed, numeric: true },
          { header: t('booking.fig.noShow'), cell: (r) => r.noShow, numeric: true },
          { header: t('booking.fig.came'), cell: (r) => r.came, numeric: true },
          { header: t('booking.fig.lead'), cell: (r) => r.leadDays ?? '—', numeric: true },
        ]}
      />
    </Shell>
  );
}
