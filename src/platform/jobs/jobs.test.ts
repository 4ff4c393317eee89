import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/databases.js';
import type { JobsRaceInput, JobsRaceResult } from '../../../test/jobs-race-worker.js';
import { type RaceTarget, race, tempSqliteFile } from '../../../test/sqlite-processes.js';
import { writeTransaction } from '../../db/index.js';
import { backoffMs, claimJob, enqueueJob, JobWorker } from './index.js';

describe('jobs', () => {
  forEachDatabase((get, kind) => {
    const t0 = new Date('2026-11-24T00:00:00Z');

    it('commits a job with its transaction, or not at all', async () => {
      const database = get();
      await expect(
        writeTransaction(database, async (trx) => {
          await enqueueJob(trx, { kind: 'rollback.test', payload: {} }, t0);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await claimJob(database, ['rollback.test'], { now: t0, lease: 1000 })).toBeNull();
    });

    it('deduplicates by key', async () => {
      const { db } = get();
      expect(await enqueueJob(db, { kind: 'dedupe.test', payload: 1, dedupeKey: 'reminder:booking:1' }, t0)).toBeTypeOf('number');
      expect(await enqueueJob(db, { kind: 'dedupe.test', payload: 2, dedupeKey: 'reminder:booking:1' }, t0)).toBeNull();
    });

    it('runs due jobs in order and leaves future ones for later', async () => {
      const database = get();
      const seen: unknown[] = [];
      let now = t0;
      await enqueueJob(database.db, { kind: 'order.test', payload: 'second', runAt: new Date(t0.getTime() + 2000) }, t0);
      await enqueueJob(database.db, { kind: 'order.test', payload: 'first', runAt: new Date(t0.getTime() + 1000) }, t0);
      await enqueueJob(database.db, { kind: 'order.test', payload: 'tomorrow', runAt: new Date(t0.getTime() + 86_400_000) }, t0);
      const worker = new JobWorker(database, { handlers: { 'order.test': async (p) => void seen.push(p) }, clock: () => now });
      now = new Date(t0.getTime() + 5000);
      expect(await worker.runDue()).toBe(2);
      expect(seen).toEqual(['first', 'second']);
      now = new Date(t0.getTime() + 86_400_000);
      expect(await worker.runDue()).toBe(1);
      expect(seen).toEqual(['first', 'second', 'tomorrow']);
    });

    it('retries with backoff and marks the job failed after its last attempt', async () => {
      const database = get();
      let now = t0;
      let calls = 0;
      await enqueueJob(database.db, { kind: 'flaky.test', payload: {}, maxAttempts: 3 }, t0);
      const worker = new JobWorker(database, {
        handlers: {
          'flaky.test': async () => {
            calls++;
            throw new Error('SMTP 451 try later');
          },
        },
        clock: () => now,
      });
      expect(await worker.runDue()).toBe(1);
      expect(await worker.runDue()).toBe(0); // backing off
      now = new Date(now.getTime() + backoffMs(1));
      expect(await worker.runDue()).toBe(1);
      now = new Date(now.getTime() + backoffMs(2));
      expect(await worker.runDue()).toBe(1);
      now = new Date(now.getTime() + 3600_000);
      expect(await worker.runDue()).toBe(0);
      expect(calls).toBe(3);
      const row = await database.db.selectFrom('job').selectAll().where('kind', '=', 'flaky.test').executeTakeFirstOrThrow();
      expect(row.status).toBe('failed');
      expect(row.last_error).toContain('SMTP 451');
    });

    it('takes over a job whose worker died once its lease runs out', async () => {
      const database = get();
      await enqueueJob(database.db, { kind: 'lease.test', payload: {} }, t0);
      const claimed = await claimJob(database, ['lease.test'], { now: t0, lease: 60_000 });
      expect(claimed).not.toBeNull();
      expect(await claimJob(database, ['lease.test'], { now: new Date(t0.getTime() + 30_000), lease: 60_000 })).toBeNull();
      const again = await claimJob(database, ['lease.test'], { now: new Date(t0.getTime() + 61_000), lease: 60_000 });
      expect(again?.id).toBe(claimed?.id);
      expect(again?.attempts).toBe(2);
    });

    /**
     * 200 jobs, 4 workers each with its own connection (threads) or in its own
     * process, started together. On SQLite that needs a file: workers sharing
     * one connection cannot race.
     */
    for (const how of ['thread', 'process'] as const) {
      it(`runs each of 200 jobs exactly once with 4 workers claiming at once from separate ${how === 'thread' ? 'connections' : 'processes'}`, async () => {
        const jobKind = `parallel.${how}`;
        const file = kind === 'sqlite' ? await tempSqliteFile() : null;
        const database = file ?? get();
        try {
          for (let i = 0; i < 200; i++) await enqueueJob(database.db, { kind: jobKind, payload: i }, t0);
          const target: RaceTarget = file ? file.target : { kind: 'postgres', url: database.url! };
          const input: JobsRaceInput = { target, kind: jobKind, nowIso: new Date(t0.getTime() + 1000).toISOString() };
          const results = await race<JobsRaceResult>('test/jobs-race-worker.ts', [input, input, input, input], how);
          expect(results.reduce((a, r) => a + r.ran, 0)).toBe(200);
          expect(results.flatMap((r) => r.payloads).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_v, i) => i));
          const rows = await database.db.selectFrom('job').select(['status', 'attempts']).where('kind', '=', jobKind).execute();
          expect(rows).toHaveLength(200);
          expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
        } finally {
          await file?.dispose();
        }
      }, 90_000);
    }
  });
});
