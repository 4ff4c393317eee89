import type { IsoDate } from '../../platform/calendar/index.js';
import { type FigureSource, Tallies } from '../../platform/figures/index.js';
import { calendarFor } from './escalation.js';
import * as repo from './repo.js';
import { workingDaysTaken } from './rules.js';

/**
 * Petitions' part of the daily roll-up, by the day a petition was received
 * (the figures page counts the same way, so a reply or a rating given weeks
 * later corrects the day it was received): p.received, p.ch.<channel>,
 * p.cat.<category>, p.replied, p.onTime, p.wd.<working days to reply>
 * (histogram), p.rated, p.rating.<1–5>.
 */
export const petitionsFigureSource: FigureSource = {
  name: 'petitions',
  async compute(db, from, to) {
    const out = new Tallies();
    const rows = await db
      .selectFrom('petition')
      .select(['id', 'office_id', 'channel', 'category', 'received_on', 'replied_on', 'due_on', 'rating'])
      .where('received_on', '>=', from)
      .where('received_on', '<=', to)
      .execute();
    const pauses = await repo.pausesOfMany(
      db,
      rows.filter((r) => r.replied_on).map((r) => r.id),
    );
    for (const r of rows) {
      const day = r.received_on as IsoDate;
      const add = (k: string, n = 1) => out.add(r.office_id, day, k, n);
      add('p.received');
      add(`p.ch.${r.channel}`);
      add(`p.cat.${r.category}`);
      if (r.replied_on) {
        const cal = await calendarFor(db, r.office_id);
        const own = pauses.filter((p) => p.petition_id === r.id).map((p) => ({ from: p.from_date as IsoDate, to: (p.to_date ?? r.replied_on) as IsoDate }));
        add('p.replied');
        if (r.due_on && r.replied_on <= r.due_on) add('p.onTime');
        add(`p.wd.${workingDaysTaken(cal, day, r.replied_on as IsoDate, own)}`);
      }
      if (r.rating !== null) {
        add('p.rated');
        add(`p.rating.${r.rating}`);
      }
    }
    return out;
  },
  async touched(db, since) {
    const rows = await db.selectFrom('petition').select(['office_id', 'received_on']).distinct().where('updated_at', '>=', since).where('received_on', 'is not', null).execute();
    return rows.map((r) => ({ officeId: r.office_id, day: r.received_on as IsoDate }));
  },
};
