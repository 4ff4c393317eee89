import { dayOf, type FigureSource, instantRange, Tallies } from '../../platform/figures/index.js';
import * as repo from './repo.js';

/** Lost-ID reports on the Taipei day they were made: l.reports, l.ch.<web|phone>. */
export const lostIdFigureSource: FigureSource = {
  name: 'lost-id',
  async compute(db, from, to) {
    const out = new Tallies();
    const { start, end } = instantRange(from, to);
    const rows = await repo.reportsMadeBetween(db, start, end);
    for (const r of rows) {
      out.add(r.office_id, dayOf(r.reported_at), 'l.reports');
      out.add(r.office_id, dayOf(r.reported_at), `l.ch.${r.channel}`);
    }
    return out;
  },
  async touched(db, since) {
    const rows = await repo.reportsMadeSince(db, since);
    return rows.map((r) => ({ officeId: r.office_id, day: dayOf(r.reported_at) }));
  },
};
