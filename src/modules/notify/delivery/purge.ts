import type { Database } from '../../../db/index.js';
import { writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { addDays, taipeiToday } from '../../../platform/calendar/index.js';
import { enqueueJob, type JobHandler } from '../../../platform/jobs/index.js';
import { PURGE_JOB } from '../body.js';
import * as repo from './repo.js';

/**
 * The daily purge: notices past their purge_after lose their sealed body
 * (the fields and the ack token); the row, its tries and its
 * acknowledgement stay for the counts, and a link already sent still finds
 * its notice by the token's hash. One job a day, chained: each run queues
 * the next day's first, so a failing purge does not break the chain, and the
 * date in the dedupe key keeps one per day however many processes start.
 */
const PURGE_HOUR = '03:00:00';

const purgeKey = (date: string) => `notify.purge:${date}`;

/** One audit line per office whose notices lost their data, so each office's log shows its own. */
export async function purgeNotices(database: Database, now: Date): Promise<number> {
  return writeTransaction(database, async (trx) => {
    const byOffice = await repo.purgeDue(trx, now.toISOString());
    let total = 0;
    for (const [officeId, n] of byOffice) {
      total += n;
      await recordAudit(trx, { actor: null, action: 'notify.delivery.purge', officeId, detail: { notices: n }, ip: null }, now);
    }
    return total;
  });
}

/** For main.ts at start: today's purge, now (once a day whatever the restarts); it queues the following days itself. */
export async function scheduleNotifyPurge(database: Database, now: Date): Promise<void> {
  await enqueueJob(database.db, { kind: PURGE_JOB, payload: null, runAt: now, maxAttempts: 3, dedupeKey: purgeKey(taipeiToday(now)) }, now);
}

export function purgeHandler(database: Database): JobHandler {
  return async (_payload, ctx) => {
    const tomorrow = addDays(taipeiToday(ctx.now), 1);
    await enqueueJob(database.db, { kind: PURGE_JOB, payload: null, runAt: new Date(`${tomorrow}T${PURGE_HOUR}+08:00`), maxAttempts: 3, dedupeKey: purgeKey(tomorrow) }, ctx.now);
    await purgeNotices(database, ctx.now);
  };
}
