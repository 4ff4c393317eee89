import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/index.js';
import { writeTransaction } from '../db/index.js';
import { hashPassword } from '../platform/auth/password.js';
import type { Role } from '../platform/auth/roles.js';
import { writeSetting } from '../platform/settings.js';
import { seedBookingServices } from '../modules/booking/seed-data.js';
import { seedContent } from '../modules/content/seed-data.js';
import { seedNewsletter } from '../modules/newsletter/index.js';
import { seedTraining } from '../modules/training/index.js';
import { seedManual } from '../modules/manual/index.js';
import { seedReplyTemplates } from '../modules/petitions/seed-data.js';
import { seedSurveys } from '../modules/surveys/seed-data.js';
import { calendarService } from '../modules/calendar/index.js';
import { guidesService } from '../modules/guides/index.js';
import { seedDemoBadge } from '../modules/offices/badge.js';
import { DEMO_PASSWORD } from '../modules/staff/index.js';
import { createVault, parseMasterKey } from '../platform/identity/index.js';
import { seedHistory } from './history.js';
import { seedHistoryExtras } from './history-extras.js';
import { seedPrecheckFromTickets } from '../modules/precheck/index.js';
import { seedNotify } from './notify.js';
import { seedGeography } from './geography.js';
import { seedPlan } from './plan.js';
import { seedFollowups } from '../modules/notify/followups/seed.js';

/**
 * The demo county: Hsinchu County with a city office (Zhubei) and a
 * mountain township office (Jianshi). Addresses and phone numbers are
 * made up; the site footer says so while the `demo` setting is on.
 */
const SERVICES = [
  { code: 'registration', prefix: 'A', zh: '戶籍登記', en: 'Household registration' },
  { code: 'id-card', prefix: 'B', zh: '身分證、戶口名簿', en: 'ID card and household certificate' },
  { code: 'transcript', prefix: 'C', zh: '謄本、印鑑、門牌證明', en: 'Transcripts, seals, house-number certificates' },
  { code: 'nationality', prefix: 'D', zh: '國籍、外籍配偶', en: 'Nationality and foreign spouses' },
  { code: 'citizen-cert', prefix: 'E', zh: '自然人憑證', en: 'Citizen digital certificate' },
] as const;

const OFFICES = [
  {
    code: 'zhubei',
    kind: 'city',
    name_zh: '新竹縣竹北市戶政事務所',
    name_en: 'Zhubei City Household Registration Office',
    address_zh: '302 新竹縣竹北市光明六路 10 號',
    address_en: 'No. 10, Guangming 6th Rd., Zhubei City, Hsinchu County 302',
    phone: '(03) 555-0101',
    fax: '(03) 555-0109',
    email: 'zhubei-hr@example.gov.tw',
    director_name: '林美玲',
    counters: 8,
    eveningWeekday: 3,
  },
  {
    code: 'jianshi',
    kind: 'township',
    name_zh: '新竹縣尖石鄉戶政事務所',
    name_en: 'Jianshi Township Household Registration Office',
    address_zh: '313 新竹縣尖石鄉嘉樂村 1 鄰 12 號',
    address_en: 'No. 12, Neighbourhood 1, Jiale Village, Jianshi Township, Hsinchu County 313',
    phone: '(03) 584-0202',
    fax: null,
    email: 'jianshi-hr@example.gov.tw',
    director_name: '尤瑪・達陸',
    counters: 3,
    eveningWeekday: null,
  },
] as const;

/**
 * Counter 1 is the priority counter (博愛窗口: priority tickets first, every
 * service); in a large office counter 2 is the quick-transcript counter
 * (謄得快) and the last one handles nationality and citizen certificates.
 */
function counterName(n: number, total: number): [string, string] {
  if (n === 1) return ['博愛窗口', 'Priority counter'];
  if (total >= 6 && n === 2) return ['謄得快', 'Quick transcripts'];
  if (total >= 6 && n === total) return ['國籍、憑證', 'Nationality and certificates'];
  return ['綜合櫃台', 'Service counter'];
}

function servicesOfCounter(n: number, total: number): string[] {
  const all = SERVICES.map((s) => s.code);
  if (total >= 6 && n === 2) return ['transcript'];
  if (total >= 6 && n === total) return ['nationality', 'citizen-cert'];
  return all;
}

export const DEMO_STAFF: { username: string; name: string; role: Role; office: string | null }[] = [
  { username: 'admin', name: '系統管理者', role: 'system_admin', office: null },
  { username: 'county', name: '縣府民政處 陳承辦', role: 'county_admin', office: null },
  { username: 'director.zhubei', name: '林美玲', role: 'director', office: 'zhubei' },
  { username: 'supervisor.zhubei', name: '張志明', role: 'supervisor', office: 'zhubei' },
  { username: 'clerk.zhubei', name: '王小華', role: 'clerk', office: 'zhubei' },
  { username: 'director.jianshi', name: '尤瑪・達陸', role: 'director', office: 'jianshi' },
  { username: 'clerk.jianshi', name: '黃雅婷', role: 'clerk', office: 'jianshi' },
];

export async function isEmpty(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('county').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * `history`: also about fourteen months of activity before `now`, rolled up
 * (first start and `seed-demo`; tests and e2e servers seed without it).
 * `personalDataKey`: the deployment's key, so the made-up people in that
 * history open on staff pages like real ones.
 */
export interface SeedOptions {
  history?: boolean;
  personalDataKey?: string;
}

export async function seedDemo(database: Database, root: string, now = new Date(), opts: SeedOptions = {}): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const iso = now.toISOString();
  await writeTransaction(database, async (trx) => {
    const county = await trx
      .insertInto('county')
      .values({ code: 'hsinchu', name_zh: '新竹縣', name_en: 'Hsinchu County', website: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const officeIds: Record<string, number> = {};
    for (const o of OFFICES) {
      const { counters, eveningWeekday, ...row } = o;
      const inserted = await trx
        .insertInto('office')
        .values({ ...row, county_id: county.id, updated_at: iso })
        .returning('id')
        .executeTakeFirstOrThrow();
      officeIds[o.code] = inserted.id;
      for (let wd = 1; wd <= 5; wd++) {
        const evening = wd === eveningWeekday;
        await trx
          .insertInto('office_hours')
          .values({
            office_id: inserted.id,
            weekday: wd,
            opens: '08:00',
            closes: evening ? '20:00' : '17:00',
            note_zh: evening ? '夜間延時服務' : null,
            note_en: evening ? 'evening service' : null,
          })
          .execute();
      }
      const serviceIds: Record<string, number> = {};
      for (const [i, svc] of SERVICES.entries()) {
        const r = await trx
          .insertInto('service')
          .values({ office_id: inserted.id, code: svc.code, queue_prefix: svc.prefix, name_zh: svc.zh, name_en: svc.en, sort: i, active: 1 })
          .returning('id')
          .executeTakeFirstOrThrow();
        serviceIds[svc.code] = r.id;
      }
      for (let n = 1; n <= counters; n++) {
        const [zh, en] = counterName(n, counters);
        const c = await trx
          .insertInto('counter')
          .values({ office_id: inserted.id, number: n, name_zh: zh, name_en: en, active: 1, priority_first: n === 1 ? 1 : 0 })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const code of servicesOfCounter(n, counters)) {
          await trx.insertInto('counter_service').values({ counter_id: c.id, service_id: serviceIds[code]! }).execute();
        }
      }
    }
    for (const s of DEMO_STAFF) {
      await trx
        .insertInto('staff')
        .values({
          username: s.username,
          display_name: s.name,
          email: `${s.username}@example.gov.tw`,
          password_hash: hash,
          role: s.role,
          county_id: s.role === 'system_admin' ? null : county.id,
          office_id: s.office ? (officeIds[s.office] ?? null) : null,
          active: 1,
          must_change_password: 0,
          created_at: iso,
          updated_at: iso,
          password_changed_at: iso,
        })
        .execute();
    }
    await guidesService.seedGuides(trx, now);
    await seedBookingServices(trx, officeIds, now);
    await seedReplyTemplates(trx, now);
    await seedSurveys(trx, county.id, officeIds, now);
    await seedContent(trx, now);
    await seedNewsletter(trx, now);
    await seedTraining(trx, now);
    await seedManual(trx, now);
    await seedFollowups(trx, now);
    await writeSetting(trx, 'global', 'demo', true, null, now);
    // one office with the footer's accessibility badge, one without: both ways of the slot show
    if (officeIds.zhubei) await seedDemoBadge(trx, officeIds.zhubei, now);
  });
  for (const year of [2026, 2027]) {
    const bytes = readFileSync(path.join(root, 'seed', 'calendar', `${year}.csv`));
    await calendarService.importGovCalendar(database, bytes, { filename: `${year}.csv`, actor: null, ip: null, now });
  }
  if (opts.history) {
    const vault = opts.personalDataKey ? createVault(parseMasterKey(opts.personalDataKey)) : null;
    await seedHistory(database, now, vault);
    await seedHistoryExtras(database, now);
    await seedPrecheckFromTickets(database.db);
    await seedPlan(database, now);
    if (vault) await seedNotify(database, now, vault);
    await seedGeography(database, now);
  }
}
