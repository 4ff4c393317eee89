import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_KINDS, describeOn, freshDatabase } from '../../../../test/databases.js';
import { addRecipient, type NotifyBasics, notifyBasics, type QueuedNotice, queueNotices } from '../../../../test/notify-fixtures.js';
import type { Database } from '../../../db/index.js';
import { createVault, type Vault } from '../../../platform/identity/index.js';
import { JobWorker } from '../../../platform/jobs/index.js';
import { PURGE_JOB } from '../body.js';
import { ackView, confirmByLink } from './ack.js';
import { deliveryDeps } from './deps.js';
import { purgeHandler, scheduleNotifyPurge } from './purge.js';

const T0 = new Date('2026-11-24T02:00:00Z');
const DAY = 86_400_000;

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] purging notices after the retention period`, () => {
    let database: Database & { dispose(): Promise<void> };
    let vault: Vault;
    let b: NotifyBasics;
    let sent: QueuedNotice;
    let acked: QueuedNotice;
    let queued: QueuedNotice;
    let failed: QueuedNotice;
    beforeAll(async () => {
      database = await freshDatabase(kind);
      vault = createVault(randomBytes(32));
      b = await notifyBasics(database.db, T0);
      const r = await addRecipient(database.db, vault, b, { code: 'p-mail', channel: 'email', email: 'x@example.gov.tw' }, T0);
      const made: QueuedNotice[] = [];
      for (let i = 0; i < 4; i++) made.push(...(await queueNotices(database.db, vault, b, [r], T0)));
      [sent, acked, queued, failed] = made as [QueuedNotice, QueuedNotice, QueuedNotice, QueuedNotice];
      const after = new Date(T0.getTime() + 30 * DAY).toISOString();
      const iso = T0.toISOString();
      await database.db.updateTable('notify_notice').set({ status: 'sent', sent_at: iso, purge_after: after }).where('id', '=', sent.id).execute();
      await database.db.updateTable('notify_notice').set({ status: 'acknowledged', sent_at: iso, acked_at: iso, purge_after: after }).where('id', '=', acked.id).execute();
      await database.db.updateTable('notify_notice').set({ status: 'failed', failed_at: iso, last_error: 'HTTP 503', purge_after: after }).where('id', '=', failed.id).execute();
      await database.db.insertInto('notify_attempt').values({ notice_id: acked.id, at: iso, outcome: 'acknowledged', detail: 'link' }).execute();
    });
    afterAll(async () => database?.dispose());

    const rows = () => database.db.selectFrom('notify_notice').select(['id', 'status', 'body_enc', 'purged_at', 'acked_at', 'ack_token_hash']).orderBy('id').execute();
    const purgeJobs = () => database.db.selectFrom('job').select(['dedupe_key', 'run_at', 'status']).where('kind', '=', PURGE_JOB).orderBy('run_at').execute();

    it('is scheduled at start once a day, whatever the restarts', async () => {
      await scheduleNotifyPurge(database, T0);
      await scheduleNotifyPurge(database, new Date(T0.getTime() + 3600_000));
      expect(await purgeJobs()).toEqual([{ dedupe_key: 'notify.purge:2026-11-24', run_at: T0.toISOString(), status: 'pending' }]);
    });

    it('keeps every body inside the retention period, and queues the next day’s run', async () => {
      let now = T0;
      const worker = new JobWorker(database, { handlers: { [PURGE_JOB]: purgeHandler(database) }, clock: () => now });
      expect(await worker.runDue()).toBe(1);
      expect((await rows()).every((r) => r.body_enc !== null && r.purged_at === null)).toBe(true);
      expect((await purgeJobs()).map((j) => [j.dedupe_key, j.run_at, j.status])).toEqual([
        ['notify.purge:2026-11-24', T0.toISOString(), 'done'],
        ['notify.purge:2026-11-25', '2026-11-24T19:00:00.000Z', 'pending'],
      ]);
      now = new Date('2026-11-24T18:59:00Z');
      expect(await worker.runDue()).toBe(0);
    });

    it('after the retention period drops the sent, acknowledged and failed bodies; rows, tries and acknowledgements stay', async () => {
      // the chain, a run a day at 03:00: the 30th after today is past every purge date (T0 + 30 days)
      for (let d = 0; d <= 30; d++) {
        const at = new Date(new Date('2026-11-24T19:00:00Z').getTime() + d * DAY);
        const worker = new JobWorker(database, { handlers: { [PURGE_JOB]: purgeHandler(database) }, clock: () => at });
        expect(await worker.runDue()).toBe(1);
        if (d === 29) expect((await rows()).every((r) => r.body_enc !== null)).toBe(true);
      }
      const after = await rows();
      expect(after).toHaveLength(4);
      const byId = new Map(after.map((r) => [r.id, r]));
      for (const n of [sent, acked, failed]) {
        expect(byId.get(n.id)!.body_enc).toBeNull();
        expect(byId.get(n.id)!.purged_at).not.toBeNull();
      }
      expect(byId.get(acked.id)!.acked_at).toBe(T0.toISOString());
      expect(byId.get(acked.id)!.status).toBe('acknowledged');
      // a queued notice has no purge date yet: it keeps what it must still deliver
      expect(byId.get(queued.id)!.body_enc).not.toBeNull();
      expect(await database.db.selectFrom('notify_attempt').select('id').where('notice_id', '=', acked.id).execute()).toHaveLength(1);
      const audit = await database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'notify.delivery.purge').execute();
      expect(audit).toEqual([{ detail: JSON.stringify({ notices: 3 }) }]);
      const pending = (await purgeJobs()).filter((j) => j.status === 'pending');
      expect(pending).toHaveLength(1);
    });

    it('a link already sent still finds its notice and acknowledges it after the purge', async () => {
      const deps = deliveryDeps({ database, vault, clock: () => new Date(T0.getTime() + 40 * DAY), config: { publicBaseUrl: 'http://huzheng.test', smtpUrl: undefined, mailFrom: 'x@huzheng.test', dataDir: '/nonexistent', notifyRetentionDays: 30 } });
      expect(await ackView(deps, sent.token, 'zh-Hant')).toMatchObject({ noticeId: sent.id, status: 'sent' });
      expect(await confirmByLink(deps, sent.token, null)).toMatchObject({ result: 'acknowledged' });
    });
  });
}
