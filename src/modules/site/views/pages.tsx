import type { ViewContext } from '../../../platform/http/context.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { SitePage } from '../../../platform/module.js';
import type { Doc } from '../content.js';

export function DocPage({ ctx, title, doc }: { ctx: ViewContext; title: string; doc: Doc }) {
  return (
    <Shell ctx={ctx} title={title} crumbs={[{ href: '/', label: ctx.t('nav.home') }, { label: title }]}>
      <h1>{title}</h1>
      <div class="prose">
        {doc.sections.map((s) => (
          <section key={s.heading}>
            <h2>{s.heading}</h2>
            {s.paragraphs.map((p) => (
              <p key={p.slice(0, 24)}>{p}</p>
            ))}
          </section>
        ))}
      </div>
    </Shell>
  );
}

export interface SitemapGroup {
  title: string;
  pages: SitePage[];
}

export function SitemapPage({ ctx, groups }: { ctx: ViewContext; groups: SitemapGroup[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('sitemap.title')} crumbs={[{ href: '/', label: t('nav.home') }, { label: t('sitemap.title') }]}>
      <h1>{t('sitemap.title')}</h1>
      <p>{t('sitemap.lead')}</p>
      <ul class="plain-list accesskeys">
        <li>{t('sitemap.keyU')}</li>
        <li>{t('sitemap.keyC')}</li>
        <li>{t('sitemap.keyZ')}</li>
        <li>{t('sitemap.keyS')}</li>
      </ul>
      <p class="muted">{t('sitemap.browsers')}</p>
      <h2>{t('sitemap.pages')}</h2>
      <div class="sitemap-groups">
        {groups.map((g) => (
          <section key={g.title}>
            <h3>{g.title}</h3>
            <ul>
              {g.pages.map((p) => (
                <li key={p.href}>
                  <a href={p.href}>{t(p.titleKey)}</a>
                  {p.descKey ? <span class="muted"> — {t(p.descKey)}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </Shell>
  );
}

