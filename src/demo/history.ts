import type { Database } from '../db/index.js';
import { addDays, taipeiToday } from '../platform/calendar/index.js';
import type { Vault } from '../platform/identity/index.js';
import { rollupChanged } from '../modules/figures/index.js';
import { saveTemplate, type TemplateLine } from '../modules/reports/index.js';
import { isRole } from '../platform/auth/roles.js';
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
  await seedReportTemplate(database, now);
  return counts;
}

/** The monthly business report the demo county asks for: the figures a director reports, and one line filled in by hand. */
const DEMO_REPORT_LINES: TemplateLine[] = [
  ...['tickets', 'waitP50', 'within15', 'onlineShare', 'bookings', 'bookingNoShowRate', 'casesReceived', 'caseOnTime', 'oneNotice', 'petitions', 'petitionOnTime', 'satisfaction', 'lostIdReports'].map(
    (key): TemplateLine => ({ kind: 'figure', key }),
  ),
  { kind: 'manual', key: 'm1', labelZh: '志工服務人次', labelEn: 'Volunteer visits', unit: '人次' },
];

async function seedReportTemplate(database: Database, now: Date): Promise<void> {
  const s = await database.db
    .selectFrom('staff')
    .select(['id', 'username', 'display_name', 'role', 'county_id', 'office_id', 'must_change_password'])
    .where('username', '=', 'county')
    .executeTakeFirst();
  if (!s || s.county_id === null || !isRole(s.role)) return;
  const actor = { id: s.id, username: s.username, displayName: s.display_name, role: s.role, countyId: s.county_id, officeId: s.office_id, mustChangePassword: s.must_change_password === 1 };
  await saveTemplate(database, s.county_id, DEMO_REPORT_LINES, actor, null, now);
}
