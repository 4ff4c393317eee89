import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { addDays, eachDay, type IsoDate, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import type { OfficeDay } from '../../platform/figures/index.js';
import { monthPeriod } from './periods.js';
import * as repo from './repo.js';
import { computeRaw, touchedSince } from './sources.js';

const WATERMARK = 'rollup.watermark';
/** Rows written by a transaction that began before the last run but committed after it still count: read back this far. */
const OVERLAP_MS = 10 * 60_000;

/**
 * Recomputes the given office-days from the raw tables, then the months
 * they fall in. One transaction per day: a run killed half-way leaves each
 * day either as it was or recomputed, and running it again gives the same rows.
 */
export async function recomputeDays(database: Database, officeDays: OfficeDay[], now: Date): Promise<number> {
  const byDay = new Map<IsoDate, Set<number>>();
  for (const od of officeDays) byDay.set(od.day, (byDay.get(od.day) ?? new Set()).add(od.officeId));
  const at = now.toISOString();
  for (const [day, offices] of [...byDay].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const tallies = await computeRaw(database.db, day, day);
    await writeTransaction(database, async (trx) => {
      for (const e of tallies.byKey.values()) offices.add(e.officeId);
      for (const officeId of offices) {
        await repo.writeDay(trx, officeId, day, tallies.byKey.get(`${officeId}|${day}`)?.tally ?? {}, at);
        await repo.refreshMonth(trx, officeId, day.slice(0, 7), at);
      }
    });
  }
  return byDay.size;
}

/**
 * Rebuilds every tally of a run of days from the raw tables, a month per
 * transaction (the command line's `figures rebuild`, and the first run).
 */
export async function rebuild(database: Database, from: IsoDate, to: IsoDate, now: Date, progress?: (month: string) => void): Promise<void> {
  const at = now.toISOString();
  let cursor = from;
  while (cursor <= to) {
    const month = cursor.slice(0, 7);
    const whole = monthPeriod(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
    const end = whole.to < to ? whole.to : to;
    const tallies = await computeRaw(database.db, cursor, end);
    await writeTransaction(database, async (trx) => {
      await repo.deleteDays(trx, cursor, end);
      for (const e of tallies.byKey.values()) await repo.writeDay(trx, e.officeId, e.day, e.tally, at);
      const offices = new Set([...(await repo.officesWithDaysIn(trx, month)), ...(await repo.officesWithMonth(trx, month))]);
      for (const officeId of offices) await repo.refreshMonth(trx, officeId, month, at);
    });
    progress?.(month);
    cursor = addDays(end, 1);
  }
}

/**
 * What the job runs every few minutes: the office-days whose raw rows
 * changed since the last run are computed again. The first run ever
 * rebuilds everything there is.
 */
export async function rollupChanged(database: Database, now: Date): Promise<{ days: number; rebuilt: boolean }> {
  const mark = await repo.getState(database.db, WATERMARK);
  const startedAt = now.toISOString();
  if (mark === null) {
    const first = await repo.earliestRawDay(database.db);
    // bookings already made for days ahead are counted now: nothing may touch them again before their day
    const last = await repo.latestRawDay(database.db);
    const today = toTaipeiIsoDate(now);
    const to = last && last > today ? last : today;
    if (first && first <= to) await rebuild(database, first, to, now);
    await repo.setState(database.db, WATERMARK, startedAt);
    return { days: first && first <= to ? eachDay(first, to).length : 0, rebuilt: true };
  }
  const since = new Date(new Date(mark).getTime() - OVERLAP_MS).toISOString();
  const days = await recomputeDays(database, await touchedSince(database.db, since, now), now);
  await repo.setState(database.db, WATERMARK, startedAt);
  // marks older than what the next run reads back are spent
  await database.db.deleteFrom('figure_dirty').where('at', '<', since).execute();
  return { days, rebuilt: false };
}

/**
 * Raw rows stored before this instant are in the roll-up (null: it was
 * never built). A page that must not lag reads the roll-up and adds, from
 * the raw tables, the days of rows stored since (the job's last start, or
 * the last rebuild when the job never ran, less the overlap it reads back).
 */
export async function rolledUpBefore(db: Executor): Promise<string | null> {
  const mark = (await repo.getState(db, WATERMARK)) ?? (await repo.latestComputedAt(db));
  return mark ? new Date(new Date(mark).getTime() - OVERLAP_MS).toISOString() : null;
}
