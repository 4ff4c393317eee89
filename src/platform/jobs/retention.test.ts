import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/databases.js';
import { enqueueJob, JobWorker, scrubFinishedJobs } from './index.js';

describe('what finished jobs keep', () => {
  forEachDatabase((get) => {
    const t0 = new Date('2026-11-24T00:00:00Z');

    it("drops a done job's payload at once, and a failed one's payload and error after the retention period", async () => {
      const database = get();
      const secret = { to: 'keep@example.com', text: 'password: Xy7pQ2mK9a' };
      const ok = await enqueueJob(database.db, { kind: 'secret.ok', payload: secret }, t0);
      const bad = await enqueueJob(database.db, { kind: 'secret.bad', payload: secret, maxAttempts: 1 }, t0);
      let now = t0;
      const worker = new JobWorker(database, {
        handlers: {
          'secret.ok': async () => {},
          'secret.bad': async () => {
            throw new Error('550 no such mailbox keep@example.com');
          },
        },
        clock: () => now,
        retentionDays: 30,
      });
      expect(await worker.runDue()).toBe(2);
      const rows = async () =>
        (await database.db.selectFrom('job').select(['id', 'status', 'payload', 'last_error']).where('id', 'in', [ok ?? 0, bad ?? 0]).orderBy('id').execute()).map((r) => [
          r.status,
          r.payload,
          r.last_error,
        ]);
      expect(await rows()).toEqual([
        ['done', 'null', null],
        ['failed', JSON.stringify(secret), 'Error: 550 no such mailbox keep@example.com'],
      ]);
      // 29 days on: still there for someone to see what did not go out
      now = new Date(t0.getTime() + 29 * 86_400_000);
      expect(await scrubFinishedJobs(database.db, { now, retentionDays: 30 })).toBe(0);
      // past 30 days the worker scrubs on its own (it checks at most hourly)
      now = new Date(t0.getTime() + 30 * 86_400_000 + 1000);
      expect(await worker.runDue()).toBe(0);
      expect(await rows()).toEqual([
        ['done', 'null', null],
        ['failed', 'null', null],
      ]);
      expect(await scrubFinishedJobs(database.db, { now, retentionDays: 30 })).toBe(0);
    });
  });
});
