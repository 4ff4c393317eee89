import type { FieldError } from '../errors.js';
import { Shell } from '../layout/Shell.js';
import type { ViewContext } from './context.js';

/** The codes this page explains; everything else is the general error page. */
const TITLES: Record<string, [string, string]> = {
  validation: ['error.validation.title', 'error.validation.body'],
  conflict: ['error.conflict.title', 'error.conflict.body'],
  payload_too_large: ['error.tooLarge.title', 'error.tooLarge.body'],
  unsupported_media_type: ['error.unsupportedType.title', 'error.unsupportedType.body'],
  bad_request: ['error.badRequest.title', 'error.badRequest.body'],
};

export function refusedPageFits(code: string, messageKey: string): boolean {
  // bad_request only when it says more than the general page would
  return code in TITLES && (code !== 'bad_request' || messageKey.startsWith('err.'));
}

/**
 * Input refused at the edge (a control character or non-UTF-8 bytes in a
 * field, a body too big or malformed) or a submission that lost a race to
 * an identical one: what happened, which field, and the way back. Never
 * echoes a submitted value.
 */
export function RefusedPage({
  ctx,
  code,
  messageKey,
  params,
  fields,
}: {
  ctx: ViewContext;
  code: string;
  messageKey: string;
  params: Record<string, string | number>;
  fields: FieldError[];
}) {
  const [titleKey, bodyKey] = TITLES[code] ?? TITLES.bad_request!;
  const title = ctx.t(titleKey);
  const lead = messageKey === titleKey ? bodyKey : messageKey;
  return (
    <Shell ctx={ctx} title={title}>
      <h1>{title}</h1>
      <div class="error-summary" role="alert" tabIndex={-1}>
        <p>{ctx.t(lead, params)}</p>
        {fields.length > 0 ? (
          <ul>
            {fields.map((f) => (
              <li key={f.field}>
                <p class="field-message">{ctx.t(f.key, { field: f.field, ...f.params })}</p>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p>
        <a class="button button-secondary" href={ctx.office ? `/o/${ctx.office.code}` : '/'}>
          {ctx.t('error.backHome')}
        </a>{' '}
        <a href="/sitemap">{ctx.t('nav.sitemap')}</a>
      </p>
    </Shell>
  );
}
