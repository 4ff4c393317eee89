import { dayOf, type FigureSource, instantRange, Tallies } from '../../platform/figures/index.js';

/** Site searches belong to no office (office 0): x.searches, x.none (searches that found nothing). */
export const searchFigureSource: FigureSource = {
  name: 'search',
  async compute(db, from, to) {
    const out = new Tallies();
    const { start, end } = instantRange(from, to);
    const rows = await db.selectFrom('search_log').select(['at', 'results']).where('at', '>=', start).where('at', '<', end).execute();
    for (const r of rows) {
      out.add(0, dayOf(r.at), 'x.searches');
      if (r.results === 0) out.add(0, dayOf(r.at), 'x.none');
    }
    return out;
  },
  async touched(db, since) {
    const rows = await db.selectFrom('search_log').select(['at']).where('at', '>=', since).execute();
    return [...new Set(rows.map((r) => dayOf(r.at)))].map((day) => ({ officeId: 0, day }));
  },
};
