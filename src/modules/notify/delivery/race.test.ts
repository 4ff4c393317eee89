import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DATABASE_KINDS, describeOn, freshDatabase } from '../../../../test/databases.js';
import { addRecipient, notifyBasics, type QueuedNotice, queueNotices, webhookReceiver } from '../../../../test/notify-fixtures.js';
import type { NotifyRaceInput, NotifyRaceResult } from '../../../../test/notify-race-worker.js';
import { race, type RaceTarget, tempSqliteFile } from '../../../../test/sqlite-processes.js';
import type { Database } from '../../../db/index.js';
import { createVault, parseMasterKey } from '../../../platform/identity/index.js';
import { DELIVER_JOB } from '../body.js';

const T0 = new Date('2026-11-24T02:00:00Z');
const SECRET = 'whsec-race-0123456789abcdef';
const RECIPIENTS = 6;
const CASES = 4;

/**
 * Four workers, each with its own connection in its own thread or process,
 * started together on one jobs table: every recipient gets each notice
 * exactly once (the receiver counts the requests per notice).
 */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] four workers racing over the delivery jobs`, () => {
    for (const how of ['thread', 'process'] as const) {
      it(`notifies each recipient once per notice with 4 workers in separate ${how === 'thread' ? 'threads' : 'processes'}`, async () => {
        const key = randomBytes(32).toString('base64');
        const vault = createVault(parseMasterKey(key));
        const receiver = await webhookReceiver({ secret: SECRET, nowSeconds: () => Math.floor(T0.getTime() / 1000) });
        const dataDir = mkdtempSync(path.join(tmpdir(), 'hz-notify-race-'));
        let notices: QueuedNotice[] = [];
        const seed = async (database: Database) => {
          const b = await notifyBasics(database.db, T0);
          const ids: number[] = [];
          for (let i = 0; i < RECIPIENTS; i++) ids.push(await addRecipient(database.db, vault, b, { code: `race-${i}`, channel: 'webhook', webhookUrl: receiver.url, secret: SECRET }, T0));
          for (let c = 0; c < CASES; c++) notices = notices.concat(await queueNotices(database.db, vault, b, ids, T0));
        };
        const file = kind === 'sqlite' ? await tempSqliteFile(seed) : null;
        const database = file ?? (await freshDatabase(kind));
        try {
          if (!file) await seed(database);
          const target: RaceTarget = file ? file.target : { kind: 'postgres', url: database.url! };
          const input: NotifyRaceInput = { target, key, nowIso: new Date(T0.getTime() + 1000).toISOString(), dataDir };
          const results = await race<NotifyRaceResult>('test/notify-race-worker.ts', [input, input, input, input], how);

          expect(notices).toHaveLength(RECIPIENTS * CASES);
          expect(results.reduce((a, r) => a + r.ran, 0)).toBe(notices.length);
          expect(receiver.received).toHaveLength(notices.length);
          for (const n of notices) expect(receiver.countFor(n.id)).toBe(1);
          expect(receiver.received.every((p) => p.verified)).toBe(true);
          const rows = await database.db.selectFrom('notify_notice').select(['status', 'attempts']).execute();
          expect(rows.every((r) => r.status === 'acknowledged' && r.attempts === 1)).toBe(true);
          const tries = await database.db.selectFrom('notify_attempt').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          expect(Number(tries.n)).toBe(notices.length);
          const jobs = await database.db.selectFrom('job').select(['status', 'attempts']).where('kind', '=', DELIVER_JOB).execute();
          expect(jobs.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
        } finally {
          await receiver.close();
          await database.dispose();
          rmSync(dataDir, { recursive: true, force: true });
        }
      }, 240_000);
    }
  });
}
