import type { ViewContext } from '../../../platform/http/context.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { StaffTile } from '../../../platform/module.js';

export function StaffHome({ ctx, tiles, scope }: { ctx: ViewContext; tiles: StaffTile[]; scope: string }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('staff.title')} variant="staff">
      <h1>{t('staff.title')}</h1>
      <p class="lead">{t('staff.home.lead')}</p>
      <p class="muted">{t('staff.home.scope', { scope })}</p>
      <ul class="card-grid">
        {tiles.map((tile) => (
          <li key={tile.href} class="card">
            <a href={tile.href}>
              <span class="card-title">{t(tile.titleKey)}</span>
              <span class="card-desc">{t(tile.descKey)}</span>
            </a>
          </li>
        ))}
      </ul>
    </Shell>
  );
}
