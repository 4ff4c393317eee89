import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, SelectField, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import type { Figures } from '../figures.js';
import { BookingNav, staffCrumbs } from './staff-day.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

export interface OpeningRow {
  id: number;
  day: string;
  starts: string;
  ends: string;
  capacity: number | null;
  note: string;
  hot: boolean;
  lottery: { applyUntil: string; drawnAt: string | null; seed: string | null; resultHash: string | null; applications: number } | null;
}

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

/** One service's rules, weekly hours, special openings and lotteries. */
export function ServiceEditPage({ ctx, id, name, state, openings, openingState, confirmRetire }: { ctx: ViewContext; id: number; name: string; state: FormState; openings: OpeningRow[]; openingState?: FormState | undefined; confirmRetire?: number | undefined }) {
  const { t } = ctx;
  const num = (field: string, label: string, hint?: string) => <TextField ctx={ctx} state={state} name={field} label={label} hint={hint} type="number" inputMode="numeric" width="short" maxLength={4} />;
  return (
    <Shell ctx={ctx} title={name} variant="staff" crumbs={staffCrumbs(ctx, name)}>
      <h1>{name}</h1>
      <BookingNav ctx={ctx} manage />
      <ErrorSummary ctx={ctx} state={state} />
      {confirmRetire ? <AlertBox message={`${t('booking.setup.retireFuture', { n: confirmRetire })} ${t('booking.setup.saveAgain')}`} /> : null}
      <form method="post" action={`/staff/booking/services/${id}`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        {confirmRetire ? <input type="hidden" name="confirmRetire" value="1" /> : null}
        {num('slotMinutes', t('booking.svc.slotMinutes'))}
        {num('capacity', t('booking.svc.capacity'), t('booking.svc.capacityHint'))}
        {num('minDays', t('booking.svc.minDays'))}
        <SelectField ctx={ctx} state={state} name="minWorkingDays" label={t('booking.svc.minWorkingDays')} options={[{ value: '0', label: t('booking.svc.calendarDays') }, { value: '1', label: t('booking.svc.workingDays') }]} />
        {num('maxDays', t('booking.svc.maxDays'))}
        <TextField ctx={ctx} state={state} name="cutoff" label={t('booking.svc.cutoff')} hint={t('booking.svc.cutoffHint')} width="short" required={false} maxLength={5} />
        <SelectField ctx={ctx} state={state} name="active" label={t('booking.status')} options={[{ value: '1', label: t('booking.svc.active') }, { value: '0', label: t('booking.svc.inactive') }]} />
        <fieldset class="choices">
          <legend>{t('booking.svc.hours')}</legend>
          <p class="field-hint">{t('booking.svc.hoursHint')}</p>
          {WEEKDAYS.map((d) => (
            <TextField key={d} ctx={ctx} state={state} name={`hours${d}`} label={t(`booking.weekday.${d}`)} required={false} width="medium" maxLength={60} />
          ))}
        </fieldset>
        <Button>{t('booking.svc.save')}</Button>
      </form>

      <h2>{t('booking.svc.openings')}</h2>
      <p>{t('booking.svc.openingsLead')}</p>
      <Table
        ctx={ctx}
        caption={t('booking.svc.openings')}
        rows={openings}
        rowKey={(o) => o.id}
        columns={[
          { header: t('booking.fig.day'), cell: (o) => showDate(o.day, ctx.locale, true) },
          { header: t('booking.when'), cell: (o) => `${o.starts}–${o.ends}` },
          { header: t('booking.svc.capacity'), cell: (o) => o.capacity ?? '—', numeric: true },
          { header: t('booking.svc.note'), cell: (o) => `${o.note}${o.hot ? ` · ${t('booking.svc.hot')}` : ''}` },
          { header: t('booking.lottery.tag'), cell: (o) => <LotteryCell ctx={ctx} serviceId={id} o={o} /> },
          {
            header: t('booking.staff.actions'),
            cell: (o) => (
              <form method="post" action={`/staff/booking/services/${id}/openings/${o.id}/delete`} class="inline-form">
                <CsrfField ctx={ctx} />
                <Button variant="warning">{t('booking.svc.remove')}</Button>
              </form>
            ),
          },
        ]}
      />
      <h3>{t('booking.svc.addOpening')}</h3>
      <ErrorSummary ctx={ctx} state={openingState} />
      <form method="post" action={`/staff/booking/services/${id}/openings`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} state={openingState} name="day" label={t('booking.fig.day')} hint={t('booking.f.dateHint')} width="medium" maxLength={20} />
        <TextField ctx={ctx} state={openingState} name="starts" label={t('booking.svc.starts')} width="short" maxLength={5} />
        <TextField ctx={ctx} state={openingState} name="ends" label={t('booking.svc.ends')} width="short" maxLength={5} />
        <TextField ctx={ctx} state={openingState} name="capacity" label={t('booking.svc.capacity')} type="number" width="short" required={false} maxLength={4} />
        <TextField ctx={ctx} state={openingState} name="note" label={t('booking.svc.note')} hint={t('booking.svc.noteHint')} maxLength={100} />
        <SelectField ctx={ctx} state={openingState} name="hot" label={t('booking.svc.hot')} options={[{ value: '0', label: t('booking.svc.notHot') }, { value: '1', label: t('booking.svc.isHot') }]} />
        <Button>{t('booking.svc.addOpening')}</Button>
      </form>
    </Shell>
  );
}

function LotteryCell({ ctx, serviceId, o }: { ctx: ViewContext; serviceId: number; o: OpeningRow }) {
  const { t } = ctx;
  if (o.lottery?.drawnAt) {
    return (
      <span>
        {t('booking.lottery.drawn', { at: showInstant(o.lottery.drawnAt, ctx.locale) })}
        <br />
        <small>
          seed <code>{o.lottery.seed}</code>
        </small>
      </span>
    );
  }
  if (o.lottery) {
    return (
      <form method="post" action={`/staff/booking/services/${serviceId}/lottery/draw`} class="inline-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="day" value={o.day} />
        <span>{t('booking.lottery.until', { until: showInstant(o.lottery.applyUntil, ctx.locale), n: o.lottery.applications })}</span> <Button variant="secondary">{t('booking.lottery.draw')}</Button>
      </form>
    );
  }
  return (
    <form method="post" action={`/staff/booking/services/${serviceId}/lottery`} class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="day" value={o.day} />
      <TextField ctx={ctx} id={`f-until-${o.id}`} name="applyUntil" label={t('booking.lottery.applyUntil')} type="date" width="medium" />
      <Button variant="secondary">{t('booking.lottery.open')}</Button>
    </form>
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
