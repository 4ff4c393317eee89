import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import {
  bookingRow,
  clearDemoQuestionnaires,
  type DemoIds,
  demoCounty,
  demoIds,
  insertCase,
  insertPetition,
  insertResponse,
  insertRows,
  lostIdRow,
  searchRow,
  taipei,
  ticketRow,
} from '../../../test/figures-rows.js';
import type { Database } from '../../db/index.js';
import { markFiguresDirty, type Tally } from '../../platform/figures/index.js';
import { figuresOf } from './headline.js';
import { monthPeriod } from './periods.js';
import { talliesFor } from './read.js';
import { rebuild, rollupChanged } from './rollup.js';

/**
 * Data that arrives late: the job (rollupChanged) recomputes exactly the
 * office-days whose raw rows changed since its last run (less ten minutes
 * of overlap), and those days get the new figures. One story per database,
 * told in order; each run is at least ten minutes after the change before
 * it, so what a run recomputes is that change's days only (the overlap has
 * its own step). Times are UTC instants; Taipei is 8 hours ahead.
 */
const T0 = new Date('2026-10-05T16:20:00Z'); // 00:20 on 10-06 in Taipei: the first run

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] late data in the roll-up`, () => {
    let database: Database & { dispose(): Promise<void> };
    let ids: DemoIds;
    let Z: number;
    let caseId: number;
    let petitionId: number;
    let deletedResponse: number;

    /** The office-days a run wrote: computed_at is the run's clock. */
    const written = async (at: Date) => {
      const rows = await database.db.selectFrom('figure_day').select(['office_id', 'day']).where('computed_at', '=', at.toISOString()).execute();
      return rows.map((r) => `${r.office_id === Z ? 'Z' : r.office_id} ${r.day}`).sort();
    };
    const day = async (d: string): Promise<Tally | undefined> => {
      const row = await database.db.selectFrom('figure_day').select('data').where('office_id', '=', Z).where('day', '=', d).executeTakeFirst();
      return row ? (JSON.parse(row.data) as Tally) : undefined;
    };
    const october = async () => (await talliesFor(database.db, [Z], monthPeriod(2026, 10))).get(Z)!;
    const bookingId = async (d: string) => (await database.db.selectFrom('booking').select('id').where('office_id', '=', Z).where('day', '=', d).executeTakeFirstOrThrow()).id;

    beforeAll(async () => {
      database = await demoCounty(kind, new Date('2026-10-01T00:00:00Z'));
      ids = await demoIds(database.db);
      Z = ids.office.zhubei;
      await clearDemoQuestionnaires(database.db);
      const db = database.db;
      // everything below was stored before the first run
      await insertRows(db, 'ticket', [ticketRow(ids, { office: 'zhubei', day: '2026-10-02', at: '09:00', waitMs: 300_000, serveMs: 300_000 }), ticketRow(ids, { office: 'zhubei', day: '2026-10-02', at: '09:30', waitMs: 600_000, serveMs: 300_000 })]);
      caseId = await insertCase(db, ids, { office: 'zhubei', receivedOn: '2026-10-05', dueOn: '2026-10-06', limitDays: 1, updatedAt: taipei('2026-10-05', '10:00') });
      petitionId = await insertPetition(db, ids, { office: 'zhubei', receivedOn: '2026-10-02', dueOn: '2026-10-08', repliedOn: '2026-10-05', updatedAt: taipei('2026-10-05', '11:00') });
      await insertResponse(db, ids, { office: 'zhubei', day: '2026-10-02', createdAt: taipei('2026-10-02', '11:00'), scores: [4, 4, 4, 4, 4] });
      deletedResponse = await insertResponse(db, ids, { office: 'zhubei', day: '2026-10-02', createdAt: taipei('2026-10-02', '12:00'), scores: [1, 1, 1, 1, 1] });
      await insertRows(db, 'booking', [
        bookingRow(ids, { office: 'zhubei', day: '2026-10-13', status: 'booked', createdAt: taipei('2026-10-01') }),
        bookingRow(ids, { office: 'zhubei', day: '2026-10-22', status: 'booked', createdAt: taipei('2026-10-01') }),
        // booked for a day ahead and cancelled before the first run: no later change will ever name its day
        bookingRow(ids, { office: 'zhubei', day: '2026-11-05', status: 'cancelled', createdAt: taipei('2026-10-01'), updatedAt: taipei('2026-10-02') }),
      ]);
      // the public site was there before the first ticket: a lost-ID report and a search come first
      await insertRows(db, 'lost_id_report', [lostIdRow(ids, { office: 'zhubei', reportedAt: taipei('2026-09-20'), channel: 'web' })]);
      await insertRows(db, 'search_log', [searchRow(taipei('2026-09-18'), 0)]);
    });
    afterAll(async () => database?.dispose());

    it('builds everything on the first run: the search and lost-ID report before the first ticket, and the days already booked ahead', async () => {
      // raw days from 09-18 (the search) to 11-05 (the last booking): 13 + 31 + 5 days
      expect(await rollupChanged(database, T0)).toEqual({ days: 49, rebuilt: true });
      expect(await written(T0)).toEqual(['0 2026-09-18', 'Z 2026-09-20', 'Z 2026-10-02', 'Z 2026-10-05', 'Z 2026-10-13', 'Z 2026-10-22', 'Z 2026-11-05']);
      expect(await day('2026-09-20')).toEqual({ 'l.reports': 1, 'l.ch.web': 1 });
      expect(await day('2026-11-05')).toMatchObject({ 'b.booked': 1, 'b.cancelled': 1 });
      expect(figuresOf(await october())).toMatchObject({ tickets: 2, casesReceived: 1, casesClosed: 0, petitions: 1, petitionOnTime: 100, handlingSatisfaction: null, questionnaires: 2, satisfaction: 50 });
    });

    it('(a) counts a case closed at 00:30 in Taipei on that Taipei day', async () => {
      const closedAt = '2026-10-05T16:30:00.000Z';
      await database.db.updateTable('case_file').set({ status: 'closed', closed_at: closedAt, updated_at: closedAt }).where('id', '=', caseId).execute();
      const run = new Date('2026-10-05T16:45:00Z');
      expect(await rollupChanged(database, run)).toEqual({ days: 2, rebuilt: false });
      // the day it was received and the day it was closed
      expect(await written(run)).toEqual(['Z 2026-10-05', 'Z 2026-10-06']);
      expect(await day('2026-10-05')).toEqual({ 'c.received': 1, 'c.recv.birth': 1 });
      // received 10-05, closed 10-06 (due 10-06): on time, 1 working day
      expect(await day('2026-10-06')).toEqual({ 'c.closed': 1, 'c.closed.birth': 1, 'c.onTime': 1, 'c.onTime.birth': 1, 'c.wd.birth': 1, 'c.limit.birth': 1 });
      expect(figuresOf(await october())).toMatchObject({ casesClosed: 1, caseOnTime: 100, caseDays: 1 });
    });

    it('(c) gives a questionnaire answered days later to the day of the visit', async () => {
      await insertResponse(database.db, ids, { office: 'zhubei', day: '2026-10-03', createdAt: '2026-10-09T03:00:00.000Z', scores: [5, 5, 4, 2, null] });
      const run = new Date('2026-10-09T03:15:00Z');
      expect(await rollupChanged(database, run)).toEqual({ days: 1, rebuilt: false });
      expect(await written(run)).toEqual(['Z 2026-10-03']);
      expect(await day('2026-10-03')).toMatchObject({ 's.n.service': 1, 's.sc.service.5': 2, 's.sc.service.4': 1, 's.sc.service.2': 1 });
      // October: 5 + 5 + 4 answers, satisfied 5 + 0 + 3
      expect(figuresOf(await october())).toMatchObject({ questionnaires: 3, satisfaction: 57.1 });
    });

    it('(b) gives a rating made a week after the reply to the day the petition was received', async () => {
      const at = '2026-10-12T02:00:00.000Z';
      await database.db.updateTable('petition').set({ rating: 5, rated_at: at, updated_at: at }).where('id', '=', petitionId).execute();
      const run = new Date('2026-10-12T02:15:00Z');
      expect(await rollupChanged(database, run)).toEqual({ days: 1, rebuilt: false });
      expect(await written(run)).toEqual(['Z 2026-10-02']);
      expect(await day('2026-10-02')).toMatchObject({ 'p.received': 1, 'p.replied': 1, 'p.rated': 1, 'p.rating.5': 1, 'q.tickets': 2 });
      expect(figuresOf(await october())).toMatchObject({ handlingSatisfaction: 100, petitions: 1 });
    });

    it('(e) counts a notice slip issued on a case already closed on the day it was closed', async () => {
      const at = '2026-10-12T05:00:00.000Z';
      // what cases/service.ts issueSlip writes: the slip, and one more notice on the case, its updated_at left as it was
      await database.db
        .insertInto('notice_slip')
        .values({ office_id: Z, case_id: caseId, code: 'late-slip', guide_code: 'birth', applicant_name: '測試', missing: '[]', note: '補件', bring_by: '2026-10-19', officer_name: '王小華', created_by: ids.staffId, created_at: at })
        .execute();
      await database.db
        .updateTable('case_file')
        .set((eb) => ({ notices: eb('notices', '+', 1) }))
        .where('id', '=', caseId)
        .execute();
      const run = new Date('2026-10-12T05:15:00Z');
      expect(await rollupChanged(database, run)).toEqual({ days: 1, rebuilt: false });
      expect(await written(run)).toEqual(['Z 2026-10-06']);
      expect(await day('2026-10-06')).toMatchObject({ 'c.closed': 1, 'c.noticed': 1, 'c.oneNotice': 1 });
      expect(figuresOf(await october())).toMatchObject({ oneNotice: 100 });
    });

    it('(d) takes back a check-in that was undone, through the overlap it reads again', async () => {
      const id = await bookingId('2026-10-13');
      const claimedAt = '2026-10-13T01:00:00.000Z';
      await database.db.updateTable('booking').set({ status: 'checked_in', checked_in_at: claimedAt, updated_at: claimedAt }).where('id', '=', id).execute();
      const first = new Date('2026-10-13T01:02:00Z');
      expect(await rollupChanged(database, first)).toEqual({ days: 1, rebuilt: false });
      expect(await day('2026-10-13')).toMatchObject({ 'b.booked': 1, 'b.came': 1 });
      // the ticket could not be issued: the check-in is undone without a new updated_at (booking/staff-ops.ts)
      await database.db.updateTable('booking').set({ status: 'booked', checked_in_at: null }).where('id', '=', id).execute();
      const second = new Date('2026-10-13T01:07:00Z');
      expect(await rollupChanged(database, second)).toEqual({ days: 1, rebuilt: false });
      expect(await written(second)).toEqual(['Z 2026-10-13']);
      expect(await day('2026-10-13')).toEqual({ 'b.booked': 1, 'b.svc.registration': 1, 'b.online': 1, 'b.lead': 12 });
    });

    it('(d) leaves a questionnaire deleted by hand to a rebuild, which takes it out', async () => {
      await database.db.deleteFrom('survey_answer').where('response_id', '=', deletedResponse).execute();
      await database.db.deleteFrom('survey_response').where('id', '=', deletedResponse).execute();
      const run = new Date('2026-10-14T02:15:00Z');
      // a deleted row leaves nothing to find: the run recomputes only 10-13, whose check-in (01:00 yesterday) the overlap reads once more
      expect(await rollupChanged(database, run)).toEqual({ days: 1, rebuilt: false });
      expect(await written(run)).toEqual(['Z 2026-10-13']);
      expect(await day('2026-10-02')).toMatchObject({ 's.n.service': 2 });
      await rebuild(database, '2026-10-01', '2026-10-31', run);
      expect(await day('2026-10-02')).toMatchObject({ 's.n.service': 1, 's.sc.service.4': 5 });
      expect((await day('2026-10-02'))?.['s.sc.service.1']).toBeUndefined();
      expect(figuresOf(await october())).toMatchObject({ questionnaires: 2, satisfaction: 88.9 });
    });

    it('(d) counts a rescheduled booking on its new day', async () => {
      const id = await bookingId('2026-10-22');
      const at = '2026-10-15T02:00:00.000Z';
      // what booking/manage.ts reschedule writes
      await database.db.updateTable('booking').set({ day: '2026-10-27', starts: '14:00', ends: '14:15', updated_at: at }).where('id', '=', id).execute();
      await markFiguresDirty(database.db, Z, '2026-10-22', new Date(at));
      const run = new Date('2026-10-15T02:15:00Z');
      expect(await rollupChanged(database, run)).toEqual({ days: 2, rebuilt: false });
      expect(await written(run)).toEqual(['Z 2026-10-27']);
      expect(await day('2026-10-27')).toMatchObject({ 'b.booked': 1 });
    });

    // reschedule and assignHomeVisit mark the day a booking left (markFiguresDirty): no raw row names it any more
    it('(d) takes a rescheduled booking off the day it left', async () => {
      expect(await day('2026-10-22')).toBeUndefined();
    });

    it('(d) a rebuild of the month takes the rescheduled booking off its old day', async () => {
      await rebuild(database, '2026-10-01', '2026-10-31', new Date('2026-10-15T03:00:00Z'));
      expect(await day('2026-10-22')).toBeUndefined();
      expect(figuresOf(await october())).toMatchObject({ bookings: 2 });
    });
  });
}
