import type { ViewContext } from '../../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, type FormState, RadioGroup, TextField } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { FOLLOWUP_CHANNELS, type TypedField } from '../form.js';
import type { EligibleRecipient } from '../repo.js';
import { fieldsSent } from '../status.js';
import { CaseFacts, type CaseSummary, consentCrumbs, fieldWords, PageTitle } from './parts.js';

export interface ConsentFormProps {
  ctx: ViewContext;
  s: CaseSummary;
  /** false while the case is still open: the page says so and has no form */
  ready: boolean;
  eligible: EligibleRecipient[];
  /** the details a recipient on the list may need, with the agencies that need each */
  typed: { field: TypedField; neededBy: string[] }[];
  hasChecklist: boolean;
  state: FormState;
}

function RecipientChoices({ ctx, eligible, state }: Pick<ConsentFormProps, 'ctx' | 'eligible' | 'state'>) {
  const { t } = ctx;
  const err = state.errors.find((e) => e.field === 'recipient');
  const chosen = new Set((state.values['recipient[]'] ?? state.values.recipient ?? '').split('\u001f').filter(Boolean));
  const sectors = [...new Set(eligible.map((r) => r.sector))];
  const described = ['f-recipient-hint', err ? 'f-recipient-error' : ''].filter(Boolean).join(' ');
  return (
    <div class={err ? 'field field-error' : 'field'}>
      <fieldset class="choices" id="f-recipient" tabIndex={-1} aria-describedby={described}>
        <legend>{t('notify.consent.recipients')}</legend>
        <p class="field-hint" id="f-recipient-hint">
          {t('notify.consent.recipientsHint')}
        </p>
        {err ? (
          <p class="field-message" id="f-recipient-error">
            {t(err.key, err.params)}
          </p>
        ) : null}
        {eligible.length === 0 ? <p class="notice">{t('notify.consent.noRecipients')}</p> : null}
        <div class="columns">
          {sectors.map((sector) => (
            // each group in its own box, so the grid's columns start level (.choice-group + .choice-group adds a margin)
            <div key={sector}>
              <fieldset class="choice-group">
                <legend class="choice-group-title">{t(`notify.consent.sector.${sector}`)}</legend>
                <div class="choice-list">
                  {eligible
                    .filter((r) => r.sector === sector)
                    .map((r) => (
                      <div class="choice" key={r.id}>
                        <input type="checkbox" id={`f-recipient-${r.id}`} name="recipient" value={String(r.id)} checked={chosen.has(String(r.id))} aria-describedby={`f-recipient-${r.id}-hint`} />
                        <label for={`f-recipient-${r.id}`}>
                          {ctx.locale === 'en' ? r.nameEn : r.name}
                          <span class="choice-hint" id={`f-recipient-${r.id}-hint`}>
                            {t('notify.consent.receives', { fields: fieldWords(t, fieldsSent(r.fields)) })}
                          </span>
                        </label>
                      </div>
                    ))}
                </div>
              </fieldset>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

function FollowupFields({ ctx, s, hasChecklist, state }: Pick<ConsentFormProps, 'ctx' | 's' | 'hasChecklist' | 'state'>) {
  const { t } = ctx;
  const birth = s.event === 'birth';
  const phone = <TextField ctx={ctx} state={state} name="phone" type="tel" label={t('notify.consent.phone')} hint={t(birth ? 'notify.consent.phoneHintBirth' : 'notify.consent.phoneHint')} required={false} width="medium" maxLength={20} inputMode="tel" />;
  if (!hasChecklist) {
    return (
      <>
        <h2>{t('notify.consent.followup')}</h2>
        <p class="muted">{t('notify.consent.noChecklist')}</p>
        <input type="hidden" name="channel" value="none" />
        {birth ? phone : null}
      </>
    );
  }
  return (
    <>
      <h2>{t('notify.consent.followup')}</h2>
      <RadioGroup ctx={ctx} state={state} name="channel" label={t('notify.consent.channelLegend')} hint={t('notify.consent.followupHint')} options={FOLLOWUP_CHANNELS.map((c) => ({ value: c, label: t(`notify.consent.channel.${c}`) }))} />
      <TextField ctx={ctx} state={state} name="email" type="email" label={t('notify.consent.email')} required={false} width="medium" maxLength={254} />
      {phone}
    </>
  );
}

/** One box across the column: the clerk's word that the choice was read back (a grid cell would squeeze it). */
function ReadBack({ ctx, state }: Pick<ConsentFormProps, 'ctx' | 'state'>) {
  const { t } = ctx;
  const err = state.errors.find((e) => e.field === 'readBack');
  return (
    <div class={err ? 'field field-error' : 'field'}>
      <fieldset class="choices" aria-describedby={err ? 'f-readBack-error' : undefined}>
        <legend>{t('notify.consent.readBackLegend')}</legend>
        {err ? (
          <p class="field-message" id="f-readBack-error">
            {t(err.key, err.params)}
          </p>
        ) : null}
        <div class="choice">
          <input type="checkbox" id="f-readBack" name="readBack" value="1" checked={state.values.readBack === '1'} />
          <label for="f-readBack">{t('notify.consent.readBack')}</label>
        </div>
      </fieldset>
    </div>
  );
}

/** Names of the agencies that need a detail: all of them when few, else the first three and how many. */
function neededBy(ctx: ViewContext, names: string[]): string {
  const { t } = ctx;
  const sep = t('notify.consent.fieldSep');
  return names.length <= 3 ? t('notify.consent.neededBy', { names: names.join(sep) }) : t('notify.consent.neededByMany', { names: names.slice(0, 3).join(sep), n: names.length, more: names.length - 3 });
}

function DetailFields({ ctx, typed, state }: Pick<ConsentFormProps, 'ctx' | 'typed' | 'state'>) {
  const { t } = ctx;
  if (typed.length === 0) return null;
  return (
    <>
      <h2>{t('notify.consent.details')}</h2>
      <p class="muted">{t('notify.consent.detailsHint')}</p>
      {typed.map(({ field, neededBy: names }) => (
        <TextField
          key={field}
          ctx={ctx}
          state={state}
          name={field}
          label={t(`notify.consent.detail.${field}`)}
          hint={neededBy(ctx, names)}
          required={false}
          width={field === 'address' ? 'full' : 'medium'}
          maxLength={field === 'address' ? 200 : 60}
          autocomplete="off"
        />
      ))}
    </>
  );
}

/** Each question's name for the error summary, so "required" says what is. */
function summaryLabels(ctx: ViewContext, typed: ConsentFormProps['typed']): Record<string, string> {
  const { t } = ctx;
  const labels: Record<string, string> = { recipient: t('notify.consent.recipients'), eventDate: t('notify.consent.eventDate'), readBack: t('notify.consent.readBackLegend'), channel: t('notify.consent.channelLegend'), email: t('notify.consent.email'), phone: t('notify.consent.phone') };
  for (const { field } of typed) labels[field] = t(`notify.consent.detail.${field}`);
  return labels;
}

export function ConsentFormPage(p: ConsentFormProps) {
  const { ctx, s, state } = p;
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('notify.consent.title')} variant="staff" crumbs={consentCrumbs(ctx, s)}>
      <PageTitle ctx={ctx} s={s} />
      <CaseFacts ctx={ctx} s={s} />
      {!p.ready ? (
        <p class="notice">{t('notify.consent.notReady')}</p>
      ) : (
        <>
          <div class="narrow">
            <p class="lead">{t('notify.consent.lead')}</p>
            <ErrorSummary ctx={ctx} state={state} labels={summaryLabels(ctx, p.typed)} />
          </div>
          <form method="post" action={`/staff/notify/cases/${s.caseId}`} class="form" novalidate>
            <CsrfField ctx={ctx} />
            <RecipientChoices ctx={ctx} eligible={p.eligible} state={state} />
            <div class="narrow">
              <DetailFields ctx={ctx} typed={p.typed} state={state} />
              <TextField ctx={ctx} state={state} name="eventDate" label={t('notify.consent.eventDate')} hint={t('notify.consent.eventDateHint')} width="medium" maxLength={20} autocomplete="off" />
              {p.eligible.length > 0 ? <ReadBack ctx={ctx} state={state} /> : null}
              <FollowupFields ctx={ctx} s={s} hasChecklist={p.hasChecklist} state={state} />
              <Button>{t('notify.consent.submit')}</Button>
            </div>
          </form>
        </>
      )}
    </Shell>
  );
}
