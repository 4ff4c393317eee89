import type { ViewContext } from '../../../platform/http/context.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { StaffNotice, StaffTile } from '../../../platform/module.js';

export function StaffHome({ ctx, tiles, scope, notices }: { ctx: ViewContext; tiles: StaffTile[]; scope: string; notices: StaffNotice[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('staff.title')} variant="staff">
      <h1>{t('staff.title')}</h1>
      {notices.map((n) => (
        <div key={n.key} class="peak-alert notice-alert" role="alert">
          <p>{n.href ? <a href={n.href}>{t(n.key, n.params)}</a> : t(n.key, n.params)}</p>
        </div>
      ))}
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
