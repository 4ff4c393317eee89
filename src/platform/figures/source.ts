import type { Executor } from '../../db/index.js';
import { type IsoDate, toTaipeiIsoDate } from '../calendar/index.js';
import { bump, type Tally } from './tally.js';

/** An office and a day whose tally must be computed again. */
export interface OfficeDay {
  officeId: number;
  day: IsoDate;
}

/**
 * One module's part of the roll-up. `compute` reads the raw rows of a run of
 * days and tallies them per office and day; `touched` names the office-days
 * whose raw rows changed at or after an instant (a case closed after
 * midnight, a survey answered days later, a rating given a week after the
 * reply), so the job recomputes those days and no others.
 */
export interface FigureSource {
  name: string;
  compute(db: Executor, from: IsoDate, to: IsoDate): Promise<Tallies>;
  touched(db: Executor, since: string, now: Date): Promise<OfficeDay[]>;
}

/** Tallies per office and day, filled by a source. */
export class Tallies {
  readonly byKey = new Map<string, { officeId: number; day: IsoDate; tally: Tally }>();

  of(officeId: number, day: IsoDate): Tally {
    const key = `${officeId}|${day}`;
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { officeId, day, tally: {} };
      this.byKey.set(key, entry);
    }
    return entry.tally;
  }

  add(officeId: number, day: IsoDate, key: string, n: number | string | bigint = 1): void {
    bump(this.of(officeId, day), key, Number(n));
  }

  merge(other: Tallies): this {
    for (const e of other.byKey.values()) for (const [k, v] of Object.entries(e.tally)) this.add(e.officeId, e.day, k, v);
    return this;
  }
}

/** Instants from the start of `from` to the end of `to` in Taipei, as the ISO text the tables hold. */
export function instantRange(from: IsoDate, to: IsoDate): { start: string; end: string } {
  const start = new Date(`${from}T00:00:00+08:00`).toISOString();
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
  return { start, end };
}

/** The Taipei day of a stored instant. */
export const dayOf = (instant: string): IsoDate => toTaipeiIsoDate(new Date(instant));

/** Raw query rows come back with bigint counts as strings on PostgreSQL. */
export const num = (v: unknown): number => Number(v ?? 0);
