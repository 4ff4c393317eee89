import type { ViewContext } from '../../../platform/http/context.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { STAFF_MENUS, type StaffNotice, type StaffTile } from '../../../platform/module.js';

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
      {STAFF_MENUS.map((menu) => {
        const mine = tiles.filter((tile) => tile.menu === menu);
        if (mine.length === 0) return null;
        return (
          <section key={menu} aria-labelledby={`menu-${menu}`}>
            <h2 id={`menu-${menu}`}>{t(`staff.menu.${menu}`)}</h2>
            <ul class="card-grid">
              {mine.map((tile) => (
                <li key={tile.href} class="card">
                  <a href={tile.href}>
                    <span class="card-title">{t(tile.titleKey)}</span>
                    <span class="card-desc">{t(tile.descKey)}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Shell>
  );
}
