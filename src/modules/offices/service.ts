import type { Db, Executor } from '../../db/index.js';
import type { OfficeHoursTable } from '../../db/schema.js';
import { taipeiTime, toTaipeiIsoDate, weekday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { CountyInfo, OfficeInfo } from '../../platform/http/context.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import { translator } from '../../platform/i18n/index.js';
import * as calendar from '../calendar/service.js';
import * as repo from './repo.js';

export type HoursRow = Omit<OfficeHoursTable, 'id'> & { id: number };

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
  const spans = open.map((h) => `${h.opens}–${h.closes}`);
  const base = [...new Set(spans)].sort((a, b) => spans.filter((x) => x === b).length - spans.filter((x) => x === a).length)[0]!;
  const first = open[0]!.weekday;
  const last = open[open.length - 1]!.weekday;
  const contiguous = order.indexOf(last) - order.indexOf(first) === open.length - 1;
  const days = contiguous
    ? t('hours.range', { from: t(`weekdayLong.${first}`), to: t(`weekdayLong.${last}`) })
    : open.map((h) => t(`weekdayLong.${h.weekday}`)).join(t('hours.sep'));
  const exceptions = open
    .filter((h) => `${h.opens}–${h.closes}` !== base)
    .map((h) => `${t(`weekdayLong.${h.weekday}`)} ${h.opens}–${h.closes}`);
  return exceptions.length > 0 ? `${days} ${base}${t('hours.except', { list: exceptions.join(t('hours.sep')) })}` : `${days} ${base}`;
}

export async function countyInfo(db: Db, locale: Locale): Promise<CountyInfo | null> {
  const c = await repo.findCounty(db);
  return c ? { id: c.id, code: c.code, name: pick(locale, c.name_zh, c.name_en) } : null;
}

type OfficeRow = NonNullable<Awaited<ReturnType<typeof repo.findOfficeByCode>>>;

function toInfo(o: OfficeRow, hours: HoursRow[], locale: Locale): OfficeInfo {
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
  };
}

export async function officeByCode(db: Db, code: string, locale: Locale): Promise<OfficeInfo> {
  const o = await repo.findOfficeByCode(db, code);
  if (!o) throw new AppError('not_found', 'error.notFound.title');
  return toInfo(o, await repo.hoursOf(db, [o.id]), locale);
}

export async function officeById(db: Db, id: number, locale: Locale): Promise<OfficeInfo> {
  const o = await repo.findOfficeById(db, id);
  if (!o) throw new AppError('not_found', 'error.notFound.title');
  return toInfo(o, await repo.hoursOf(db, [o.id]), locale);
}

export async function listOfficeInfos(db: Db, locale: Locale): Promise<OfficeInfo[]> {
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
    ),
  );
}

export async function weeklyHours(db: Db, officeId: number): Promise<HoursRow[]> {
  return repo.hoursOf(db, [officeId]);
}

/** Open today? Open now? Days off come from the office calendar, hours from the weekly schedule. */
export async function todayStatus(db: Db, officeId: number, now: Date): Promise<TodayStatus> {
  const date = toTaipeiIsoDate(now);
  const cal = await calendar.officeCalendar(db, officeId);
  const day = cal.describe(date);
  const hours = (await repo.hoursOf(db, [officeId])).find((h) => h.weekday === weekday(date));
  if (!day.working || !hours) {
    return {
      date,
      openToday: false,
      openNow: false,
      hoursToday: null,
      closedReason: day.closure ?? (day.note || null),
    };
  }
  const time = taipeiTime(now);
  return {
    date,
    openToday: true,
    openNow: time >= hours.opens && time < hours.closes,
    hoursToday: `${hours.opens}–${hours.closes}`,
    closedReason: null,
  };
}

export async function officeFacts(db: Db, officeId: number, locale: Locale) {
  const [counters, services, office] = await Promise.all([
    repo.countActiveCounters(db, officeId),
    repo.activeServices(db, officeId),
    repo.findOfficeById(db, officeId),
  ]);
  return {
    counters,
    directorName: office?.director_name ?? null,
    services: services.map((s) => ({ code: s.code, name: pick(locale, s.name_zh, s.name_en) })),
  };
}

export async function officeIdsOfCounty(db: Db, countyId: number): Promise<number[]> {
  return (await repo.listOffices(db, countyId)).map((o) => o.id);
}

/** Latest change to anything the public site shows for this office (footer "last updated"). */
export function lastUpdated(office: OfficeInfo | null): string | null {
  return office?.updatedAt ?? null;
}

/** The queue services of some offices (code and names), for labels in reports. */
export function servicesOfOffices(db: Executor, officeIds: number[]) {
  return repo.servicesOfOffices(db, officeIds);
}
