import type { ComponentChildren } from 'preact';
import { HTML_LANG } from '../i18n/index.js';
import type { A11yBadge, ViewContext } from '../http/context.js';
import { showDate } from './dates.js';
import { taipeiToday, toTaipeiIsoDate } from '../calendar/index.js';
import { ContactFacts, telHref } from './Contact.js';
import { FlashMessages } from './Flash.js';
import { PageHead } from './PageHead.js';
import { StaffMenu } from './StaffMenu.js';

export interface Crumb {
  href?: string;
  label: string;
}

interface ShellProps {
  ctx: ViewContext;
  title: string;
  children: ComponentChildren;
  crumbs?: Crumb[];
  /** big kiosk/board pages pass 'bare' to drop header and footer */
  variant?: 'public' | 'staff';
  description?: string;
  /** client scripts (live pages) under /js/ */
  scripts?: string[];
  /** extra stylesheets under /static/css/ */
  styles?: string[];
  /** without JavaScript the page reloads itself this often */
  refreshSeconds?: number;
}

/**
 * The page every citizen and staff member sees: skip link, the `:::`
 * accesskey anchors of Taiwan's accessibility guidelines (U top, C content,
 * Z footer; S on the search box), header, main navigation, footer.
 */
export function Shell({ ctx, title, children, crumbs, variant = 'public', description, scripts = [], styles = [], refreshSeconds }: ShellProps) {
  const { t } = ctx;
  const siteName = ctx.office?.name ?? (ctx.county ? t('county.title', { county: ctx.county.name }) : t('site.name'));
  return (
    <html lang={HTML_LANG[ctx.locale]}>
      <PageHead
        title={`${title} | ${siteName}`}
        description={description}
        styles={styles}
        scripts={scripts}
        refreshSeconds={refreshSeconds}
        feeds={variant === 'staff' ? [] : newsFeeds(ctx)}
      />
      <body class={variant === 'staff' ? 'staff' : 'public'}>
        <a class="skip-link" href="#AC">
          {t('a11y.skip')}
        </a>
        <Header ctx={ctx} siteName={siteName} variant={variant} />
        <main id="main">
          <div class="wrap">
            <a class="accesskey" href="#AC" id="AC" accessKey="C" title={t('a11y.center')}>
              :::
            </a>
            {crumbs && crumbs.length > 0 ? <Breadcrumbs ctx={ctx} crumbs={crumbs} /> : null}
            <FlashMessages ctx={ctx} />
            {children}
          </div>
        </main>
        <Footer ctx={ctx} variant={variant} />
      </body>
    </html>
  );
}

/** The news feeds of the office or county whose page this is, for feed readers (<link rel="alternate">). */
function newsFeeds(ctx: ViewContext): { href: string; type: string; title: string }[] {
  const base = ctx.office ? `/o/${ctx.office.code}/news` : '/news';
  return [
    { href: `${base}.rss`, type: 'application/rss+xml', title: ctx.t('feed.rss') },
    { href: `${base}.atom`, type: 'application/atom+xml', title: ctx.t('feed.atom') },
  ];
}

function Header({ ctx, siteName, variant }: { ctx: ViewContext; siteName: string; variant: 'public' | 'staff' }) {
  const { t } = ctx;
  const homeHref = variant === 'staff' ? '/staff' : ctx.office ? `/o/${ctx.office.code}` : '/';
  return (
    <header class="site-header">
      <div class="wrap header-top">
        <a class="accesskey" href="#AU" id="AU" accessKey="U" title={t('a11y.top')}>
          :::
        </a>
        <a class="brand" href={homeHref}>
          <img src="/static/img/emblem.svg" alt="" width="40" height="40" />
          <span class="brand-text">
            <span class="brand-name">{siteName}</span>
            {variant === 'staff' ? <span class="brand-sub">{t('staff.title')}</span> : null}
          </span>
        </a>
        <ul class="utility-links">
          <li>
            <a href={ctx.langSwitchHref} lang={ctx.locale === 'en' ? 'zh-Hant-TW' : 'en'} aria-label={t('lang.switchToLabel')}>
              {t('lang.switchTo')}
            </a>
          </li>
          {variant === 'public' ? (
            <li>
              <a href="/sitemap">{t('nav.sitemap')}</a>
            </li>
          ) : null}
          {ctx.staff ? (
            <li>
              <form method="post" action="/staff/logout" class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <span class="who">{t('staff.signedInAs', { name: ctx.staff.displayName, role: t(`role.${ctx.staff.role}`) })}</span>{' '}
                <button type="submit" class="link-button">
                  {t('staff.logout')}
                </button>
              </form>
            </li>
          ) : (
            <li>
              <a href="/staff/login">{t('nav.staff')}</a>
            </li>
          )}
        </ul>
{variant === 'public' ? (
        <search>
        <form class="search-form" method="get" action="/search">
          <label for="site-search" class="visually-hidden">
            {t('search.label')}
          </label>
          <input id="site-search" type="search" name="q" accessKey="S" placeholder={t('search.placeholder')} />
          <button type="submit">{t('search.submit')}</button>
        </form>
        </search>
) : null}
      </div>
      {ctx.nav.some((item) => item.group) ? (
        <StaffMenu ctx={ctx} />
      ) : ctx.nav.length > 0 ? (
        <nav class="main-nav" aria-label={t('a11y.mainNav')}>
          <ul class="wrap">
            {ctx.nav.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

function Breadcrumbs({ ctx, crumbs }: { ctx: ViewContext; crumbs: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label={ctx.t('a11y.breadcrumb')}>
      <ol>
        {crumbs.map((c, i) => (
          <li key={`${i}-${c.label}`}>
            {c.href && i < crumbs.length - 1 ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Footer({ ctx, variant }: { ctx: ViewContext; variant: 'public' | 'staff' }) {
  const { t } = ctx;
  const office = ctx.office;
  const mailboxHref = office ? `/o/${office.code}/mailbox` : '/mailbox';
  return (
    <footer class="site-footer">
      <div class="wrap">
        <a class="accesskey" href="#AZ" id="AZ" accessKey="Z" title={t('a11y.bottom')}>
          :::
        </a>
        {variant === 'public' ? (
        <div class="footer-grid">
          {office ? (
            <ContactFacts ctx={ctx} office={office} className="contact" show={['address', 'phone', 'fax', 'email', 'hours']} />
          ) : (
            <div class="footer-county">
              <p>{ctx.county ? t('county.title', { county: ctx.county.name }) : t('site.name')}</p>
              {variant === 'public' && ctx.county?.offices?.length ? (
                <ul class="footer-offices">
                  {ctx.county.offices.map((o) => (
                    <li key={o.code}>
                      <a href={`/o/${o.code}`}>{o.name}</a>
                      <span>{o.address}</span>
                      <a href={telHref(o.phone)}>{o.phone}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          )}
          <figure class="footer-qr">
            <img src={`/qr.svg?path=${office ? `/o/${office.code}` : '/'}`} alt={t('footer.qrAlt')} width="96" height="96" loading="lazy" />
            <figcaption>{t('footer.qr')}</figcaption>
          </figure>
          <ul class="footer-links">
            <li>
              <a href="/privacy">{t('nav.privacy')}</a>
            </li>
            <li>
              <a href="/open-data">{t('nav.openData')}</a>
            </li>
            <li>
              <a href="/sitemap">{t('nav.sitemap')}</a>
            </li>
            <li>
              <a href={mailboxHref}>{t('nav.mailbox')}</a>
            </li>
          </ul>
          <BadgeSlot badge={office ? ctx.county?.offices?.find((o) => o.code === office.code)?.a11yBadge : ctx.county?.a11yBadge} />
        </div>
        ) : null}
        <p class="footer-meta">
          <span>{t('footer.today', { date: showDate(taipeiToday(ctx.now), ctx.locale, true) })}</span>
          {ctx.lastUpdated ? (
            <span>
              {t('footer.updated')}：{showDate(toTaipeiIsoDate(new Date(ctx.lastUpdated)), ctx.locale)}
            </span>
          ) : null}
        </p>
        {ctx.demo ? <p class="footer-demo">{t('footer.demo')}</p> : null}
        <p class="footer-product">{t('site.product')}</p>
      </div>
    </footer>
  );
}

/** The site's 無障礙網站標章, linking to its certificate; nothing when the office has none. */
function BadgeSlot({ badge }: { badge: A11yBadge | null | undefined }) {
  if (!badge) return null;
  return (
    <p class="footer-badge">
      <a href={badge.href}>
        <img src={badge.image} alt={badge.alt} lang={badge.altLang} width="88" height="31" />
      </a>
    </p>
  );
}

/** The row of links between the pages of one staff area (bookings, petitions, surveys, content). */
export function SubNav({ ctx, label, links }: { ctx: ViewContext; label: string; links: [href: string, text: string][] }) {
  return (
    <nav class="subnav" aria-label={label}>
      <ul>
        {links.map(([href, text]) => (
          <li key={href}>
            <a href={href} aria-current={ctx.path === href ? 'page' : undefined}>
              {text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
