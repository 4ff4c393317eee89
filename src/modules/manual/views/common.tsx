import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import type { Crumb } from '../../../platform/layout/Shell.js';
import type { Revision } from '../service.js';

/** A link that keeps the office the page is about (?office=); '' keeps none. */
export const withOffice = (href: string, office: string) => (office ? `${href}${href.includes('?') ? '&' : '?'}office=${encodeURIComponent(office)}` : href);

/** The trail back to the manual, on the office the page is about. */
export const officeCrumbs = (ctx: ViewContext, office: string, ...rest: Crumb[]): Crumb[] => [{ href: '/staff', label: ctx.t('staff.title') }, { href: withOffice('/staff/manual', office), label: ctx.t('manual.title') }, ...rest];
export const crumbs = (ctx: ViewContext, ...rest: Crumb[]): Crumb[] => officeCrumbs(ctx, '', ...rest);

/** Markdown already rendered by markdown-it with raw HTML off (render.ts). */
export const Rendered = ({ html }: { html: string }) => <div class="content-body" dangerouslySetInnerHTML={{ __html: html }} />;

/** Revisions newest first, each with its lines removed and added. */
export function RevisionList({ ctx, revisions }: { ctx: ViewContext; revisions: Revision[] }) {
  const { t } = ctx;
  return (
    <ol class="manual-revisions" reversed>
      {revisions.map((r) => (
        <li key={r.revision} id={`rev-${r.revision}`}>
          <h2>{t('manual.revisionN', { n: r.revision })}</h2>
          <p>{t('manual.savedBy', { at: showInstant(r.savedAt, ctx.locale), who: r.savedBy ?? t('manual.nobody') })}</p>
          <h3 class="visually-hidden">{t('manual.whatChanged')}</h3>
          {r.changes.map((c) => (
            <div key={c.field} class="manual-diff">
              <h4>{t(`manual.field.${c.field}`)}</h4>
              <pre>
                {c.lines.map((l, i) => (l.op === 'add' ? <ins key={i}>{`+ ${l.text}\n`}</ins> : l.op === 'del' ? <del key={i}>{`- ${l.text}\n`}</del> : <span key={i}>{`  ${l.text}\n`}</span>))}
              </pre>
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
