import type { ViewContext } from '../../../platform/http/context.js';
import { Shell } from '../../../platform/layout/Shell.js';

/** Any public page of a deactivated office: it says so and points to the office chosen on deactivation. */
export function ClosedOfficePage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  const office = ctx.office!;
  const successor = office.closed?.successor ?? null;
  return (
    <Shell ctx={ctx} title={t('offices.pub.closedTitle', { name: office.name })}>
      <h1>{t('offices.pub.closedTitle', { name: office.name })}</h1>
      <p class="status status-closed">{t('offices.pub.closedBody')}</p>
      {successor ? (
        <p class="lead">
          <a class="button" href={`/o/${successor.code}`}>
            {t('offices.pub.goTo', { name: successor.name })}
          </a>
        </p>
      ) : null}
      <p>
        <a href="/">{t('offices.pub.allOffices')}</a>
      </p>
    </Shell>
  );
}
