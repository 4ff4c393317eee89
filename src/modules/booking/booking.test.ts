import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { smtpServer, subjectOf, textOf } from '../../../test/smtp.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { generateIdNumber } from '../../platform/identity/index.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { createMailer, MAIL_JOB, mailJobHandler } from '../../platform/mail/index.js';
import { type Applicant, placeBooking } from './book.js';
import type { BookingDeps } from './deps.js';
import { drawOrder, drawLottery, openLottery } from './lottery.js';
import { cancelByCitizen, findForCitizen, reschedule } from './manage.js';
import * as repo from './repo.js';
import { checkIn, closeDay, decideHall, liftSuspension } from './staff-ops.js';

let seq = 0;
/** A checksum-valid ID number nobody else in the run has. */
function person(name = '測試者'): Applicant {
  seq++;
  let x = seq * 7919;
  const rand = () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
  return { name, idNumber: generateIdNumber(rand), birthDate: '1980-05-06', phone: '0912-345-678', email: `p${seq}@example.com` };
}

const at = (iso: string) => new Date(`${iso}+08:00`);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] booking rules`, () => {
    const smtp = smtpServer();
    let now = at('2026-11-25T10:00:00'); // a Wednesday
    let app: Awaited<ReturnType<typeof demoApp>>;
    let worker: JobWorker;
    let mailer: ReturnType<typeof createMailer>;
    let svc: Record<string, number>;
    let supervisor: StaffPrincipal;
    const deps = (): BookingDeps => ({ database: app.database, vault: app.services.vault, clock: () => now, events: app.services.events, baseUrl: 'http://huzheng.test' });
    const book = (serviceId: number, day: string | undefined, starts: string | undefined, applicant: Applicant, extra: Partial<Parameters<typeof placeBooking>[1]> = {}) =>
      placeBooking(deps(), { serviceId, day, starts, applicant, details: {}, locale: 'zh-Hant', channel: 'online', ...extra });
    const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

    beforeAll(async () => {
      const url = await smtp.listen();
      app = await demoApp(kind, { clock: () => now });
      mailer = createMailer({ smtpUrl: url, from: 'no-reply@huzheng.test' });
      worker = new JobWorker(app.database, { handlers: { [MAIL_JOB]: mailJobHandler(mailer), ...app.jobHandlers() }, clock: () => now });
      const office = await app.database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      svc = Object.fromEntries((await repo.servicesOf(app.database.db, [office.id])).map((s) => [s.code, s.id]));
      // fixed Saturday openings for marriage registration, whatever day the seed ran
      await app.database.db.deleteFrom('booking_opening').where('booking_service_id', '=', svc['marriage-holiday']!).execute();
      for (const day of ['2026-12-05', '2026-12-12']) {
        await app.database.db
          .insertInto('booking_opening')
          .values({ booking_service_id: svc['marriage-holiday']!, day, starts: '09:00', ends: '10:00', capacity: 1, note_zh: '週六加開', note_en: 'Saturday', hot: day === '2026-12-12' ? 1 : 0 })
          .execute();
      }
      const s = await app.database.db.selectFrom('staff').selectAll().where('username', '=', 'supervisor.zhubei').executeTakeFirstOrThrow();
      supervisor = { id: s.id, username: s.username, displayName: s.display_name, role: 'supervisor', countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
    });
    afterAll(async () => {
      mailer?.close();
      await app?.dispose();
      await smtp.close();
    });

    it('books a counter time, holds the seat, and e-mails a confirmation with a calendar file', async () => {
      now = at('2026-11-25T10:00:00');
      const p = person('王小明');
      const b = await book(svc.registration!, '2026-11-26', '09:00', p);
      expect(b.status).toBe('booked');
      expect(b.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const slot = await app.database.db.selectFrom('booking_slot').selectAll().where('booking_service_id', '=', svc.registration!).where('day', '=', '2026-11-26').where('starts', '=', '09:00').executeTakeFirstOrThrow();
      expect(slot.booked).toBe(1);
      await worker.runDue();
      const mail = mailsTo(p.email!).at(-1)!;
      expect(subjectOf(mail.raw)).toContain(`預約確認${b.code}`);
      expect(mail.raw).toContain('text/calendar');
      expect(textOf(mail.raw)).toContain('請攜帶');
      // zh-Hant labels take the full-width colon, and no space follows the weekday's bracket
      expect(textOf(mail.raw)).toContain(`王小明您好：\n\n`);
      expect(textOf(mail.raw)).toContain(`預約代碼：${b.code}\n`);
      expect(textOf(mail.raw)).toContain('時間：民國115年11月26日（星期四）09:00–');
      expect(mail.raw).not.toContain(p.idNumber);
      // found by code and either ID, never by a wrong one
      expect((await findForCitizen(deps(), b.code.toLowerCase().replace('-', ' '), p.idNumber))?.id).toBe(b.id);
      expect(await findForCitizen(deps(), b.code, person().idNumber)).toBeNull();
    });

    it('allows one booking per person per day, across services', async () => {
      now = at('2026-11-25T10:30:00');
      const p = person();
      await book(svc.registration!, '2026-11-27', '09:00', p);
      await expect(book(svc['id-card']!, '2026-11-27', '10:20', p)).rejects.toMatchObject({ code: 'conflict', messageKey: 'booking.err.onePerDay' });
      await expect(book(svc['id-card']!, '2026-11-30', '10:20', p)).resolves.toMatchObject({ status: 'booked' });
    });

    it('one booking per person per day holds when the same person books 6 services of one day at once', async () => {
      now = at('2026-11-25T10:30:00');
      const p = person();
      const tries = [
        [svc.registration!, '10:30'],
        [svc['id-card']!, '10:20'],
        [svc.registration!, '11:00'],
        [svc['id-card']!, '11:00'],
        [svc.nationality!, '10:00'],
        [svc.nationality!, '10:30'],
      ] as const;
      const results = await Promise.allSettled(tries.map(([id, starts]) => book(id, '2026-11-30', starts, p)));
      const outcome = results.map((r) => (r.status === 'fulfilled' ? r.value.status : r.reason?.messageKey ?? String(r.reason)));
      expect(outcome.filter((x) => x === 'booked'), outcome.join()).toHaveLength(1);
      const reasons = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason?.messageKey);
      expect(reasons).toEqual(Array.from({ length: 5 }, () => 'booking.err.onePerDay'));
      // this person's hold on the day (an earlier test books someone else on the 30th)
      const held = await app.database.db.selectFrom('booking_person').select(({ fn }) => fn.countAll<number>().as('n')).where('day', '=', '2026-11-30').where('id_hash', '=', app.services.vault.hash(p.idNumber)).where('active', '=', 1).executeTakeFirst();
      expect(Number(held?.n)).toBe(1);
    });

    it('marriage registration takes both spouses, and either one booked elsewhere that day blocks it', async () => {
      now = at('2026-12-01T10:00:00');
      const a = person('林大同');
      const b = person('陳美麗');
      await expect(book(svc['marriage-holiday']!, '2026-12-05', '09:00', a)).rejects.toMatchObject({ code: 'validation' });
      await expect(book(svc['marriage-holiday']!, '2026-12-05', '09:00', a, { partner: { name: a.name, idNumber: a.idNumber } })).rejects.toMatchObject({ messageKey: 'booking.err.samePerson' });
      // a Saturday 3 working days away is fine on Tuesday; the spouse's booking later that day is not
      const c = person();
      await book(svc['marriage-holiday']!, '2026-12-05', '09:00', c, { partner: { name: b.name, idNumber: b.idNumber } });
      await expect(book(svc['marriage-holiday']!, '2026-12-05', '09:30', a, { partner: { name: b.name, idNumber: b.idNumber } })).rejects.toMatchObject({ messageKey: 'booking.err.onePerDay' });
      const ok = await book(svc['marriage-holiday']!, '2026-12-12', '09:00', a, { partner: { name: b.name, idNumber: b.idNumber } });
      expect((await findForCitizen(deps(), ok.code, b.idNumber))?.id).toBe(ok.id);
      // Wednesday: 12/5 is now closer than 3 working days
      now = at('2026-12-02T10:00:00');
      await expect(book(svc['marriage-holiday']!, '2026-12-05', '09:30', person(), { partner: { name: 'x', idNumber: person().idNumber } })).rejects.toMatchObject({ messageKey: 'booking.err.slotGone' });
    });

    it('checks in inside the window as a priority ticket; more than 15 minutes late lapses to a no-show', async () => {
      now = at('2026-11-25T11:00:00');
      const p = person();
      const q = person();
      const b1 = await book(svc.registration!, '2026-11-26', '10:00', p);
      const b2 = await book(svc.registration!, '2026-11-26', '10:30', q);
      now = at('2026-11-26T08:30:00');
      const early = (await repo.bookingById(app.database.db, b1.id))!;
      await expect(checkIn(deps(), early, { staff: null, ip: null })).rejects.toMatchObject({ messageKey: 'booking.err.tooEarly' });
      now = at('2026-11-26T10:10:00');
      const ticket = await checkIn(deps(), (await repo.bookingById(app.database.db, b1.id))!, { staff: null, ip: null });
      expect(ticket.label).toMatch(/^P\d{3}$/);
      const t = await app.database.db.selectFrom('ticket').selectAll().where('code', '=', ticket.code).executeTakeFirstOrThrow();
      expect([t.channel, t.priority, t.booking_id]).toEqual(['booking', 1, b1.id]);
      await expect(checkIn(deps(), (await repo.bookingById(app.database.db, b1.id))!, { staff: null, ip: null })).rejects.toMatchObject({ messageKey: 'booking.err.alreadyIn' });
      now = at('2026-11-26T10:46:00');
      await expect(checkIn(deps(), (await repo.bookingById(app.database.db, b2.id))!, { staff: null, ip: null })).rejects.toMatchObject({ messageKey: 'booking.err.late' });
      expect((await repo.bookingById(app.database.db, b2.id))?.status).toBe('no_show');
    });

    it('suspends online booking for 6 months after 3 no-shows; a supervisor can lift it, and that is logged', async () => {
      const p = person();
      now = at('2026-11-25T12:00:00');
      for (const day of ['2026-11-26', '2026-11-27', '2026-11-30']) await book(svc['id-card']!, day, '13:40', p); // 20-minute slots from 08:00, the office's opening
      // the lapse jobs run after each start + 15 minutes
      now = at('2026-11-30T14:06:00');
      await worker.runDue();
      const rows = await app.database.db.selectFrom('booking').select('status').where('id_hash', '=', app.services.vault.hash(p.idNumber)).execute();
      expect(rows.map((r) => r.status)).toEqual(['no_show', 'no_show', 'no_show']);
      await expect(book(svc['id-card']!, '2026-12-02', '08:40', p)).rejects.toMatchObject({ code: 'forbidden', messageKey: 'booking.err.suspended', params: { until: '2027-05-30' } });
      expect(await liftSuspension(deps(), p.idNumber, '家人住院，已說明', { staff: supervisor, ip: null })).toBe(true);
      await expect(book(svc['id-card']!, '2026-12-02', '08:40', p)).resolves.toMatchObject({ status: 'booked' });
      const audit = await app.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'booking.lift_suspension').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.detail).not.toContain(p.idNumber);
    });

    it('moves a booking under the same rules and gives the old seat back', async () => {
      now = at('2026-11-25T13:00:00');
      const p = person();
      const other = person();
      const b = await book(svc.nationality!, '2026-11-27', '09:00', p);
      await book(svc.nationality!, '2026-11-27', '09:30', other); // capacity 1: now full
      await book(svc.registration!, '2026-11-30', '09:00', p);
      const row = async () => (await repo.bookingById(app.database.db, b.id))!;
      await expect(reschedule(deps(), await row(), { day: '2026-11-27', starts: '09:30' }, 'zh-Hant')).rejects.toMatchObject({ messageKey: 'booking.err.full' });
      await expect(reschedule(deps(), await row(), { day: '2026-11-30', starts: '10:00' }, 'zh-Hant')).rejects.toMatchObject({ messageKey: 'booking.err.onePerDay' });
      expect((await row()).starts).toBe('09:00'); // a failed move leaves it where it was
      await reschedule(deps(), await row(), { day: '2026-12-01', starts: '10:00' }, 'zh-Hant');
      expect([(await row()).day, (await row()).starts]).toEqual(['2026-12-01', '10:00']);
      const old = await app.database.db.selectFrom('booking_slot').select('booked').where('booking_service_id', '=', svc.nationality!).where('day', '=', '2026-11-27').where('starts', '=', '09:00').executeTakeFirstOrThrow();
      expect(old.booked).toBe(0);
      // the seat is free again for someone else
      await expect(book(svc.nationality!, '2026-11-27', '09:00', person())).resolves.toMatchObject({ status: 'booked' });
      // cancelling is allowed until the time starts
      now = at('2026-12-01T10:00:00');
      await expect(cancelByCitizen(deps(), await row())).rejects.toMatchObject({ messageKey: 'booking.err.tooLateToCancel' });
    });

    it('closing a day cancels everyone booked and e-mails each of them', async () => {
      now = at('2026-11-25T14:00:00');
      const people = [person('甲'), person('乙'), person('丙')];
      await book(svc.registration!, '2026-12-01', '09:00', people[0]!);
      await book(svc['id-card']!, '2026-12-01', '08:40', people[1]!);
      await book(svc.director!, '2026-12-02', '14:00', people[2]!, { details: { topic: '門牌整編' } });
      const n = await closeDay(deps(), { officeId: supervisor.officeId!, serviceId: null, day: '2026-12-01', reason: '颱風停止上班' }, { staff: supervisor, ip: null });
      expect(n).toBeGreaterThanOrEqual(2);
      await worker.runDue();
      for (const p of people.slice(0, 2)) {
        const last = mailsTo(p.email!).at(-1)!;
        expect(subjectOf(last.raw)).toContain('停止服務通知');
        expect(textOf(last.raw)).toContain('颱風停止上班');
      }
      expect(mailsTo(people[2]!.email!).every((m) => !subjectOf(m.raw).includes('停止服務'))).toBe(true);
      await expect(book(svc.registration!, '2026-12-01', '10:00', person())).rejects.toMatchObject({ messageKey: 'booking.err.slotGone' });
    });

    it('reminds the day before, but not after a cancellation', async () => {
      now = at('2026-11-25T15:00:00');
      const p = person();
      const q = person();
      await book(svc.registration!, '2026-11-30', '15:00', p);
      const b = await book(svc.registration!, '2026-11-30', '15:30', q);
      await cancelByCitizen(deps(), (await repo.bookingById(app.database.db, b.id))!);
      now = at('2026-11-29T09:01:00');
      await worker.runDue();
      expect(mailsTo(p.email!).some((m) => subjectOf(m.raw).includes('明天的預約提醒'))).toBe(true);
      expect(mailsTo(q.email!).some((m) => subjectOf(m.raw).includes('明天的預約提醒'))).toBe(false);
      expect(mailsTo(q.email!).some((m) => subjectOf(m.raw).includes('預約已取消'))).toBe(true);
    });

    it('runs a hot date as a lottery: applications, one seeded draw, winners up to capacity, notices to all', async () => {
      now = at('2026-12-01T09:00:00');
      await openLottery(deps(), { serviceId: svc['marriage-holiday']!, day: '2026-12-12', applyUntil: at('2026-12-04T23:59:00') }, supervisor, null);
      const couples = Array.from({ length: 5 }, () => [person(), person()] as const);
      const applied = [];
      for (const [a, b] of couples) applied.push(await book(svc['marriage-holiday']!, '2026-12-12', '09:30', a, { partner: { name: b.name, idNumber: b.idNumber } }));
      expect(applied.every((x) => x.status === 'applied')).toBe(true);
      await expect(drawLottery(deps(), { serviceId: svc['marriage-holiday']!, day: '2026-12-12' }, supervisor, null)).rejects.toMatchObject({ messageKey: 'booking.err.stillApplying' });
      now = at('2026-12-05T09:00:00');
      const r = await drawLottery(deps(), { serviceId: svc['marriage-holiday']!, day: '2026-12-12' }, supervisor, null);
      // 2 slots × capacity 1, one already taken by the couple booked before the lottery opened
      expect(r.won).toHaveLength(1);
      expect(r.lost).toHaveLength(4);
      expect(drawOrder(r.seed, applied.map((x) => x.code))).toEqual(r.order);
      const seats = await app.database.db.selectFrom('booking_slot').select(['booked', 'capacity']).where('booking_service_id', '=', svc['marriage-holiday']!).where('day', '=', '2026-12-12').execute();
      expect(seats.every((s) => s.booked <= s.capacity)).toBe(true);
      await worker.runDue();
      const subjects = couples.map(([a]) => mailsTo(a.email!).map((m) => subjectOf(m.raw)).join('|'));
      expect(subjects.filter((s) => s.includes('已中籤'))).toHaveLength(1);
      expect(subjects.filter((s) => s.includes('未中籤'))).toHaveLength(4);
    });

    it('lottery winners take the slot they applied for or the nearest LATER one with room, never an earlier one; the order is sha256(seed + code)', async () => {
      now = at('2026-12-01T09:00:00');
      const day = '2026-12-19';
      // three one-couple slots: 09:00, 09:30, 10:00
      await app.database.db
        .insertInto('booking_opening')
        .values({ booking_service_id: svc['marriage-holiday']!, day, starts: '09:00', ends: '10:30', capacity: 1, note_zh: '週六加開', note_en: 'Saturday', hot: 1 })
        .execute();
      await openLottery(deps(), { serviceId: svc['marriage-holiday']!, day, applyUntil: at('2026-12-04T23:59:00') }, supervisor, null);
      const applied = [];
      for (let i = 0; i < 3; i++) {
        const [a, b] = [person(), person()];
        applied.push(await book(svc['marriage-holiday']!, day, '09:30', a, { partner: { name: b.name, idNumber: b.idNumber } }));
      }
      now = at('2026-12-05T09:00:00');
      const r = await drawLottery(deps(), { serviceId: svc['marriage-holiday']!, day }, supervisor, null);
      // the published order, recomputed from the published seed as the README says
      const hex = (code: string) => createHash('sha256').update(r.seed + code).digest('hex');
      expect(r.order).toEqual(applied.map((x) => x.code).sort((x, y) => (hex(x) < hex(y) ? -1 : 1)));
      // first drawn keeps 09:30, second moves later to 10:00; 09:00 is free but earlier, so the third is not drawn
      expect(r.won).toEqual(r.order.slice(0, 2));
      expect(r.lost).toEqual(r.order.slice(2));
      const rows = await app.database.db.selectFrom('booking').select(['code', 'status', 'starts']).where('booking_service_id', '=', svc['marriage-holiday']!).where('day', '=', day).execute();
      const byCode = Object.fromEntries(rows.map((x) => [x.code, `${x.status} ${x.starts}`]));
      expect([byCode[r.order[0]!], byCode[r.order[1]!], byCode[r.order[2]!]]).toEqual(['booked 09:30', 'booked 10:00', 'not_drawn 09:30']);
      const seats = await app.database.db.selectFrom('booking_slot').select(['starts', 'booked']).where('booking_service_id', '=', svc['marriage-holiday']!).where('day', '=', day).orderBy('starts').execute();
      expect(seats.filter((x) => x.booked > 0)).toEqual([
        { starts: '09:30', booked: 1 },
        { starts: '10:00', booked: 1 },
      ]);
    });

    it('two staff press "draw" at once: one draw runs, the other is told it is drawn; seats match the winners', async () => {
      now = at('2026-12-01T09:00:00');
      const day = '2026-12-26';
      await app.database.db
        .insertInto('booking_opening')
        .values({ booking_service_id: svc['marriage-holiday']!, day, starts: '09:00', ends: '10:00', capacity: 1, note_zh: '週六加開', note_en: 'Saturday', hot: 1 })
        .execute();
      await openLottery(deps(), { serviceId: svc['marriage-holiday']!, day, applyUntil: at('2026-12-04T23:59:00') }, supervisor, null);
      for (let i = 0; i < 4; i++) {
        const [a, b] = [person(), person()];
        await book(svc['marriage-holiday']!, day, '09:00', a, { partner: { name: b.name, idNumber: b.idNumber } });
      }
      now = at('2026-12-05T09:00:00');
      const results = await Promise.allSettled([0, 1, 2].map(() => drawLottery(deps(), { serviceId: svc['marriage-holiday']!, day }, supervisor, null)));
      const done = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof drawLottery>>> => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason?.messageKey);
      expect(done).toHaveLength(1);
      expect(refused).toEqual(['booking.err.drawn', 'booking.err.drawn']);
      // 2 one-couple slots (09:00, 09:30): two winners, two not drawn, and the published seed is the one that ran
      expect(done[0]!.value.won).toHaveLength(2);
      const lot = await app.database.db.selectFrom('booking_lottery').select(['seed', 'result_hash']).where('booking_service_id', '=', svc['marriage-holiday']!).where('day', '=', day).executeTakeFirstOrThrow();
      expect(lot).toEqual({ seed: done[0]!.value.seed, result_hash: done[0]!.value.resultHash });
      const rows = await app.database.db.selectFrom('booking').select('status').where('booking_service_id', '=', svc['marriage-holiday']!).where('day', '=', day).execute();
      expect(rows.map((r) => r.status).sort()).toEqual(['booked', 'booked', 'not_drawn', 'not_drawn']);
      const seats = await app.database.db.selectFrom('booking_slot').select(({ fn }) => fn.sum<number>('booked').as('n')).where('booking_service_id', '=', svc['marriage-holiday']!).where('day', '=', day).executeTakeFirstOrThrow();
      expect(Number(seats.n)).toBe(2);
    });

    it('holds the ceremony hall for a request until staff decide, and never lowers capacity below seats given', async () => {
      now = at('2026-11-25T16:00:00');
      const p = person();
      const req = await book(svc.hall!, '2026-12-03', '09:00', p, { slotCount: 3, details: { purpose: '結婚儀式', guests: '30' } });
      expect(req.status).toBe('pending');
      await expect(book(svc.hall!, '2026-12-03', '10:00', person(), { slotCount: 1, details: { purpose: 'x', guests: '2' } })).rejects.toMatchObject({ messageKey: 'booking.err.full' });
      await decideHall(deps(), (await repo.bookingById(app.database.db, req.id))!, true, null, { staff: supervisor, ip: null });
      expect((await repo.bookingById(app.database.db, req.id))?.status).toBe('booked');
      await expect(app.database.db.updateTable('booking_slot').set({ capacity: 0 }).where('booking_service_id', '=', svc.hall!).where('day', '=', '2026-12-03').execute()).rejects.toThrow();
    });
  });
}
