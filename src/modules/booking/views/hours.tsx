import type { ViewContext } from '../../../platform/http/context.js';
import { type FormState, TextField } from '../../../platform/layout/forms.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** Where a service's weekly hours come from, as the hours fieldset tells staff. */
export interface HoursStatus {
  /** the service has weekly slots (not openings only, not a home visit), so blank hours mean the office's */
  applies: boolean;
  /** it follows the office's hours now; null on the new-service form */
  follows: boolean | null;
  /** the office's opening hours as one line; null while the office has none */
  officeHours: string | null;
}

/**
 * The weekly hours of a service, a field a weekday. Left all blank, a service
 * with weekly slots follows the office's opening hours; the box above the
 * fields says which applies now and what the office's hours are, so staff
 * see the 08:00 start before they decide to differ from it.
 */
export function WeeklyHoursFields({ ctx, state, status }: { ctx: ViewContext; state: FormState; status: HoursStatus }) {
  const { t } = ctx;
  return (
    <fieldset class="choices">
      <legend>{t('booking.svc.hours')}</legend>
      {status.applies ? (
        <div class="notice" id="hours-source">
          {status.follows === null ? null : <p>{status.follows ? <strong>{t('booking.svc.hoursNowOffice')}</strong> : <strong>{t('booking.svc.hoursNowOwn')}</strong>}</p>}
          <p>{status.officeHours === null ? t('booking.svc.officeHoursNone') : status.follows ? status.officeHours : t('booking.svc.officeHours', { hours: status.officeHours })}</p>
        </div>
      ) : null}
      <p class="field-hint">{status.applies ? t('booking.svc.hoursOfficeHint') : t('booking.svc.hoursHint')}</p>
      {WEEKDAYS.map((d) => (
        <TextField key={d} ctx={ctx} state={state} name={`hours${d}`} label={t(`booking.weekday.${d}`)} required={false} width="medium" maxLength={60} />
      ))}
    </fieldset>
  );
}
