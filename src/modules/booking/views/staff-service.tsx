import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, SelectField, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import { type HoursStatus, WeeklyHoursFields } from './hours.js';
import { BookingNav, staffCrumbs } from './staff-day.js';

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

/** One service's rules, weekly hours, special openings and lotteries. */
export function ServiceEditPage({
  ctx,
  id,
  name,
  state,
  hours,
  openings,
  openingState,
  confirmRetire,
}: { ctx: ViewContext; id: number; name: string; state: FormState; hours: HoursStatus; openings: OpeningRow[]; openingState?: FormState | undefined; confirmRetire?: number | undefined }) {
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
        <WeeklyHoursFields ctx={ctx} state={state} status={hours} />
        <div class="actions">
          <Button>{t('booking.svc.save')}</Button>
          {/* after Save, so Enter in a field still saves what was typed */}
          {hours.applies && hours.follows === false && hours.officeHours !== null ? (
            <Button variant="secondary" name="useOfficeHours" value="1">
              {t('booking.svc.useOffice')}
            </Button>
          ) : null}
        </div>
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

