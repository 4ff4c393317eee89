import { formatRocDate } from '../../../platform/calendar/index.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showDateTime } from '../../../platform/layout/dates.js';
import { AlertBox, Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, RadioGroup, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { DayView } from '../availability.js';
import { HOME_VISIT_REASONS } from '../forms.js';
import { OfficeSwitch } from './staff-setup.js';
import { BookingNav, staffCrumbs } from './staff-day.js';

type Option = { value: string; label: string };

/** A day short enough for a select on a phone: 115/11/26（四） or Thu 26/11/2026. */
function shortDay(day: string, locale: 'zh-Hant' | 'en'): string {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (locale === 'en') return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][wd]} ${day}`;
  return `${formatRocDate(day, 'slash')}（${'日一二三四五六'[wd]}）`;
}
export const CHANNELS = ['phone', 'counter', 'referral'] as const;
export const REFERRALS = ['welfare', 'hotline1999', 'line0800', 'village_chief', 'other'] as const;

export interface IntakeService {
  code: string;
  kind: string;
  name: string;
  parties: number;
}

/** Step one: which of the office's services. */
export function IntakeChoosePage({ ctx, offices, officeCode, services, manage }: { ctx: ViewContext; offices: Option[]; officeCode: string; services: IntakeService[]; manage: boolean }) {
  const { t } = ctx;
  const title = t('booking.intake.title');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, title)}>
      <h1>{title}</h1>
      <BookingNav ctx={ctx} manage={manage} />
      <OfficeSwitch ctx={ctx} action="/staff/booking/new" offices={offices} officeCode={officeCode} />
      <p>{t('booking.intake.lead')}</p>
      <h2>{t('booking.intake.choose')}</h2>
      <ul class="link-list">
        {services.map((s) => (
          <li key={s.code}>
            <a href={`/staff/booking/new/${s.code}?office=${officeCode}`}>{s.name}</a> <span class="muted">· {t(`booking.kind.${s.kind}`)}</span>
          </li>
        ))}
      </ul>
    </Shell>
  );
}

const FIELDS = ['starts', 'slots', 'channel', 'referral', 'referralNote', 'name', 'idNumber', 'birthDate', 'phone', 'email', 'partnerName', 'partnerIdNumber', 'address', 'village', 'reason', 'preferredDays', 'note', 'topic', 'purpose', 'guests'];

/**
 * Step two, one page: the day (a GET switch), the time, who is booking, and
 * how the booking came in. The same fields and checks as the public form,
 * without the anti-automation step: staff are signed in.
 */
export function IntakeFormPage({
  ctx,
  officeCode,
  service,
  days,
  day,
  state,
  workingDays,
  errorKey,
  manage,
}: {
  ctx: ViewContext;
  officeCode: string;
  service: IntakeService;
  days: DayView[];
  day: DayView | null;
  state?: FormState | undefined;
  workingDays: string[];
  errorKey?: string | undefined;
  manage: boolean;
}) {
  const { t } = ctx;
  const title = `${t('booking.intake.title')}：${service.name}`;
  const homeVisit = service.kind === 'home_visit';
  const free = day ? day.slots.filter((s) => s.left > 0) : [];
  const labels: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f, f.startsWith('referral') || f === 'channel' || f === 'starts' || f === 'slots' ? t(`booking.intake.${f}`) : t(`booking.f.${f}`)]));
  const base = `/staff/booking/new/${service.code}`;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, t('booking.intake.title'))}>
      <h1>{title}</h1>
      <BookingNav ctx={ctx} manage={manage} />
      {errorKey ? <AlertBox message={t(errorKey)} /> : null}
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      {homeVisit ? null : days.length === 0 ? (
        <p>{t('booking.intake.noDays')}</p>
      ) : (
        <form method="get" action={base} class="filter-bar">
          <input type="hidden" name="office" value={officeCode} />
          <SelectField
            ctx={ctx}
            state={{ values: { day: day?.day ?? '' }, errors: [] }}
            name="day"
            label={t('booking.intake.day')}
            options={days.map((d) => ({ value: d.day, label: t('booking.intake.dayOption', { day: shortDay(d.day, ctx.locale), n: d.slots.reduce((n, s) => n + s.left, 0) }) }))}
          />
          <Button variant="secondary">{t('booking.setup.show')}</Button>
        </form>
      )}
      {!homeVisit && !day ? null : (
        <form method="post" action={`${base}?office=${officeCode}`} class="form" novalidate>
          <CsrfField ctx={ctx} />
          {day ? (
            <>
              <input type="hidden" name="day" value={day.day} />
              <RadioGroup
                ctx={ctx}
                state={state}
                name="starts"
                label={`${t('booking.intake.starts')}（${showDate(day.day, ctx.locale, true)}）`}
                hint={day.slots.length > free.length ? t('booking.intake.fullCount', { n: day.slots.length - free.length }) : undefined}
                options={free.map((s) => ({ value: s.starts, label: t('booking.intake.left', { starts: s.starts, ends: s.ends, n: s.left }) }))}
              />
              {service.kind === 'hall' ? <TextField ctx={ctx} state={state} name="slots" label={t('booking.intake.slots')} type="number" inputMode="numeric" width="short" maxLength={1} /> : null}
            </>
          ) : null}
          <RadioGroup ctx={ctx} state={state} name="channel" label={t('booking.intake.channel')} inline options={CHANNELS.map((c) => ({ value: c, label: t(`booking.intake.channel.${c}`) }))} />
          {homeVisit ? (
            <>
              <SelectField ctx={ctx} state={state} name="referral" label={t('booking.intake.referral')} options={[{ value: '', label: t('booking.intake.referral.none') }, ...REFERRALS.map((r) => ({ value: r, label: t(`booking.intake.referral.${r}`) }))]} />
              <TextField ctx={ctx} state={state} name="referralNote" label={t('booking.intake.referralNote')} required={false} maxLength={100} />
            </>
          ) : null}
          <h2>{t('booking.intake.who')}</h2>
          <TextField ctx={ctx} state={state} name="name" label={t('booking.f.name')} autocomplete="off" width="medium" maxLength={60} />
          <TextField ctx={ctx} state={state} name="idNumber" label={t('booking.f.idNumber')} autocomplete="off" width="medium" maxLength={20} />
          <TextField ctx={ctx} state={state} name="birthDate" label={t('booking.f.birthDate')} hint={t('booking.f.birthHint')} autocomplete="off" width="medium" maxLength={20} />
          <TextField ctx={ctx} state={state} name="phone" type="tel" label={t('booking.f.phone')} autocomplete="off" inputMode="tel" width="medium" maxLength={24} />
          <TextField ctx={ctx} state={state} name="email" type="email" label={t('booking.f.email')} hint={t('booking.intake.emailHint')} autocomplete="off" required={false} maxLength={254} />
          {service.parties === 2 ? (
            <>
              <TextField ctx={ctx} state={state} name="partnerName" label={t('booking.f.partnerName')} autocomplete="off" width="medium" maxLength={60} />
              <TextField ctx={ctx} state={state} name="partnerIdNumber" label={t('booking.f.partnerIdNumber')} autocomplete="off" width="medium" maxLength={20} />
            </>
          ) : null}
          {homeVisit ? (
            <>
              <TextField ctx={ctx} state={state} name="address" label={t('booking.f.address')} maxLength={200} />
              <TextField ctx={ctx} state={state} name="village" label={t('booking.f.village')} width="medium" maxLength={30} />
              <RadioGroup ctx={ctx} state={state} name="reason" label={t('booking.f.reason')} options={HOME_VISIT_REASONS.map((r) => ({ value: r, label: t(`booking.reason.${r}`) }))} />
              <CheckboxGroup ctx={ctx} state={state} name="preferredDays" label={t('booking.f.preferredDays')} hint={t('booking.f.preferredHint')} inline options={workingDays.map((d) => ({ value: d, label: showDate(d, ctx.locale, true) }))} />
              <TextArea ctx={ctx} state={state} name="note" label={t('booking.f.note')} required={false} rows={3} maxLength={500} />
            </>
          ) : null}
          {service.kind === 'director' ? <TextArea ctx={ctx} state={state} name="topic" label={t('booking.f.topic')} rows={4} maxLength={1000} /> : null}
          {service.kind === 'hall' ? (
            <>
              <TextField ctx={ctx} state={state} name="purpose" label={t('booking.f.purpose')} maxLength={200} />
              <TextField ctx={ctx} state={state} name="guests" type="number" inputMode="numeric" label={t('booking.f.guests')} width="short" maxLength={3} />
            </>
          ) : null}
          <Button>{t('booking.intake.submit')}</Button>
        </form>
      )}
    </Shell>
  );
}

export interface Slip {
  code: string;
  status: string;
  service: string;
  kind: string;
  day: string | null;
  starts: string | null;
  ends: string | null;
  name: string;
  email: string | null;
  office: { name: string; address: string; phone: string };
  documents: string[];
  inPerson: string;
  lateMinutes: number;
}

/** The printed slip for a caller without e-mail: code, when, where, what to bring. The print stylesheet hides the staff frame. */
export function SlipPage({ ctx, slip, officeCode, serviceCode }: { ctx: ViewContext; slip: Slip; officeCode: string; serviceCode: string }) {
  const { t } = ctx;
  const when = slip.day && slip.starts ? showDateTime(slip.day, `${slip.starts}–${slip.ends ?? ''}`, ctx.locale, true) : t('booking.homeVisit.when');
  return (
    <Shell ctx={ctx} title={t('booking.slip.title')} variant="staff" crumbs={staffCrumbs(ctx, t('booking.slip.title'))} styles={['booking-slip']}>
      <p class="no-print">
        {t('booking.slip.print')} {slip.email ? t('booking.slip.emailed', { email: slip.email }) : null}
      </p>
      <article class="booking-slip">
        <h1>
          {slip.office.name} · {t('booking.slip.title')}
        </h1>
        <dl class="summary-list">
          <dt>{t('booking.code')}</dt>
          <dd>
            <span class="booking-code">{slip.code}</span>
          </dd>
          <dt>{t('booking.service')}</dt>
          <dd>{slip.service}</dd>
          <dt>{t('booking.when')}</dt>
          <dd>{when}</dd>
          <dt>{t('booking.slip.forName')}</dt>
          <dd>{slip.name}</dd>
          <dt>{t('booking.slip.contact')}</dt>
          <dd>
            {slip.office.address} · {slip.office.phone}
          </dd>
        </dl>
        {slip.status === 'pending' || slip.status === 'applied' ? <p>{t('booking.slip.pending')}</p> : null}
        {slip.documents.length ? (
          <>
            <h2>{t('booking.before.bring')}</h2>
            <ul>
              {slip.documents.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </>
        ) : null}
        {slip.inPerson ? (
          <p>
            {t('booking.before.inPerson')}
            {slip.inPerson}
          </p>
        ) : null}
        {slip.day ? <p>{t('booking.slip.arrive', { n: slip.lateMinutes })}</p> : null}
      </article>
      <p class="no-print">
        <a href={`/staff/booking/new/${serviceCode}?office=${officeCode}`}>{t('booking.slip.another')}</a>
      </p>
    </Shell>
  );
}
