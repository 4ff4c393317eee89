import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import type { StaffPrincipal } from '../../../platform/auth/roles.js';
import { DEMO_PASSWORD } from '../../staff/index.js';
import { closedCase, seedAgencies, seedChecklist, staffOf } from './testing.js';

/**
 * The consent form under random input (Taipei clock 2026-11-24): every
 * answer is a recorded consent (303) or the form again (422), never a 5xx;
 * a refused form leaves nothing of the case's consent behind, and a recorded
 * one has exactly one notice per agency it counts.
 */
const junk = (max: number) => fc.oneof(fc.string({ maxLength: max }), fc.string({ unit: 'grapheme', maxLength: max }));
const maybe = (valid: fc.Arbitrary<string>, max = 40) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: fc.constant(''), weight: 2 }, { arbitrary: junk(max), weight: 1 });

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the consent form under random input`, () => {
    const now = new Date('2026-11-24T03:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let clerk: StaffPrincipal;
    let ids: Record<string, number>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      clerk = await staffOf(t.database.db, 'clerk.zhubei');
      ids = await seedAgencies(t.database.db, clerk.countyId ?? 0, now);
      await seedChecklist(t.database.db, 'move-in', now);
    });
    afterAll(async () => t?.dispose());

    it('records a whole consent or nothing', async () => {
      const a = new Agent(t.app);
      await a.signIn('clerk.zhubei', DEMO_PASSWORD);
      const deps = { database: t.database, vault: t.services.vault, clock: () => now, baseUrl: t.config.publicBaseUrl };
      const choices = [...Object.values(ids).map(String), 'x', '0', '-1', '99999', '1e3'];
      const form = fc.record({
        recipient: fc.subarray(choices, { maxLength: 4 }),
        address: maybe(fc.constantFrom('竹北市光明六路 10 號', 'x'.repeat(201)), 220),
        birth_date: maybe(fc.constantFrom('74/03/14', '1985-03-14', '2027-01-01', '115/02/30')),
        eventDate: maybe(fc.constantFrom('115/11/24', '2026-11-20', '115/11/25', '民國115年11月1日', '2026-02-30')),
        readBack: maybe(fc.constantFrom('1', 'on')),
        channel: maybe(fc.constantFrom('email', 'sms', 'print', 'none', 'fax')),
        email: maybe(fc.constantFrom('lin@example.com', 'not-an-address')),
        phone: maybe(fc.constantFrom('0912345678', '0912-345-678', '+886 912 345 678', '03-5551234')),
      });
      const seen = { recorded: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(form, async (f) => {
          const caseId = await closedCase(deps, clerk, 'move-in');
          const token = csrfOf((await a.get(`/staff/notify/cases/${caseId}`)).body);
          const body = new URLSearchParams({ _csrf: token, address: f.address, birth_date: f.birth_date, eventDate: f.eventDate, readBack: f.readBack, channel: f.channel, email: f.email, phone: f.phone });
          for (const r of f.recipient) body.append('recipient', r);
          const res = await t.app.inject({ method: 'POST', url: `/staff/notify/cases/${caseId}`, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `hz_sid=${a.cookie('hz_sid')}` } });
          expect([303, 422]).toContain(res.statusCode);
          const consents = await t.database.db.selectFrom('notify_consent').selectAll().where('case_id', '=', caseId).execute();
          const notices = await t.database.db.selectFrom('notify_notice').select(['id', 'recipient_id']).where('case_id', '=', caseId).execute();
          const lists = await t.database.db.selectFrom('followup_list').select('id').where('case_id', '=', caseId).execute();
          const messages = await t.database.db.selectFrom('citizen_message').select('id').where('case_id', '=', caseId).execute();
          if (res.statusCode === 422) {
            seen.refused += 1;
            expect([consents.length, notices.length, lists.length, messages.length]).toEqual([0, 0, 0, 0]);
            return;
          }
          seen.recorded += 1;
          expect(consents).toHaveLength(1);
          expect(notices).toHaveLength(consents[0]?.recipients ?? -1);
          expect(new Set(notices.map((n) => n.recipient_id)).size).toBe(notices.length);
          expect(notices.every((n) => f.recipient.includes(String(n.recipient_id)))).toBe(true);
          if (notices.length > 0) expect(consents[0]?.read_back).toBe(1);
          const jobs = await t.database.db.selectFrom('job').select('id').where('dedupe_key', 'in', [...notices.map((n) => `notify:${n.id}`), '-']).execute();
          expect(jobs).toHaveLength(notices.length);
        }),
        { numRuns: 40, seed: 20261124 },
      );
      // the run exercised both answers
      expect(seen.recorded).toBeGreaterThan(0);
      expect(seen.refused).toBeGreaterThan(0);
    });
  });
}
