import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, fieldId, SelectField, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { FIGURES } from '../../figures/index.js';
import { LABEL_EN_MAX, LABEL_ZH_MAX, UNIT_MAX, type EditorRow } from '../lines.js';
import type { Template } from '../template.js';

export interface TemplatePageProps {
  ctx: ViewContext;
  current: Template | null;
  rows: EditorRow[];
  state: FormState;
}

/**
 * The county's report template: a list of lines edited in one form. Add,
 * move and remove are submit buttons that redraw the form with what was
 * typed (no script needed); "save" checks the lines and makes a new version.
 */
export function TemplatePage({ ctx, current, rows, state }: TemplatePageProps) {
  const { t } = ctx;
  const figureOptions = FIGURES.map((f) => ({ value: f.key, label: `${t(`figures.group.${f.group}`)}｜${t(`figures.f.${f.key}`)}` }));
  const labels: Record<string, string> = { lines: t('reports.template.lines') };
  rows.forEach((_r, i) => {
    const n = t('reports.template.lineN', { n: i + 1 });
    labels[`figure.${i}`] = `${n} ${t('reports.template.figure')}`;
    labels[`labelZh.${i}`] = `${n} ${t('reports.template.labelZh')}`;
    labels[`labelEn.${i}`] = `${n} ${t('reports.template.labelEn')}`;
    labels[`unit.${i}`] = `${n} ${t('reports.template.unit')}`;
  });
  const linesError = state.errors.find((e) => e.field === 'lines');
  return (
    <Shell
      ctx={ctx}
      title={t('reports.template.title')}
      variant="staff"
      crumbs={[{ href: '/staff', label: t('staff.title') }, { href: '/staff/reports/county', label: t('reports.county.title') }, { label: t('reports.template.title') }]}
    >
      <h1>{t('reports.template.title')}</h1>
      <p>{current ? t('reports.template.current', { n: current.version, at: showInstant(current.createdAt, ctx.locale), who: current.createdByName }) : t('reports.template.none')}</p>
      <p class="muted">{t('reports.template.lead')}</p>
      <form method="post" action="/staff/reports/template" class="form" novalidate>
        {/* Enter in a text field presses the form's first button: let that be "save", not "move line 1 down" */}
        <button type="submit" name="op" value="save" class="visually-hidden" tabIndex={-1} aria-hidden="true">
          {t('reports.template.save')}
        </button>
        <ErrorSummary ctx={ctx} state={state} labels={labels} />
        <CsrfField ctx={ctx} />
        <input type="hidden" name="count" value={String(rows.length)} />
        <h2 id={fieldId('lines')} tabIndex={-1}>
          {t('reports.template.lines')}
        </h2>
        {linesError ? <p class="field-message">{t(linesError.key, linesError.params)}</p> : null}
        {rows.map((r, i) => {
          const n = t('reports.template.lineN', { n: i + 1 });
          return (
            <fieldset class="choices action-form" key={i}>
              <legend>
                {n}
                {t('reports.sep')}
                {t(r.kind === 'figure' ? 'reports.template.kindFigure' : 'reports.template.kindManual')}
              </legend>
              <input type="hidden" name={`kind.${i}`} value={r.kind} />
              <input type="hidden" name={`key.${i}`} value={r.key} />
              {r.kind === 'figure' ? (
                <SelectField ctx={ctx} state={state} name={`figure.${i}`} label={t('reports.template.figure')} options={figureOptions} placeholder={t('reports.template.choose')} />
              ) : (
                <>
                  <TextField ctx={ctx} state={state} name={`labelZh.${i}`} label={t('reports.template.labelZh')} maxLength={LABEL_ZH_MAX} />
                  <TextField ctx={ctx} state={state} name={`labelEn.${i}`} label={t('reports.template.labelEn')} maxLength={LABEL_EN_MAX} />
                  <TextField ctx={ctx} state={state} name={`unit.${i}`} label={t('reports.template.unit')} hint={t('reports.template.unitHint')} width="short" required={false} maxLength={UNIT_MAX} />
                </>
              )}
              <div class="row-actions">
                {i > 0 ? (
                  <Button variant="secondary" name="op" value={`up:${i}`}>
                    {t('reports.template.up')}
                    <span class="visually-hidden"> {n}</span>
                  </Button>
                ) : null}
                {i < rows.length - 1 ? (
                  <Button variant="secondary" name="op" value={`down:${i}`}>
                    {t('reports.template.down')}
                    <span class="visually-hidden"> {n}</span>
                  </Button>
                ) : null}
                <Button variant="warning" name="op" value={`remove:${i}`}>
                  {t('reports.template.remove')}
                  <span class="visually-hidden"> {n}</span>
                </Button>
              </div>
            </fieldset>
          );
        })}
        <div class="actions">
          <Button variant="secondary" name="op" value="addFigure">
            {t('reports.template.addFigure')}
          </Button>
          <Button variant="secondary" name="op" value="addManual">
            {t('reports.template.addManual')}
          </Button>
        </div>
        <div class="actions">
          <Button name="op" value="save">
            {t('reports.template.save')}
          </Button>
        </div>
      </form>
    </Shell>
  );
}
