import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoDatabase } from '../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../test/databases.js';
import type { Database } from '../db/index.js';
import { rebuild } from '../modules/figures/index.js';
import { taipeiTime, weekday } from '../platform/calendar/index.js';
import { type ActivityCounts, activityOffices, generateActivity } from './activity.js';

/**
 * Ten working days of the Zhubei office, from Monday 23 February 2026 to
 * Monday 9 March: Friday 27 February (補假) and Saturday 28 February
 * (和平紀念日) are days off in the 2026 office calendar, as are the two
 * weekends. Zhubei serves 08:00–17:00, Wednesdays until 20:00.
 */
const NOW = new Date('2026-03-16T02:00:00Z');
const FROM = '2026-02-23';
const TO = '2026-03-09';
const WORKING_DAYS = ['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09'];
const SEED = 7;

async function generate(database: Database): Promise<ActivityCounts> {
  const office = await database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
  const offices = await activityOffices(database.db, [{ id: office.id, ticketsPerDay: 60 }]);
  return generateActivity(database, { offices, from: FROM, to: TO, seed: SEED });
}

const count = async (database: Database, table: 'ticket' | 'booking' | 'case_file' | 'petition' | 'lost_id_report' | 'search_log') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** What two runs must share: every ticket's day, label, status and wait, every booking's code. */
async function fingerprint(database: Database) {
  const tickets = await database.db.selectFrom('ticket').select(['day', 'label', 'status', 'waited_ms', 'issued_at']).orderBy('day').orderBy('label').execute();
  const bookings = await database.db.selectFrom('booking').select(['code', 'status', 'day', 'starts']).orderBy('code').execute();
  return { tickets, bookings };
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] generated activity`, () => {
    let a: Database & { dispose(): Promise<void> };
    let b: Database & { dispose(): Promise<void> };
    let first: ActivityCounts;
    let surveysBefore: number;
    beforeAll(async () => {
      [a, b] = await Promise.all([demoDatabase(kind, NOW), demoDatabase(kind, NOW)]);
      // the demo seed already holds 900 synthetic questionnaires; only the ones added here are checked
      surveysBefore = Number((await a.db.selectFrom('survey_response').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
      first = await generate(a);
    }, 60_000);
    afterAll(async () => {
      await a?.dispose();
      await b?.dispose();
    });

    it('gives the same rows for the same seed', async () => {
      const second = await generate(b);
      expect(second).toEqual(first);
      expect(await fingerprint(b)).toEqual(await fingerprint(a));
      // the run's counts are what the tables hold (the demo seed has none of these rows)
      expect(await count(a, 'ticket')).toBe(first.tickets);
      expect(await count(a, 'booking')).toBe(first.bookings);
      expect(await count(a, 'case_file')).toBe(first.cases);
      expect(await count(a, 'petition')).toBe(first.petitions);
      expect(await count(a, 'lost_id_report')).toBe(first.lostIds);
      expect(await count(a, 'search_log')).toBe(first.searches);
      // the figures of this seed, as first generated: a change to the generator shows here
      expect(first).toEqual({ tickets: 639, bookings: 133, cases: 33, petitions: 11, questionnaires: 83, answers: 487, lostIds: 3, searches: 359 });
    });

    it('writes only on working days, within office hours', async () => {
      const days = async (q: Promise<{ d: string | null }[]>) => [...new Set((await q).map((r) => r.d))].sort();
      expect(await days(a.db.selectFrom('ticket').select('day as d').execute())).toEqual(WORKING_DAYS);
      for (const d of await days(a.db.selectFrom('booking').select('day as d').execute())) expect(WORKING_DAYS).toContain(d);
      for (const d of await days(a.db.selectFrom('case_file').select('received_on as d').execute())) expect(WORKING_DAYS).toContain(d);
      for (const d of await days(a.db.selectFrom('petition').select('received_on as d').execute())) expect(WORKING_DAYS).toContain(d);
      for (const d of await days(a.db.selectFrom('survey_response').select('day as d').where('id', '>', surveysBefore).execute())) expect(WORKING_DAYS).toContain(d);
      const instants = [
        ...(await a.db.selectFrom('ticket').select(['day', 'issued_at as at']).execute()),
        ...(await a.db.selectFrom('case_file').select(['received_on as day', 'created_at as at']).execute()),
        ...(await a.db.selectFrom('petition').select(['received_on as day', 'created_at as at']).execute()),
      ];
      expect(instants.length).toBeGreaterThan(0);
      for (const r of instants) {
        const time = taipeiTime(new Date(r.at));
        const closes = weekday(r.day as string) === 3 ? '20:00' : '17:00';
        expect(`${r.day} ${time}`).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
        expect(time >= '08:00' && time < closes, `${r.day} ${time}`).toBe(true);
        expect(new Date(new Date(r.at).getTime() + 8 * 3600_000).toISOString().slice(0, 10)).toBe(r.day);
      }
    });

    it('rolls up to the same ticket count, day by day', async () => {
      await rebuild(a, FROM, TO, NOW);
      const rows = await a.db.selectFrom('figure_day').select(['day', 'data']).where('office_id', '>', 0).where('day', '>=', FROM).where('day', '<=', TO).execute();
      const tickets = rows.reduce((s, r) => s + ((JSON.parse(r.data) as Record<string, number>)['q.tickets'] ?? 0), 0);
      expect(tickets).toBe(first.tickets);
      // Monday 2 March by hand: the day's figure row against a direct count of its tickets
      const day = rows.find((r) => r.day === '2026-03-02');
      const t = JSON.parse(day?.data ?? '{}') as Record<string, number>;
      const direct = await sql<{ status: string; n: unknown }>`select status, count(*) as n from ticket where day = ${'2026-03-02'} group by status`.execute(a.db);
      const by = Object.fromEntries(direct.rows.map((r) => [r.status, Number(r.n)]));
      expect(t['q.tickets']).toBe((by.done ?? 0) + (by.no_show ?? 0) + (by.cancelled ?? 0));
      expect(t['q.done']).toBe(by.done);
      expect(t['q.noShow']).toBe(by.no_show);
      // this seed's Monday after the long weekend: 90 tickets, 83 served, 6 not there when called, 1 given up
      expect([t['q.tickets'], t['q.done'], t['q.noShow'], t['q.cancelled'] ?? 0]).toEqual([90, 83, 6, 1]);
    });

    it('adds to what is there when run again: numbers and codes stay unique', async () => {
      const again = await generate(a);
      expect(again.tickets).toBe(first.tickets);
      expect(await count(a, 'ticket')).toBe(2 * first.tickets);
      const distinct = await sql<{ n: unknown }>`select count(distinct code) as n from ticket`.execute(a.db);
      expect(Number(distinct.rows[0]?.n)).toBe(2 * first.tickets);
      const refs = await sql<{ n: unknown }>`select count(distinct reference) as n from case_file`.execute(a.db);
      expect(Number(refs.rows[0]?.n)).toBe(2 * first.cases);
      // the second run's tickets carry on each day's numbering: 2 March's A tickets run 1…2n without a gap
      const numbers = await a.db.selectFrom('ticket').select('number').where('day', '=', '2026-03-02').where('prefix', '=', 'A').orderBy('number').execute();
      expect(numbers.map((r) => r.number)).toEqual(numbers.map((_r, i) => i + 1));
    });
  });
}
