import type { ViewContext } from '../../../platform/http/context.js';
import { changeInWords, type FigureDef } from '../headline.js';
import { type Period, periodLabel } from '../periods.js';

/** A figure as a person reads it: 1,234 件 / 87.5% / 6.2 分鐘 / — when there is nothing to count. */
export function formatFigure(ctx: ViewContext, def: FigureDef, v: number | null): string {
  if (v === null) return '—';
  const n = v.toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'zh-TW', { maximumFractionDigits: 1 });
  if (def.unit === 'percent') return `${n}%`;
  // a count says what it counts: 人次 of tickets, 份 of questionnaires, 次 of searches; else 件
  const own = `figures.unit.${def.key}`;
  const unit = def.unit === 'count' && ctx.t(own) !== own ? ctx.t(own) : ctx.t(`figures.unit.${def.unit}`);
  return unit ? `${n} ${unit}` : n;
}

/** A change with a word for whether it is better (see changeInWords). */
export const formatChange = (ctx: ViewContext, def: FigureDef, change: number | null) => changeInWords(def, change, ctx.t, ctx.locale);

export function ChangeCell({ ctx, def, change }: { ctx: ViewContext; def: FigureDef; change: number | null }) {
  const c = formatChange(ctx, def, change);
  return <span class={`change change-${c.tone}`}>{c.text}</span>;
}

/** The period chooser: kind (month / quarter / year) and which one; a GET form that works without script. */
export function PeriodPicker({
  ctx,
  action,
  period,
  keep = {},
  years,
}: {
  ctx: ViewContext;
  action: string;
  period: Period;
  keep?: Record<string, string>;
  /** the years offered, newest first */
  years: number[];
}) {
  const { t } = ctx;
  const options: { value: string; label: string }[] = [];
  for (const y of years) {
    options.push({ value: String(y), label: periodLabel({ kind: 'year', key: String(y), from: `${y}-01-01`, to: `${y}-12-31` }, ctx.locale) });
    for (let q = 4; q >= 1; q--) options.push({ value: `${y}-Q${q}`, label: periodLabel({ kind: 'quarter', key: `${y}-Q${q}`, from: `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`, to: `${y}-12-31` }, ctx.locale) });
    for (let m = 12; m >= 1; m--) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      options.push({ value: key, label: periodLabel({ kind: 'month', key, from: `${key}-01`, to: `${key}-28` }, ctx.locale) });
    }
  }
  return (
    <form method="get" action={action} class="filter-form">
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div class="field">
        <label for="f-period">{t('figures.period')}</label>
        <select id="f-period" name="period" class="input">
          {options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === period.key}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <button type="submit" class="button button-secondary">
          {t('figures.show')}
        </button>
      </div>
    </form>
  );
}
