import { z } from 'zod';
import { writeTransaction } from '../../../db/index.js';
import type { JobHandler } from '../../../platform/jobs/index.js';
import { MAX_DELIVERY_ATTEMPTS, openBody } from '../body.js';
import { type DeliveryDeps, purgeAfter } from './deps.js';
import * as repo from './repo.js';
import { DeliveryError, noticeMail, postWebhook, shortReason } from './send.js';

const payloadSchema = z.object({ noticeId: z.number().int().positive() });

/**
 * DELIVER_JOB: one try at one notice. A notice no longer queued is left
 * alone, so a job that runs twice (a worker that died after sending, a
 * retry queued beside a stale job) sends nothing more. Batch recipients'
 * notices stay queued until the office lists them. A try that fails throws,
 * and the jobs table tries again after its backoff; the last try fails the
 * notice with its reason.
 *
 * Only one job per notice is ever alive: the first has the dedupe key
 * `notify:<id>`, and a retry is queued only once the notice failed, which
 * happens on that job's last try.
 */
export function deliverHandler(deps: DeliveryDeps): JobHandler {
  return async (payload, ctx) => {
    const { noticeId } = payloadSchema.parse(payload);
    const n = await repo.noticeForDelivery(deps.database.db, noticeId);
    if (n?.status !== 'queued' || n.channel === 'batch') return;
    if (!n.body_enc) {
      // purged while queued cannot happen (purge_after is set when it leaves the queue); fail it rather than loop
      await recordFailure(deps, noticeId, 'no data', ctx.now, true);
      return;
    }
    const body = openBody(deps.vault, n.body_enc);
    try {
      if (n.channel === 'webhook') {
        await postWebhook(deps, { url: n.webhook_url, secret: n.secret_enc ? deps.vault.decrypt(n.secret_enc) : null }, noticeId, body, ctx.now);
      } else {
        if (!n.email) throw new DeliveryError('no e-mail address');
        // sent here, not through a mail job: the message carries the personal data the jobs table must never hold
        await deps.mailer().send(noticeMail(deps, { email: n.email, recipientName: n.recipient_name, ackDays: n.ack_days }, noticeId, body));
      }
    } catch (err) {
      const reason = shortReason(err);
      await recordFailure(deps, noticeId, reason, ctx.now, ctx.attempt >= MAX_DELIVERY_ATTEMPTS);
      throw new DeliveryError(reason);
    }
    // a webhook's 2xx is the agency's system accepting it; an e-mail waits for its clerk's acknowledgement
    const to = n.channel === 'webhook' ? 'acknowledged' : 'sent';
    const at = ctx.now.toISOString();
    await writeTransaction(deps.database, async (trx) => {
      if (await repo.markDelivered(trx, noticeId, to, at, purgeAfter(deps, ctx.now))) await repo.addAttempt(trx, noticeId, at, to, null);
    });
  };
}

async function recordFailure(deps: DeliveryDeps, noticeId: number, reason: string, now: Date, final: boolean): Promise<void> {
  const at = now.toISOString();
  await writeTransaction(deps.database, async (trx) => {
    if (await repo.markTryFailed(trx, noticeId, reason, at, final ? { purgeAfter: purgeAfter(deps, now) } : null)) {
      await repo.addAttempt(trx, noticeId, at, 'failed', reason);
    }
  });
}
