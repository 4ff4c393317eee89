import type { NavLink, ViewContext } from '../http/context.js';

/**
 * The staff menu: the home link, then one disclosure per group (櫃台與叫號, 預約 …)
 * listing what this role may open. <details> opens and closes without script
 * and is announced as a button; the group holding this page is marked.
 * On phones nine groups took four rows on every page, so everything sits in
 * one more disclosure (選單; the brand link still leads home); on wide screens
 * CSS hides its summary and shows its content (::details-content), leaving
 * the single row of today.
 */
export function StaffMenu({ ctx }: { ctx: ViewContext }) {
  const home = ctx.nav.find((item) => !item.group);
  return (
    <nav class="main-nav staff-menu" aria-label={ctx.t('staff.menu.label')}>
      <div class="wrap">
        <details class="staff-menu-toggle">
          <summary>{ctx.t('staff.menu.toggle')}</summary>
          <ul>
            {home ? (
              <li>
                <a href={home.href} aria-current={home.current ? 'page' : undefined}>
                  {home.label}
                </a>
              </li>
            ) : null}
            {menuGroups(ctx.nav).map((g) => (
              <MenuGroup key={g.label} label={g.label} links={g.links} here={g.links.some((l) => l.current || ctx.path.startsWith(`${l.href}/`))} />
            ))}
          </ul>
        </details>
      </div>
    </nav>
  );
}

/** Consecutive links of the same group, in menu order. */
function menuGroups(nav: NavLink[]): { label: string; links: NavLink[] }[] {
  const groups: { label: string; links: NavLink[] }[] = [];
  for (const item of nav) {
    if (!item.group) continue;
    const last = groups[groups.length - 1];
    if (last && last.label === item.group) last.links.push(item);
    else groups.push({ label: item.group, links: [item] });
  }
  return groups;
}

function MenuGroup({ label, links, here }: { label: string; links: NavLink[]; here: boolean }) {
  return (
    <li class="menu-group">
      <details>
        <summary class={here ? 'here' : undefined}>{label}</summary>
        <ul>
          {links.map((l) => (
            <li key={l.href}>
              <a href={l.href} aria-current={l.current ? 'page' : undefined}>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}
