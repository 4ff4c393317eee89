import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, type FormState, FileField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { ImportResult } from '../service.js';

/** The configuration file page: download, upload with a preview first, and what the file would change or why it was refused. */
export function ConfigPage({ ctx, state, result }: { ctx: ViewContext; state: FormState; result: ImportResult | null }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('configFile.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('configFile.title') }]}>
      <h1>{t('configFile.title')}</h1>
      <p class="lead">{t('configFile.lead')}</p>
      <p>
        <a href="/staff/config/export.ods" download>
          {t('configFile.download')}
        </a>
      </p>
      {result && result.problems.length > 0 ? (
        <section aria-labelledby="problems-title">
          <h2 id="problems-title">{t('configFile.problemsTitle', { n: result.problems.length })}</h2>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('configFile.sheet')}</th>
                <th scope="col">{t('configFile.row')}</th>
                <th scope="col">{t('configFile.column')}</th>
                <th scope="col">{t('configFile.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {result.problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.sheet}</td>
                  <td>{p.row ?? ''}</td>
                  <td>{p.column ?? ''}</td>
                  <td>{t(p.key, p.params)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {result && result.problems.length === 0 && !result.applied ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t('configFile.previewTitle')}</h2>
          <p>{t('configFile.counts', result.counts)}</p>
          <p>{t('configFile.previewNote')}</p>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('configFile.sheet')}</th>
                <th scope="col">{t('configFile.row')}</th>
                <th scope="col">{t('configFile.office')}</th>
                <th scope="col">{t('configFile.key')}</th>
                <th scope="col">{t('configFile.status')}</th>
              </tr>
            </thead>
            <tbody>
              {result.changes
                .filter((c) => c.status !== 'unchanged')
                .map((c) => (
                  <tr key={`${c.sheet}-${c.row}`}>
                    <td>{c.sheet}</td>
                    <td>{c.row}</td>
                    <td>{c.office || t('configFile.library')}</td>
                    <td>{c.key}</td>
                    <td>{t(`configFile.status.${c.status}`)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <h2>{t('configFile.upload')}</h2>
      <form method="post" action="/staff/config" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <FileField ctx={ctx} state={state} name="file" label={t('configFile.file')} accept=".ods,application/vnd.oasis.opendocument.spreadsheet" />
        <Button name="action" value="preview">
          {t('configFile.preview')}
        </Button>{' '}
        <Button name="action" value="apply" variant="secondary">
          {t('configFile.apply')}
        </Button>
      </form>
    </Shell>
  );
}
