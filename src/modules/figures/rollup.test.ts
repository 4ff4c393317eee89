import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import {
  bookingRow,
  clearDemoQuestionnaires,
  demoCounty,
  type DemoIds,
  demoIds,
  insertCase,
  insertPetition,
  insertResponse,
  insertRows,
  lostIdRow,
  searchRow,
  type TicketSpec,
  taipei,
  ticketRow,
} from '../../../test/figures-rows.js';
import type { Database } from '../../db/index.js';
import { sumOf, type Tally } from '../../platform/figures/index.js';
import { change, FIGURES, figuresOf } from './headline.js';
import { monthPeriod, parsePeriod, type Period, quarterPeriod, rangePeriod, yearPeriod } from './periods.js';
import { seriesFor, talliesFor } from './read.js';
import { rebuild } from './rollup.js';

/**
 * A small data set across the two demo offices and two months, every
 * figure counted by hand below (Z = Zhubei, J = Jianshi, times in Taipei),
 * then `rebuild` and the roll-up read back through talliesFor / seriesFor.
 */
const NOW = new Date('2026-10-31T04:00:00Z');
const min = (m: number, s = 0) => (m * 60 + s) * 1000;

const TICKETS: TicketSpec[] = [
  // Z 10-05
  { office: 'zhubei', day: '2026-10-05', at: '09:10', waitMs: min(2), serveMs: min(5) },
  { office: 'zhubei', day: '2026-10-05', at: '09:40', waitMs: min(15), serveMs: min(7, 30) }, // exactly 15:00: within 15
  { office: 'zhubei', day: '2026-10-05', at: '10:05', channel: 'booking', waitMs: min(0, 30), serveMs: min(10) },
  { office: 'zhubei', day: '2026-10-05', at: '10:20', channel: 'phone', status: 'no_show', waitMs: min(20) },
  { office: 'zhubei', day: '2026-10-05', at: '11:00', waitMs: min(15, 1), serveMs: min(3), transfers: 1 }, // 15:01: not within 15, yet shown as 15.0
  { office: 'zhubei', day: '2026-10-05', at: '11:30', status: 'cancelled' },
  // Z 10-06
  { office: 'zhubei', day: '2026-10-06', at: '14:00', channel: 'booking', waitMs: min(4), serveMs: min(6) },
  { office: 'zhubei', day: '2026-10-06', at: '14:30', service: 'transcript', waitMs: min(8), serveMs: min(6) },
  { office: 'zhubei', day: '2026-10-06', at: '16:10', channel: 'counter', waitMs: min(30), serveMs: min(12), transfers: 2 },
  // Z 09-15
  { office: 'zhubei', day: '2026-09-15', at: '09:00', waitMs: min(5), serveMs: min(5) },
  { office: 'zhubei', day: '2026-09-15', at: '09:30', waitMs: min(10), serveMs: min(5) },
  { office: 'zhubei', day: '2026-09-15', at: '10:00', channel: 'booking', waitMs: min(1), serveMs: min(4) },
  { office: 'zhubei', day: '2026-09-15', at: '10:30', status: 'no_show', waitMs: min(25) },
  // J 10-05: a tie at 3:00
  { office: 'jianshi', day: '2026-10-05', at: '08:30', waitMs: min(3), serveMs: min(8) },
  { office: 'jianshi', day: '2026-10-05', at: '09:00', channel: 'booking', waitMs: min(3), serveMs: min(8) },
  { office: 'jianshi', day: '2026-10-05', at: '13:30', channel: 'phone', waitMs: min(12), serveMs: min(9) },
  // J 09-30
  { office: 'jianshi', day: '2026-09-30', at: '15:00', waitMs: min(6), serveMs: min(10) },
  { office: 'jianshi', day: '2026-09-30', at: '15:10', status: 'cancelled' },
];

async function insertHandData(database: Database, ids: DemoIds) {
  const db = database.db;
  await insertRows(
    db,
    'ticket',
    TICKETS.map((t) => ticketRow(ids, t)),
  );
  await insertRows(db, 'booking', [
    bookingRow(ids, { office: 'zhubei', day: '2026-10-05', status: 'served', createdAt: taipei('2026-10-01') }), // lead 4
    bookingRow(ids, { office: 'zhubei', day: '2026-10-06', status: 'checked_in', byStaff: true, createdAt: taipei('2026-10-06', '08:00') }), // lead 0
    bookingRow(ids, { office: 'zhubei', day: '2026-10-06', status: 'no_show', createdAt: taipei('2026-09-29') }), // lead 7
    bookingRow(ids, { office: 'zhubei', day: '2026-10-20', status: 'cancelled', createdAt: taipei('2026-10-10') }), // lead 10
    bookingRow(ids, { office: 'zhubei', day: '2026-10-21', status: 'applied', createdAt: taipei('2026-10-10') }), // a lottery entry: not a booking
    bookingRow(ids, { office: 'zhubei', day: '2026-10-22', status: 'not_drawn', createdAt: taipei('2026-10-10') }), // not drawn: not a booking
    bookingRow(ids, { office: 'zhubei', day: '2026-10-22', status: 'closed', createdAt: '2026-10-21T17:00:00.000Z' }), // 01:00 on 10-22 in Taipei: lead 0
    bookingRow(ids, { office: 'zhubei', day: '2026-09-15', status: 'served', createdAt: taipei('2026-09-01') }), // lead 14
    bookingRow(ids, { office: 'jianshi', service: 'home-visit', day: '2026-10-05', status: 'served', byStaff: true, createdAt: taipei('2026-09-25') }), // lead 10
    bookingRow(ids, { office: 'jianshi', day: '2026-10-05', status: 'no_show', createdAt: taipei('2026-10-02') }), // lead 3
  ]);
  // working days (calendar 2026): 10-03/04 weekend, 10-09 補假, 10-10/11 weekend; 09-25 中秋, 09-28 教師節
  const closed = (at: string) => ({ closedAt: at, updatedAt: at });
  await insertCase(db, ids, { office: 'zhubei', receivedOn: '2026-10-05', dueOn: '2026-10-08', limitDays: 3, ...closed(taipei('2026-10-07')) }); // 2 wd, on time
  await insertCase(db, ids, { office: 'zhubei', receivedOn: '2026-10-01', dueOn: '2026-10-06', limitDays: 3, notices: 1, pauses: [['2026-10-05', '2026-10-08']], ...closed(taipei('2026-10-12', '11:00')) }); // 10-02 and 10-12: 2 wd, late
  await insertCase(db, ids, { office: 'zhubei', guide: 'marriage', receivedOn: '2026-09-29', dueOn: '2026-10-02', limitDays: 3, notices: 2, ...closed('2026-09-30T16:30:00.000Z') }); // closed 00:30 on 10-01: 2 wd, on time
  await insertCase(db, ids, { office: 'zhubei', receivedOn: '2026-10-20', dueOn: '2026-10-23', limitDays: 3, updatedAt: taipei('2026-10-20') }); // open
  await insertCase(db, ids, { office: 'zhubei', receivedOn: '2026-09-10', dueOn: '2026-09-11', limitDays: 1, notices: 1, ...closed(taipei('2026-09-11', '13:00')) }); // 1 wd, on time
  await insertCase(db, ids, { office: 'jianshi', receivedOn: '2026-10-06', dueOn: '2026-10-07', limitDays: 1, ...closed(taipei('2026-10-08', '09:00')) }); // 2 wd, late

  await insertPetition(db, ids, { office: 'zhubei', receivedOn: '2026-10-02', dueOn: '2026-10-08', repliedOn: '2026-10-07', rating: 5, updatedAt: taipei('2026-10-09') }); // 3 wd, on time
  await insertPetition(db, ids, { office: 'zhubei', receivedOn: '2026-10-02', dueOn: '2026-10-08', repliedOn: '2026-10-13', rating: 2, pauses: [['2026-10-07', '2026-10-08']], updatedAt: taipei('2026-10-14') }); // 6 wd − 2 paused = 4, late
  await insertPetition(db, ids, { office: 'zhubei', receivedOn: '2026-10-15', dueOn: '2026-10-22', updatedAt: taipei('2026-10-15') }); // not answered
  await insertPetition(db, ids, { office: 'zhubei', receivedOn: '2026-09-21', dueOn: '2026-09-24', repliedOn: '2026-09-24', rating: 4, updatedAt: taipei('2026-09-25') }); // 3 wd
  await insertPetition(db, ids, { office: 'zhubei', receivedOn: '2026-09-22', dueOn: '2026-09-25', repliedOn: '2026-09-23', rating: 3, updatedAt: taipei('2026-09-24') }); // 1 wd
  await insertPetition(db, ids, { office: 'zhubei', receivedOn: null, updatedAt: taipei('2026-10-05') }); // never confirmed: not received
  await insertPetition(db, ids, { office: 'jianshi', receivedOn: '2026-10-05', dueOn: '2026-10-08', repliedOn: '2026-10-06', rating: 4, updatedAt: taipei('2026-10-06') }); // 1 wd

  await insertResponse(db, ids, { office: 'zhubei', day: '2026-10-05', createdAt: taipei('2026-10-05', '11:00'), scores: [5, 4, 4, 3, 5] }); // 4 of 5 satisfied
  await insertResponse(db, ids, { office: 'zhubei', day: '2026-10-06', createdAt: taipei('2026-10-06', '15:00'), scores: [2, 3, 4, null, 5] }); // 2 of 4
  await insertResponse(db, ids, { office: 'zhubei', day: '2026-09-15', createdAt: taipei('2026-09-15', '11:00'), scores: [4, 4, 4, 4, 4] }); // 5 of 5
  await insertResponse(db, ids, { office: 'jianshi', day: '2026-10-05', createdAt: taipei('2026-10-05', '14:00'), scores: [1, 2, 3, 4, 5] }); // 2 of 5
  await insertResponse(db, ids, { office: 'zhubei', kind: 'staff', day: '2026-10-05', createdAt: taipei('2026-10-05', '18:00'), scores: [5, 5, 5] }); // staff survey: not citizens' satisfaction

  await insertRows(db, 'lost_id_report', [
    lostIdRow(ids, { office: 'zhubei', reportedAt: taipei('2026-10-05', '11:00'), channel: 'web' }),
    lostIdRow(ids, { office: 'zhubei', reportedAt: '2026-10-05T17:00:00.000Z', channel: 'phone' }), // 01:00 on 10-06
    lostIdRow(ids, { office: 'jianshi', reportedAt: '2026-09-30T16:10:00.000Z', channel: 'web' }), // 00:10 on 10-01
  ]);
  await insertRows(db, 'search_log', [
    searchRow(taipei('2026-10-05', '09:00'), 3),
    searchRow('2026-10-05T20:00:00.000Z', 0), // 04:00 on 10-06
    searchRow('2026-09-30T15:59:59.999Z', 0), // the last moment of 09-30
  ]);
}

// every figure of FIGURES, counted by hand from the rows above
const Z_OCT = {
  ...{ tickets: 9, waitP50: 8, waitP90: 30, within15: 62.5, serviceP50: 6, queueNoShowRate: 11.1, transfers: 3, supportOpened: 0 },
  ...{ onlineShare: 22.2, bookings: 5, bookingsOnline: 80, bookingCancelled: 1, bookingNoShowRate: 33.3, leadDays: 4.2, homeVisits: 0, homeVisitDays: null },
  ...{ casesReceived: 3, casesClosed: 3, caseOnTime: 66.7, caseDays: 2, caseLimitDays: 3, oneNotice: 50 },
  ...{ petitions: 3, petitionOnTime: 50, petitionDays: 3.5, handlingSatisfaction: 50, questionnaires: 2, satisfaction: 66.7 },
  ...{ lostIdReports: 2, searches: 0, searchesNone: null },
};
const Z_SEP = {
  ...{ tickets: 4, waitP50: 5, waitP90: 25, within15: 75, serviceP50: 5, queueNoShowRate: 25, transfers: 0, supportOpened: 0 },
  ...{ onlineShare: 25, bookings: 1, bookingsOnline: 100, bookingCancelled: 0, bookingNoShowRate: 0, leadDays: 14, homeVisits: 0, homeVisitDays: null },
  ...{ casesReceived: 2, casesClosed: 1, caseOnTime: 100, caseDays: 1, caseLimitDays: 1, oneNotice: 100 },
  ...{ petitions: 2, petitionOnTime: 100, petitionDays: 2, handlingSatisfaction: 50, questionnaires: 1, satisfaction: 100 },
  ...{ lostIdReports: 0, searches: 0, searchesNone: null },
};
const J_OCT = {
  ...{ tickets: 3, waitP50: 3, waitP90: 12, within15: 100, serviceP50: 8, queueNoShowRate: 0, transfers: 0, supportOpened: 0 },
  ...{ onlineShare: 33.3, bookings: 2, bookingsOnline: 50, bookingCancelled: 0, bookingNoShowRate: 50, leadDays: 6.5, homeVisits: 1, homeVisitDays: 10 },
  ...{ casesReceived: 1, casesClosed: 1, caseOnTime: 0, caseDays: 2, caseLimitDays: 1, oneNotice: null },
  ...{ petitions: 1, petitionOnTime: 100, petitionDays: 1, handlingSatisfaction: 100, questionnaires: 1, satisfaction: 40 },
  ...{ lostIdReports: 1, searches: 0, searchesNone: null },
};
const J_SEP = {
  ...{ tickets: 2, waitP50: 6, waitP90: 6, within15: 100, serviceP50: 10, queueNoShowRate: 0, transfers: 0, supportOpened: 0 },
  ...{ onlineShare: 0, bookings: 0, bookingsOnline: null, bookingCancelled: 0, bookingNoShowRate: null, leadDays: null, homeVisits: 0, homeVisitDays: null },
  ...{ casesReceived: 0, casesClosed: 0, caseOnTime: null, caseDays: null, caseLimitDays: null, oneNotice: null },
  ...{ petitions: 0, petitionOnTime: null, petitionDays: null, handlingSatisfaction: null, questionnaires: 0, satisfaction: null },
  ...{ lostIdReports: 0, searches: 0, searchesNone: null },
};
// the county: both offices and office 0 (searches); waits 0.5 2 3 3 4 8 12 15 15.0 20 30 in October, 1 5 6 10 25 in September
const COUNTY_OCT = {
  ...{ tickets: 12, waitP50: 8, waitP90: 20, within15: 72.7, serviceP50: 7.5, queueNoShowRate: 8.3, transfers: 3, supportOpened: 0 },
  ...{ onlineShare: 25, bookings: 7, bookingsOnline: 71.4, bookingCancelled: 1, bookingNoShowRate: 40, leadDays: 4.9, homeVisits: 1, homeVisitDays: 10 },
  ...{ casesReceived: 4, casesClosed: 4, caseOnTime: 50, caseDays: 2, caseLimitDays: 2.5, oneNotice: 50 },
  ...{ petitions: 4, petitionOnTime: 66.7, petitionDays: 2.7, handlingSatisfaction: 66.7, questionnaires: 3, satisfaction: 57.1 },
  ...{ lostIdReports: 3, searches: 2, searchesNone: 50 },
};
const COUNTY_SEP = {
  ...{ tickets: 6, waitP50: 6, waitP90: 25, within15: 80, serviceP50: 5, queueNoShowRate: 16.7, transfers: 0, supportOpened: 0 },
  ...{ onlineShare: 16.7, bookings: 1, bookingsOnline: 100, bookingCancelled: 0, bookingNoShowRate: 0, leadDays: 14, homeVisits: 0, homeVisitDays: null },
  ...{ casesReceived: 2, casesClosed: 1, caseOnTime: 100, caseDays: 1, caseLimitDays: 1, oneNotice: 100 },
  ...{ petitions: 2, petitionOnTime: 100, petitionDays: 2, handlingSatisfaction: 50, questionnaires: 1, satisfaction: 100 },
  ...{ lostIdReports: 0, searches: 1, searchesNone: 100 },
};
// change() October on September, county: points for percentages, per cent growth otherwise, null on a base of 0 or a missing value
const COUNTY_CHANGE = {
  ...{ tickets: 100, waitP50: 33.3, waitP90: -20, within15: -7.3, serviceP50: 50, queueNoShowRate: -8.4, transfers: null, supportOpened: null },
  ...{ onlineShare: 8.3, bookings: 600, bookingsOnline: -28.6, bookingCancelled: null, bookingNoShowRate: 40, leadDays: -65, homeVisits: null, homeVisitDays: null },
  ...{ casesReceived: 100, casesClosed: 300, caseOnTime: -50, caseDays: 100, caseLimitDays: 150, oneNotice: -50 },
  ...{ petitions: 100, petitionOnTime: -33.3, petitionDays: 35, handlingSatisfaction: 16.7, questionnaires: 200, satisfaction: -42.9 },
  ...{ lostIdReports: null, searches: 100, searchesNone: -50 },
};

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the roll-up of a hand-counted data set`, () => {
    let database: Database & { dispose(): Promise<void> };
    let ids: DemoIds;
    let Z: number;
    let J: number;
    const OCT = monthPeriod(2026, 10);
    const SEP = monthPeriod(2026, 9);
    const read = async (period: Period) => {
      const t = await talliesFor(database.db, [Z, J, 0], period);
      return { z: t.get(Z)!, j: t.get(J)!, zero: t.get(0)!, county: sumOf(t.values()) };
    };

    beforeAll(async () => {
      database = await demoCounty(kind, NOW);
      ids = await demoIds(database.db);
      Z = ids.office.zhubei;
      J = ids.office.jianshi;
      await clearDemoQuestionnaires(database.db);
      await insertHandData(database, ids);
      await rebuild(database, '2026-09-01', '2026-10-31', NOW);
    });
    afterAll(async () => database?.dispose());

    it('writes a day row exactly for each office-day that has something to count', async () => {
      const rows = await database.db.selectFrom('figure_day').select(['office_id', 'day']).orderBy('office_id').orderBy('day').execute();
      const name = (id: number) => (id === Z ? 'Z' : id === J ? 'J' : String(id));
      expect(rows.map((r) => `${name(r.office_id)} ${r.day}`).sort()).toEqual(
        [
          ...['09-30', '10-05', '10-06'].map((d) => `0 2026-${d}`),
          ...['09-30', '10-01', '10-05', '10-06', '10-08'].map((d) => `J 2026-${d}`),
          // 10-21 holds only a lottery entry (applied): nothing to count
          ...['09-10', '09-11', '09-15', '09-21', '09-22', '09-29', '10-01', '10-02', '10-05', '10-06', '10-07', '10-12', '10-15', '10-20', '10-22'].map((d) => `Z 2026-${d}`),
        ].sort(),
      );
      const months = await database.db.selectFrom('figure_month').select(['office_id', 'month']).execute();
      expect(months.map((r) => `${name(r.office_id)} ${r.month}`).sort()).toEqual(['0 2026-09', '0 2026-10', 'J 2026-09', 'J 2026-10', 'Z 2026-09', 'Z 2026-10']);
    });

    it('gives every figure of each office and month as counted by hand', async () => {
      const oct = await read(OCT);
      const sep = await read(SEP);
      expect(figuresOf(oct.z)).toEqual(Z_OCT);
      expect(figuresOf(oct.j)).toEqual(J_OCT);
      expect(figuresOf(sep.z)).toEqual(Z_SEP);
      expect(figuresOf(sep.j)).toEqual(J_SEP);
      expect(figuresOf(oct.zero)).toMatchObject({ searches: 2, searchesNone: 50, tickets: 0 });
      expect(figuresOf(sep.zero)).toMatchObject({ searches: 1, searchesNone: 100 });
    });

    it('counts the raw keys where the day statistics and the sources say', async () => {
      const oct = await read(OCT);
      // hours in Taipei: 09 ×2, 10 ×2, 11 ×2, 14 ×2, 16 ×1
      expect(Object.fromEntries(Object.entries(oct.z).filter(([k]) => k.startsWith('q.hour.')))).toEqual({ 'q.hour.9': 2, 'q.hour.10': 2, 'q.hour.11': 2, 'q.hour.14': 2, 'q.hour.16': 1 });
      expect(oct.z).toMatchObject({ 'q.svc.registration': 8, 'q.svc.transcript': 1, 'q.ch.kiosk': 5, 'q.ch.phone': 1, 'q.ch.counter': 1, 'q.ch.booking': 2 });
      // 15:00 and 15:01 both fall in the 15.0 bin; only the first counts as within 15 minutes
      expect(oct.z).toMatchObject({ 'q.wait.150': 2, 'q.waited': 8, 'q.within15': 5, 'q.done': 7, 'q.noShow': 1, 'q.cancelled': 1 });
      expect(oct.z).toMatchObject({ 'c.closed.birth': 2, 'c.closed.marriage': 1, 'c.onTime.birth': 1, 'c.onTime.marriage': 1, 'c.wd.birth': 4, 'c.wd.marriage': 2, 'c.limit.birth': 6 });
      expect(oct.z).toMatchObject({ 'p.wd.3': 1, 'p.wd.4': 1, 'p.rating.5': 1, 'p.rating.2': 1, 'l.ch.web': 1, 'l.ch.phone': 1, 's.n.staff': 1, 's.sc.staff.5': 3 });
      expect(oct.j).toMatchObject({ 'b.home': 1, 'b.homeServed': 1, 'b.homeLead': 10, 'b.lead': 13 });
      // a case closed at 00:30 Taipei counts on that Taipei day, not on the UTC day before
      const d0930 = await talliesFor(database.db, [Z], rangePeriod('2026-09-30', '2026-09-30'));
      const d1001 = await talliesFor(database.db, [Z], rangePeriod('2026-10-01', '2026-10-01'));
      expect(d0930.get(Z)!['c.closed']).toBeUndefined();
      expect(d1001.get(Z)).toMatchObject({ 'c.closed': 1, 'c.onTime': 1, 'c.received': 1 });
    });

    it('adds the offices up to the county, and works out the change on the month before', async () => {
      const oct = await read(OCT);
      const sep = await read(SEP);
      expect(figuresOf(oct.county)).toEqual(COUNTY_OCT);
      expect(figuresOf(sep.county)).toEqual(COUNTY_SEP);
      for (const key of ['q.tickets', 'b.booked', 'c.closed', 'p.received', 's.n.service', 'l.reports']) expect(oct.county[key]).toBe((oct.z[key] ?? 0) + (oct.j[key] ?? 0));
      const now = figuresOf(oct.county);
      const before = figuresOf(sep.county);
      expect(Object.fromEntries(FIGURES.map((f) => [f.key, change(f, now[f.key] ?? null, before[f.key] ?? null)]))).toEqual(COUNTY_CHANGE);
      // the offices' own changes: Z tickets 9 on 4, J 3 on 2; Z within 15 minutes 62.5 % on 75 %
      const zNow = figuresOf(oct.z);
      const zBefore = figuresOf(sep.z);
      const def = (key: string) => FIGURES.find((f) => f.key === key)!;
      expect(change(def('tickets'), zNow.tickets!, zBefore.tickets!)).toBe(125);
      expect(change(def('tickets'), figuresOf(oct.j).tickets!, figuresOf(sep.j).tickets!)).toBe(50);
      expect(change(def('within15'), zNow.within15!, zBefore.within15!)).toBe(-12.5);
      expect(change(def('bookings'), figuresOf(oct.j).bookings!, figuresOf(sep.j).bookings!)).toBeNull();
    });

    it('keeps each month row the sum of its day rows', async () => {
      const months = await database.db.selectFrom('figure_month').selectAll().execute();
      const days = await database.db.selectFrom('figure_day').selectAll().execute();
      for (const m of months) {
        const own = days.filter((d) => d.office_id === m.office_id && d.day.startsWith(`${m.month}-`)).map((d) => JSON.parse(d.data) as Tally);
        expect(own.length).toBeGreaterThan(0);
        expect(JSON.parse(m.data)).toEqual(sumOf(own));
      }
    });

    it('reads a run of days inside a month, and one across two months, from the day rows', async () => {
      const week = await talliesFor(database.db, [Z, J], rangePeriod('2026-10-06', '2026-10-12'));
      // Z: tickets 4:00 8:00 30:00, bookings 2 on 10-06, cases closed 10-07 (on time) and 10-12 (late), a lost ID at 01:00 on 10-06
      expect(figuresOf(week.get(Z)!)).toMatchObject({ tickets: 3, waitP50: 8, waitP90: 30, bookings: 2, casesClosed: 2, caseOnTime: 50, lostIdReports: 1, questionnaires: 1, petitions: 0 });
      expect(figuresOf(week.get(J)!)).toMatchObject({ tickets: 0, casesReceived: 1, casesClosed: 1, caseOnTime: 0 });
      const seam = await talliesFor(database.db, [Z, J], parsePeriod('2026-09-30..2026-10-01')!);
      expect(figuresOf(seam.get(J)!)).toMatchObject({ tickets: 2, lostIdReports: 1, waitP50: 6 });
      expect(figuresOf(seam.get(Z)!)).toMatchObject({ casesClosed: 1, casesReceived: 1, tickets: 0 });
      // quarters and the year read the month rows
      const q3 = await talliesFor(database.db, [Z], quarterPeriod(2026, 3));
      const q4 = await talliesFor(database.db, [Z], quarterPeriod(2026, 4));
      const year = await talliesFor(database.db, [Z], yearPeriod(2026));
      expect([q3, q4, year].map((t) => figuresOf(t.get(Z)!).tickets)).toEqual([4, 9, 13]);
      expect(figuresOf(year.get(Z)!)).toMatchObject({ casesClosed: 4, bookings: 6, petitions: 5 });
    });

    it('splits a period by day, week and month into parts that add up to the period', async () => {
      for (const period of [OCT, rangePeriod('2026-09-01', '2026-10-31'), rangePeriod('2026-09-29', '2026-10-06')]) {
        const whole = await talliesFor(database.db, [Z, J, 0], period);
        for (const grain of ['day', 'week', 'month'] as const) {
          const parts = await seriesFor(database.db, [Z, J, 0], period, grain);
          expect(parts[0]!.period.from).toBe(period.from);
          expect(parts[parts.length - 1]!.period.to).toBe(period.to);
          for (const id of [Z, J, 0]) expect(sumOf(parts.map((p) => p.tallies.get(id)!))).toEqual(whole.get(id));
        }
      }
      // October 2026 starts on a Thursday: weeks 1–4, 5–11, 12–18, 19–25, 26–31
      const weeks = await seriesFor(database.db, [Z], OCT, 'week');
      expect(weeks.map((w) => w.period.key)).toEqual(['2026-10-01..2026-10-04', '2026-10-05..2026-10-11', '2026-10-12..2026-10-18', '2026-10-19..2026-10-25', '2026-10-26..2026-10-31']);
      expect(weeks.map((w) => figuresOf(w.tallies.get(Z)!).tickets)).toEqual([0, 9, 0, 0, 0]);
      expect(weeks.map((w) => figuresOf(w.tallies.get(Z)!).casesClosed)).toEqual([1, 1, 1, 0, 0]);
      const days = await seriesFor(database.db, [Z], OCT, 'day');
      expect(days).toHaveLength(31);
      expect(days.filter((d) => (d.tallies.get(Z)!['q.tickets'] ?? 0) > 0).map((d) => [d.period.from, d.tallies.get(Z)!['q.tickets']])).toEqual([
        ['2026-10-05', 6],
        ['2026-10-06', 3],
      ]);
    });

    it('rebuilds a run of days inside a month without losing the rest of the month', async () => {
      const before = await database.db.selectFrom('figure_month').select(['office_id', 'data']).where('month', '=', '2026-10').execute();
      await rebuild(database, '2026-10-06', '2026-10-07', NOW);
      const after = await database.db.selectFrom('figure_month').select(['office_id', 'data']).where('month', '=', '2026-10').execute();
      const byOffice = (rows: { office_id: number; data: string }[]) => Object.fromEntries(rows.map((r) => [r.office_id, JSON.parse(r.data)]));
      expect(byOffice(after)).toEqual(byOffice(before));
      expect(figuresOf((await read(OCT)).z)).toEqual(Z_OCT);
    });
  });
}
