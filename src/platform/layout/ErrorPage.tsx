import type { ViewContext } from '../http/context.js';
import { Shell } from './Shell.js';

const TITLES: Record<string, [string, string]> = {
  not_found: ['error.notFound.title', 'error.notFound.body'],
  forbidden: ['error.forbidden.title', 'error.forbidden.body'],
  csrf: ['error.csrf.title', 'error.csrf.body'],
  rate_limited: ['error.rateLimited.title', 'error.rateLimited.body'],
  unavailable: ['error.unavailable.title', 'error.unavailable.body'],
  bad_request: ['error.badRequest.title', 'error.badRequest.body'],
  internal: ['error.internal.title', 'error.internal.body'],
};

/** Friendly error page: what happened and where to go; never a stack trace. */
export function ErrorPage({ ctx, code, reference }: { ctx: ViewContext; code: string; reference?: string | undefined }) {
  const [titleKey, bodyKey] = TITLES[code] ?? TITLES.internal!;
  const title = ctx.t(titleKey);
  // a staff page's error keeps the staff header and menu, and leads back to the staff home
  const staff = ctx.path.startsWith('/staff');
  const home = staff ? '/staff' : ctx.office ? `/o/${ctx.office.code}` : '/';
  return (
    <Shell ctx={ctx} title={title} variant={staff ? 'staff' : 'public'}>
      <h1>{title}</h1>
      <p class="lead">{ctx.t(bodyKey)}</p>
      {reference ? <p class="muted">{ctx.t('error.reference', { code: reference })}</p> : null}
      <p>
        <a class="button button-secondary" href={home}>
          {ctx.t(staff ? 'error.backStaff' : 'error.backHome')}
        </a>
        {staff ? null : (
          <>
            {' '}
            <a href="/sitemap">{ctx.t('nav.sitemap')}</a>
          </>
        )}
      </p>
    </Shell>
  );
}
