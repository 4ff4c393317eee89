import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { seedReminders } from './seed.js';
import { addEntry, auditOf, ENTRY, reminderRow, signedIn } from './testing.js';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the reminders register: adding, listing, who sees what`, () => {
    // Wednesday 25 November 2026, 10:00 in Taipei
    const now = new Date('2026-11-25T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());
    const db = () => t.database.db;

    it('adds an entry with its due date from the event date on the office calendar, ID and phone sealed, audited', async () => {
      const a = await signedIn(t.app);
      const id = await addEntry(a, { kind: 'hospital_death', name: '王淑芬（王大明君家屬）', idNumber: '', eventDate: '1151125', sourceRef: '死亡通報第1150088號' });
      const row = await reminderRow(db(), id);
      // 30 days from 25 November is Friday 25 December, 行憲紀念日 in the demo calendar: the next working day
      expect(row).toMatchObject({ kind: 'hospital_death', reported_on: '2026-11-25', due_on: '2026-12-28', status: 'open', id_hash: null, id_enc: null });
      expect(t.services.vault.decrypt(row.phone_enc ?? '')).toBe('0912345678');
      expect(await auditOf(db(), id)).toEqual([{ action: 'notify.reminders.create', detail: JSON.stringify({ kind: 'hospital_death', via: 'form' }) }]);
      const page = await a.get(`/staff/notify/reminders/${id}`);
      expect(page.body).toContain('民國115年12月28日');
      expect(page.body).toContain('王淑芬（王大明君家屬）');

      const birth = await reminderRow(db(), await addEntry(a));
      expect(birth).toMatchObject({ reported_on: '2026-11-01', due_on: '2026-12-31', id_hash: t.services.vault.hash('A223456781') });
      expect(birth.id_enc).not.toContain('A223456781');
      const shown = await a.get(`/staff/notify/reminders/${birth.id}`);
      expect(shown.body).toContain('A22****781');
      expect(shown.body).not.toContain('A223456781');
    });

    it('refuses bad input beside the field, keeps what was typed, stores nothing; a second add of the same report is refused', async () => {
      const a = await signedIn(t.app);
      const before = (await db().selectFrom('reminder').select('id').execute()).length;
      const page = await a.get('/staff/notify/reminders/new');
      const bad = await a.post('/staff/notify/reminders', { _csrf: csrfOf(page.body), ...ENTRY, idNumber: 'A123456788', phone: '12345', eventDate: '115/12/24', name: '林志明' });
      expect(bad.statusCode).toBe(422);
      for (const s of ['f-idNumber-error', 'f-phone-error', 'f-eventDate-error', 'value="林志明"', 'value="115/12/24"']) expect(bad.body).toContain(s);
      const again = await a.post('/staff/notify/reminders', { _csrf: csrfOf(page.body), ...ENTRY });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('f-sourceRef-error');
      expect((await db().selectFrom('reminder').select('id').execute()).length).toBe(before);
    });

    it("lists overdue first with the fine, counts that add up to the list, and filters; another office's clerk sees none of it", async () => {
      const a = await signedIn(t.app);
      const late = await addEntry(a, { name: '黃建宏', sourceRef: '出生通報第1150377號', eventDate: '115/09/01', phone: '' });
      const list = await a.get('/staff/notify/reminders');
      expect(list.statusCode).toBe(200);
      // born 1 September: 60 days is Saturday 31 October, so due Monday 2 November; 23 days late on 25 November (NT$500)
      const rows = [...list.body.matchAll(/href="\/staff\/notify\/reminders\/(\d+)"/g)].map((m) => Number(m[1]));
      expect(rows[0]).toBe(late);
      expect(list.body).toContain('逾期 23 日');
      expect(list.body).toContain('民國115年11月2日');
      expect(list.body).toContain('新臺幣 500 元');
      const active = Number(/待處理（(\d+)）/.exec(list.body)?.[1]);
      expect(rows.length).toBe(active);
      const all = Number(/全部（(\d+)）/.exec(list.body)?.[1]);
      const parts = ['待提醒', '已提醒', '已登記', '已結案'].map((w) => Number(new RegExp(`${w}（(\\d+)）`).exec(list.body)?.[1]));
      expect(parts.reduce((x, y) => x + y, 0)).toBe(all);
      const overdue = await a.get('/staff/notify/reminders?overdue=1');
      expect([...overdue.body.matchAll(/href="\/staff\/notify\/reminders\/(\d+)"/g)].map((m) => Number(m[1]))).toEqual([late]);
      const byKind = await a.get('/staff/notify/reminders?kind=hospital_death&status=all');
      expect(byKind.body).toContain('王淑芬');
      expect(byKind.body).not.toContain('黃建宏');
      const found = await a.get(`/staff/notify/reminders?q=${encodeURIComponent('1150377')}`);
      expect(found.body).toContain('黃建宏');
      expect(found.body).not.toContain('王淑芬');

      // the staff home tells the office's clerk
      expect((await a.get('/staff')).body).toContain('1 筆主動提醒已逾期');

      const other = await signedIn(t.app, 'clerk.jianshi');
      const theirs = await other.get('/staff/notify/reminders?office=zhubei');
      expect(theirs.body).not.toContain('黃建宏');
      expect((await other.get(`/staff/notify/reminders/${late}`)).statusCode).toBe(404);
      const form = await other.get('/staff/notify/reminders');
      for (const path of ['letter', 'message', 'contact', 'resolve']) {
        const r = await other.post(`/staff/notify/reminders/${late}/${path}`, { _csrf: csrfOf(form.body), channel: path === 'message' ? 'sms' : 'phone', n: '1', note: 'x', outcome: 'closed', reason: 'x' });
        expect(r.statusCode).toBe(404);
      }
      expect((await reminderRow(db(), late)).status).toBe('open');
      expect((await other.get('/staff')).body).not.toContain('主動提醒已逾期');

      // the county admin sees every office, or the one picked
      const county = await signedIn(t.app, 'county');
      expect((await county.get('/staff/notify/reminders')).body).toContain('黃建宏');
      expect((await county.get('/staff/notify/reminders?office=jianshi')).body).not.toContain('黃建宏');
    });

    it('the county admin adds to the office picked on the form', async () => {
      const county = await signedIn(t.app, 'county');
      const id = await addEntry(county, { name: '比黛・尤命', sourceRef: '臺灣新竹地方法院115年度親字第9號', kind: 'court_judgment' }, 'jianshi');
      const office = await db().selectFrom('office').select('id').where('code', '=', 'jianshi').executeTakeFirstOrThrow();
      expect((await reminderRow(db(), id)).office_id).toBe(office.id);
    });

    it('the add form over arbitrary input (fast-check): a 303 with a clean row or a 422 with nothing stored, never an error', async () => {
      const a = await signedIn(t.app);
      const csrf = csrfOf((await a.get('/staff/notify/reminders/new')).body);
      const count = async () => (await db().selectFrom('reminder').select('id').execute()).length;
      const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '陳怡君', '0912345678', '115/3/1', 'A123456789', '2026-02-30'));
      await fc.assert(
        fc.asyncProperty(fc.record({ kind: fc.oneof(text, fc.constantFrom('hospital_birth', 'abroad_two_years')), name: text, idNumber: text, address: text, phone: text, sourceRef: text, eventDate: text }), async (form) => {
          const before = await count();
          const r = await a.post('/staff/notify/reminders', { _csrf: csrf, email: '', ...form });
          expect([303, 409, 422]).toContain(r.statusCode);
          expect(await count()).toBe(before + (r.statusCode === 303 ? 1 : 0));
        }),
        { numRuns: 25 },
      );
    });

    it('seeds a dozen demo entries in every state for both offices', async () => {
      const offices = Object.fromEntries((await db().selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
      const staff = await db().selectFrom('staff').select('id').where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow();
      const before = Math.max(0, ...(await db().selectFrom('reminder').select('id').execute()).map((r) => r.id));
      await seedReminders(db(), { zhubei: offices.zhubei ?? 0, jianshi: offices.jianshi ?? 0 }, t.services.vault, staff.id, now);
      const rows = await db().selectFrom('reminder').select(['office_id', 'status', 'kind']).where('id', '>', before).execute();
      expect(rows.length).toBe(12);
      for (const office of [offices.zhubei, offices.jianshi]) expect(new Set(rows.filter((r) => r.office_id === office).map((r) => r.status))).toEqual(new Set(['open', 'reminded', 'registered', 'closed']));
      const a = await signedIn(t.app);
      const page = await a.get('/staff/notify/reminders?status=all');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('吳雅婷');
    });
  });
}
