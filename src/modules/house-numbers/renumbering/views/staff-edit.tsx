import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate } from '../../../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, fieldId, TextArea, TextField } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import type { NOTICE_FIELDS, NoticeFormState } from '../form.js';
import type { NoticeState } from '../service.js';
import { colon, officeQuery, publicBase, STAFF_BASE, StateTag, staffCrumbs } from './shared.js';

export interface StoredNotice {
  id: number;
  title: string;
  state: NoticeState;
}

interface EditProps {
  ctx: ViewContext;
  office: { code: string; name: string };
  villages: { code: string; name: string; town: string }[];
  state: NoticeFormState;
  stored: StoredNotice | null;
}

const LABEL_KEYS: Record<(typeof NOTICE_FIELDS)[number], string> = {
  title: 'renumbering.f.title',
  villages: 'renumbering.f.villages',
  effectiveOn: 'renumbering.f.effectiveOn',
  docNo: 'renumbering.f.docNo',
  note: 'renumbering.f.note',
  items: 'renumbering.f.items',
};

/**
 * The old → new list: a textarea like any other, but its error lists every
 * line that could not be read, by number, right above the text (kept as typed).
 */
function ItemsField({ ctx, state, readOnly }: { ctx: ViewContext; state: NoticeFormState; readOnly: boolean }) {
  const { t } = ctx;
  const id = fieldId('items');
  const err = state.errors.find((e) => e.field === 'items');
  return (
    <div class={err ? 'field field-error' : 'field'}>
      <label for={id}>{t('renumbering.f.items')}</label>
      {readOnly ? null : (
        <p class="field-hint" id={`${id}-hint`}>
          {t('renumbering.f.itemsHint')}
        </p>
      )}
      {err ? (
        <div class="field-message" id={`${id}-error`}>
          <p>{t(err.key, err.params)}</p>
          {state.lines.length > 0 ? (
            <ul>
              {state.lines.map((l) => (
                <li key={`${l.line}-${l.key}`}>{t(`renumbering.line.${l.key}`, { line: l.line, text: l.text, first: l.first ?? '' })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <textarea
        id={id}
        name="items"
        rows={14}
        class="input input-full"
        required
        readOnly={readOnly}
        spellcheck={false}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={readOnly ? undefined : err ? `${id}-hint ${id}-error` : `${id}-hint`}
      >
        {state.values.items ?? ''}
      </textarea>
    </div>
  );
}

function NoticeFields({ ctx, state, villages }: { ctx: ViewContext; state: NoticeFormState; villages: EditProps['villages'] }) {
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} state={state} name="title" label={t('renumbering.f.title')} hint={t('renumbering.f.titleHint')} maxLength={100} autocomplete="off" />
      {villages.length > 0 ? (
        <CheckboxGroup
          ctx={ctx}
          state={state}
          name="villages"
          label={t('renumbering.f.villages')}
          hint={t('renumbering.f.villagesHint')}
          options={villages.map((v) => ({ value: v.code, label: v.name, group: v.town }))}
        />
      ) : (
        <p class="note">{t('renumbering.f.noVillages')}</p>
      )}
      <TextField ctx={ctx} state={state} name="effectiveOn" label={t('renumbering.f.effectiveOn')} hint={t('renumbering.f.effectiveOnHint')} width="medium" maxLength={20} autocomplete="off" />
      <TextField ctx={ctx} state={state} name="docNo" label={t('renumbering.f.docNo')} hint={t('renumbering.f.docNoHint')} width="medium" maxLength={60} autocomplete="off" />
      <TextArea ctx={ctx} state={state} name="note" label={t('renumbering.f.note')} hint={t('renumbering.f.noteHint')} required={false} rows={3} maxLength={2000} />
      <ItemsField ctx={ctx} state={state} readOnly={false} />
    </>
  );
}

/** Publish a draft, withdraw a published notice: each its own small form, with what it means. */
function StateSection({ ctx, stored, officeCode }: { ctx: ViewContext; stored: StoredNotice; officeCode: string }) {
  const { t } = ctx;
  const step = stored.state === 'draft' ? 'publish' : stored.state === 'published' ? 'withdraw' : null;
  return (
    <section aria-labelledby="state-title">
      <h2 id="state-title">
        {t('renumbering.col.state')}
        {colon(ctx)}
        <StateTag ctx={ctx} state={stored.state} />
      </h2>
      {stored.state === 'published' ? (
        <p>
          <a href={`${publicBase(officeCode)}/${stored.id}`}>{t('renumbering.viewPublic')}</a>
        </p>
      ) : null}
      {step ? (
        <form method="post" action={`${STAFF_BASE}/${stored.id}/${step}`} class="action-form">
          <CsrfField ctx={ctx} />
          <p class="note">{t(step === 'publish' ? 'renumbering.publishLead' : 'renumbering.withdrawLead')}</p>
          <Button variant={step === 'publish' ? 'primary' : 'warning'}>{t(`renumbering.${step}`)}</Button>
        </form>
      ) : (
        <p class="notice">{t('renumbering.withdrawnLead')}</p>
      )}
    </section>
  );
}

/** New (stored = null), edit (draft or published) or, once withdrawn, read the notice. */
export function NoticeEditPage({ ctx, office, villages, state, stored }: EditProps) {
  const { t } = ctx;
  const withdrawn = stored?.state === 'withdrawn';
  const title = stored ? (withdrawn ? t('renumbering.viewTitle') : t('renumbering.editTitle')) : t('renumbering.newTitle');
  const labels = Object.fromEntries(Object.entries(LABEL_KEYS).map(([k, key]) => [k, t(key)]));
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, stored ? stored.title : t('renumbering.newTitle'))}>
      <h1>{title}</h1>
      <p class="muted">{t('renumbering.office', { office: office.name })}</p>
      {stored?.state === 'published' ? <p class="notice">{t('renumbering.publishedNote')}</p> : null}
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      {withdrawn ? (
        <>
          <dl class="facts">
            <dt>{t('renumbering.f.title')}</dt>
            <dd>{state.values.title}</dd>
            <dt>{t('renumbering.f.effectiveOn')}</dt>
            <dd>{state.values.effectiveOn ? showDate(state.values.effectiveOn, ctx.locale) : ''}</dd>
            <dt>{t('renumbering.f.docNo')}</dt>
            <dd>{state.values.docNo}</dd>
          </dl>
          <ItemsField ctx={ctx} state={state} readOnly />
        </>
      ) : (
        <form method="post" action={stored ? `${STAFF_BASE}/${stored.id}` : STAFF_BASE} class="form" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="office" value={office.code} />
          <NoticeFields ctx={ctx} state={state} villages={villages} />
          <div class="actions">
            <Button>{stored ? t('renumbering.save') : t('renumbering.create')}</Button>
            <a href={`${STAFF_BASE}${officeQuery(office.code)}`}>{t('renumbering.cancel')}</a>
          </div>
        </form>
      )}
      {stored ? <StateSection ctx={ctx} stored={stored} officeCode={office.code} /> : null}
    </Shell>
  );
}
