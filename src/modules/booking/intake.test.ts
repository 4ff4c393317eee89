import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS } from '../../../test/databases.js';
import { generateIdNumber } from '../../platform/identity/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import * as repo from './repo.js';

const at = (iso: string) => new Date(`${iso}+08:00`);
const NOW = at('2026-11-25T10:00:00');
const FORM = '/staff/booking/new/registration?office=zhubei';

function ids(seed: number) {
  let x = seed;
  return () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
}
const pairs = (o: Record<string, string | string[]>) => Object.entries(o).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])) as unknown as Record<string, string>;

for (const kind of DATABASE_KINDS) {
  describe(`[${kind}] booking for a caller`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let clerk: Agent;
    let csrf: string;
    const rand = ids(31);
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      csrf = csrfOf((await clerk.get(FORM)).body);
    });
    afterAll(async () => t?.dispose());

    const caller = (idNumber: string, over: Record<string, string> = {}) => ({ _csrf: csrf, day: '2026-11-26', starts: '09:00', channel: 'phone', name: '林阿嬤', idNumber, birthDate: '40/03/02', phone: '03-551-0000', ...over });

    it('books a phone caller through the same rules: recorded as phone, placed by the clerk, audited, slip printed', async () => {
      const list = await clerk.get('/staff/booking/new');
      expect(list.body).toContain('href="/staff/booking/new/registration?office=zhubei"');
      const page = await clerk.get('/staff/booking/new/registration?office=zhubei&day=2026-11-26');
      expect(page.body).toContain('09:00–09:30，尚餘 2');
      // no anti-automation step on the staff side
      expect(page.body).not.toContain('data-pow');
      const idNumber = generateIdNumber(rand);
      const res = await clerk.post(FORM, caller(idNumber));
      expect(res.statusCode).toBe(303);
      const b = await t.database.db.selectFrom('booking').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(res.headers.location).toBe(`/staff/booking/${b.id}/slip`);
      const clerkId = (await t.database.db.selectFrom('staff').select('id').where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow()).id;
      expect({ status: b.status, channel: b.channel, placed_by: b.placed_by, day: b.day, starts: b.starts, referral: b.referral }).toEqual({ status: 'booked', channel: 'phone', placed_by: clerkId, day: '2026-11-26', starts: '09:00', referral: null });
      const audit = await t.database.db.selectFrom('audit_log').select(['detail', 'actor_staff_id', 'target_id']).where('action', '=', 'booking.intake.create').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor_staff_id).toBe(clerkId);
      expect(audit[0]!.detail).not.toContain(idNumber);
      expect(JSON.parse(audit[0]!.detail!)).toEqual({ service: 'registration', channel: 'phone', referral: null, status: 'booked', day: '2026-11-26', starts: '09:00' });
      const slip = await clerk.get(String(res.headers.location));
      expect(slip.statusCode).toBe(200);
      expect(slip.body).toContain(`<span class="booking-code">${b.code}</span>`);
      expect(slip.body).toContain('新竹縣竹北市戶政事務所');
      expect(slip.body).toContain('戶口名簿');
      expect(slip.body).toContain('/static/css/booking-slip.css');
      expect(slip.body).not.toContain(idNumber);
      // another office's clerk cannot see it
      const other = new Agent(t.app);
      await other.signIn('clerk.jianshi', DEMO_PASSWORD);
      expect((await other.get(`/staff/booking/${b.id}/slip`)).statusCode).toBe(404);
    });

    it('one booking per person per day, and no seat past the capacity, as online', async () => {
      const same = generateIdNumber(rand);
      expect((await clerk.post(FORM, caller(same, { starts: '10:00' }))).statusCode).toBe(303);
      const twice = await clerk.post(FORM, caller(same, { starts: '10:30', channel: 'counter' }));
      expect(twice.statusCode).toBe(409);
      expect(twice.body).toContain('每人每天限預約一次');
      expect(twice.body).toContain('value="林阿嬤"');
      // 09:00 holds 2: the first test took one, this takes the other, the next finds it full beside the time
      expect((await clerk.post(FORM, caller(generateIdNumber(rand), { channel: 'counter' }))).statusCode).toBe(303);
      const full = await clerk.post(FORM, caller(generateIdNumber(rand)));
      expect(full.statusCode).toBe(409);
      expect(full.body).toMatch(/id="f-starts-error">這個時段剛剛額滿了/);
      const slot = await t.database.db.selectFrom('booking_slot').selectAll().where('day', '=', '2026-11-26').where('starts', '=', '09:00').where('booking_service_id', '=', (await repo.serviceByCode(t.database.db, (await t.database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow()).id, 'registration'))!.id).executeTakeFirstOrThrow();
      expect([slot.booked, slot.capacity]).toEqual([2, 2]);
      const channels = await t.database.db.selectFrom('booking').select('channel').orderBy('id').execute();
      expect(channels.map((c) => c.channel)).toEqual(['phone', 'phone', 'counter']);
    });

    it('checks the fields beside each, and a home visit records who referred the person', async () => {
      const bad = await clerk.post(FORM, caller('A123', { channel: 'fax', phone: 'x' }));
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('id="f-idNumber-error"');
      expect(bad.body).toContain('id="f-channel-error"');
      expect(bad.body).toContain('id="f-phone-error"');
      const noSlot = await clerk.post(FORM, caller(generateIdNumber(rand), { starts: '' }));
      expect(noSlot.body).toContain('id="f-starts-error"');

      const hv = '/staff/booking/new/home-visit?office=zhubei';
      const page = await clerk.get(hv);
      expect(page.body).toContain('1999 專線');
      const visit = (over: Record<string, string>) => pairs({ _csrf: csrf, channel: 'referral', name: '張伯伯', idNumber: generateIdNumber(rand), birthDate: '1940-01-01', phone: '0912-000-111', address: '竹北市中正西路1號', village: '竹北里', reason: 'illness', preferredDays: ['2026-11-26'], ...over });
      const noRef = await clerk.post(hv, visit({}));
      expect(noRef.statusCode).toBe(422);
      expect(noRef.body).toMatch(/id="f-referral-error">轉介時請選擇轉介單位。/);
      const otherNoName = await clerk.post(hv, visit({ referral: 'other' }));
      expect(otherNoName.body).toMatch(/id="f-referralNote-error">請填寫轉介單位的名稱。/);
      const ok = await clerk.post(hv, visit({ referral: 'other', referralNote: '竹北市長照據點' }));
      expect(ok.statusCode).toBe(303);
      const ok2 = await clerk.post(hv, visit({ referral: 'hotline1999', email: 'family@example.com' }));
      expect(ok2.statusCode).toBe(303);
      const rows = await t.database.db.selectFrom('booking').select(['status', 'channel', 'referral', 'referral_note', 'email']).where('referral', 'is not', null).orderBy('id').execute();
      expect(rows).toEqual([
        { status: 'pending', channel: 'referral', referral: 'other', referral_note: '竹北市長照據點', email: null },
        { status: 'pending', channel: 'referral', referral: 'hotline1999', referral_note: null, email: 'family@example.com' },
      ]);
      // a confirmation e-mail only for the one who gave an address
      const mails = await t.database.db.selectFrom('job').select('payload').where('kind', 'like', 'mail%').execute();
      expect(mails.filter((m) => m.payload.includes('family@example.com'))).toHaveLength(1);
    });
  });
}
