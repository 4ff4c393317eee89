import type { Db, Executor } from '../../db/index.js';
import type { Selectable } from 'kysely';
import type { OfficeHoursTable } from '../../db/schema.js';
import { addDays, taipeiTime, toTaipeiIsoDate, weekday } from '../../platform/calendar/index.js';
import { cached } from '../../platform/cache.js';
import { AppError } from '../../platform/errors.js';
import type { CountyInfo, OfficeInfo } from '../../platform/http/context.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import { translator } from '../../platform/i18n/index.js';
import * as calendar from '../../platform/calendar/store.js';
import { badgeScope, badgesByScope, showBadge } from './badge.js';
import * as repo from './repo.js';

export type HoursRow = Selectable<OfficeHoursTable>;

/** When the day really ends: the evening service's close when there is one. */
export const closesAt = (h: Pick<HoursRow, 'closes' | 'evening_closes'>): string => h.evening_closes ?? h.closes;

/** "08:00–17:00", or "08:00–12:00、13:30–17:00" around a lunch break. */
export function daySpan(h: Pick<HoursRow, 'opens' | 'closes' | 'evening_closes' | 'lunch_open' | 'lunch_from' | 'lunch_to'>, sep: string): string {
  const end = closesAt(h);
  if (h.lunch_open === 0 && h.lunch_from && h.lunch_to) return `${h.opens}–${h.lunch_from}${sep}${h.lunch_to}–${end}`;
  return `${h.opens}–${end}`;
}

export interface TodayStatus {
  date: string;
  openToday: boolean;
  openNow: boolean;
  hoursToday: string | null;
  /** why a weekday is closed: holiday name or office closure reason */
  closedReason: string | null;
}

function pick(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

/**
 * One line for the footer: the usual hours over the open days, then the
 * days that differ — "星期一至星期五 08:00–17:00（星期三 08:00–20:00）".
 */
export function hoursSummary(hours: HoursRow[], t: Translate): string {
  const order = [1, 2, 3, 4, 5, 6, 0];
  const open = order.map((wd) => hours.find((h) => h.weekday === wd)).filter((h): h is HoursRow => h !== undefined);
  if (open.length === 0) return '';
  const sep = t('hours.sep');
  const spans = open.map((h) => daySpan(h, sep));
  const base = [...new Set(spans)].sort((a, b) => spans.filter((x) => x === b).length - spans.filter((x) => x === a).length)[0]!;
  const first = open[0]!.weekday;
  const last = open[open.length - 1]!.weekday;
  const contiguous = order.indexOf(last) - order.indexOf(first) === open.length - 1;
  const days = contiguous
    ? t('hours.range', { from: t(`weekdayLong.${first}`), to: t(`weekdayLong.${last}`) })
    : open.map((h) => t(`weekdayLong.${h.weekday}`)).join(t('hours.sep'));
  const exceptions = open.filter((h) => daySpan(h, sep) !== base).map((h) => `${t(`weekdayLong.${h.weekday}`)} ${daySpan(h, sep)}`);
  return exceptions.length > 0 ? `${days} ${base}${t('hours.except', { list: exceptions.join(t('hours.sep')) })}` : `${days} ${base}`;
}

/** Every page's header and footer: read once per process until the county, an office or a badge changes (platform/cache.ts). */
export function countyInfo(db: Db, locale: Locale): Promise<CountyInfo | null> {
  return cached(db, ['offices'], `offices:county:${locale}`, () => readCountyInfo(db, locale));
}

async function readCountyInfo(db: Db, locale: Locale): Promise<CountyInfo | null> {
  const c = await repo.findCounty(db);
  if (!c) return null;
  const siteName = pick(locale, c.site_name_zh ?? '', c.site_name_en ?? '') || null;
  // every page's footer shows its site's accessibility badge, so they come with the county in one read
  const badges = await badgesByScope(db);
  const badgeOf = (officeId: number | null) => {
    const b = badges.get(badgeScope(officeId));
    return b ? showBadge(b, locale) : null;
  };
  const offices = (await repo.listOffices(db, c.id))
    .filter((o) => o.active === 1)
    .map((o) => ({ code: o.code, name: pick(locale, o.name_zh, o.name_en), address: pick(locale, o.address_zh, o.address_en), phone: o.phone, a11yBadge: badgeOf(o.id) }));
  return { id: c.id, code: c.code, name: pick(locale, c.name_zh, c.name_en), siteName, logoText: c.logo_text, english: c.english === 1, offices, a11yBadge: badgeOf(null) };
}

type OfficeRow = NonNullable<Awaited<ReturnType<typeof repo.findOfficeByCode>>>;

function toInfo(o: OfficeRow, hours: HoursRow[], locale: Locale, successor?: OfficeRow): OfficeInfo {
  return {
    id: o.id,
    countyId: o.county_id,
    code: o.code,
    name: pick(locale, o.name_zh, o.name_en),
    address: pick(locale, o.address_zh, o.address_en),
    phone: o.phone,
    fax: o.fax,
    email: o.email,
    hoursSummary: hoursSummary(hours, translator(locale)),
    updatedAt: o.updated_at,
    closed: o.active === 1 ? null : { successor: successor ? { code: successor.code, name: pick(locale, successor.name_zh, successor.name_en) } : null },
  };
}

async function successorOf(db: Executor, o: OfficeRow): Promise<OfficeRow | undefined> {
  return o.active === 0 && o.successor_id !== null ? repo.findOfficeById(db, o.successor_id) : undefined;
}

/** Read on every office page (twice: the closed-office check and the route), so cached per process like countyInfo. */
export function officeByCode(db: Db, code: string, locale: Locale): Promise<OfficeInfo> {
  return cached(db, ['offices'], `offices:byCode:${code}:${locale}`, () => readOfficeByCode(db, code, locale));
}

async function readOfficeByCode(db: Db, code: string, locale: Locale): Promise<OfficeInfo> {
  const o = await repo.findOfficeByCode(db, code);
  if (!o) throw new AppError('not_found', 'error.notFound.title');
  return toInfo(o, await repo.hoursOf(db, [o.id]), locale, await successorOf(db, o));
}

export async function officeById(db: Executor, id: number, locale: Locale): Promise<OfficeInfo> {
  const o = await repo.findOfficeById(db, id);
  if (!o) throw new AppError('not_found', 'error.notFound.title');
  return toInfo(o, await repo.hoursOf(db, [o.id]), locale, await successorOf(db, o));
}

/**
 * Every office of the deployment, deactivated ones too (flagged `closed`):
 * staff still reach a closed office's old records. Public choices (a
 * picker of offices to book at or report to) use openOfficeInfos.
 */
export function listOfficeInfos(db: Db, locale: Locale): Promise<OfficeInfo[]> {
  return cached(db, ['offices'], `offices:list:${locale}`, () => readOfficeInfos(db, locale));
}

async function readOfficeInfos(db: Db, locale: Locale): Promise<OfficeInfo[]> {
  const offices = await repo.listOffices(db);
  const hours = await repo.hoursOf(
    db,
    offices.map((o) => o.id),
  );
  return offices.map((o) =>
    toInfo(
      o,
      hours.filter((h) => h.office_id === o.id),
      locale,
      offices.find((x) => o.active === 0 && x.id === o.successor_id),
    ),
  );
}

/** The offices that serve the public now: for public pickers and the county page's list. */
export async function openOfficeInfos(db: Db, locale: Locale): Promise<OfficeInfo[]> {
  return (await listOfficeInfos(db, locale)).filter((o) => !o.closed);
}

/** Dated exceptions from `from` on, by date: booking offers no slot outside them. */
export async function hoursExceptionsFrom(db: Executor, officeId: number, from: string): Promise<Map<string, { closed: boolean; opens: string | null; closes: string | null }>> {
  const rows = await repo.exceptionsOf(db, officeId, from);
  return new Map(rows.map((r) => [r.date, { closed: r.closed === 1, opens: r.opens, closes: r.closes }]));
}

/** Dated exceptions from `from` for `days` days, for the office home ("special hours"). */
export async function upcomingExceptions(db: Db, officeId: number, now: Date, days: number, locale: Locale) {
  const from = toTaipeiIsoDate(now);
  const to = addDays(from, days);
  const rows = (await exceptionsFrom(db, officeId, from)).filter((r) => r.date <= to);
  return rows.map((r) => ({ date: r.date, closed: r.closed === 1, hours: r.closed === 1 ? null : `${r.opens}–${r.closes}`, reason: pick(locale, r.reason_zh, r.reason_en) }));
}

/** Read fresh: booking slots and the queue's ticket machine decide on it. */
export function weeklyHours(db: Db, officeId: number): Promise<HoursRow[]> {
  return repo.hoursOf(db, [officeId]);
}

/** The same for the public pages that only show it, cached (platform/cache.ts): the office home, the county page. */
export function shownWeeklyHours(db: Db, officeId: number): Promise<HoursRow[]> {
  return cached(db, ['offices'], `offices:hours:${officeId}`, () => repo.hoursOf(db, [officeId]));
}

/** The office's dated exceptions from `from` on, cached per day (the office home and the county page read them on every visit). */
function exceptionsFrom(db: Db, officeId: number, from: string) {
  return cached(db, ['offices'], `offices:exceptions:${officeId}:${from}`, () => repo.exceptionsOf(db, officeId, from));
}

/** Open today? Open now? Days off come from the office calendar, hours from the weekly schedule. `shown`: for a page that displays it (cached reads). */
export async function todayStatus(db: Db, officeId: number, now: Date, opts: { shown?: boolean } = {}): Promise<TodayStatus> {
  const date = toTaipeiIsoDate(now);
  const time = taipeiTime(now);
  // shown: a page that only displays it reads the cached hours; what decides (a ticket issued or not) reads fresh
  const exception = opts.shown ? (await exceptionsFrom(db, officeId, date)).find((r) => r.date === date) : await repo.exceptionOn(db, officeId, date);
  // a dated exception set by the office outranks both the calendar and the week
  if (exception) {
    if (exception.closed === 1 || !exception.opens || !exception.closes) {
      return { date, openToday: false, openNow: false, hoursToday: null, closedReason: exception.reason_zh };
    }
    return {
      date,
      openToday: true,
      openNow: time >= exception.opens && time < exception.closes,
      hoursToday: `${exception.opens}–${exception.closes}`,
      closedReason: null,
    };
  }
  const cal = await calendar.officeCalendar(db, officeId);
  const day = cal.describe(date);
  const hours = (await (opts.shown ? shownWeeklyHours : weeklyHours)(db, officeId)).find((h) => h.weekday === weekday(date));
  if (!day.working || !hours) {
    return {
      date,
      openToday: false,
      openNow: false,
      hoursToday: null,
      closedReason: day.closure ?? (day.note || null),
    };
  }
  const atLunch = hours.lunch_open === 0 && hours.lunch_from !== null && hours.lunch_to !== null && time >= hours.lunch_from && time < hours.lunch_to;
  return {
    date,
    openToday: true,
    openNow: time >= hours.opens && time < closesAt(hours) && !atLunch,
    hoursToday: daySpan(hours, ' / '),
    closedReason: null,
  };
}

/** Counters and queue services are set up once and seldom touched: cached with the office record. */
export function officeFacts(db: Db, officeId: number, locale: Locale) {
  return cached(db, ['offices'], `offices:facts:${officeId}:${locale}`, () => readOfficeFacts(db, officeId, locale));
}

async function readOfficeFacts(db: Db, officeId: number, locale: Locale) {
  const [counters, services, office] = await Promise.all([
    repo.countActiveCounters(db, officeId),
    repo.activeServices(db, officeId),
    repo.findOfficeById(db, officeId),
  ]);
  return {
    counters,
    directorName: office?.director_name ?? null,
    villages: (office?.villages ?? '').split('\n').filter(Boolean),
    mapUrl: office?.map_url ?? null,
    services: services.map((s) => ({ code: s.code, name: pick(locale, s.name_zh, s.name_en) })),
  };
}

export async function officeIdsOfCounty(db: Db, countyId: number): Promise<number[]> {
  return (await repo.listOffices(db, countyId)).map((o) => o.id);
}

/**
 * The footer's "last updated": the latest of when the page's own content
 * changed (a route that knows says so: a news list, an FAQ answer) and the
 * office record the page shows in its header and contact block. A page that
 * says nothing shows the office record's date.
 */
export function lastUpdated(office: OfficeInfo | null, page: string | null = null): string | null {
  const record = office?.updatedAt ?? null;
  if (page === null) return record;
  if (record === null) return page;
  return new Date(page).getTime() > new Date(record).getTime() ? page : record;
}

/** The queue services of some offices (code and names), for labels in reports. */
export function servicesOfOffices(db: Executor, officeIds: number[]) {
  return repo.servicesOfOffices(db, officeIds);
}
