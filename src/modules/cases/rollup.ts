import type { IsoDate } from '../../platform/calendar/index.js';
import { dayOf, type FigureSource, instantRange, type OfficeDay, Tallies } from '../../platform/figures/index.js';
import { calendarService } from '../calendar/index.js';
import * as repo from './repo.js';

/**
 * Cases' part of the daily roll-up. Received cases count on the day they
 * were received (c.received, c.recv.<guide>); closed cases on the Taipei day
 * they were closed (c.closed, c.closed.<guide>, c.onTime and
 * c.onTime.<guide> when closed by the due date, c.wd.<guide> working days
 * taken with the clock's pauses left out, c.limit.<guide> the limits
 * summed, c.noticed those that needed a notice slip, c.oneNotice those told
 * in one slip).
 */
export const casesFigureSource: FigureSource = {
  name: 'cases',
  async compute(db, from, to) {
    const out = new Tallies();
    const received = await repo.casesReceived(db, from, to);
    for (const r of received) {
      out.add(r.office_id, r.received_on as IsoDate, 'c.received');
      out.add(r.office_id, r.received_on as IsoDate, `c.recv.${r.guide_code}`);
    }
    const { start, end } = instantRange(from, to);
    const closed = await repo.casesClosed(db, start, end);
    const pauses = await repo.pausesOfCases(db, closed.map((c) => c.id));
    for (const c of closed) {
      const day = dayOf(c.closed_at!);
      const add = (k: string, n = 1) => out.add(c.office_id, day, k, n);
      const cal = await calendarService.officeCalendar(db, c.office_id);
      const taken = cal.countWorkingDaysExcludingPauses(
        c.received_on as IsoDate,
        day,
        pauses.filter((p) => p.case_id === c.id).map((p) => ({ from: p.from_date as IsoDate, to: (p.to_date ?? day) as IsoDate })),
      );
      add('c.closed');
      add(`c.closed.${c.guide_code}`);
      if (day <= c.due_on) {
        add('c.onTime');
        add(`c.onTime.${c.guide_code}`);
      }
      add(`c.wd.${c.guide_code}`, taken);
      add(`c.limit.${c.guide_code}`, c.limit_days);
      if (c.notices >= 1) add('c.noticed');
      if (c.notices === 1) add('c.oneNotice');
    }
    return out;
  },
  async touched(db, since) {
    const rows = await repo.casesUpdatedSince(db, since);
    const out: OfficeDay[] = [];
    for (const r of rows) {
      out.push({ officeId: r.office_id, day: r.received_on as IsoDate });
      if (r.closed_at) out.push({ officeId: r.office_id, day: dayOf(r.closed_at) });
    }
    // a notice slip counts on its case (c.noticed, c.oneNotice) without changing the case's updated_at: a slip for a closed case changes its closing day
    const slips = await repo.closedCasesSlippedSince(db, since);
    for (const r of slips) out.push({ officeId: r.office_id, day: dayOf(r.closed_at!) });
    return out;
  },
};
