import type { Database } from '../db/index.js';
import { addDays, taipeiToday } from '../platform/calendar/index.js';
import type { Vault } from '../platform/identity/index.js';
import { rollupChanged } from '../modules/figures/index.js';
import { type ActivityCounts, activityOffices, generateActivity } from './activity.js';

/** Tickets on an ordinary working day: a city office and a mountain township office. */
const DEMO_VOLUME: Record<string, number> = { zhubei: 60, jianshi: 12 };
/** About fourteen months: a whole year to compare with the same months of the year before. */
const HISTORY_DAYS = 426;
const HISTORY_SEED = 1150101;

/**
 * The demo offices' past: about fourteen months of tickets, bookings,
 * cases, petitions, questionnaires and lost-ID reports up to the day before
 * `now`, then the roll-up, so the county and office figures have something
 * to show from the first page. The roll-up's first run is the full rebuild
 * (and it leaves its watermark, so the job does not rebuild it all again).
 */
export async function seedHistory(database: Database, now: Date, vault: Pick<Vault, 'hash' | 'encrypt'> | null): Promise<ActivityCounts> {
  const rows = await database.db.selectFrom('office').select(['id', 'code']).orderBy('id').execute();
  const offices = await activityOffices(
    database.db,
    rows.filter((o) => DEMO_VOLUME[o.code] !== undefined).map((o) => ({ id: o.id, ticketsPerDay: DEMO_VOLUME[o.code]! })),
  );
  const today = taipeiToday(now);
  const counts = await generateActivity(database, { offices, from: addDays(today, -HISTORY_DAYS), to: addDays(today, -1), seed: HISTORY_SEED, vault });
  await rollupChanged(database, now);
  return counts;
}
