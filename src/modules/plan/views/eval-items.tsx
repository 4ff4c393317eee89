import type { ViewContext } from '../../../platform/http/context.js';
import { CheckboxGroup, type FormState, TextArea, TextField } from '../../../platform/layout/forms.js';
import { ACCOUNT_MAX, COMMENT_MAX } from '../eval-form.js';
import type { EvalMeasure } from '../eval-measures.js';
import type { EvalItem, EvalModel } from '../eval-model.js';
import { measureLabel, originWord, showMeasureValue, showPoints, statusWord } from '../eval-words.js';

/** One scored item on the evaluation page: its figures, then the office's part and the county's, each as fields or as text. */

export type Mode = { kind: 'self'; state: FormState } | { kind: 'county'; state: FormState } | { kind: 'read' };

const STATUS_CLASS: Record<EvalMeasure['status'], string | undefined> = { on_track: undefined, at_risk: 'tag tag-warning', off_track: 'tag tag-warning', no_data: undefined, no_target: undefined };

function MeasuresTable({ ctx, item }: { ctx: ViewContext; item: EvalItem }) {
  const { t, locale } = ctx;
  const caption = t('plan.eval.measuresOf', { item: `${item.code} ${item.title}` });
  if (item.measures.length === 0) {
    return (
      <section class="table-wrap" aria-label={caption}>
        <p class="table-caption">{caption}</p>
        <p class="empty">{t('plan.eval.empty')}</p>
      </section>
    );
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class="table table-compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plan.eval.col.measure')}</th>
            <th scope="col" class="num">
              {t('plan.eval.col.value')}
            </th>
            <th scope="col" class="num">
              {t('plan.eval.col.target')}
            </th>
            <th scope="col">{t('plan.eval.col.status')}</th>
            <th scope="col">{t('plan.eval.col.origin')}</th>
          </tr>
        </thead>
        <tbody>
          {item.measures.map((m) => (
            <tr key={m.measureId}>
              <th scope="row">{m.href ? <a href={m.href}>{measureLabel(m, t)}</a> : measureLabel(m, t)}</th>
              <td class="num">{showMeasureValue(m.unit, m.value, t, locale)}</td>
              <td class="num">{showMeasureValue(m.unit, m.target, t, locale)}</td>
              <td>
                <span class={STATUS_CLASS[m.status] ?? 'tag'}>{statusWord(m, t)}</span>
              </td>
              <td>{originWord(m, t, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Figure pages the measures point at: evidence the office need not type. */
function Suggested({ ctx, item }: { ctx: ViewContext; item: EvalItem }) {
  const links = item.measures.filter((m) => m.href);
  if (links.length === 0) return null;
  return (
    <div class="field">
      <p class="field-hint">{ctx.t('plan.eval.suggested')}</p>
      <ul class="plain-list">
        {links.map((m) => (
          <li key={m.measureId}>
            <a href={m.href ?? ''}>{measureLabel(m, ctx.t)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function EvidenceList({ ctx, item }: { ctx: ViewContext; item: EvalItem }) {
  const none = item.links.length === 0 && item.files.length === 0;
  if (none) return <p class="muted">{ctx.t('plan.eval.noEvidence')}</p>;
  return (
    <ul class="plain-list">
      {item.links.map((l) => (
        <li key={`l-${l.href}`}>
          <a href={l.href} rel={l.href.startsWith('/') ? undefined : 'noopener noreferrer'}>
            {l.label}
          </a>
        </li>
      ))}
      {item.files.map((f) => (
        <li key={`f-${f.id}`}>
          <a href={`/staff/plan/files/${f.id}`}>{f.filename}</a>
        </li>
      ))}
    </ul>
  );
}

function SelfFields({ ctx, m, item, state }: { ctx: ViewContext; m: EvalModel; item: EvalItem; state: FormState }) {
  const { t, locale } = ctx;
  const id = item.itemId;
  return (
    <fieldset class="choices action-form">
      <legend>{t('plan.eval.selfPart')}</legend>
      <TextField ctx={ctx} state={state} name={`self.${id}`} label={t('plan.eval.selfScore', { max: showPoints(item.points10, locale) })} hint={t('plan.eval.scoreHint')} width="short" inputMode="text" required={false} />
      <TextArea ctx={ctx} state={state} name={`account.${id}`} label={t('plan.eval.col.account')} rows={3} required={false} maxLength={ACCOUNT_MAX} />
      <Suggested ctx={ctx} item={item} />
      <TextArea ctx={ctx} state={state} name={`links.${id}`} label={t('plan.eval.links')} hint={t('plan.eval.linksHint')} rows={2} required={false} />
      {m.files.length ? (
        <CheckboxGroup ctx={ctx} state={state} name={`files.${id}`} label={t('plan.eval.files')} required={false} options={m.files.map((f) => ({ value: String(f.id), label: f.filename }))} />
      ) : (
        <p class="muted">{t('plan.eval.noFiles')}</p>
      )}
    </fieldset>
  );
}

function SelfText({ ctx, item }: { ctx: ViewContext; item: EvalItem }) {
  const { t, locale } = ctx;
  return (
    <dl class="summary-list">
      <div>
        <dt>{t('plan.eval.col.self')}</dt>
        <dd>{t('plan.eval.pointsOf', { points: showPoints(item.self10, locale) })}</dd>
      </div>
      <div>
        <dt>{t('plan.eval.col.account')}</dt>
        <dd>{item.account || '—'}</dd>
      </div>
      <div>
        <dt>{t('plan.eval.col.evidence')}</dt>
        <dd>
          <EvidenceList ctx={ctx} item={item} />
          <Suggested ctx={ctx} item={item} />
        </dd>
      </div>
    </dl>
  );
}

function CountyFields({ ctx, item, state }: { ctx: ViewContext; item: EvalItem; state: FormState }) {
  const { t, locale } = ctx;
  return (
    <fieldset class="choices action-form">
      <legend>{t('plan.eval.countyPart')}</legend>
      <TextField ctx={ctx} state={state} name={`county.${item.itemId}`} label={t('plan.eval.countyScore', { max: showPoints(item.points10, locale) })} hint={t('plan.eval.scoreHint')} width="short" required={false} />
      <TextArea ctx={ctx} state={state} name={`ccomment.${item.itemId}`} label={t('plan.eval.col.countyComment')} rows={2} required={false} maxLength={COMMENT_MAX} />
    </fieldset>
  );
}

function CountyText({ ctx, item }: { ctx: ViewContext; item: EvalItem }) {
  const { t, locale } = ctx;
  if (item.county10 === null && !item.countyComment) return null;
  return (
    <dl class="summary-list">
      <div>
        <dt>{t('plan.eval.col.county')}</dt>
        <dd>{t('plan.eval.pointsOf', { points: showPoints(item.county10, locale) })}</dd>
      </div>
      <div>
        <dt>{t('plan.eval.col.countyComment')}</dt>
        <dd>{item.countyComment || '—'}</dd>
      </div>
    </dl>
  );
}

export function ItemSection({ ctx, m, item, mode }: { ctx: ViewContext; m: EvalModel; item: EvalItem; mode: Mode }) {
  const { t, locale } = ctx;
  const headingId = `item-${item.itemId}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {item.code} {item.title}
      </h2>
      <p class="muted">
        {item.trail ? `${item.trail}　` : ''}
        {t('plan.eval.col.points')}
        {t('plan.eval.sep')}
        {t('plan.eval.pointsOf', { points: showPoints(item.points10, locale) })}
      </p>
      <MeasuresTable ctx={ctx} item={item} />
      {mode.kind === 'read' ? null : <input type="hidden" name={`item.${item.itemId}`} value="1" />}
      {mode.kind === 'self' ? <SelfFields ctx={ctx} m={m} item={item} state={mode.state} /> : <SelfText ctx={ctx} item={item} />}
      {mode.kind === 'county' ? <CountyFields ctx={ctx} item={item} state={mode.state} /> : <CountyText ctx={ctx} item={item} />}
    </section>
  );
}
