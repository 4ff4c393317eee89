import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate, showInstant } from '../../../../platform/layout/dates.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { deadlineText, type LineView, type ListView, timeLabel } from '../public.js';

function Line({ ctx, line }: { ctx: ViewContext; line: LineView }) {
  const { t } = ctx;
  return (
    <li class="request-card">
      <h3>{line.title}</h3>
      <dl class="facts">
        <div>
          <dt>{t('notify.followups.public.where')}</dt>
          <dd>{line.place}</dd>
        </div>
        <div>
          <dt>{t(`notify.followups.public.${timeLabel(line)}`)}</dt>
          <dd>{line.dueOn ? <strong>{deadlineText(line, t, ctx.locale)}</strong> : deadlineText(line, t, ctx.locale)}</dd>
        </div>
        {line.link ? (
          <div>
            <dt>{t('notify.followups.public.link')}</dt>
            <dd>
              {/* the list's address is its only key: never send it on to another site */}
              <a href={line.link} rel="noopener noreferrer">
                {line.link}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

function Group({ ctx, title, lines, id }: { ctx: ViewContext; title: string; lines: LineView[]; id: string }) {
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ol class="request-list">
        {lines.map((l) => (
          <Line key={l.title} ctx={ctx} line={l} />
        ))}
      </ol>
    </section>
  );
}

/** The citizen's follow-up list: reached by its code alone, printable, never indexed. */
export function FollowupListPage({ ctx, list }: { ctx: ViewContext; list: ListView }) {
  const { t } = ctx;
  const title = t(`notify.followups.title.${list.guideCode}`);
  const pdfHref = `/f/${list.code}.pdf${ctx.locale === 'en' ? '?lang=en' : '?lang=zh-Hant'}`;
  return (
    <Shell ctx={ctx} title={title}>
      <article class="letter">
        <h1>{title}</h1>
        <dl class="facts">
          <dt>{t(`notify.followups.eventDate.${list.event}`)}</dt>
          <dd>{showDate(list.eventDate, ctx.locale)}</dd>
          <dt>{t('notify.followups.public.office')}</dt>
          <dd>{list.officeName}</dd>
          <dt>{t('notify.followups.public.issued')}</dt>
          <dd>{showInstant(list.createdAt, ctx.locale)}</dd>
        </dl>
        <p>{t('notify.followups.public.lead')}</p>
        <p class="notice">{t('notify.followups.public.consent')}</p>
        <Group ctx={ctx} id="todo" title={t('notify.followups.public.todo')} lines={list.todo} />
        <Group ctx={ctx} id="benefit" title={t('notify.followups.public.benefit')} lines={list.benefit} />
        {list.todo.length + list.benefit.length === 0 ? <p>{t('notify.followups.public.empty')}</p> : null}
        <p class="actions">
          <a class="button button-secondary" href={pdfHref}>
            {t('notify.followups.public.print')}
          </a>
        </p>
        <p>{t('notify.followups.public.contact', { office: list.officeName, phone: list.officePhone })}</p>
        <p class="muted">{t('notify.followups.public.snapshot')}</p>
      </article>
    </Shell>
  );
}
