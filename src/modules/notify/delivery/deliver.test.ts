import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, describeOn, freshDatabase } from '../../../../test/databases.js';
import { addRecipient, attachmentOf, deadUrl, type NotifyBasics, notifyBasics, PERSON, queueNotices, SEALED, webhookReceiver } from '../../../../test/notify-fixtures.js';
import { smtpServer, subjectOf, textOf } from '../../../../test/smtp.js';
import type { Database } from '../../../db/index.js';
import { registerCatalog } from '../../../platform/i18n/index.js';
import { createVault, type Vault } from '../../../platform/identity/index.js';
import { backoffMs, JobWorker } from '../../../platform/jobs/index.js';
import { DELIVER_JOB, MAX_DELIVERY_ATTEMPTS, openBody } from '../body.js';
import { deliverHandler } from './deliver.js';
import { deliveryDeps } from './deps.js';
import { deliveryCatalog } from './i18n.js';

registerCatalog(deliveryCatalog);

const T0 = new Date('2026-11-24T02:00:00Z');
const SECRET = 'whsec-test-0123456789abcdef';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] delivering a notice`, () => {
    let database: Database & { dispose(): Promise<void> };
    let vault: Vault;
    let basics: NotifyBasics;
    let now = T0;
    let dataDir: string;
    beforeAll(async () => {
      database = await freshDatabase(kind);
      vault = createVault(randomBytes(32));
      basics = await notifyBasics(database.db, T0);
      dataDir = mkdtempSync(path.join(tmpdir(), 'hz-notify-'));
    });
    afterAll(async () => {
      await database?.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const worker = (smtpUrl?: string) =>
      new JobWorker(database, {
        handlers: {
          [DELIVER_JOB]: deliverHandler(
            deliveryDeps({ database, vault, clock: () => now, config: { publicBaseUrl: 'http://huzheng.test', smtpUrl, mailFrom: 'Huzheng <no-reply@huzheng.test>', dataDir, notifyRetentionDays: 30 } }),
          ),
        },
        clock: () => now,
      });
    const notice = (id: number) => database.db.selectFrom('notify_notice').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const tries = (id: number) => database.db.selectFrom('notify_attempt').select(['outcome', 'detail']).where('notice_id', '=', id).orderBy('id').execute();

    it('retries a webhook that fails twice after the backoff; the signed third try is accepted and acknowledges it', async () => {
      now = T0;
      const receiver = await webhookReceiver({ secret: SECRET, nowSeconds: () => Math.floor(now.getTime() / 1000), answer: (_id, nth) => (nth <= 2 ? 503 : 200) });
      try {
        const r = await addRecipient(database.db, vault, basics, { code: 'hook-flaky', channel: 'webhook', webhookUrl: receiver.url, secret: SECRET }, now);
        const [n] = await queueNotices(database.db, vault, basics, [r], now);
        const w = worker();
        expect(await w.runDue()).toBe(1);
        expect((await notice(n!.id)).status).toBe('queued');
        expect(await w.runDue()).toBe(0); // backing off
        now = new Date(now.getTime() + backoffMs(1));
        expect(await w.runDue()).toBe(1);
        now = new Date(now.getTime() + backoffMs(2) - 1000);
        expect(await w.runDue()).toBe(0);
        now = new Date(now.getTime() + 1000);
        expect(await w.runDue()).toBe(1);

        expect(receiver.countFor(n!.id)).toBe(3);
        expect(receiver.received.every((p) => p.verified && p.idempotencyKey === `notice-${n!.id}` && p.contentType === 'application/json')).toBe(true);
        const sent = receiver.received[2]!.body;
        expect(sent).toEqual({ notice: n!.id, event: 'move', office: { code: basics.officeCode, name: basics.officeName }, caseNumber: expect.any(String), fields: SEALED, ackUrl: `http://huzheng.test/notify/ack/${n!.token}` });

        const row = await notice(n!.id);
        expect(row).toMatchObject({ status: 'acknowledged', attempts: 3, last_error: null, sent_at: now.toISOString(), acked_at: now.toISOString(), purge_after: new Date(now.getTime() + 30 * 86_400_000).toISOString() });
        expect(await tries(n!.id)).toEqual([
          { outcome: 'failed', detail: 'HTTP 503' },
          { outcome: 'failed', detail: 'HTTP 503' },
          { outcome: 'acknowledged', detail: null },
        ]);
        // the job is done and holds nothing
        const job = await database.db.selectFrom('job').select(['status', 'attempts']).where('dedupe_key', '=', `notify:${n!.id}`).executeTakeFirstOrThrow();
        expect(job).toEqual({ status: 'done', attempts: 3 });
      } finally {
        await receiver.close();
      }
    });

    it(`fails the notice on its ${MAX_DELIVERY_ATTEMPTS}th try with a short reason, never the answer's body`, async () => {
      now = T0;
      const receiver = await webhookReceiver({ secret: SECRET, nowSeconds: () => Math.floor(now.getTime() / 1000), answer: () => 503 });
      const dead = await deadUrl();
      try {
        const r503 = await addRecipient(database.db, vault, basics, { code: 'hook-down', channel: 'webhook', webhookUrl: receiver.url, secret: SECRET }, now);
        const rDead = await addRecipient(database.db, vault, basics, { code: 'hook-dead', channel: 'webhook', webhookUrl: dead, secret: SECRET }, now);
        const [a, b] = await queueNotices(database.db, vault, basics, [r503, rDead], now);
        const w = worker();
        for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
          expect(await w.runDue()).toBe(2);
          now = new Date(now.getTime() + backoffMs(attempt));
          if (attempt < MAX_DELIVERY_ATTEMPTS) expect((await notice(a!.id)).status).toBe('queued');
        }
        expect(await w.runDue()).toBe(0);
        expect(receiver.countFor(a!.id)).toBe(MAX_DELIVERY_ATTEMPTS);
        for (const [n, reason] of [
          [a!, 'HTTP 503'],
          [b!, 'connection refused'],
        ] as const) {
          const row = await notice(n.id);
          expect(row).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, last_error: reason, sent_at: null });
          expect(row.failed_at).not.toBeNull();
          expect(row.purge_after).not.toBeNull();
          const all = await tries(n.id);
          expect(all).toHaveLength(MAX_DELIVERY_ATTEMPTS);
          expect(all.every((t) => t.outcome === 'failed' && t.detail === reason)).toBe(true);
          const job = await database.db.selectFrom('job').select(['status', 'last_error']).where('dedupe_key', '=', `notify:${n.id}`).executeTakeFirstOrThrow();
          expect(job.status).toBe('failed');
          expect(job.last_error).not.toContain(PERSON.name);
        }
      } finally {
        await receiver.close();
      }
    }, 60_000);

    it('e-mails the agency through SMTP: the ack link in the text, the accepted fields as JSON and CSV attachments', async () => {
      now = T0;
      const smtp = smtpServer();
      const url = await smtp.listen();
      try {
        const r = await addRecipient(database.db, vault, basics, { code: 'mail-1', channel: 'email', email: 'notices@tax.example.gov.tw', fields: ['name', 'event_date', 'address'], ackDays: 5 }, now);
        const [n] = await queueNotices(database.db, vault, basics, [r], now);
        expect(await worker(url).runDue()).toBe(1);
        expect(smtp.received).toHaveLength(1);
        const mail = smtp.received[0]!;
        expect(mail.to).toEqual(['notices@tax.example.gov.tw']);
        expect(subjectOf(mail.raw)).toContain('跨機關通報');
        const text = textOf(mail.raw);
        expect(text).toContain(`http://huzheng.test/notify/ack/${n!.token}`);
        expect(text).toContain('5 個工作天');
        expect(text).toContain('民國115年11月20日');
        const json = JSON.parse(attachmentOf(mail.raw, `notice-${n!.id}.json`) ?? 'null');
        expect(json).toMatchObject({ notice: n!.id, event: 'move', fields: SEALED, ackUrl: `http://huzheng.test/notify/ack/${n!.token}` });
        const csv = attachmentOf(mail.raw, `notice-${n!.id}.csv`) ?? '';
        expect(csv).toContain('notice,event,office,caseNumber,name,event_date,address');
        expect(csv).toContain(PERSON.address);
        const row = await notice(n!.id);
        expect(row).toMatchObject({ status: 'sent', attempts: 1, sent_at: now.toISOString(), acked_at: null, purge_after: new Date(now.getTime() + 30 * 86_400_000).toISOString() });
        expect(await tries(n!.id)).toEqual([{ outcome: 'sent', detail: null }]);
        // the job never held the message
        const job = await database.db.selectFrom('job').select(['payload']).where('dedupe_key', '=', `notify:${n!.id}`).executeTakeFirstOrThrow();
        expect(job.payload).not.toContain(PERSON.name);
      } finally {
        await smtp.close();
      }
    });

    it('an SMTP refusal is retried with its code as the reason', async () => {
      now = T0;
      const smtp = smtpServer();
      const url = await smtp.listen();
      smtp.state.reject = true;
      try {
        const r = await addRecipient(database.db, vault, basics, { code: 'mail-busy', channel: 'email', email: 'busy@tax.example.gov.tw' }, now);
        const [n] = await queueNotices(database.db, vault, basics, [r], now);
        expect(await worker(url).runDue()).toBe(1);
        expect(await notice(n!.id)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'SMTP 451' });
        smtp.state.reject = false;
        now = new Date(now.getTime() + backoffMs(1));
        expect(await worker(url).runDue()).toBe(1);
        expect(await notice(n!.id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
      } finally {
        await smtp.close();
      }
    });

    it('leaves a batch recipient’s notice queued, and does nothing for a notice no longer queued', async () => {
      now = T0;
      const receiver = await webhookReceiver({ secret: SECRET, nowSeconds: () => Math.floor(now.getTime() / 1000) });
      try {
        const batch = await addRecipient(database.db, vault, basics, { code: 'paper', channel: 'batch' }, now);
        const hook = await addRecipient(database.db, vault, basics, { code: 'hook-once', channel: 'webhook', webhookUrl: receiver.url, secret: SECRET }, now);
        const [p, h] = await queueNotices(database.db, vault, basics, [batch, hook], now);
        expect(await worker().runDue()).toBe(2);
        expect((await notice(p!.id)).status).toBe('queued');
        expect((await notice(h!.id)).status).toBe('acknowledged');
        // a stale second job for the delivered notice (a worker that died after sending): nothing is sent again
        await database.db
          .insertInto('job')
          .values({ kind: DELIVER_JOB, payload: JSON.stringify({ noticeId: h!.id }), status: 'pending', run_at: now.toISOString(), attempts: 0, max_attempts: 8, locked_until: null, last_error: null, dedupe_key: `stale:${h!.id}`, created_at: now.toISOString(), updated_at: now.toISOString() })
          .execute();
        expect(await worker().runDue()).toBe(1);
        expect(receiver.countFor(h!.id)).toBe(1);
        expect(await tries(h!.id)).toHaveLength(1);
        // the body still opens with the vault (nothing purged yet)
        expect(openBody(vault, (await notice(p!.id)).body_enc!).fields.name).toBe(PERSON.name);
      } finally {
        await receiver.close();
      }
    });
  });
}

describe('delivery reasons', () => {
  it('never carries more than a short phrase', async () => {
    const { shortReason, DeliveryError } = await import('./send.js');
    expect(shortReason(new DeliveryError('HTTP 500'))).toBe('HTTP 500');
    expect(shortReason(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toBe('connection refused');
    expect(shortReason(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(shortReason(Object.assign(new Error(`550 no such user ${PERSON.name}`), { responseCode: 550 }))).toBe('SMTP 550');
    expect(shortReason(new Error(`something about ${PERSON.id_number}`))).toBe('network error');
  });
});
