import path from 'node:path';
import { z } from 'zod';
import { writeTransaction } from '../../db/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { createMailer, type Mailer } from '../../platform/mail/index.js';
import type { AppServices, JobHandlers } from '../../platform/module.js';
import { type IssueText, issueMail, issueText } from './mails.js';
import { hashToken, MAIL_ATTEMPTS, MAIL_JOB_KIND, newBounceTag, newToken, SEND_JOB } from './model.js';
import { publishedNews } from './news.js';
import * as repo from './repo.js';
import type { NewsletterDeps } from './service.js';

/**
 * Sending an issue, through the jobs table:
 * - `newsletter.send` (one per issue, by its dedupe key) makes a delivery row
 *   for every subscriber active now (UNIQUE (issue, subscriber)) and, for each
 *   row it made, one `newsletter.mail` job (dedupe key issue:subscriber);
 * - `newsletter.mail` sends one copy unless its delivery is no longer pending,
 *   and marks it sent (or skipped: the subscriber left meanwhile; or failed
 *   after the last try). The issue becomes sent when no delivery is pending.
 * Run either job again and nobody gets a second copy.
 */
const sendPayload = z.object({ issueId: z.number().int().positive() });
const mailPayload = z.object({
  deliveryId: z.number().int().positive(),
  issueId: z.number().int().positive(),
  message: z.object({ to: z.string(), subject: z.string(), text: z.string(), headers: z.record(z.string(), z.string()), returnPath: z.string() }),
});

async function textsFor(deps: NewsletterDeps, issue: { title_zh: string; title_en: string | null; intro_zh: string; intro_en: string | null; items: string }, now: Date) {
  const ids = JSON.parse(issue.items) as number[];
  const out = new Map<Locale, IssueText>();
  for (const locale of ['zh-Hant', 'en'] as const) {
    const news = await publishedNews(deps.database.db, locale, now);
    // an item taken off the site since the issue was made is left out
    const items = ids.map((id) => news.find((n) => n.id === id)).filter((n) => n !== undefined);
    out.set(locale, issueText(issue, locale, items));
  }
  return out;
}

export async function fanOut(deps: NewsletterDeps, issueId: number, now: Date): Promise<number> {
  const issue = await repo.issueById(deps.database.db, issueId);
  if (issue?.status !== 'sending') return 0;
  const texts = await textsFor(deps, issue, now);
  const iso = now.toISOString();
  return writeTransaction(deps.database, async (trx) => {
    let made = 0;
    for (const s of await repo.activeSubscribers(trx)) {
      const token = newToken();
      const tag = newBounceTag();
      const deliveryId = await repo.insertDelivery(trx, { issueId, subscriberId: s.id, unsubscribeHash: hashToken(token), bounceTag: tag, now: iso });
      if (deliveryId === null) continue;
      const locale: Locale = s.locale === 'en' ? 'en' : 'zh-Hant';
      const message = issueMail(deps.config, s.email, locale, texts.get(locale)!, token, tag);
      await enqueueJob(trx, { kind: MAIL_JOB_KIND, payload: { deliveryId, issueId, message }, maxAttempts: MAIL_ATTEMPTS, dedupeKey: `${MAIL_JOB_KIND}:${issueId}:${s.id}` }, now);
      made++;
    }
    await repo.markFannedOut(trx, issueId, iso);
    await repo.finishIssueIfDone(trx, issueId, iso);
    return made;
  });
}

async function finish(deps: NewsletterDeps, deliveryId: number, issueId: number, to: 'sent' | 'failed' | 'skipped', now: Date) {
  await writeTransaction(deps.database, async (trx) => {
    await repo.finishDelivery(trx, deliveryId, to, now.toISOString());
    await repo.finishIssueIfDone(trx, issueId, now.toISOString());
  });
}

export async function deliver(deps: NewsletterDeps, mailer: Mailer, raw: unknown, ctx: { attempt: number; now: Date }): Promise<void> {
  const p = mailPayload.parse(raw);
  const d = await repo.deliveryForSend(deps.database.db, p.deliveryId);
  if (d?.status !== 'pending') return;
  if (d.subscriberStatus !== 'active') return finish(deps, d.id, p.issueId, 'skipped', ctx.now);
  try {
    await mailer.send(p.message);
  } catch (err) {
    if (ctx.attempt >= MAIL_ATTEMPTS) await finish(deps, d.id, p.issueId, 'failed', ctx.now);
    throw err;
  }
  await finish(deps, d.id, p.issueId, 'sent', deps.clock());
}

export function newsletterJobs(s: AppServices, opts: { mailer?: Mailer } = {}): JobHandlers {
  const deps: NewsletterDeps = { database: s.database, config: s.config, clock: s.clock };
  let mailer: Mailer | null = opts.mailer ?? null;
  const mailerOf = () => {
    // made on first use: most processes never send an issue
    mailer ??= createMailer({ smtpUrl: s.config.smtpUrl, from: s.config.mailFrom, outboxDir: path.join(s.config.dataDir, 'outbox') });
    return mailer;
  };
  return {
    [SEND_JOB]: async (raw, ctx) => {
      await fanOut(deps, sendPayload.parse(raw).issueId, ctx.now);
    },
    [MAIL_JOB_KIND]: (raw, ctx) => deliver(deps, mailerOf(), raw, ctx),
  };
}
