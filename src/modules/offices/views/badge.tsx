import type { A11yBadge, ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, FileField, type FormState, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { BADGE_IMAGE_MAX_BYTES } from '../badge.js';
import { AdminNav, type OfficeHead, OfficeNav } from './admin.js';

/** Whose badge the page sets: an office's, or (office null) the county site's. */
export interface BadgePageTarget {
  name: string;
  action: string;
  office: OfficeHead | null;
}

const ACCEPT = 'image/png,image/gif,image/jpeg,image/webp';

export function BadgePage({ ctx, target, current, state }: { ctx: ViewContext; target: BadgePageTarget; current: A11yBadge | null; state: FormState }) {
  const { t } = ctx;
  const title = t('offices.badge.titleOf', { name: target.name });
  const kb = BADGE_IMAGE_MAX_BYTES / 1024;
  const crumbs = [{ href: '/staff', label: t('staff.title') }, { href: '/staff/admin/offices', label: t('offices.admin.title') }, { label: title }];
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbs}>
      <h1>{title}</h1>
      {target.office ? <OfficeNav ctx={ctx} office={target.office} /> : <AdminNav ctx={ctx} />}
      <ErrorSummary
        ctx={ctx}
        state={state}
        labels={{ image: t('offices.badge.image'), href: t('offices.badge.href'), altZh: t('offices.badge.altZh'), altEn: t('offices.badge.altEn') }}
      />
      <p class="lead">{t('offices.badge.lead')}</p>
      {current ? (
        <section aria-labelledby="badge-current">
          <h2 id="badge-current">{t('offices.badge.current')}</h2>
          <p class="footer-badge">
            <a href={current.href}>
              <img src={current.image} alt={current.alt} lang={current.altLang} width="88" height="31" />
            </a>
          </p>
          <form method="post" action={`${target.action}/remove`} class="form">
            <CsrfField ctx={ctx} />
            <Button variant="warning">{t('offices.badge.remove')}</Button>
          </form>
        </section>
      ) : (
        <p>{t('offices.badge.none')}</p>
      )}
      <form method="post" action={target.action} class="form narrow" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <FileField
          ctx={ctx}
          state={state}
          name="image"
          label={t('offices.badge.image')}
          hint={t(current ? 'offices.badge.imageKeepHint' : 'offices.badge.imageHint', { kb })}
          required={!current}
          accept={ACCEPT}
        />
        <TextField ctx={ctx} state={state} name="href" label={t('offices.badge.href')} hint={t('offices.badge.hrefHint')} maxLength={300} inputMode="text" />
        <TextField ctx={ctx} state={state} name="altZh" label={t('offices.badge.altZh')} hint={t('offices.badge.altZhHint')} maxLength={80} />
        <TextField ctx={ctx} state={state} name="altEn" label={t('offices.badge.altEn')} hint={t('offices.badge.altEnHint')} required={false} maxLength={160} />
        <Button>{t('offices.badge.save')}</Button>
      </form>
    </Shell>
  );
}
