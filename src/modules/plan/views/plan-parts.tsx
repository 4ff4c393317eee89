import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showPeriod } from '../../../platform/layout/dates.js';
import type { Crumb } from '../../../platform/layout/Shell.js';
import type { Measure, MeasureStatus, MeasureValue, PlanItem } from '../model.js';
import type { MeasureProgress, OfficeColumn } from '../plan-progress.js';
import { formatTarget, formatValue, measureTitle, pointsText, statusClass, statusWord } from '../plan-words.js';

/** Pieces every plan page shares: the plan's own menu, status tags, the items as the seeds print them. */

export const planHref = (id: number) => `/staff/plan/${id}`;

export function planCrumbs(ctx: ViewContext, plan: { id: number; title: string } | null, here?: string): Crumb[] {
  const { t } = ctx;
  const out: Crumb[] = [{ href: '/staff', label: t('staff.title') }, { href: '/staff/plan', label: t('plan.list.title') }];
  if (plan) out.push(here ? { href: planHref(plan.id), label: plan.title } : { label: plan.title });
  if (here) out.push({ label: here });
  return out;
}

export interface PlanNavCan {
  edit: boolean;
  submit: boolean;
  /** an office's plan has a self-evaluation; the county's has none */
  evaluation?: boolean;
  /** the county's comparison of offices (plan.review) */
  compare?: boolean;
}

/** The plan's own pages, the current one marked. */
export function PlanNav({ ctx, planId, current, can, month }: { ctx: ViewContext; planId: number; current: string; can: PlanNavCan; month: string }) {
  const { t } = ctx;
  const base = planHref(planId);
  const links = [
    { href: base, label: t('plan.nav.plan'), show: true },
    { href: `${base}/edit`, label: t('plan.nav.edit'), show: can.edit },
    { href: `${base}/state`, label: t('plan.nav.state'), show: true },
    { href: `${base}/revisions`, label: t('plan.nav.revisions'), show: true },
    { href: `${base}/review/${month}`, label: t('plan.nav.review'), show: true },
    { href: `${base}/evaluation`, label: t('plan.nav.evaluation'), show: can.evaluation !== false },
  ];
  return (
    <nav class="subnav" aria-label={t('plan.nav.label')}>
      <ul>
        {links
          .filter((l) => l.show)
          .map((l) => (
            <li key={l.href}>
              <a href={l.href} aria-current={l.href === current ? 'page' : undefined}>
                {l.label}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

export function StatusTag({ ctx, status }: { ctx: ViewContext; status: MeasureStatus }) {
  return <span class={statusClass(status)}>{statusWord(status, ctx.t)}</span>;
}

/** 「人工填報」 beside a hand-entered measure, wherever it appears. */
export function HandTag({ ctx }: { ctx: ViewContext }) {
  return <span class="tag">{ctx.t('plan.measure.hand')}</span>;
}

export interface ItemsView {
  /** values by measure id; absent: the page shows targets only */
  progress?: Map<number, MeasureProgress>;
  /** the county's plan: a year-to-date column per office instead of this month and the year */
  columns?: OfficeColumn[];
  /** staff pages link a computed measure to its figures page and a hand one to its entry page */
  handHref?: (m: Measure) => string;
  /** where computed values are explained (staff pages only) */
  linkFigures?: boolean;
}

function ValueCell({ ctx, m, v, target }: { ctx: ViewContext; m: Measure; v: MeasureValue | undefined; target?: number | null | undefined }) {
  const { t, locale } = ctx;
  if (!v) return <td class="num">—</td>;
  return (
    <td class="num">
      {formatValue(m.unit, v.value, t, locale)} <StatusTag ctx={ctx} status={v.status} />
      {v.origin === 'hand' && v.handMonth ? <span class="note">{t('plan.measure.enteredFor', { month: showPeriod(v.handMonth, locale) })}</span> : null}
      {target !== undefined && target !== m.target ? <span class="note">{t('plan.ytdTarget', { target: formatTarget({ ...m, target }, t, locale) })}</span> : null}
    </td>
  );
}

function MeasureTitle({ ctx, m, p, view }: { ctx: ViewContext; m: Measure; p: MeasureProgress | undefined; view: ItemsView }) {
  const title = measureTitle(m, ctx.t);
  const href = m.indicatorKey === null ? view.handHref?.(m) : view.linkFigures ? p?.month.href : undefined;
  return (
    <th scope="row">
      {href ? <a href={href}>{title}</a> : title}
      {m.indicatorKey === null ? (
        <>
          {' '}
          <HandTag ctx={ctx} />
        </>
      ) : p?.month.origin === 'missing' ? (
        <span class="note"> {ctx.t('plan.measure.missing')}</span>
      ) : null}
      <br />
      <span class="note">
        {ctx.t('plan.col.target')}
        {ctx.t('plan.sep')}
        {formatTarget(m, ctx.t, ctx.locale)}
      </span>
    </th>
  );
}

/** An item's measures: target and, where there are values, this month and the year so far, each with its status in words. */
export function MeasureTable({ ctx, item, view }: { ctx: ViewContext; item: PlanItem; view: ItemsView }) {
  const { t } = ctx;
  const caption = t('plan.measures.caption', { code: item.code, title: item.title });
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      {/* county-table: cells keep their line and the table scrolls inside its region on a phone rather than squashing */}
      <table class="table table-compact county-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plan.col.measureTarget')}</th>
            {view.progress ? (
              <>
                <th scope="col" class="num">
                  {t('plan.col.thisMonth')}
                </th>
                <th scope="col" class="num">
                  {t('plan.col.ytd')}
                </th>
              </>
            ) : null}
            {view.columns?.map((c) => (
              <th key={c.code} scope="col" class="num">
                {t('plan.col.officeYtd', { office: c.name })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {item.measures.map((m) => {
            const p = view.progress?.get(m.id);
            return (
              <tr key={m.id}>
                <MeasureTitle ctx={ctx} m={m} p={p} view={view} />
                {view.progress ? (
                  <>
                    <ValueCell ctx={ctx} m={m} v={p?.month} />
                    <ValueCell ctx={ctx} m={m} v={p?.ytd} target={p?.ytdTarget} />
                  </>
                ) : null}
                {view.columns?.map((c) => {
                  const o = c.values.get(m.id);
                  return <ValueCell key={c.code} ctx={ctx} m={m} v={o?.ytd} target={o?.ytdTarget} />;
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The seeds' columns for one item: 執行策略, 配分, 完成期限, 主辦／協辦單位, 預期效益 (empty ones left out, points always). */
function ItemFacts({ ctx, item }: { ctx: ViewContext; item: PlanItem }) {
  const { t, locale } = ctx;
  const rows: [string, string][] = [
    [t('plan.col.strategy'), item.strategy],
    [t('plan.col.points'), t('plan.pointsN', { n: pointsText(item.points10, locale) })],
    [t('plan.col.deadline'), item.deadline ? showDate(item.deadline, locale) : ''],
    [t('plan.col.lead'), item.leadUnit],
    [t('plan.col.co'), item.coUnits],
    [t('plan.col.benefit'), item.benefit],
  ];
  return (
    <dl class="facts">
      {rows
        .filter(([, v]) => v !== '')
        .map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd class="pre">{v}</dd>
          </div>
        ))}
    </dl>
  );
}

function ItemHeading({ ctx, item }: { ctx: ViewContext; item: PlanItem }) {
  const text = (
    <>
      {/* 「（一）服務流程」: a code closed by a full-width bracket needs no space, 「一 訂定…」 and 「1 便捷性」 do */}
      {item.code.endsWith('）') ? item.code : `${item.code} `}
      {item.title}
      {item.children.length ? <span class="muted">{ctx.t('plan.pointsParen', { n: pointsText(item.points10, ctx.locale) })}</span> : null}
    </>
  );
  const id = `item-${item.id}`;
  if (item.depth === 1) return <h2 id={id}>{text}</h2>;
  if (item.depth === 2) return <h3 id={id}>{text}</h3>;
  return <h4 id={id}>{text}</h4>;
}

/** One item: a leaf as a card with its facts and measures; a parent as a heading over its children. */
function ItemBlock({ ctx, item, view }: { ctx: ViewContext; item: PlanItem; view: ItemsView }) {
  if (item.children.length === 0) {
    return (
      <li class="request-card">
        <ItemHeading ctx={ctx} item={item} />
        <ItemFacts ctx={ctx} item={item} />
        {item.measures.length ? <MeasureTable ctx={ctx} item={item} view={view} /> : <p class="empty">{ctx.t('plan.measures.none')}</p>}
      </li>
    );
  }
  return (
    <li>
      <ItemHeading ctx={ctx} item={item} />
      {item.strategy ? <p class="pre">{item.strategy}</p> : null}
      {item.measures.length ? <MeasureTable ctx={ctx} item={item} view={view} /> : null}
      <ul class="request-list">
        {item.children.map((c) => (
          <ItemBlock key={c.id} ctx={ctx} item={c} view={view} />
        ))}
      </ul>
    </li>
  );
}

/** The plan's items in the seeds' order and words; 查無資料 when there are none yet. */
export function PlanItems({ ctx, items, view }: { ctx: ViewContext; items: PlanItem[]; view: ItemsView }) {
  if (items.length === 0) return <p class="empty">{ctx.t('table.empty')}</p>;
  return (
    <ul class="request-list plan-items">
      {items.map((i) => (
        <ItemBlock key={i.id} ctx={ctx} item={i} view={view} />
      ))}
    </ul>
  );
}

/** The total of the points, and a warning in words when it is not 100. */
export function PointsTotal({ ctx, total10 }: { ctx: ViewContext; total10: number }) {
  const { t, locale } = ctx;
  const n = pointsText(total10, locale);
  if (total10 === 1000) return <p>{t('plan.total', { n })}</p>;
  return (
    <div class="notice">
      <p>
        <strong>{t('plan.totalWarn', { n })}</strong>
      </p>
    </div>
  );
}
