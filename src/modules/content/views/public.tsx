import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { Button, CsrfField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { topicLabel } from '../../../platform/search/index.js';
import { OPENGOV_CATEGORIES } from '../model.js';
import type { PublicItem } from '../service.js';

const home = (ctx: ViewContext) => ({ href: ctx.office ? `/o/${ctx.office.code}` : '/', label: ctx.t('nav.home') });

/** The body, already rendered by markdown-it with raw HTML off (model.ts). */
function Body({ html }: { html: string }) {
  // markdown-it output with raw HTML off and links limited to http(s), mailto and site paths
  return <div class="content-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

function QrLink({ ctx, path }: { ctx: ViewContext; path: string }) {
  return (
    <p class="muted">
      <a href={`/qr.svg?path=${encodeURIComponent(path)}`}>{ctx.t('content.qr')}</a>
    </p>
  );
}

export function NewsListPage({ ctx, items, feedBase }: { ctx: ViewContext; items: PublicItem[]; feedBase: string }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('content.news')} crumbs={[home(ctx), { label: t('content.news') }]}>
      <h1>{t('content.news')}</h1>
      <p>
        <a href={`${feedBase}.rss`}>RSS</a> · <a href={`${feedBase}.atom`}>Atom</a>
      </p>
      {items.length === 0 ? <p class="empty">{t('table.empty')}</p> : null}
      <ul class="news-list">
        {items.map((n) => (
          <li key={n.id}>
            <span class="muted">{showDate(n.date, ctx.locale)}</span> <span class="tag">{topicLabel(t, n.category)}</span>{' '}
            <a href={`/news/${n.id}`}>{n.title}</a>
          </li>
        ))}
      </ul>
    </Shell>
  );
}

export function ItemPage({ ctx, item, html, back, backLabel, languages = [] }: { ctx: ViewContext; item: PublicItem; html: string; back: string; backLabel: string; languages?: string[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={item.title} crumbs={[home(ctx), { href: back, label: backLabel }, { label: item.title }]}>
      <article class="narrow">
        <h1>{item.title}</h1>
        <p class="muted">
          {showDate(item.date, ctx.locale)}
          {item.opengov ? ` · ${t(`content.opengov.${item.opengov}`)}` : ''}
          {item.owner ? ` · ${t('content.owner')}：${item.owner}` : ''}
        </p>
        {languages.length ? (
          <p class="lang-links">
            {t('content.otherLanguages')}：{' '}
            {languages.map((l) => (
              <a key={l} href={`${ctx.path}?text=${l}`} lang={l} class="tag">
                {t(`content.lang.${l}`)}
              </a>
            ))}
          </p>
        ) : null}
        <Body html={html} />
        {item.guideCode ? (
          <p>
            <a href={`/guides/${item.guideCode}`}>{t('content.seeGuide')}</a> · <a href="/booking">{t('content.book')}</a>
          </p>
        ) : null}
        {item.kind === 'faq' ? (
          <form method="post" action={`/faq/${item.id}/helpful`} class="helpful">
            <CsrfField ctx={ctx} />
            <p>{t('content.helpful')}</p>
            <Button variant="secondary" name="answer" value="yes">
              {t('content.helpfulYes')}
            </Button>{' '}
            <Button variant="secondary" name="answer" value="no">
              {t('content.helpfulNo')}
            </Button>
          </form>
        ) : null}
        <QrLink ctx={ctx} path={ctx.path} />
      </article>
    </Shell>
  );
}

export function FaqPage({ ctx, items, categories, current, audience }: { ctx: ViewContext; items: PublicItem[]; categories: string[]; current: string; audience: string }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('content.faq')} crumbs={[home(ctx), { label: t('content.faq') }]}>
      <h1>{t('content.faq')}</h1>
      <nav class="filter-links" aria-label={t('content.faqFilter')}>
        <a class="tag" href="/faq" aria-current={!current && !audience ? 'true' : undefined}>
          {t('content.all')}
        </a>
        {categories.map((c) => (
          <a key={c} class="tag" href={`/faq?category=${c}`} aria-current={current === c ? 'true' : undefined}>
            {topicLabel(t, c)}
          </a>
        ))}
        {['indigenous', 'new_immigrant'].map((a) => (
          <a key={a} class="tag" href={`/faq?audience=${a}`} aria-current={audience === a ? 'true' : undefined}>
            {t(`content.audience.${a}`)}
          </a>
        ))}
      </nav>
      <ul class="faq-list">
        {items.map((f) => (
          <li key={f.id}>
            <a href={`/faq/${f.id}`}>{f.title}</a>
          </li>
        ))}
      </ul>
    </Shell>
  );
}

/** 政府資訊公開法 §7: the ten categories in order, each with its items (or saying it has none). */
export function OpenGovPage({ ctx, items }: { ctx: ViewContext; items: PublicItem[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('content.opengovTitle')} crumbs={[home(ctx), { label: t('content.opengovTitle') }]}>
      <h1>{t('content.opengovTitle')}</h1>
      <p class="lead">{t('content.opengovLead')}</p>
      <ol class="opengov-list">
        {OPENGOV_CATEGORIES.map((c) => {
          const mine = items.filter((i) => i.opengov === c);
          return (
            <li key={c} id={`cat-${c}`}>
              <h2 class="h3">{t(`content.opengov.${c}`)}</h2>
              {mine.length === 0 ? (
                <p class="muted">{t('content.opengovNone')}</p>
              ) : (
                <ul>
                  {mine.map((i) => (
                    <li key={i.id}>
                      <a href={`/open-gov/${i.id}`}>{i.title}</a> <span class="muted">{showDate(i.date, ctx.locale)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </Shell>
  );
}

export function DownloadsPage({ ctx, items }: { ctx: ViewContext; items: PublicItem[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('content.downloads')} crumbs={[home(ctx), { label: t('content.downloads') }]}>
      <h1>{t('content.downloads')}</h1>
      <p class="lead">{t('content.downloadsLead')}</p>
      <ul class="download-list">
        {items.map((d) => (
          <li key={d.id} id={`item-${d.id}`}>
            <a href={`/downloads/${d.id}/file`}>{d.title}</a>{' '}
            <span class="muted">
              {d.file ? `${d.file.name.split('.').pop()?.toUpperCase()} · ${Math.max(1, Math.round(d.file.size / 1024))} KB · ` : ''}
              {topicLabel(t, d.category)} · {showDate(d.date, ctx.locale)}
            </span>
          </li>
        ))}
      </ul>
    </Shell>
  );
}

export function InfoListPage({ ctx, items }: { ctx: ViewContext; items: PublicItem[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('content.infoPages')} crumbs={[home(ctx), { label: t('content.infoPages') }]}>
      <h1>{t('content.infoPages')}</h1>
      <ul class="news-list">
        {items.map((i) => (
          <li key={i.id}>
            <a href={`/info/${i.id}`}>{i.title}</a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/privacy">{t('privacy.title')}</a> · <a href="/open-data">{t('openData.title')}</a> · <a href="/sitemap">{t('sitemap.title')}</a>
      </p>
    </Shell>
  );
}
