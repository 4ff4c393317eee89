import type { FieldError } from '../../../../platform/errors.js';
import type { ViewContext } from '../../../../platform/http/context.js';
import { Button, type FormState, fieldId, SelectField, TextField } from '../../../../platform/layout/forms.js';
import { MAX_ADDRESS } from '../query.js';

export interface LookupFormProps {
  ctx: ViewContext;
  /** the page the form sends to (GET): /house-numbers or /o/<office>/house-numbers */
  action: string;
  state: FormState;
  /** the county page's town choice; none on an office's page */
  towns: { code: string; name: string }[];
  /** the road box's suggestions */
  roads: string[];
}

const PART_FIELDS = ['town', 'road', 'lane', 'alley', 'number'] as const;

interface BoxProps {
  ctx: ViewContext;
  state: FormState;
  name: string;
  label: string;
  hint: string;
  /** marked （選填） */
  optional: boolean;
  type?: 'text' | 'search';
  width: 'full' | 'medium';
  maxLength: number;
  autocomplete: string;
  /** suggestions under the box (<datalist>) */
  list?: string[];
}

/**
 * A text box with its hint and message. The address box is not marked
 * optional (it is the usual way in) nor required (the boxes behind
 * 「或分欄輸入」 may be used instead); the road box offers the town's roads.
 */
function Box({ ctx, state, name, label, hint, optional, type = 'text', width, maxLength, autocomplete, list = [] }: BoxProps) {
  const id = fieldId(name);
  const err: FieldError | undefined = state.errors.find((e) => e.field === name);
  const described = [`${id}-hint`, err ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={err ? 'field field-error' : 'field'}>
      <label for={id}>
        {label}
        {optional ? <span class="field-optional">{ctx.t('form.optional')}</span> : null}
      </label>
      <p class="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {err ? (
        <p class="field-message" id={`${id}-error`}>
          {ctx.t(err.key, err.params)}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        class={`input input-${width}`}
        value={state.values[name] ?? ''}
        list={list.length ? `${id}-list` : undefined}
        maxLength={maxLength}
        autoComplete={autocomplete}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={described}
      />
      {list.length ? (
        <datalist id={`${id}-list`}>
          {list.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}

/**
 * One box for the whole address and, behind 「或分欄輸入」, the parts in
 * separate boxes. GET: the answer's address is a link anyone can keep.
 */
export function LookupForm({ ctx, action, state, towns, roads }: LookupFormProps) {
  const { t } = ctx;
  const partsUsed = PART_FIELDS.some((f) => state.values[f]) || state.errors.some((e) => e.field !== 'q');
  return (
    <search>
      <form method="get" action={action} class="form" novalidate>
        {ctx.locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <Box ctx={ctx} state={state} name="q" type="search" label={t('houseNumbers.lookup.form.q')} hint={t('houseNumbers.lookup.form.qHint')} optional={false} width="full" maxLength={MAX_ADDRESS} autocomplete="street-address" />
        <details class="notice" open={partsUsed}>
          <summary>{t('houseNumbers.lookup.form.parts')}</summary>
          {towns.length > 1 ? (
            <SelectField ctx={ctx} state={state} name="town" label={t('houseNumbers.lookup.form.town')} required={false} placeholder={t('houseNumbers.lookup.form.allTowns')} options={towns.map((x) => ({ value: x.code, label: x.name }))} />
          ) : null}
          <Box ctx={ctx} state={state} name="road" label={t('houseNumbers.lookup.form.road')} hint={t('houseNumbers.lookup.form.roadHint')} optional width="medium" maxLength={40} autocomplete="off" list={roads} />
          <div class="inline-fields">
            <TextField ctx={ctx} state={state} name="lane" label={t('houseNumbers.lookup.form.lane')} required={false} width="short" maxLength={12} />
            <TextField ctx={ctx} state={state} name="alley" label={t('houseNumbers.lookup.form.alley')} required={false} width="short" maxLength={12} />
            <TextField ctx={ctx} state={state} name="number" label={t('houseNumbers.lookup.form.number')} hint={t('houseNumbers.lookup.form.numberHint')} required={false} width="short" maxLength={12} />
          </div>
        </details>
        <Button>{t('houseNumbers.lookup.form.submit')}</Button>
      </form>
    </search>
  );
}
