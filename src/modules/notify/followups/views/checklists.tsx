import type { ViewContext } from '../../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, type FormState, RadioGroup, TextArea, TextField } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { ITEM_KINDS } from '../form.js';

const BASE = '/staff/notify/followups';

export interface OverviewRow {
  guideCode: string;
  guideName: string;
  county: number;
  /** office id → own items; absent: the office uses the county list */
  own: Map<number, number>;
}

/** Every guide with a checklist: the county list's size and, per office, its own list or "uses the county list". */
export function OverviewPage({ ctx, rows, offices }: { ctx: ViewContext; rows: OverviewRow[]; offices: { id: number; code: string; name: string }[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('notify.followups.staff.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('notify.followups.staff.title') }]}>
      <h1>{t('notify.followups.staff.title')}</h1>
      <p class="lead">{t('notify.followups.staff.lead')}</p>
      <div class="table-wrap">
        <table class="table">
          <caption class="visually-hidden">{t('notify.followups.staff.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notify.followups.staff.guide')}</th>
              <th scope="col">{t('notify.followups.staff.county')}</th>
              {offices.map((o) => (
                <th scope="col" key={o.code}>
                  {o.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.guideCode}>
                <th scope="row">{r.guideName}</th>
                <td>
                  <a href={`${BASE}/${r.guideCode}?scope=county`}>{t('notify.followups.staff.items', { n: r.county })}</a>
                </td>
                {offices.map((o) => {
                  const n = r.own.get(o.id);
                  return (
                    <td key={o.code}>
                      <a href={`${BASE}/${r.guideCode}?office=${o.code}`}>{n === undefined ? t('notify.followups.staff.usesCounty') : t('notify.followups.staff.own', { n })}</a>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Shell>
  );
}

export interface ItemView {
  id: number;
  kind: string;
  title: string;
  titleEn: string;
  place: string;
  deadlineDays: number | null;
  note: string;
  link: string | null;
}

export interface EditorProps {
  ctx: ViewContext;
  guideCode: string;
  guideName: string;
  /** the office whose list this is; null: the county list */
  office: { code: string; name: string } | null;
  items: ItemView[];
  /** an office without its own list: the county's items are shown, read-only */
  usesCounty: boolean;
  mayEdit: boolean;
  /** ?office=<code> or ?scope=county, carried by every form */
  scopeQuery: string;
  addState?: FormState | undefined;
}

function deadlineOf(ctx: ViewContext, i: ItemView): string {
  const days = i.deadlineDays === null ? '' : ctx.t('notify.followups.staff.days', { n: i.deadlineDays });
  if (days && i.note) return `${days}${ctx.locale === 'en' ? '; ' : '；'}${i.note}`;
  return days || i.note || ctx.t('notify.followups.public.noDeadline');
}

function PostButton({ ctx, action, label, hidden, warning }: { ctx: ViewContext; action: string; label: string; hidden: string; warning?: boolean }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class={warning ? 'button button-warning' : 'button button-secondary'}>
        {label}
        <span class="visually-hidden">{`${ctx.locale === 'en' ? ': ' : '：'}${hidden}`}</span>
      </button>
    </form>
  );
}

function ItemCard({ ctx, item, index, count, editable, guideCode, scopeQuery }: { ctx: ViewContext; item: ItemView; index: number; count: number; editable: boolean; guideCode: string; scopeQuery: string }) {
  const { t } = ctx;
  const at = `${BASE}/${guideCode}/items/${item.id}`;
  return (
    <li class="request-card">
      <h3>
        {index + 1}. {item.title} <span class="tag nowrap">{t(`notify.followups.kind.${item.kind}`)}</span>
      </h3>
      <dl class="facts">
        <div>
          <dt>{t('notify.followups.f.titleEn')}</dt>
          <dd lang="en">{item.titleEn}</dd>
        </div>
        <div>
          <dt>{t('notify.followups.staff.place')}</dt>
          <dd>{item.place}</dd>
        </div>
        <div>
          <dt>{t('notify.followups.public.deadlineOrNote')}</dt>
          <dd>{deadlineOf(ctx, item)}</dd>
        </div>
        {item.link ? (
          <div>
            <dt>{t('notify.followups.f.link')}</dt>
            <dd>{item.link}</dd>
          </div>
        ) : null}
      </dl>
      {editable ? (
        <div class="row-actions">
          <a class="button button-secondary" href={`${at}${scopeQuery}`}>
            {t('notify.followups.staff.edit')}
            <span class="visually-hidden">{`${ctx.locale === 'en' ? ': ' : '：'}${item.title}`}</span>
          </a>
          {index > 0 ? <PostButton ctx={ctx} action={`${at}/up${scopeQuery}`} label={t('notify.followups.staff.up')} hidden={item.title} /> : null}
          {index < count - 1 ? <PostButton ctx={ctx} action={`${at}/down${scopeQuery}`} label={t('notify.followups.staff.down')} hidden={item.title} /> : null}
          <PostButton ctx={ctx} action={`${at}/delete${scopeQuery}`} label={t('notify.followups.staff.delete')} hidden={item.title} warning />
        </div>
      ) : null}
    </li>
  );
}

/** The item form, for adding and for editing. */
export function ItemForm({ ctx, state, action, submit }: { ctx: ViewContext; state?: FormState | undefined; action: string; submit: string }) {
  const { t } = ctx;
  const labels = {
    kind: t('notify.followups.f.kind'),
    titleZh: t('notify.followups.f.titleZh'),
    titleEn: t('notify.followups.f.titleEn'),
    placeZh: t('notify.followups.f.placeZh'),
    placeEn: t('notify.followups.f.placeEn'),
    deadlineDays: t('notify.followups.f.deadlineDays'),
    noteZh: t('notify.followups.f.noteZh'),
    noteEn: t('notify.followups.f.noteEn'),
    link: t('notify.followups.f.link'),
  };
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <CsrfField ctx={ctx} />
      <RadioGroup ctx={ctx} state={state} name="kind" label={labels.kind} inline options={ITEM_KINDS.map((k) => ({ value: k, label: t(`notify.followups.kind.${k}`) }))} />
      <TextField ctx={ctx} state={state} name="titleZh" label={labels.titleZh} maxLength={120} />
      <TextField ctx={ctx} state={state} name="titleEn" label={labels.titleEn} maxLength={200} />
      <TextField ctx={ctx} state={state} name="placeZh" label={labels.placeZh} hint={t('notify.followups.f.placeHint')} maxLength={120} />
      <TextField ctx={ctx} state={state} name="placeEn" label={labels.placeEn} maxLength={200} />
      <TextField ctx={ctx} state={state} name="deadlineDays" label={labels.deadlineDays} hint={t('notify.followups.f.deadlineHint')} required={false} width="short" inputMode="numeric" maxLength={5} />
      <TextArea ctx={ctx} state={state} name="noteZh" label={labels.noteZh} hint={t('notify.followups.f.noteHint')} required={false} rows={2} maxLength={300} />
      <TextArea ctx={ctx} state={state} name="noteEn" label={labels.noteEn} required={false} rows={2} maxLength={400} />
      <TextField ctx={ctx} state={state} name="link" label={labels.link} hint={t('notify.followups.f.linkHint')} required={false} type="text" inputMode="text" maxLength={300} />
      <Button>{submit}</Button>
    </form>
  );
}

/** One guide's list in one scope: the items with their actions, "start our own", and the add form. */
export function EditorPage(p: EditorProps) {
  const { ctx, office, items, usesCounty, mayEdit, scopeQuery, guideCode } = p;
  const { t } = ctx;
  const heading = t('notify.followups.staff.editorTitle', { guide: p.guideName });
  const owner = office ? office.name : t('notify.followups.staff.scopeCounty');
  const editable = mayEdit && !usesCounty;
  const lead = office === null ? 'countyLead' : usesCounty ? 'usesCountyLead' : 'ownLead';
  return (
    <Shell
      ctx={ctx}
      title={`${heading} | ${owner}`}
      variant="staff"
      crumbs={[{ href: '/staff', label: t('staff.title') }, { href: BASE, label: t('notify.followups.staff.title') }, { label: p.guideName }]}
    >
      <p class="muted">{owner}</p>
      <h1>{heading}</h1>
      <p class="lead">{t(`notify.followups.staff.${lead}`)}</p>
      {!mayEdit ? <p class="muted">{t('notify.followups.staff.readOnly')}</p> : null}
      {office && usesCounty && mayEdit ? (
        <form method="post" action={`${BASE}/${guideCode}/copy${scopeQuery}`} class="actions">
          <CsrfField ctx={ctx} />
          <Button>{t('notify.followups.staff.copy')}</Button>
        </form>
      ) : null}
      {items.length === 0 ? (
        <p class="muted">{t('notify.followups.staff.none')}</p>
      ) : (
        <ol class="request-list">
          {items.map((i, n) => (
            <ItemCard key={i.id} ctx={ctx} item={i} index={n} count={items.length} editable={editable} guideCode={guideCode} scopeQuery={scopeQuery} />
          ))}
        </ol>
      )}
      {editable ? (
        <section aria-labelledby="add-title">
          <h2 id="add-title">{t('notify.followups.staff.addTitle')}</h2>
          <ItemForm ctx={ctx} state={p.addState} action={`${BASE}/${guideCode}/items${scopeQuery}`} submit={t('notify.followups.staff.add')} />
        </section>
      ) : null}
      <p>
        <a href={BASE}>{t('notify.followups.staff.backToAll')}</a>
      </p>
    </Shell>
  );
}

export function ItemEditPage({ ctx, guideCode, guideName, itemId, ownerName, scopeQuery, state }: { ctx: ViewContext; guideCode: string; guideName: string; itemId: number; ownerName: string; scopeQuery: string; state: FormState }) {
  const { t } = ctx;
  const back = `${BASE}/${guideCode}${scopeQuery}`;
  return (
    <Shell
      ctx={ctx}
      title={t('notify.followups.staff.editTitle')}
      variant="staff"
      crumbs={[{ href: '/staff', label: t('staff.title') }, { href: BASE, label: t('notify.followups.staff.title') }, { href: back, label: guideName }, { label: t('notify.followups.staff.editTitle') }]}
    >
      <p class="muted">{`${guideName}${ctx.locale === 'en' ? ', ' : '，'}${ownerName}`}</p>
      <h1>{t('notify.followups.staff.editTitle')}</h1>
      <ItemForm ctx={ctx} state={state} action={`${BASE}/${guideCode}/items/${itemId}${scopeQuery}`} submit={t('notify.followups.staff.save')} />
      <p>
        <a href={back}>{t('notify.followups.staff.cancel')}</a>
      </p>
    </Shell>
  );
}
