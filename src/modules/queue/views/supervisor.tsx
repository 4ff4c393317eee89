import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { PeakState } from '../peak.js';
import { lineName, type QueueSnapshot } from '../snapshot.js';
import { type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';

const crumbs = (ctx: ViewContext, label: string) => [{ href: '/staff', label: ctx.t('staff.title') }, { label }];

export interface PeakRow {
  id: number;
  kind: string;
  at: string;
  waiting: number;
  oldest_wait_min: number;
  counter_id: number | null;
  detail: string | null;
}

export function OfficeView({
  ctx,
  officeName,
  officeCode,
  snapshot,
  peak,
  alert,
  log,
}: {
  ctx: ViewContext;
  officeName: string;
  officeCode: string;
  snapshot: QueueSnapshot;
  peak: PeakState;
  alert: boolean;
  log: PeakRow[];
}) {
  const { t } = ctx;
  const now = new Date(snapshot.at).getTime();
  const minutesSince = (iso: string | null) => (iso ? Math.floor((now - new Date(iso).getTime()) / 60_000) : 0);
  const counterNumber = (id: number | null) => snapshot.counters.find((c) => c.counterId === id)?.number ?? '';
  return (
    <Shell ctx={ctx} title={t('queue.office.title')} variant="staff" styles={['queue']} refreshSeconds={30} crumbs={crumbs(ctx, t('queue.office.title'))}>
      <h1>
        {t('queue.office.title')} <span class="muted">{officeName}</span>
      </h1>
      {alert ? (
        <div class="peak-alert" role="alert">
          <p>{t('queue.office.alert', { waiting: peak.waiting, minutes: peak.oldestMinutes })}</p>
        </div>
      ) : null}
      <div class="columns">
        <section aria-labelledby="lines-title">
          <h2 id="lines-title">{t('queue.console.waiting')}</h2>
          <table class="table">
            <caption class="visually-hidden">{t('queue.console.waiting')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.wait.service')}</th>
                <th scope="col" class="num">
                  {t('queue.wait.waiting')}
                </th>
                <th scope="col" class="num">
                  {t('queue.office.oldest')}
                </th>
              </tr>
            </thead>
            <tbody>
              {snapshot.lines.map((l) => (
                <tr key={l.serviceId}>
                  <th scope="row">
                    {l.prefix} {lineName(l, ctx.locale)}
                  </th>
                  <td class="num">{l.waiting}</td>
                  <td class="num">{l.oldestQueueAt ? t('queue.office.minutes', { n: minutesSince(l.oldestQueueAt) }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="counters-title">
          <h2 id="counters-title">{t('queue.office.counters')}</h2>
          <table class="table">
            <caption class="visually-hidden">{t('queue.office.counters')}</caption>
            <tbody>
              {snapshot.counters.map((c) => (
                <tr key={c.counterId}>
                  <th scope="row">
                    {c.number} {c.support ? <span class="tag">{t('queue.office.support')}</span> : null}
                  </th>
                  <td>
                    {!c.open
                      ? t('queue.board.closedCounter')
                      : c.current
                        ? `${c.current.label}（${t(`queue.console.status.${c.current.status}`)}）`
                        : t('queue.console.none')}
                  </td>
                  <td>
                    {c.support ? (
                      <form method="post" action="/staff/queue/office/support/close" class="inline-form">
                        <CsrfField ctx={ctx} />
                        <input type="hidden" name="counterId" value={String(c.counterId)} />
                        <input type="hidden" name="office" value={officeCode} />
                        <button type="submit" class="link-button">
                          {t('queue.office.closeSupport')}
                        </button>
                      </form>
                    ) : !c.open ? (
                      <form method="post" action="/staff/queue/office/support/open" class="inline-form">
                        <CsrfField ctx={ctx} />
                        <input type="hidden" name="counterId" value={String(c.counterId)} />
                        <input type="hidden" name="office" value={officeCode} />
                        <button type="submit" class="link-button">
                          {t('queue.office.openSupport')}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <h2>{t('queue.office.peakLog')}</h2>
      {log.length === 0 ? (
        <p class="muted">{t('table.empty')}</p>
      ) : (
        <ul class="plain-list">
          {log.map((e) => {
            const d = e.detail ? (JSON.parse(e.detail) as { waitingAtOpen?: number | null }) : {};
            return (
              <li key={e.id}>
                {showInstant(e.at, ctx.locale)} {t(`queue.office.peakKind.${e.kind}`)} {e.counter_id ? `#${counterNumber(e.counter_id)}` : ''}{' '}
                {t('queue.wait.waiting')} {e.waiting}・{t('queue.office.oldest')} {t('queue.office.minutes', { n: e.oldest_wait_min })}
                {e.kind === 'support_close' && d.waitingAtOpen != null ? `・${t('queue.office.peakCut', { before: d.waitingAtOpen, after: e.waiting })}` : ''}
              </li>
            );
          })}
        </ul>
      )}
    </Shell>
  );
}

export function SettingsPage({ ctx, state, services, choice }: { ctx: ViewContext; state: FormState; services: { code: string; name: string }[]; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('queue.settings.title')} variant="staff" crumbs={crumbs(ctx, t('queue.settings.title'))}>
      <div class="narrow">
        <h1>{t('queue.settings.title')}</h1>
        <OfficePicker ctx={ctx} action="/staff/queue/settings" choice={choice} />
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/staff/queue/settings" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="office" value={state.values.office ?? ''} />
          <SelectField
            ctx={ctx}
            state={state}
            name="ruleMode"
            label={t('queue.settings.rule')}
            options={[
              { value: 'weight', label: t('queue.settings.ruleWeight') },
              { value: 'every_n', label: t('queue.settings.ruleEveryN') },
            ]}
          />
          <TextField ctx={ctx} state={state} name="ruleValue" label={t('queue.settings.ruleValue')} inputMode="numeric" width="short" />
          <TextField ctx={ctx} state={state} name="peakWaiting" label={t('queue.settings.peakWaiting')} inputMode="numeric" width="short" />
          <TextField ctx={ctx} state={state} name="peakMinutes" label={t('queue.settings.peakMinutes')} inputMode="numeric" width="short" />
          <TextField ctx={ctx} state={state} name="recallMinSeconds" label={t('queue.settings.recall')} inputMode="numeric" width="short" />
          <TextField ctx={ctx} state={state} name="stopBefore" label={t('queue.settings.stopBefore')} inputMode="numeric" width="short" />
          <fieldset class="field">
            <legend>{t('queue.settings.caps')}</legend>
            {services.map((s) => (
              <TextField key={s.code} ctx={ctx} state={state} name={`cap_${s.code}`} label={s.name} required={false} inputMode="numeric" width="short" />
            ))}
          </fieldset>
          <fieldset class="field">
            <legend>{t('queue.settings.remoteCaps')}</legend>
            {services.map((s) => (
              <TextField key={s.code} ctx={ctx} state={state} name={`remote_${s.code}`} label={s.name} required={false} inputMode="numeric" width="short" />
            ))}
          </fieldset>
          <div class="field">
            <label class="checkbox">
              <input type="checkbox" name="remoteEnabled" value="1" checked={state.values.remoteEnabled === '1'} /> {t('queue.settings.remote')}
            </label>
            <label class="checkbox">
              <input type="checkbox" name="announceEnglish" value="1" checked={state.values.announceEnglish === '1'} /> {t('queue.settings.english')}
            </label>
          </div>
          <TextArea ctx={ctx} state={state} name="marqueeZh" label={t('queue.settings.marqueeZh')} required={false} rows={2} maxLength={500} />
          <TextArea ctx={ctx} state={state} name="marqueeEn" label={t('queue.settings.marqueeEn')} required={false} rows={2} maxLength={500} />
          <TextField ctx={ctx} state={state} name="supportStaff" label={t('queue.settings.supportStaff')} required={false} />
          <Button>{t('queue.settings.save')}</Button>
        </form>
      </div>
    </Shell>
  );
}
