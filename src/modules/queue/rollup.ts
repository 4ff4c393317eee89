import { sql } from 'kysely';
import { addDays, type IsoDate, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { dayOf, type FigureSource, instantRange, num, type OfficeDay, Tallies } from '../../platform/figures/index.js';
import * as statsRepo from './repo-stats.js';

/**
 * The queue's part of the daily roll-up, by the ticket's day:
 * q.tickets, q.svc.<code>, q.ch.<channel>, q.hour.<Taipei hour>, q.done,
 * q.noShow, q.cancelled, q.transfers, q.waited (tickets with a wait),
 * q.within15, q.wait.<tenths of a minute> and q.serve.<tenths> (histograms,
 * rounded as the day statistics round), q.support (support counters
 * opened), q.walkIn.
 */
export const queueFigureSource: FigureSource = {
  name: 'queue',
  async compute(db, from, to) {
    const out = new Tallies();
    const codes = await statsRepo.serviceCodesById(db);
    // the grouped counts below are the roll-up's own aggregation, read by nothing else, so they stay here
    const main = await sql<{ office_id: number; day: string; service_id: number; channel: string; status: string; n: unknown; transfers: unknown; waited: unknown; within15: unknown }>`
      select office_id, day, service_id, channel, status, count(*) as n, sum(transfer_count) as transfers,
        sum(case when waited_ms is null then 0 else 1 end) as waited,
        sum(case when waited_ms is not null and waited_ms <= 900000 then 1 else 0 end) as within15
      from ticket where day >= ${from} and day <= ${to}
      group by office_id, day, service_id, channel, status`.execute(db);
    for (const r of main.rows) {
      const t = out.of(r.office_id, r.day);
      const n = num(r.n);
      const add = (k: string, v: number) => {
        if (v) t[k] = (t[k] ?? 0) + v;
      };
      add('q.tickets', n);
      add(`q.svc.${codes.get(r.service_id) ?? r.service_id}`, n);
      add(`q.ch.${r.channel}`, n);
      if (r.status === 'done') add('q.done', n);
      if (r.status === 'no_show') add('q.noShow', n);
      if (r.status === 'cancelled') add('q.cancelled', n);
      add('q.transfers', num(r.transfers));
      add('q.waited', num(r.waited));
      add('q.within15', num(r.within15));
    }
    // the hour in Taipei from the stored UTC instant: hour + 8, modulo 24 (tickets are issued in office hours, never across midnight)
    const hours = await sql<{ office_id: number; day: string; h: string; n: unknown }>`
      select office_id, day, substr(issued_at, 12, 2) as h, count(*) as n
      from ticket where day >= ${from} and day <= ${to} group by office_id, day, substr(issued_at, 12, 2)`.execute(db);
    for (const r of hours.rows) out.add(r.office_id, r.day, `q.hour.${(Number(r.h) + 8) % 24}`, num(r.n));
    // tenths of a minute, rounded half up: (ms + 3000) / 6000 in integer arithmetic equals Math.round(ms / 6000)
    const waits = await sql<{ office_id: number; day: string; b: unknown; n: unknown }>`
      select office_id, day, (waited_ms + 3000) / 6000 as b, count(*) as n
      from ticket where day >= ${from} and day <= ${to} and waited_ms is not null
      group by office_id, day, (waited_ms + 3000) / 6000`.execute(db);
    for (const r of waits.rows) out.add(r.office_id, r.day, `q.wait.${num(r.b)}`, num(r.n));
    const serves = await sql<{ office_id: number; day: string; b: unknown; n: unknown }>`
      select office_id, day, (served_ms + 3000) / 6000 as b, count(*) as n
      from ticket where day >= ${from} and day <= ${to} and status = 'done' and served_ms is not null
      group by office_id, day, (served_ms + 3000) / 6000`.execute(db);
    for (const r of serves.rows) out.add(r.office_id, r.day, `q.serve.${num(r.b)}`, num(r.n));
    const { start, end } = instantRange(from, to);
    const support = await statsRepo.supportOpenings(db, start, end);
    for (const r of support) out.add(r.office_id, dayOf(r.at), 'q.support');
    const walkIns = await sql<{ office_id: number; day: string; n: unknown }>`
      select office_id, day, count(*) as n from walk_in where day >= ${from} and day <= ${to} group by office_id, day`.execute(db);
    for (const r of walkIns.rows) out.add(r.office_id, r.day, 'q.walkIn', num(r.n));
    return out;
  },
  async touched(db, since, now) {
    // a ticket changes only on its own day (or just after midnight, closing the last one): the day of `since`, the one before it, and up to today
    const first = addDays(dayOf(since), -1);
    const today = toTaipeiIsoDate(now);
    const out: OfficeDay[] = [];
    const rows = await statsRepo.ticketDays(db, first, today);
    for (const r of rows) out.push({ officeId: r.office_id, day: r.day as IsoDate });
    const events = await statsRepo.peakEventsSince(db, since);
    for (const r of events) out.push({ officeId: r.office_id, day: dayOf(r.at) });
    const walkIns = await statsRepo.walkInDaysSince(db, since);
    for (const r of walkIns) out.push({ officeId: r.office_id, day: r.day as IsoDate });
    return out;
  },
};
