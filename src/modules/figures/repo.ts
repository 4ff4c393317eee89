// The roll-up tables: figure_day and figure_month hold JSON tallies; figure_state the watermark.
import type { Executor } from '../../db/index.js';
import { type IsoDate, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { sumOf, type Tally } from '../../platform/figures/index.js';

export async function writeDay(db: Executor, officeId: number, day: IsoDate, tally: Tally, at: string): Promise<void> {
  if (Object.keys(tally).length === 0) {
    await db.deleteFrom('figure_day').where('office_id', '=', officeId).where('day', '=', day).execute();
    return;
  }
  const data = JSON.stringify(tally);
  await db
    .insertInto('figure_day')
    .values({ office_id: officeId, day, data, computed_at: at })
    .onConflict((oc) => oc.columns(['office_id', 'day']).doUpdateSet({ data, computed_at: at }))
    .execute();
}

export async function deleteDays(db: Executor, from: IsoDate, to: IsoDate): Promise<void> {
  await db.deleteFrom('figure_day').where('day', '>=', from).where('day', '<=', to).execute();
}

/** The month row of one office becomes the sum of its day rows (or goes, when there are none). */
export async function refreshMonth(db: Executor, officeId: number, month: string, at: string): Promise<void> {
  const rows = await db
    .selectFrom('figure_day')
    .select('data')
    .where('office_id', '=', officeId)
    .where('day', '>=', `${month}-01`)
    .where('day', '<=', `${month}-31`)
    .execute();
  if (rows.length === 0) {
    await db.deleteFrom('figure_month').where('office_id', '=', officeId).where('month', '=', month).execute();
    return;
  }
  const data = JSON.stringify(sumOf(rows.map((r) => JSON.parse(r.data) as Tally)));
  await db
    .insertInto('figure_month')
    .values({ office_id: officeId, month, data, computed_at: at })
    .onConflict((oc) => oc.columns(['office_id', 'month']).doUpdateSet({ data, computed_at: at }))
    .execute();
}

export async function officesWithDaysIn(db: Executor, month: string): Promise<number[]> {
  const rows = await db.selectFrom('figure_day').select('office_id').distinct().where('day', '>=', `${month}-01`).where('day', '<=', `${month}-31`).execute();
  return rows.map((r) => r.office_id);
}

export async function officesWithMonth(db: Executor, month: string): Promise<number[]> {
  const rows = await db.selectFrom('figure_month').select('office_id').where('month', '=', month).execute();
  return rows.map((r) => r.office_id);
}

export async function readDays(db: Executor, officeIds: number[], from: IsoDate, to: IsoDate): Promise<{ office_id: number; day: string; data: string }[]> {
  if (officeIds.length === 0) return [];
  return db.selectFrom('figure_day').select(['office_id', 'day', 'data']).where('office_id', 'in', officeIds).where('day', '>=', from).where('day', '<=', to).execute();
}

export async function readMonths(db: Executor, officeIds: number[], months: string[]): Promise<{ office_id: number; month: string; data: string }[]> {
  if (officeIds.length === 0 || months.length === 0) return [];
  return db.selectFrom('figure_month').select(['office_id', 'month', 'data']).where('office_id', 'in', officeIds).where('month', 'in', months).execute();
}

export async function getState(db: Executor, name: string): Promise<string | null> {
  const row = await db.selectFrom('figure_state').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value ?? null;
}

export async function setState(db: Executor, name: string, value: string): Promise<void> {
  await db
    .insertInto('figure_state')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
    .execute();
}

export async function latestComputedAt(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('figure_day').select((eb) => eb.fn.max('computed_at').as('at')).executeTakeFirst();
  return typeof row?.at === 'string' ? row.at : null;
}

/**
 * The first day any raw table a source counts has something on: where a
 * full rebuild starts. Lost-ID reports and site searches often come before
 * the first ticket (the public site goes live first), so they count too.
 */
export async function earliestRawDay(db: Executor): Promise<string | null> {
  const [t, b, c, p, s, w] = await Promise.all([
    db.selectFrom('ticket').select((eb) => eb.fn.min('day').as('d')).executeTakeFirst(),
    db.selectFrom('booking').select((eb) => eb.fn.min('day').as('d')).executeTakeFirst(),
    db.selectFrom('case_file').select((eb) => eb.fn.min('received_on').as('d')).executeTakeFirst(),
    db.selectFrom('petition').select((eb) => eb.fn.min('received_on').as('d')).executeTakeFirst(),
    db.selectFrom('survey_response').select((eb) => eb.fn.min('day').as('d')).executeTakeFirst(),
    db.selectFrom('walk_in').select((eb) => eb.fn.min('day').as('d')).executeTakeFirst(),
  ]);
  const [l, x, e] = await Promise.all([
    db.selectFrom('lost_id_report').select((eb) => eb.fn.min('reported_at').as('at')).executeTakeFirst(),
    db.selectFrom('search_log').select((eb) => eb.fn.min('at').as('at')).executeTakeFirst(),
    db.selectFrom('peak_event').select((eb) => eb.fn.min('at').as('at')).executeTakeFirst(),
  ]);
  const instants = [l?.at, x?.at, e?.at].filter((at): at is string => typeof at === 'string').map((at) => toTaipeiIsoDate(new Date(at)));
  const days = [t?.d, b?.d, c?.d, p?.d, s?.d, w?.d].filter((d): d is string => typeof d === 'string').concat(instants);
  return days.length ? days.sort()[0]! : null;
}

/** The last day any raw table has something on: bookings are made for days ahead, and a rebuild of everything must reach them too. */
export async function latestRawDay(db: Executor): Promise<string | null> {
  const [t, b, c, p, s] = await Promise.all([
    db.selectFrom('ticket').select((eb) => eb.fn.max('day').as('d')).executeTakeFirst(),
    db.selectFrom('booking').select((eb) => eb.fn.max('day').as('d')).executeTakeFirst(),
    db.selectFrom('case_file').select((eb) => eb.fn.max('received_on').as('d')).executeTakeFirst(),
    db.selectFrom('petition').select((eb) => eb.fn.max('received_on').as('d')).executeTakeFirst(),
    db.selectFrom('survey_response').select((eb) => eb.fn.max('day').as('d')).executeTakeFirst(),
  ]);
  const days = [t?.d, b?.d, c?.d, p?.d, s?.d].filter((d): d is string => typeof d === 'string');
  return days.length ? days.sort()[days.length - 1]! : null;
}
