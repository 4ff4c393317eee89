import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { addRecipient, type NotifyBasics, notifyBasics, PERSON, type QueuedNotice, queueNotices } from '../../../../test/notify-fixtures.js';
import { DELIVER_JOB, PURGE_JOB, SIGNATURE_HEADER, signWebhook } from '../body.js';

const T0 = new Date('2026-11-24T02:00:00Z');
const SECRET = 'whsec-ack-0123456789abcdef';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] acknowledging a notice`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let b: NotifyBasics;
    let mail: QueuedNotice;
    let hook: QueuedNotice;
    let waiting: QueuedNotice;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => T0 });
      const db = t.database.db;
      const vault = t.services.vault;
      b = await notifyBasics(db, T0);
      const byMail = await addRecipient(db, vault, b, { code: 'ack-mail', channel: 'email', email: 'clerk@land.example.gov.tw', name: '竹北地政事務所' }, T0);
      const byHook = await addRecipient(db, vault, b, { code: 'ack-hook', channel: 'webhook', webhookUrl: 'http://127.0.0.1:9/x', secret: SECRET, name: '國稅局竹北分局' }, T0);
      [mail, hook] = (await queueNotices(db, vault, b, [byMail, byHook], T0)) as [QueuedNotice, QueuedNotice];
      [waiting] = (await queueNotices(db, vault, b, [byMail], T0)) as [QueuedNotice];
      const sentAt = new Date(T0.getTime() - 3600_000).toISOString();
      await db.updateTable('notify_notice').set({ status: 'sent', sent_at: sentAt }).where('id', 'in', [mail.id, hook.id]).execute();
    });
    afterAll(async () => t?.dispose());

    const notice = (id: number) => t.database.db.selectFrom('notify_notice').select(['status', 'acked_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const tries = (id: number) => t.database.db.selectFrom('notify_attempt').select(['outcome', 'detail']).where('notice_id', '=', id).orderBy('id').execute();

    it('the app’s worker has the delivery and purge handlers', () => {
      expect(Object.keys(t.jobHandlers())).toEqual(expect.arrayContaining([DELIVER_JOB, PURGE_JOB]));
    });

    it('the link shows agency, event, office and date with a button, and opening it changes nothing', async () => {
      const a = new Agent(t.app);
      for (let i = 0; i < 2; i++) {
        const page = await a.get(`/notify/ack/${mail.token}`);
        expect(page.statusCode).toBe(200);
        expect(page.headers['referrer-policy']).toBe('no-referrer');
        expect(page.body).toContain('竹北地政事務所');
        expect(page.body).toContain(b.officeName);
        expect(page.body).toContain('遷徙');
        expect(page.body).toContain('民國115年11月24日');
        expect(page.body).toContain(`action="/notify/ack/${mail.token}"`);
        for (const secret of [PERSON.name, PERSON.id_number, PERSON.address]) expect(page.body).not.toContain(secret);
      }
      expect(await notice(mail.id)).toEqual({ status: 'sent', acked_at: null });
      expect(await tries(mail.id)).toEqual([]);
    });

    it('the button acknowledges it once; a second press says it was already confirmed', async () => {
      const a = new Agent(t.app);
      const page = await a.get(`/notify/ack/${mail.token}`);
      const first = await a.post(`/notify/ack/${mail.token}`, { _csrf: csrfOf(page.body) });
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe(`/notify/ack/${mail.token}`);
      expect(await notice(mail.id)).toEqual({ status: 'acknowledged', acked_at: T0.toISOString() });
      const after = await a.get(`/notify/ack/${mail.token}`);
      expect(after.body).toContain('已確認收到，謝謝。');
      expect(after.body).toContain('這筆通報已於民國115年11月24日 10:00確認收到。');
      expect(after.body).not.toContain(`action="/notify/ack/${mail.token}"`);

      const second = await a.post(`/notify/ack/${mail.token}`, { _csrf: csrfOf(page.body) });
      expect(second.statusCode).toBe(303);
      expect((await a.get(`/notify/ack/${mail.token}`)).body).toContain('先前已確認收到');
      expect(await tries(mail.id)).toEqual([{ outcome: 'acknowledged', detail: 'link' }]);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'detail', 'actor_staff_id']).where('action', '=', 'notify.delivery.ack').where('target_id', '=', String(mail.id)).execute();
      expect(audit).toEqual([{ action: 'notify.delivery.ack', detail: JSON.stringify({ via: 'link' }), actor_staff_id: null }]);
      expect(JSON.stringify(audit)).not.toContain(mail.token);
    });

    it('a notice not sent yet cannot be confirmed; an unknown or malformed token is a 404 page', async () => {
      const a = new Agent(t.app);
      const page = await a.get(`/notify/ack/${waiting.token}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('尚未送出');
      expect(page.body).not.toContain(`action="/notify/ack/${waiting.token}"`);
      // the visitor's CSRF token, from any page with a form
      const csrf = csrfOf((await a.get('/lost-id')).body);
      await a.post(`/notify/ack/${waiting.token}`, { _csrf: csrf });
      expect((await notice(waiting.id)).status).toBe('queued');
      for (const bad of ['x'.repeat(32), 'short', `${mail.token}x`]) {
        const res = await a.get(`/notify/ack/${bad}`);
        expect(res.statusCode).toBe(404);
        expect(res.body).toContain('<html');
        expect((await a.post(`/notify/ack/${bad}`, { _csrf: csrf })).statusCode).toBe(404);
      }
    });

    const callback = (body: string, signature: string | undefined) =>
      t.app.inject({ method: 'POST', url: '/api/notify/ack', payload: body, headers: { 'content-type': 'application/json', ...(signature ? { [SIGNATURE_HEADER]: signature } : {}) } });
    const nowSeconds = Math.floor(T0.getTime() / 1000);

    it('a signed callback is refused with 401 JSON when anything is wrong, and changes nothing', async () => {
      const body = JSON.stringify({ notice: hook.id, token: hook.token });
      const cases: [string, string | undefined][] = [
        [body, signWebhook('not-the-secret', nowSeconds, body)],
        [body, signWebhook(SECRET, nowSeconds - 3600, body)],
        [body, undefined],
        [body, signWebhook(SECRET, nowSeconds, `${body} `)],
        [JSON.stringify({ notice: hook.id, token: mail.token }), signWebhook(SECRET, nowSeconds, JSON.stringify({ notice: hook.id, token: mail.token }))],
        [JSON.stringify({ notice: 999999, token: hook.token }), signWebhook(SECRET, nowSeconds, JSON.stringify({ notice: 999999, token: hook.token }))],
        // the e-mail recipient has no secret: its notices take no callback
        [JSON.stringify({ notice: waiting.id, token: waiting.token }), signWebhook(SECRET, nowSeconds, JSON.stringify({ notice: waiting.id, token: waiting.token }))],
        ['{"notice":', signWebhook(SECRET, nowSeconds, '{"notice":')],
      ];
      for (const [payload, signature] of cases) {
        const res = await callback(payload, signature);
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
      }
      expect(await notice(hook.id)).toEqual({ status: 'sent', acked_at: null });
    });

    it('a callback signed with the recipient’s secret acknowledges it: 200 JSON, and once', async () => {
      const body = JSON.stringify({ notice: hook.id, token: hook.token });
      const res = await callback(body, signWebhook(SECRET, nowSeconds, body));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ notice: hook.id, status: 'acknowledged', acknowledgedAt: T0.toISOString(), already: false });
      expect(await notice(hook.id)).toEqual({ status: 'acknowledged', acked_at: T0.toISOString() });
      const again = await callback(body, signWebhook(SECRET, nowSeconds + 5, body));
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ already: true });
      expect(await tries(hook.id)).toEqual([{ outcome: 'acknowledged', detail: 'callback' }]);
    });
  });
}
