import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { writeTransaction } from '../../db/index.js';
import { computeIndicator } from '../../platform/indicators/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { readBounce } from './bounces.js';
import { seedNewsletter } from './index.js';
import { hashToken, newBounceTag, newToken } from './model.js';
import { ingestBounce } from './service.js';
import { clearNewsletter } from './test-helpers.js';

const NOW = new Date('2026-11-25T02:00:00Z');

/** A delivery status notification as Postfix writes one. */
function dsn(o: { to: string; recipient: string; status: string; action?: string; returned?: string }): string {
  return [
    'From: MAILER-DAEMON@mx.example.org (Mail Delivery System)',
    `To: ${o.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUND"',
    '',
    '--BOUND',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'I am sorry to have to inform you that your message could not be delivered.',
    '',
    '--BOUND',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    '',
    `Final-Recipient: rfc822; ${o.recipient}`,
    `Original-Recipient: rfc822;${o.recipient}`,
    `Action: ${o.action ?? 'failed'}`,
    `Status: ${o.status}`,
    `Diagnostic-Code: smtp; 550 ${o.status} no such user`,
    '',
    '--BOUND',
    'Content-Type: text/rfc822-headers',
    '',
    `To: ${o.recipient}`,
    'Subject: newsletter',
    ...(o.returned ? [o.returned] : []),
    '',
    '--BOUND--',
    '',
  ].join('\r\n');
}

describe('reading a delivery status notification', () => {
  it('finds the tag, the recipient and the status; a delay of 4.x.x is soft; anything else is not a bounce', async () => {
    const tag = 'ab'.repeat(10);
    expect(await readBounce(dsn({ to: `bounce+${tag}@huzheng.test`, recipient: 'a@example.org', status: '5.1.1' }))).toEqual({ tag, recipient: 'a@example.org', status: '5.1.1', kind: 'hard' });
    expect(await readBounce(dsn({ to: 'postmaster@huzheng.test', recipient: 'B@example.org', status: '4.2.2', action: 'delayed', returned: `X-Huzheng-Newsletter: ${tag}` }))).toEqual({ tag, recipient: 'b@example.org', status: '4.2.2', kind: 'soft' });
    expect(await readBounce(dsn({ to: 'postmaster@huzheng.test', recipient: 'c@example.org', status: '2.0.0', action: 'delivered' }))).toBeNull();
    expect(await readBounce('From: a@example.org\r\nSubject: out of office\r\n\r\nI am away.')).toBeNull();
  });
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] newsletter bounces and figures`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const deps = () => ({ database: t.database, config: t.config, clock: () => NOW });
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW, env: { MAIL_FROM: 'Huzheng <no-reply@huzheng.test>' } });
      await clearNewsletter(t.database.db);
      await writeTransaction(t.database, (trx) => seedNewsletter(trx, NOW));
    });
    afterAll(async () => t?.dispose());

    const subscriber = (email: string) => t.database.db.selectFrom('newsletter_subscriber').select(['id', 'status', 'soft_bounces']).where('email', '=', email).executeTakeFirstOrThrow();
    const tagOf = async (email: string) =>
      (
        await t.database.db
          .selectFrom('newsletter_delivery')
          .innerJoin('newsletter_subscriber', 'newsletter_subscriber.id', 'newsletter_delivery.subscriber_id')
          .select('bounce_tag')
          .where('newsletter_subscriber.email', '=', email)
          .orderBy('newsletter_delivery.id', 'desc')
          .executeTakeFirstOrThrow()
      ).bounce_tag;

    it('a hard bounce uploaded by an editor stops mail to the address', async () => {
      const editor = new Agent(t.app);
      await editor.signIn('county', DEMO_PASSWORD);
      const page = await editor.get('/staff/newsletter');
      expect(page.statusCode).toBe(200);
      const raw = dsn({ to: `bounce+${await tagOf('chen.wei@example.org')}@huzheng.test`, recipient: 'chen.wei@example.org', status: '5.1.1' });
      const file = { field: 'file', name: 'bounce.eml', bytes: Buffer.from(raw), type: 'message/rfc822' };
      const res = await editor.postMultipart('/staff/newsletter/bounces', { _csrf: csrfOf(page.body) }, file);
      expect(res.statusCode).toBe(303);
      expect((await subscriber('chen.wei@example.org')).status).toBe('bounced');
      // the same report again counts nothing more
      const again = await editor.postMultipart('/staff/newsletter/bounces', { _csrf: csrfOf(page.body) }, file);
      expect(again.statusCode).toBe(303);
      expect((await editor.get('/staff/newsletter')).body).toContain('這封退信先前已匯入過');
      const none = await editor.postMultipart('/staff/newsletter/bounces', { _csrf: csrfOf(page.body) }, []);
      expect(none.statusCode).toBe(422);
      expect(none.body).toContain('請選擇一個退信檔。');
    });

    it('three soft bounces (4.x.x) make a subscriber bounced; fewer only count', async () => {
      const s = await subscriber('yuma@example.org');
      const db = t.database.db;
      for (let i = 0; i < 2; i++) {
        const issue = await db
          .insertInto('newsletter_issue')
          .values({ status: 'sent', title_zh: `t${i}`, title_en: null, intro_zh: 'i', intro_en: null, items: '[]', created_by: null, created_at: NOW.toISOString(), updated_at: NOW.toISOString(), send_started_at: NOW.toISOString(), fanned_out: 1, sent_at: NOW.toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db.insertInto('newsletter_delivery').values({ issue_id: issue.id, subscriber_id: s.id, status: 'sent', unsubscribe_hash: hashToken(newToken()), bounce_tag: newBounceTag(), sent_at: NOW.toISOString(), bounced_at: null, bounce_status: null, created_at: NOW.toISOString() }).execute();
      }
      const tags = (await db.selectFrom('newsletter_delivery').select('bounce_tag').where('subscriber_id', '=', s.id).orderBy('id').execute()).map((r) => r.bounce_tag);
      expect(tags).toHaveLength(3);
      expect(await ingestBounce(deps(), dsn({ to: `bounce+${tags[0]}@huzheng.test`, recipient: 'yuma@example.org', status: '4.2.2' }))).toBe('soft');
      expect(await ingestBounce(deps(), dsn({ to: `bounce+${tags[0]}@huzheng.test`, recipient: 'yuma@example.org', status: '4.2.2' }))).toBe('repeat');
      expect(await ingestBounce(deps(), dsn({ to: `bounce+${tags[1]}@huzheng.test`, recipient: 'yuma@example.org', status: '4.4.1', action: 'delayed' }))).toBe('soft');
      expect(await subscriber('yuma@example.org')).toMatchObject({ status: 'active', soft_bounces: 2 });
      expect(await ingestBounce(deps(), dsn({ to: `bounce+${tags[2]}@huzheng.test`, recipient: 'yuma@example.org', status: '4.2.2' }))).toBe('soft');
      expect(await subscriber('yuma@example.org')).toMatchObject({ status: 'bounced', soft_bounces: 3 });
      expect(await ingestBounce(deps(), dsn({ to: 'postmaster@huzheng.test', recipient: 'nobody@example.org', status: '5.1.1' }))).toBe('unknown');
    });

    it('counts for the plan match the hand count', async () => {
      // seed: confirmed 60, 45, 30, 20 days before 2026-11-25 (09-26, 10-11, 10-26, 11-05), one pending; issue 1 sent 11-18
      // to the four; now (11-25): chen.wei hard-bounced (issue 1), yuma bounced after soft bounces (issue 1 and two more issues sent now)
      const office = await t.database.db.selectFrom('office').select(['id', 'code', 'county_id as countyId']).where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      const value = async (key: string, from: string, to: string) => (await computeIndicator(t.database.db, key, office, { kind: 'range', key: `${from}/${to}`, from, to }))?.value;
      expect(await value('newsletter.activeSubscribers', '2026-09-01', '2026-09-30')).toBe(1);
      expect(await value('newsletter.activeSubscribers', '2026-10-01', '2026-10-31')).toBe(3);
      expect(await value('newsletter.activeSubscribers', '2026-11-01', '2026-11-24')).toBe(4);
      expect(await value('newsletter.activeSubscribers', '2026-11-01', '2026-11-30')).toBe(2);
      expect(await value('newsletter.issuesSent', '2026-10-01', '2026-10-31')).toBe(0);
      expect(await value('newsletter.issuesSent', '2026-11-01', '2026-11-30')).toBe(3);
      expect(await value('newsletter.issuesSent', '2026-11-18', '2026-11-18')).toBe(1);
      // issue 1: four sent, chen.wei and yuma bounced; the two later ones to yuma both bounced
      expect(await value('newsletter.mailsDelivered', '2026-11-01', '2026-11-30')).toBe(2);
      expect(await value('newsletter.mailsDelivered', '2026-10-01', '2026-10-31')).toBe(0);
    });
  });
}
