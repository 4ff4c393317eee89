import type { Executor } from '../../db/index.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { type FigureSource, type OfficeDay, Tallies } from '../../platform/figures/index.js';
import { bookingFigureSource } from '../booking/index.js';
import { casesFigureSource } from '../cases/index.js';
import { searchFigureSource } from '../content/index.js';
import { lostIdFigureSource } from '../lost-id/index.js';
import { petitionsFigureSource } from '../petitions/index.js';
import { queueFigureSource } from '../queue/index.js';
import { surveysFigureSource } from '../surveys/index.js';

/** Every module's part of the roll-up. */
export const SOURCES: FigureSource[] = [
  queueFigureSource,
  bookingFigureSource,
  casesFigureSource,
  petitionsFigureSource,
  surveysFigureSource,
  lostIdFigureSource,
  searchFigureSource,
];

/** All offices' tallies for a run of days, from the raw tables. */
export async function computeRaw(db: Executor, from: IsoDate, to: IsoDate): Promise<Tallies> {
  const out = new Tallies();
  for (const s of SOURCES) out.merge(await s.compute(db, from, to));
  return out;
}

/** The office-days whose raw rows changed at or after `since`, without repeats. */
export async function touchedSince(db: Executor, since: string, now: Date): Promise<OfficeDay[]> {
  const seen = new Map<string, OfficeDay>();
  for (const s of SOURCES) for (const od of await s.touched(db, since, now)) seen.set(`${od.officeId}|${od.day}`, od);
  // days that rows left (markFiguresDirty): no raw row names them any more
  const left = await db.selectFrom('figure_dirty').select(['office_id', 'day']).where('at', '>=', since).execute();
  for (const r of left) seen.set(`${r.office_id}|${r.day}`, { officeId: r.office_id, day: r.day as IsoDate });
  return [...seen.values()];
}
