import type { ViewContext } from '../../../../platform/http/context.js';
import type { PopulationFigures } from '../service.js';
import { count, decimal, signed } from './format.js';

/** One headline figure: its name, value and, where it needs one, how it is worked out. */
function Tile({ label, value, hint }: { label: string; value: string; hint?: string | undefined }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {value}
        {hint ? <span class="note pop-hint">{hint}</span> : null}
      </dd>
    </div>
  );
}

/** The month's headline figures: households, people by sex, sex ratio, density, household size, dependency and ageing. */
export function SummaryTiles({ ctx, f }: { ctx: ViewContext; f: PopulationFigures }) {
  const { t, locale } = ctx;
  const s = f.summary;
  const p = (key: string, params?: Record<string, string | number>) => t(`population.pages.${key}`, params);
  const change = (n: number | undefined) => (n === undefined ? undefined : p('hint.change', { n: signed(n, locale) }));
  return (
    <dl class="stat-grid">
      <Tile label={p('item.people')} value={p('tile.people', { n: count(s.people, locale) })} hint={change(s.change?.people)} />
      <Tile label={p('item.households')} value={p('tile.households', { n: count(s.households, locale) })} hint={change(s.change?.households)} />
      <Tile label={p('item.male')} value={p('tile.people', { n: count(s.male, locale) })} />
      <Tile label={p('item.female')} value={p('tile.people', { n: count(s.female, locale) })} />
      <Tile label={p('item.sexRatio')} value={decimal(s.sexRatio, locale)} hint={p('hint.sexRatio')} />
      <Tile label={p('item.avgHouseholdSize')} value={decimal(s.avgHouseholdSize, locale)} />
      {s.density !== null ? <Tile label={p('tile.density')} value={decimal(s.density, locale)} hint={p('tile.densityUnit')} /> : null}
      {f.ages ? <Tile label={p('item.dependencyRatio')} value={decimal(f.ages.dependencyRatio, locale)} hint={p('hint.dependencyRatio')} /> : null}
      {f.ages ? <Tile label={p('item.ageingIndex')} value={decimal(f.ages.ageingIndex, locale)} hint={p('hint.ageingIndex')} /> : null}
    </dl>
  );
}
