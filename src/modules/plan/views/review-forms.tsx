import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { NOTE_MAX, OWNER_MAX, type PackAction, TEXT_MAX } from '../review-actions.js';
import { MINUTES_MAX } from '../review-meeting.js';

/** The review page's forms: the meeting, a new action item, closing an open one. Each posts and redirects (303), and comes back with 422 beside the field. */

const empty: FormState = { values: {}, errors: [] };

export function MeetingForm({ ctx, action, state }: { ctx: ViewContext; action: string; state: FormState | undefined }) {
  const { t } = ctx;
  const labels = { held_on: t('plan.review.meeting.heldOn'), minutes: t('plan.review.meeting.minutes') };
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <CsrfField ctx={ctx} />
      <p class="muted">{t('plan.review.meeting.hint')}</p>
      <TextField ctx={ctx} state={state ?? empty} name="held_on" label={labels.held_on} hint={t('plan.review.meeting.dateHint')} width="medium" />
      <TextArea ctx={ctx} state={state ?? empty} name="minutes" label={labels.minutes} rows={6} maxLength={MINUTES_MAX} />
      <div class="actions">
        <Button>{t('plan.review.meeting.save')}</Button>
      </div>
    </form>
  );
}

export function AddActionForm({ ctx, action, state, items }: { ctx: ViewContext; action: string; state: FormState | undefined; items: { id: number; label: string }[] }) {
  const { t } = ctx;
  const labels = { text: t('plan.review.add.text'), owner: t('plan.review.add.owner'), due_on: t('plan.review.add.due'), item: t('plan.review.add.item') };
  return (
    <form method="post" action={action} class="form" novalidate>
      <h3>{t('plan.review.add.title')}</h3>
      <p class="muted">{t('plan.review.add.lead')}</p>
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <CsrfField ctx={ctx} />
      <TextArea ctx={ctx} state={state ?? empty} name="text" label={labels.text} rows={3} maxLength={TEXT_MAX} />
      <TextField ctx={ctx} state={state ?? empty} name="owner" label={labels.owner} width="medium" maxLength={OWNER_MAX} />
      <TextField ctx={ctx} state={state ?? empty} name="due_on" label={labels.due_on} hint={t('plan.review.add.dueHint')} width="medium" />
      <SelectField
        ctx={ctx}
        state={state ?? empty}
        name="item"
        label={labels.item}
        required={false}
        placeholder={t('plan.review.add.noItem')}
        options={items.map((i) => ({ value: String(i.id), label: i.label }))}
      />
      <div class="actions">
        <Button>{t('plan.review.add.submit')}</Button>
      </div>
    </form>
  );
}

/** One form per open action; its fields carry the action's id so each form's ids are its own. */
export function CloseForm({ ctx, action, a, state }: { ctx: ViewContext; action: string; a: PackAction; state: FormState | undefined }) {
  const { t } = ctx;
  const labels = { [`state_${a.id}`]: t('plan.review.close.state'), [`note_${a.id}`]: t('plan.review.close.note') };
  return (
    <form method="post" action={action} class="form action-form" novalidate>
      <fieldset class="choices">
        <legend>{t('plan.review.close.legend', { text: a.text })}</legend>
        <ErrorSummary ctx={ctx} state={state} labels={labels} />
        <CsrfField ctx={ctx} />
        <SelectField
          ctx={ctx}
          state={state ?? empty}
          name={`state_${a.id}`}
          label={t('plan.review.close.state')}
          options={[
            { value: 'done', label: t('plan.review.action.done') },
            { value: 'dropped', label: t('plan.review.action.dropped') },
          ]}
        />
        <TextArea ctx={ctx} state={state ?? empty} name={`note_${a.id}`} label={t('plan.review.close.note')} rows={2} maxLength={NOTE_MAX} />
        <div class="actions">
          <Button variant="secondary">{t('plan.review.close.submit')}</Button>
        </div>
      </fieldset>
    </form>
  );
}
