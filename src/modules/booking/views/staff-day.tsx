import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showDateTime } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField, TextField } from '../../../platform/layout/forms.js';
import { Shell, SubNav } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import { type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';

export interface SheetRow {
  id: number;
  code: string;
  starts: string | null;
  ends: string | null;
  service: string;
  kind: string;
  people: string;
  idMasked: string;
  phone: string;
  status: string;
  ticket: string | null;
  canCheckIn: boolean;
  canNoShow: boolean;
  canServe: boolean;
}

export const staffCrumbs = (ctx: ViewContext, last?: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(last ? [{ href: '/staff/booking', label: ctx.t('booking.staff.title') }, { label: last }] : [{ label: ctx.t('booking.staff.title') }]),
];

export function BookingNav({ ctx, manage }: { ctx: ViewContext; manage: boolean }) {
  const { t } = ctx;
  const links: [string, string][] = [
    ['/staff/booking', t('booking.staff.sheet')],
    ['/staff/booking/requests', t('booking.staff.requests')],
    ...(manage
      ? ([
          ['/staff/booking/close', t('booking.staff.close')],
          ['/staff/booking/services', t('booking.staff.services')],
          ['/staff/booking/suspensions', t('booking.staff.suspensions')],
          ['/staff/booking/settings', t('booking.staff.settings')],
          ['/staff/booking/figures', t('booking.staff.figures')],
        ] as [string, string][])
      : []),
  ];
  return <SubNav ctx={ctx} label={t('booking.staff.title')} links={links} />;
}

function RowActions({ ctx, r, back }: { ctx: ViewContext; r: SheetRow; back: string }) {
  const { t } = ctx;
  const act = (what: string, label: string, variant: 'primary' | 'secondary' | 'warning') => (
    <form method="post" action={`/staff/booking/${r.id}/${what}`} class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="back" value={back} />
      <Button variant={variant}>{label}</Button>
    </form>
  );
  return (
    <div class="row-actions">
      {r.canCheckIn ? act('checkin', t('booking.staff.checkIn'), 'primary') : null}
      {r.canServe ? act('served', t('booking.staff.served'), 'secondary') : null}
      {r.canNoShow ? act('noshow', t('booking.staff.noShow'), 'warning') : null}
    </div>
  );
}

/** The day sheet: who is booked today (or any day), with check-in, served and no-show at hand. */
export function DaySheetPage({
  ctx,
  offices,
  officeCode,
  day,
  rows,
  manage,
  state,
  totals,
}: {
  ctx: ViewContext;
  offices: { code: string; name: string }[];
  officeCode: string;
  day: string;
  rows: SheetRow[];
  manage: boolean;
  state?: FormState | undefined;
  totals: { booked: number; came: number; noShow: number };
}) {
  const { t } = ctx;
  const back = `/staff/booking?office=${officeCode}&day=${day}`;
  return (
    <Shell ctx={ctx} title={t('booking.staff.title')} variant="staff" crumbs={staffCrumbs(ctx)}>
      <h1>{t('booking.staff.title')}</h1>
      <BookingNav ctx={ctx} manage={manage} />
      <form method="get" action="/staff/booking" class="filter-bar">
        {offices.length > 1 ? <SelectField ctx={ctx} state={{ values: { office: officeCode }, errors: [] }} name="office" label={t('booking.office')} options={offices.map((o) => ({ value: o.code, label: o.name }))} /> : null}
        <TextField ctx={ctx} state={{ values: { day }, errors: [] }} name="day" type="date" label={t('booking.fig.day')} width="medium" />
        <Button variant="secondary">{t('booking.staff.show')}</Button>
      </form>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/booking/checkin" class="filter-bar">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="office" value={officeCode} />
        <TextField ctx={ctx} state={state} name="code" label={t('booking.staff.checkInByCode')} hint={t('booking.manage.codeHint')} width="medium" autocomplete="off" maxLength={20} />
        <Button>{t('booking.staff.checkIn')}</Button>
      </form>
      <p>
        {t('booking.staff.totals', { booked: totals.booked, came: totals.came, noShow: totals.noShow })}
      </p>
      <Table
        ctx={ctx}
        caption={t('booking.staff.sheetOf', { date: showDate(day, ctx.locale, true) })}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('booking.when'), cell: (r) => (r.starts ? `${r.starts}–${r.ends}` : '—') },
          { header: t('booking.code'), cell: (r) => <code>{r.code}</code> },
          { header: t('booking.service'), cell: (r) => r.service },
          { header: t('booking.f.name'), cell: (r) => r.people },
          { header: t('booking.f.idNumber'), cell: (r) => r.idMasked },
          { header: t('booking.f.phone'), cell: (r) => r.phone },
          { header: t('booking.status'), cell: (r) => `${t(`booking.state.${r.status}`)}${r.ticket ? ` (${r.ticket})` : ''}` },
          { header: t('booking.staff.actions'), cell: (r) => <RowActions ctx={ctx} r={r} back={back} /> },
        ]}
      />
    </Shell>
  );
}

export interface RequestRow {
  id: number;
  code: string;
  kind: string;
  service: string;
  people: string;
  phone: string;
  createdAt: string;
  dueOn: string | null;
  day: string | null;
  starts: string | null;
  ends: string | null;
  status: string;
  details: { label: string; value: string }[];
  assignedTo: string | null;
}

/** Home visits to assign (by village) and ceremony-hall requests to decide. */
export function RequestsPage({
  ctx,
  choice,
  rows,
  staffOptions,
  manage,
  today,
}: { ctx: ViewContext; choice: OfficeChoice; rows: RequestRow[]; staffOptions: { value: string; label: string }[]; manage: boolean; today: string }) {
  const { t } = ctx;
  const visits = rows.filter((r) => r.kind === 'home_visit');
  const halls = rows.filter((r) => r.kind === 'hall');
  return (
    <Shell ctx={ctx} title={t('booking.staff.requests')} variant="staff" crumbs={staffCrumbs(ctx, t('booking.staff.requests'))}>
      <h1>{t('booking.staff.requests')}</h1>
      <OfficePicker ctx={ctx} action="/staff/booking/requests" choice={choice} />
      <BookingNav ctx={ctx} manage={manage} />
      <h2>{t('booking.staff.homeVisits')}</h2>
      {visits.length === 0 ? <p class="empty">{t('table.empty')}</p> : null}
      <ul class="request-list">
        {visits.map((r) => (
          <li key={r.id} class={r.dueOn && r.dueOn < today && r.status === 'pending' ? 'request-card request-overdue' : 'request-card'}>
            <h3>
              {r.people} <span class="muted">{r.code}</span>
            </h3>
            <dl class="facts">
              {r.details.map((d) => (
                <div key={d.label}>
                  <dt>{d.label}</dt>
                  <dd>{d.value}</dd>
                </div>
              ))}
              <div>
                <dt>{t('booking.f.phone')}</dt>
                <dd>{r.phone}</dd>
              </div>
              <div>
                <dt>{t('booking.homeVisit.due')}</dt>
                <dd>{r.dueOn ? showDate(r.dueOn, ctx.locale, true) : '—'}</dd>
              </div>
              <div>
                <dt>{t('booking.status')}</dt>
                <dd>
                  {t(`booking.state.${r.status}`)}
                  {r.assignedTo ? ` · ${r.assignedTo} · ${r.day ? showDateTime(r.day, r.starts ?? '', ctx.locale, true) : (r.starts ?? '')}` : ''}
                </dd>
              </div>
            </dl>
            <form method="post" action={`/staff/booking/${r.id}/assign`} class="filter-bar">
              <CsrfField ctx={ctx} />
              <SelectField ctx={ctx} id={`f-staff-${r.id}`} name="staffId" label={t('booking.staff.officer')} options={staffOptions} />
              <TextField ctx={ctx} id={`f-day-${r.id}`} name="day" type="date" label={t('booking.fig.day')} width="medium" state={{ values: { day: r.day ?? r.dueOn ?? '' }, errors: [] }} />
              <TextField ctx={ctx} id={`f-starts-${r.id}`} name="starts" label={t('booking.staff.time')} width="short" state={{ values: { starts: r.starts ?? '10:00' }, errors: [] }} maxLength={5} />
              <Button>{t('booking.staff.assign')}</Button>
            </form>
          </li>
        ))}
      </ul>
      <h2>{t('booking.staff.hall')}</h2>
      {halls.length === 0 ? <p class="empty">{t('table.empty')}</p> : null}
      <ul class="request-list">
        {halls.map((r) => (
          <li key={r.id} class="request-card">
            <h3>
              {r.people} <span class="muted">{r.code}</span>
            </h3>
            <p>
              {r.day ? showDateTime(r.day, `${r.starts}–${r.ends}`, ctx.locale, true) : `${r.starts}–${r.ends}`} · {r.details.map((d) => t('punct.labelled', { label: d.label, value: d.value })).join(' · ')}
            </p>
            <div class="row-actions">
              <form method="post" action={`/staff/booking/${r.id}/hall`} class="inline-form">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="decision" value="approve" />
                <Button>{t('booking.staff.approve')}</Button>
              </form>
              <form method="post" action={`/staff/booking/${r.id}/hall`} class="inline-form">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="decision" value="reject" />
                <TextField ctx={ctx} id={`f-reason-${r.id}`} name="reason" label={t('booking.staff.rejectReason')} width="medium" required={false} maxLength={200} />
                <Button variant="warning">{t('booking.staff.reject')}</Button>
              </form>
            </div>
          </li>
        ))}
      </ul>
    </Shell>
  );
}
