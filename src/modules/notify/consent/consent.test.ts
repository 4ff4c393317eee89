import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoDatabase } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import type { Database } from '../../../db/index.js';
import type { StaffPrincipal } from '../../../platform/auth/roles.js';
import { createVault } from '../../../platform/identity/index.js';
import { ackTokenHash, DELIVER_JOB, MAX_DELIVERY_ATTEMPTS, openBody } from '../body.js';
import type { ConsentInput } from './form.js';
import { type ConsentDeps, recordConsent } from './record.js';
import { casesService } from '../../cases/index.js';
import { closedCase, seedAgencies, seedChecklist, staffOf } from './testing.js';
import { smsParts } from '../../../platform/sms/index.js';

const input = (over: Partial<ConsentInput> = {}): ConsentInput => ({ recipientIds: [], details: {}, eventDate: '2026-11-24', readBack: true, channel: 'print', email: null, phone: null, ...over });

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] consent at the counter`, () => {
    const now = new Date('2026-11-24T03:00:00Z'); // Tuesday 24 Nov 2026, 11:00 Taipei
    let database: Database & { dispose(): Promise<void> };
    let deps: ConsentDeps;
    let clerk: StaffPrincipal;
    let otherClerk: StaffPrincipal;
    let ids: Record<string, number>;
    const id = (code: string) => ids[code] ?? 0;

    beforeAll(async () => {
      database = await demoDatabase(kind, now);
      deps = { database, vault: createVault(randomBytes(32)), clock: () => now, baseUrl: 'https://huzheng.example' };
      clerk = await staffOf(database.db, 'clerk.zhubei');
      otherClerk = await staffOf(database.db, 'clerk.jianshi');
      ids = await seedAgencies(database.db, clerk.countyId ?? 0, now);
      await seedChecklist(database.db, 'move-in', now);
      await seedChecklist(database.db, 'birth', now);
    });
    afterAll(async () => database?.dispose());

    const rows = async (caseId: number) => ({
      consents: await database.db.selectFrom('notify_consent').selectAll().where('case_id', '=', caseId).execute(),
      notices: await database.db.selectFrom('notify_notice').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
      messages: await database.db.selectFrom('citizen_message').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
      lists: await database.db.selectFrom('followup_list').selectAll().where('case_id', '=', caseId).execute(),
    });

    it('seals in each notice only the fields its agency accepts, and queues one delivery job per notice', async () => {
      const caseId = await closedCase(deps, clerk, 'move-in', { email: 'lin@example.com', phone: '03-5551234' });
      const r = await recordConsent(deps, caseId, input({ recipientIds: [id('land-zhubei'), id('water-3')], details: { address: '新竹縣竹北市光明六路 10 號' }, channel: 'email', email: 'lin@example.com' }), clerk, null);
      expect(r.notices).toBe(2);
      const { consents, notices, messages, lists } = await rows(caseId);
      expect(consents).toHaveLength(1);
      expect(consents[0]).toMatchObject({ event: 'move', event_date: '2026-11-24', recipients: 2, read_back: 1 });
      expect(JSON.parse(deps.vault.decrypt(consents[0]?.details_enc ?? ''))).toEqual({ address: '新竹縣竹北市光明六路 10 號' });
      const bodies = new Map(notices.map((n) => [n.recipient_id, openBody(deps.vault, n.body_enc ?? '')]));
      expect(bodies.get(id('land-zhubei'))?.fields).toEqual({ name: '林美玲', event_date: '2026-11-24', id_number: 'A223456781', address: '新竹縣竹北市光明六路 10 號' });
      // the water company takes the address and the phone, never the ID number
      expect(bodies.get(id('water-3'))?.fields).toEqual({ name: '林美玲', event_date: '2026-11-24', address: '新竹縣竹北市光明六路 10 號', phone: '03-5551234' });
      for (const n of notices) {
        const body = bodies.get(n.recipient_id);
        expect(n.status).toBe('queued');
        expect(n.ack_token_hash).toBe(ackTokenHash(body?.token ?? ''));
        expect(body?.caseNumber).toMatch(/-1151124-/);
        expect(body?.event).toBe('move');
        const job = await database.db.selectFrom('job').selectAll().where('dedupe_key', '=', `notify:${n.id}`).executeTakeFirstOrThrow();
        expect(job.kind).toBe(DELIVER_JOB);
        expect(JSON.parse(job.payload)).toEqual({ noticeId: n.id });
        expect(job.max_attempts).toBe(MAX_DELIVERY_ATTEMPTS);
      }
      expect(lists).toHaveLength(1);
      expect(lists[0]?.channel).toBe('email');
      expect(messages.map((m) => [m.purpose, m.channel])).toEqual([['followup', 'email']]);
      expect(JSON.parse(deps.vault.decrypt(messages[0]?.body_enc ?? '')).text).toContain(`https://huzheng.example/f/${lists[0]?.code}`);
      const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'notify.consent.record').where('target_id', '=', String(caseId)).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail ?? '{}')).toEqual({ recipients: 2, event: 'move' });
    });

    it('refuses a choice not read back to the citizen, and stores nothing', async () => {
      const caseId = await closedCase(deps, clerk, 'move-in');
      const jobsBefore = (await database.db.selectFrom('job').select('id').execute()).length;
      await expect(recordConsent(deps, caseId, input({ recipientIds: [id('land-zhubei')], details: { address: '竹北市縣政九路 1 號' }, readBack: false }), clerk, null)).rejects.toMatchObject({
        code: 'validation',
        fields: [{ field: 'readBack', key: 'notify.consent.err.readBack' }],
      });
      // a detail the chosen agency needs is required; an agency that does not take this event is refused
      await expect(recordConsent(deps, caseId, input({ recipientIds: [id('land-zhubei')] }), clerk, null)).rejects.toMatchObject({ fields: [{ field: 'address', key: 'err.required' }] });
      await expect(recordConsent(deps, caseId, input({ recipientIds: [id('old-telecom')] }), clerk, null)).rejects.toMatchObject({ fields: [{ field: 'recipient' }] });
      const r = await rows(caseId);
      expect([r.consents, r.notices, r.messages, r.lists].map((x) => x.length)).toEqual([0, 0, 0, 0]);
      expect((await database.db.selectFrom('job').select('id').execute()).length).toBe(jobsBefore);
    });

    it('records a refusal as a consent with no notices', async () => {
      const caseId = await closedCase(deps, clerk, 'move-in');
      const r = await recordConsent(deps, caseId, input({ readBack: false, channel: 'print' }), clerk, null);
      expect(r.notices).toBe(0);
      const { consents, notices, lists, messages } = await rows(caseId);
      expect(consents).toHaveLength(1);
      expect(consents[0]).toMatchObject({ recipients: 0, read_back: 0, details_enc: null });
      expect(notices).toHaveLength(0);
      // the follow-up list is the citizen's whether or not agencies are told
      expect(lists.map((l) => l.channel)).toEqual(['print']);
      expect(messages).toHaveLength(0);
    });

    it('records one consent per case when four calls race', async () => {
      const caseId = await closedCase(deps, clerk, 'move-in');
      const one = input({ recipientIds: [id('land-zhubei'), id('tax-hsinchu')], details: { address: '竹北市中正西路 5 號', birth_date: '1985-03-14' } });
      const results = await Promise.allSettled([1, 2, 3, 4].map(() => recordConsent(deps, caseId, one, clerk, null)));
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      for (const x of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) expect(x.reason).toMatchObject({ code: 'conflict', messageKey: 'notify.consent.already' });
      const { consents, notices, lists } = await rows(caseId);
      expect([consents.length, notices.length, lists.length]).toEqual([1, 2, 1]);
      const jobs = await database.db.selectFrom('job').select('id').where('kind', '=', DELIVER_JOB).where('dedupe_key', 'in', notices.map((n) => `notify:${n.id}`)).execute();
      expect(jobs).toHaveLength(2);
      const tax = notices.find((n) => n.recipient_id === id('tax-hsinchu'));
      expect(openBody(deps.vault, tax?.body_enc ?? '').fields.birth_date).toBe('1985-03-14');
    });

    it('texts the parents after a birth: congratulations and the link to the list', async () => {
      const caseId = await closedCase(deps, clerk, 'birth');
      await recordConsent(deps, caseId, input({ recipientIds: [id('nhi')], channel: 'sms', phone: '0912345678' }), clerk, null);
      const { messages, lists, notices } = await rows(caseId);
      expect(notices).toHaveLength(1);
      expect(openBody(deps.vault, notices[0]?.body_enc ?? '').fields).toEqual({ name: '林美玲', event_date: '2026-11-24', id_number: 'A223456781' });
      // one text to the phone: the birth notice carries the follow-up link, so the phone is not texted twice
      expect(messages.map((m) => [m.purpose, m.channel])).toEqual([['birth_instant', 'sms']]);
      const text = JSON.parse(deps.vault.decrypt(messages[0]?.body_enc ?? '')).text as string;
      expect(text).toContain('恭喜');
      expect(text).toContain(`https://huzheng.example/f/${lists[0]?.code}`);
      expect(deps.vault.decrypt(messages[0]?.to_enc ?? '')).toBe('0912345678');
      expect(messages[0]?.parts).toBe(smsParts(text));
    });

    it('keeps to the office and to cases ready for consent', async () => {
      const caseId = await closedCase(deps, clerk, 'move-in');
      await expect(recordConsent(deps, caseId, input(), otherClerk, null)).rejects.toMatchObject({ code: 'not_found' });
      const open = await closedCase(deps, clerk, 'move-in', { close: false });
      await recordConsent(deps, open, input(), clerk, null); // approved is ready: the citizen may be at the counter before it closes
      const received = casesService;
      const fresh = await received.openCase(deps, { officeId: clerk.officeId ?? 0, guideCode: 'move-in', applicantName: '林美玲', idNumber: 'A223456781', birthDate: '1985-03-14' }, clerk, null);
      await expect(recordConsent(deps, fresh.id, input(), clerk, null)).rejects.toMatchObject({ code: 'conflict', messageKey: 'notify.consent.notReady' });
      const other = await received.openCase(deps, { officeId: clerk.officeId ?? 0, guideCode: 'transcript', applicantName: '林美玲', idNumber: 'A223456781', birthDate: '1985-03-14' }, clerk, null);
      await expect(recordConsent(deps, other.id, input(), clerk, null)).rejects.toMatchObject({ code: 'not_found' });
      expect((await rows(caseId)).consents).toHaveLength(0);
    });
  });
}
