import { addDays, type IsoDate, weekday } from './roc.js';

export interface CalendarDay {
  date: IsoDate;
  off: boolean;
  note: string;
}

export interface Pause {
  from: IsoDate;
  /** null: still paused */
  to: IsoDate | null;
}

/**
 * Working days for one office: the government calendar (days off and
 * make-up working Saturdays) plus the office's own closures (typhoon day,
 * election day). Days outside the imported data default to Monday–Friday.
 */
export class OfficeCalendar {
  private readonly days = new Map<IsoDate, CalendarDay>();
  private readonly closures = new Map<IsoDate, string>();

  constructor(input: { days: CalendarDay[]; closures?: { date: IsoDate; reason: string }[] }) {
    for (const d of input.days) this.days.set(d.date, d);
    for (const c of input.closures ?? []) this.closures.set(c.date, c.reason);
  }

  isWorkingDay(date: IsoDate): boolean {
    if (this.closures.has(date)) return false;
    const d = this.days.get(date);
    if (d) return !d.off;
    const wd = weekday(date);
    return wd !== 0 && wd !== 6;
  }

  describe(date: IsoDate): { working: boolean; note: string; closure?: string } {
    const closure = this.closures.get(date);
    const note = this.days.get(date)?.note ?? '';
    return closure !== undefined ? { working: false, note, closure } : { working: this.isWorkingDay(date), note };
  }

  nextWorkingDay(date: IsoDate): IsoDate {
    let d = addDays(date, 1);
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  previousWorkingDay(date: IsoDate): IsoDate {
    let d = addDays(date, -1);
    while (!this.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  }

  /**
   * The date n working days after `start`. The start day never counts (a
   * case received today with a 3-day limit is due on the 3rd working day
   * after today); n = 0 gives start itself if it is a working day, else the
   * next working day.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    return this.addWorkingDaysWithPauses(start, n, []);
  }

  /** Working days in (from, to]: 0 when to is not after from. */
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    return this.countWorkingDaysExcludingPauses(from, to, []);
  }

  /** Like countWorkingDays, but days inside a pause (inclusive) do not count: the clock stops while waiting for the citizen. */
  countWorkingDaysExcludingPauses(from: IsoDate, to: IsoDate, pauses: Pause[]): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
      if (this.isWorkingDay(d) && !inPause(d, pauses)) n++;
    }
    return n;
  }

  addWorkingDaysWithPauses(start: IsoDate, n: number, pauses: Pause[]): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    const counts = (d: IsoDate) => this.isWorkingDay(d) && !inPause(d, pauses);
    if (n === 0) {
      let d = start;
      while (!counts(d)) d = addDays(d, 1);
      return d;
    }
    let d = start;
    let left = n;
    // an open-ended pause never ends: guard against looping forever
    for (let guard = 0; left > 0; guard++) {
      if (guard > 366 * 20) throw new RangeError('no working day within 20 years: is a pause open-ended?');
      d = addDays(d, 1);
      if (counts(d)) left--;
    }
    return d;
  }
}

function inPause(d: IsoDate, pauses: Pause[]): boolean {
  return pauses.some((p) => d >= p.from && (p.to === null || d <= p.to));
}
