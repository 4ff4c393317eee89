import type { ViewContext } from '../../../../platform/http/context.js';
import { showInstant } from '../../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, FileField, type FormState } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { type Column, Table } from '../../../../platform/layout/Table.js';
import { REGISTER_COLUMNS, type RegisterField } from '../../formats.js';
import type { BoundaryProblem } from '../boundaries-read.js';
import type { FileRow } from '../files-repo.js';
import type { RegisterProblem } from '../register-rows.js';

export const BASE = '/staff/house-numbers/import';
/** Problems listed on the page; the rest are counted. */
const SHOWN = 200;

export interface UploadOutcome {
  problems?: (RegisterProblem | BoundaryProblem)[];
  fileError?: string;
}

function where(ctx: ViewContext, p: RegisterProblem | BoundaryProblem): string {
  const { t } = ctx;
  if ('feature' in p) return p.feature > 0 ? t('houseNumbers.import.atFeature', { feature: p.feature }) : t('houseNumbers.import.wholeFile');
  if (p.line <= 0) return t('houseNumbers.import.wholeFile');
  return p.column ? t('houseNumbers.import.atColumn', { line: p.line, column: p.column }) : t('houseNumbers.import.at', { line: p.line });
}

/** A refused file's problems, beside its form: where (line and column, or feature) and what. */
function Problems({ ctx, id, problems }: { ctx: ViewContext; id: string; problems: (RegisterProblem | BoundaryProblem)[] }) {
  const { t } = ctx;
  return (
    <div class="error-summary" role="alert" aria-labelledby={`${id}-problems`} tabIndex={-1} autofocus>
      <h3 id={`${id}-problems`}>{t('houseNumbers.import.problems', { n: problems.length.toLocaleString('en-US') })}</h3>
      <ul>
        {problems.slice(0, SHOWN).map((p, i) => (
          <li key={i}>
            {where(ctx, p)}
            {t('houseNumbers.import.sep')}
            {t(p.key, p.params)}
          </li>
        ))}
      </ul>
      {problems.length > SHOWN ? <p>{t('houseNumbers.import.problemsMore', { shown: SHOWN })}</p> : null}
    </div>
  );
}

const FIELDS = Object.keys(REGISTER_COLUMNS) as RegisterField[];

function Columns({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <details>
      <summary>{t('houseNumbers.import.register.columns')}</summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section class="table-wrap" tabIndex={0} aria-label={t('houseNumbers.import.register.columns')}>
        <table class="table table-compact">
          <caption>{t('houseNumbers.import.register.columns')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('houseNumbers.import.register.column')}</th>
              <th scope="col" class="nowrap">
                {t('houseNumbers.import.register.required')}
              </th>
              <th scope="col">{t('houseNumbers.import.register.meaning')}</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((f) => (
              <tr key={f}>
                <th scope="row">
                  {REGISTER_COLUMNS[f].zh.join('、')}
                  <br />
                  <span class="muted" lang="en">
                    {REGISTER_COLUMNS[f].en}
                  </span>
                </th>
                <td class="nowrap">{t(REGISTER_COLUMNS[f].required ? 'houseNumbers.import.yes' : 'houseNumbers.import.no')}</td>
                <td>{t(`houseNumbers.import.col.${f}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </details>
  );
}

function UploadForm({ ctx, kind, outcome }: { ctx: ViewContext; kind: 'register' | 'boundaries'; outcome: UploadOutcome | undefined }) {
  const { t } = ctx;
  const prefix = kind === 'register' ? 'houseNumbers.import.register' : 'houseNumbers.boundaries';
  const name = kind === 'register' ? 'register' : 'boundaries';
  const state: FormState | undefined = outcome?.fileError ? { values: {}, errors: [{ field: name, key: outcome.fileError }] } : undefined;
  return (
    <>
      {outcome?.problems && outcome.problems.length > 0 ? <Problems ctx={ctx} id={name} problems={outcome.problems} /> : <ErrorSummary ctx={ctx} state={state} />}
      <form method="post" action={`${BASE}/${kind}`} class="form narrow" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <FileField
          ctx={ctx}
          state={state}
          name={name}
          label={t(`${prefix}.file`)}
          hint={t(`${prefix}.fileHint`)}
          accept={kind === 'register' ? '.csv,.json,text/csv,application/json' : '.json,.geojson,.topojson,application/json,application/geo+json'}
        />
        <Button>{t(`${prefix}.submit`)}</Button>
      </form>
    </>
  );
}

function Files({ ctx, files }: { ctx: ViewContext; files: FileRow[] }) {
  const { t } = ctx;
  const columns: Column<FileRow>[] = [
    { header: t('houseNumbers.import.files.kind'), cell: (f) => <span class="nowrap">{t(`houseNumbers.import.kind.${f.kind}`)}</span> },
    {
      header: t('houseNumbers.import.files.name'),
      cell: (f) => (
        <a href={`${BASE}/files/${f.id}`} download aria-label={t('houseNumbers.import.files.downloadOf', { name: f.filename })}>
          {f.filename}
        </a>
      ),
    },
    { header: t('houseNumbers.import.files.rows'), cell: (f) => f.rows.toLocaleString('en-US'), numeric: true },
    { header: t('houseNumbers.import.files.when'), cell: (f) => <span class="nowrap">{showInstant(f.imported_at, ctx.locale)}</span> },
    { header: t('houseNumbers.import.files.source'), cell: (f) => t(`houseNumbers.import.source.${f.source}`) },
    { header: t('houseNumbers.import.files.state'), cell: (f) => <span class="tag nowrap">{t(f.replaced_by === null ? 'houseNumbers.import.files.inUse' : 'houseNumbers.import.files.replaced')}</span> },
  ];
  return <Table ctx={ctx} caption={t('houseNumbers.import.files.caption')} columns={columns} rows={files} rowKey={(f) => f.id} />;
}

/** The import page: the register and the boundaries, each with its form and, after a refused upload, its problems; then the files imported. */
export function ImportPage({ ctx, files, register, boundaries }: { ctx: ViewContext; files: FileRow[]; register?: UploadOutcome; boundaries?: UploadOutcome }) {
  const { t } = ctx;
  const title = t('houseNumbers.import.title');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('houseNumbers.import.lead')}</p>
      <section aria-labelledby="register-title">
        <h2 id="register-title">{t('houseNumbers.import.register.title')}</h2>
        <p>{t('houseNumbers.import.register.lead')}</p>
        <Columns ctx={ctx} />
        <UploadForm ctx={ctx} kind="register" outcome={register} />
      </section>
      <section aria-labelledby="boundaries-title">
        <h2 id="boundaries-title">{t('houseNumbers.boundaries.title')}</h2>
        <p>{t('houseNumbers.boundaries.lead')}</p>
        <UploadForm ctx={ctx} kind="boundaries" outcome={boundaries} />
      </section>
      <h2>{t('houseNumbers.import.files')}</h2>
      <Files ctx={ctx} files={files} />
    </Shell>
  );
}
