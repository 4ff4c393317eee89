import type { ViewContext } from '../../../../platform/http/context.js';
import { showInstant, showPeriod } from '../../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, FileField, type FormState } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { type Column, Pagination, Table } from '../../../../platform/layout/Table.js';
import { type ImportedFile, type Problem, readable } from '../service.js';

export const PAGE_PATH = '/staff/population';
export const filePath = (id: number) => `${PAGE_PATH}/files/${id}`;

const MORE = 'population.import.problem.more';

/** A cell that keeps to one line: the table scrolls in its own region on a phone instead of stacking characters. */
const one = (text: string) => <span class="nowrap">{text}</span>;

export interface Refusal {
  filename: string;
  problems: Problem[];
}

interface PageProps {
  ctx: ViewContext;
  state: FormState;
  refusal: Refusal | null;
  files: ImportedFile[];
  page: number;
  more: boolean;
}

/** The refusal beside the form: where each problem is (line, column) and what it is. Nothing was stored. */
function RefusalList({ ctx, refusal }: { ctx: ViewContext; refusal: Refusal }) {
  const { t } = ctx;
  const colon = ctx.locale === 'en' ? ': ' : '：';
  const more = refusal.problems.find((p) => p.key === MORE);
  const count = refusal.problems.length - (more ? 1 : 0) + Number(more?.params?.n ?? 0);
  return (
    <section class="error-summary" role="alert" aria-labelledby="refusal-title" tabIndex={-1} autofocus>
      <h2 id="refusal-title">{t('population.import.refusedTitle', { n: count })}</h2>
      <p>{t('population.import.refusedLead', { file: refusal.filename })}</p>
      <ol class="refusals">
        {refusal.problems.map((p, i) =>
          p.key === MORE ? (
            <li key={i}>{t(p.key, p.params)}</li>
          ) : (
            <li key={i}>
              <strong>{p.line === null ? t('population.import.wholeFile') : t('population.import.line', { line: p.line })}</strong>
              {p.column ? (
                <>
                  {ctx.locale === 'en' ? ', ' : ' '}
                  <code>{p.column}</code>
                </>
              ) : null}
              {colon}
              {t(p.key, readable(p.params))}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}

function UploadForm({ ctx, state }: { ctx: ViewContext; state: FormState }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">{t('population.import.uploadTitle')}</h2>
      <form method="post" action={PAGE_PATH} enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <FileField ctx={ctx} state={state} name="file" label={t('population.import.file')} hint={t('population.import.fileHint')} accept=".csv,.json,text/csv,application/json" />
        <Button>{t('population.import.submit')}</Button>
      </form>
    </section>
  );
}

function Formats({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  const items = ['file', 'keys', 'month', 'households', 'ages', 'events', 'totals', 'replace'];
  return (
    <section aria-labelledby="formats-title">
      <h2 id="formats-title">{t('population.import.formatsTitle')}</h2>
      <ul>
        {items.map((k) => (
          <li key={k}>{t(`population.import.formats.${k}`)}</li>
        ))}
      </ul>
    </section>
  );
}

function fileColumns(ctx: ViewContext): Column<ImportedFile>[] {
  const { t } = ctx;
  const sep = ctx.locale === 'en' ? ', ' : '，';
  return [
    { header: t('population.import.col.month'), cell: (f) => one(showPeriod(f.month, ctx.locale)) },
    { header: t('population.import.col.kind'), cell: (f) => one(t(`population.import.kind.${f.kind}`)) },
    {
      header: t('population.import.col.file'),
      cell: (f) => (
        <>
          <a href={filePath(f.id)} download class="nowrap">
            {f.filename}
          </a>
          <br />
          <span class="note nowrap">
            {f.format.toUpperCase()} {f.encoding === 'big5' ? 'Big5' : 'UTF-8'}
            {sep}
            {t('population.import.rowCount', { n: f.rows.toLocaleString('en') })}
          </span>
        </>
      ),
    },
    {
      header: t('population.import.col.when'),
      cell: (f) => (
        <>
          {one(showInstant(f.importedAt, ctx.locale))}
          <br />
          <span class="note nowrap">{f.importedBy ?? t(`population.import.source.${f.source}`)}</span>
        </>
      ),
    },
    {
      header: t('population.import.col.state'),
      cell: (f) => (f.current ? one(t('population.import.current')) : <span class="tag tag-warning nowrap">{t('population.import.replaced')}</span>),
    },
  ];
}

/** /staff/population: upload (refusals beside the form), the accepted formats, and every file imported with its raw download. */
export function ImportPage({ ctx, state, refusal, files, page, more }: PageProps) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('population.import.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('population.import.title') }]}>
      <h1>{t('population.import.title')}</h1>
      <p class="lead">{t('population.import.lead')}</p>
      <ErrorSummary ctx={ctx} state={state} />
      {refusal ? (
        <div class="two-col">
          <UploadForm ctx={ctx} state={state} />
          <RefusalList ctx={ctx} refusal={refusal} />
        </div>
      ) : (
        <UploadForm ctx={ctx} state={state} />
      )}
      <Formats ctx={ctx} />
      <h2>{t('population.import.filesTitle')}</h2>
      {files.length === 0 && page === 1 ? (
        <p class="empty">{t('population.import.noFiles')}</p>
      ) : (
        <Table ctx={ctx} caption={t('population.import.filesCaption')} columns={fileColumns(ctx)} rows={files} rowKey={(f) => f.id} wide />
      )}
      <Pagination ctx={ctx} page={page} hasNext={more} hrefFor={(p) => `${PAGE_PATH}?page=${p}`} />
    </Shell>
  );
}
