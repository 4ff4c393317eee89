import type { ComponentChildren } from 'preact';
import type { FieldError } from '../errors.js';
import type { ViewContext } from '../http/context.js';

/**
 * Form pieces in the GOV.UK pattern: an error summary that takes focus and
 * links to each field, the message beside the field, and the value kept.
 * Field ids are `f-<name>` so summary links always land on the field.
 */
export type FormValues = Record<string, string | undefined>;

export interface FormState {
  values: FormValues;
  errors: FieldError[];
}

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: [] });

export function fieldId(name: string): string {
  return `f-${name.replace(/[^\w-]/g, '_')}`;
}

function errorFor(state: FormState | undefined, name: string): FieldError | undefined {
  return state?.errors.find((e) => e.field === name);
}

/** The problems at the top of a form; with `labels`, each line names its question ("姓名：此欄必須填寫"). */
export function ErrorSummary({ ctx, state, labels }: { ctx: ViewContext; state: FormState | undefined; labels?: Record<string, string> }) {
  if (!state || state.errors.length === 0) return null;
  const sep = ctx.locale === 'en' ? ': ' : '：';
  // autofocus on a tabindex=-1 element moves focus here without any script
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
      <h2 id="error-summary-title">{ctx.t('form.errorSummary')}</h2>
      <ul>
        {state.errors.map((e) => (
          <li key={`${e.field}-${e.key}`}>
            <a href={`#${fieldId(e.field)}`}>
              {labels?.[e.field] ? `${labels[e.field]}${sep}` : ''}
              {ctx.t(e.key, e.params)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

interface FieldProps {
  ctx: ViewContext;
  state?: FormState | undefined;
  name: string;
  label: string;
  hint?: string | undefined;
  required?: boolean;
  /** element id when the same field appears more than once on a page (one form per row) */
  id?: string | undefined;
}

/** The hint and the error of a question, with the ids aria-describedby points at. */
function HintAndError({ ctx, id, hint, err }: { ctx: ViewContext; id: string; hint: string | undefined; err: FieldError | undefined }) {
  return (
    <>
      {hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {err ? (
        <p class="field-message" id={`${id}-error`}>
          {ctx.t(err.key, err.params)}
        </p>
      ) : null}
    </>
  );
}

/** A single problem that belongs to no one field (a look-up that found nothing, a rule that said no). */
export function AlertBox({ message }: { message: string }) {
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <p>{message}</p>
    </div>
  );
}

function FieldFrame({ ctx, state, name, label, hint, required, children, id: given }: FieldProps & { children: ComponentChildren }) {
  const err = errorFor(state, name);
  const id = given ?? fieldId(name);
  return (
    <div class={err ? 'field field-error' : 'field'}>
      <label for={id}>
        {label}
        {required === false ? <span class="field-optional">{ctx.t('form.optional')}</span> : null}
      </label>
      <HintAndError ctx={ctx} id={id} hint={hint} err={err} />
      {children}
    </div>
  );
}

function describedBy(state: FormState | undefined, name: string, hint: string | undefined, given?: string): string | undefined {
  const id = given ?? fieldId(name);
  const parts = [hint ? `${id}-hint` : '', errorFor(state, name) ? `${id}-error` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'number' | 'search';
    autocomplete?: string;
    inputMode?: 'text' | 'numeric' | 'tel' | 'email';
    width?: 'short' | 'medium' | 'full';
    maxLength?: number;
  },
) {
  const { state, name, type = 'text', autocomplete, inputMode, width = 'full', required = true, hint, maxLength } = props;
  const err = errorFor(state, name);
  // never echo a password back into the page
  const value = type === 'password' ? '' : (state?.values[name] ?? '');
  return (
    <FieldFrame {...props} required={required}>
      <input
        id={props.id ?? fieldId(name)}
        name={name}
        type={type}
        value={value}
        class={`input input-${width}`}
        autoComplete={autocomplete}
        inputMode={inputMode}
        maxLength={maxLength}
        required={required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(state, name, hint, props.id)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  const { state, name, rows = 5, required = true, hint, maxLength } = props;
  const err = errorFor(state, name);
  return (
    <FieldFrame {...props} required={required}>
      <textarea
        id={props.id ?? fieldId(name)}
        name={name}
        rows={rows}
        class="input input-full"
        maxLength={maxLength}
        required={required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(state, name, hint, props.id)}
      >
        {state?.values[name] ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(props: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const { state, name, options, required = true, hint, placeholder } = props;
  const err = errorFor(state, name);
  const current = state?.values[name] ?? '';
  return (
    <FieldFrame {...props} required={required}>
      <select
        id={props.id ?? fieldId(name)}
        name={name}
        class="input"
        required={required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(state, name, hint, props.id)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function FileField(props: FieldProps & { accept?: string; multiple?: boolean }) {
  const { state, name, accept, hint, required = true, multiple } = props;
  const err = errorFor(state, name);
  return (
    <FieldFrame {...props} required={required}>
      <input
        id={props.id ?? fieldId(name)}
        name={name}
        type="file"
        accept={accept}
        multiple={multiple}
        class="input-file"
        required={required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(state, name, hint, props.id)}
      />
    </FieldFrame>
  );
}

export function Button({
  children,
  variant = 'primary',
  name,
  value,
}: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'warning';
  name?: string;
  value?: string;
}) {
  return (
    <button type="submit" class={`button button-${variant}`} name={name} value={value}>
      {children}
    </button>
  );
}

type ChoiceOption = { value: string; label: string; hint?: string; disabled?: boolean; group?: string };

/** A question answered by one choice: a fieldset whose legend is the question (GOV.UK radios). */
export function RadioGroup(
  props: FieldProps & { options: ChoiceOption[]; inline?: boolean },
) {
  return <ChoiceGroup {...props} type="radio" />;
}

/** A question answered by several choices; the value comes back as a list. */
export function CheckboxGroup(props: FieldProps & { options: ChoiceOption[]; inline?: boolean }) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

/**
 * Options with a `group` (上午 / 下午) are shown under that group's heading in a
 * compact grid, still one fieldset and one name: the error and the value
 * behave as in any other choice list.
 */
function ChoiceGroup(props: FieldProps & { type: 'radio' | 'checkbox'; options: ChoiceOption[]; inline?: boolean }) {
  const { ctx, state, name, label, hint, options, type, inline, required = true } = props;
  const err = errorFor(state, name);
  const id = fieldId(name);
  const chosen = new Set((state?.values[`${name}[]`] ?? state?.values[name] ?? '').split('\u001f').filter(Boolean));
  const indexed = options.map((o, i) => ({ o, i }));
  const groups = options.some((o) => o.group) ? [...new Set(options.map((o) => o.group ?? ''))] : null;
  const choice = ({ o, i }: { o: ChoiceOption; i: number }) => (
    <div class={o.disabled ? 'choice choice-disabled' : 'choice'} key={o.value}>
      <input
        type={type}
        id={i === 0 ? id : `${id}-${i}`}
        name={name}
        value={o.value}
        checked={chosen.has(o.value)}
        disabled={o.disabled}
        aria-describedby={o.hint ? `${id}-${i}-hint` : undefined}
      />
      <label for={i === 0 ? id : `${id}-${i}`}>
        {o.label}
        {o.hint ? (
          <span class="choice-hint" id={`${id}-${i}-hint`}>
            {o.hint}
          </span>
        ) : null}
      </label>
    </div>
  );
  return (
    <div class={err ? 'field field-error' : 'field'}>
      <fieldset class="choices" aria-describedby={describedBy(state, name, hint)}>
        <legend>
          {label}
          {required === false ? <span class="field-optional">{ctx.t('form.optional')}</span> : null}
        </legend>
        <HintAndError ctx={ctx} id={id} hint={hint} err={err} />
        {groups ? (
          groups.map((g) => (
            <fieldset class="choice-group" key={g}>
              <legend class="choice-group-title">{g}</legend>
              <div class="choice-list choice-compact">{indexed.filter(({ o }) => (o.group ?? '') === g).map(choice)}</div>
            </fieldset>
          ))
        ) : (
          <div class={inline ? 'choice-list choice-inline' : 'choice-list'}>{indexed.map(choice)}</div>
        )}
      </fieldset>
    </div>
  );
}
