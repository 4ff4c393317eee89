import type { ViewContext } from '../../../platform/http/context.js';
import { ContactFacts } from '../../../platform/layout/Contact.js';
import { Shell } from '../../../platform/layout/Shell.js';

/** Until the petitions module lands, the director's-mailbox link explains how to reach the office now. */
export function MailboxSoon({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  const office = ctx.office;
  return (
    <Shell ctx={ctx} title={t('mailbox.title')} crumbs={[{ href: office ? `/o/${office.code}` : '/', label: t('nav.home') }, { label: t('mailbox.title') }]}>
      <h1>{t('mailbox.title')}</h1>
      <p class="lead">{t('mailbox.soon')}</p>
      {office ? (
        <>
          <h2>{t('mailbox.howToNow')}</h2>
          <ContactFacts ctx={ctx} office={office} show={['phone', 'email', 'address']} />
        </>
      ) : null}
    </Shell>
  );
}
