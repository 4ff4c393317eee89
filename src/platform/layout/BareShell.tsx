import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../http/context.js';
import { HTML_LANG } from '../i18n/index.js';
import { PageHead } from './PageHead.js';

/** Full-screen pages for devices in the hall (kiosk, display board): no site header or footer. */
export function BareShell({
  ctx,
  title,
  bodyClass,
  scripts = [],
  styles = [],
  children,
  refreshSeconds,
}: {
  ctx: ViewContext;
  title: string;
  bodyClass: string;
  scripts?: string[];
  /** extra stylesheets under /static/css/ */
  styles?: string[];
  children: ComponentChildren;
  /** without JavaScript the page reloads itself this often */
  refreshSeconds?: number;
}) {
  return (
    <html lang={HTML_LANG[ctx.locale]}>
      <PageHead title={`${title} | ${ctx.office?.name ?? ''}`} styles={styles} scripts={scripts} refreshSeconds={refreshSeconds} />
      <body class={bodyClass}>{children}</body>
    </html>
  );
}

/** The language switch of full-screen pages (kiosk, board), where the site header is not shown. */
export function LangSwitch({ ctx, className = 'kiosk-lang' }: { ctx: ViewContext; className?: string }) {
  return (
    <a class={className} href={ctx.langSwitchHref} lang={ctx.locale === 'en' ? 'zh-Hant-TW' : 'en'}>
      {ctx.t('lang.switchTo')}
    </a>
  );
}
