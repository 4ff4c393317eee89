import type { IsoDate } from '../platform/calendar/index.js';
import type { Vault } from '../platform/identity/index.js';
import type { ActivityOffice, Minutes, OpenHours } from './activity-offices.js';
import {
  base64urlOf,
  chance,
  fakeIdNumber,
  hexOf,
  intBetween,
  logNormal,
  pick,
  poisson,
  type Rng,
  weighted,
} from './activity-random.js';

/** A row as its columns' values; each table's writer lists the columns. */
export type Row = Record<string, string | number | null>;

/** Per-table serial numbers of this run, from the table's largest id: what makes codes unique across runs (activity-random.ts). */
export interface Serials {
  ticket: number;
  booking: number;
  case: number;
  petition: number;
  lost: number;
}

/** One office's working day being generated. */
export interface DayContext {
  office: ActivityOffice;
  day: IsoDate;
  hours: OpenHours;
  rng: Rng;
  /** expected tickets today */
  volume: number;
  serials: Serials;
  vault: Pick<Vault, 'hash' | 'encrypt'> | null;
  /** the last generated day: nothing after it has happened yet (cases stay open, replies unwritten) */
  horizon: IsoDate;
  /** the office's usual wait, minutes (some offices are busier than others) */
  waitBase: number;
}

/**
 * Tickets per hour of the day, Taipei: the morning peak at 9–10 and the
 * afternoon one at 14–15 that every office's own statistics show, the lunch
 * dip, and a thin evening on late-opening days.
 */
const HOUR_WEIGHT: Record<number, number> = { 7: 0.3, 8: 0.75, 9: 1.5, 10: 1.3, 11: 1.0, 12: 0.55, 13: 0.9, 14: 1.45, 15: 1.2, 16: 0.8, 17: 0.55, 18: 0.5, 19: 0.35 };
export const weightOf = (minute: Minutes) => HOUR_WEIGHT[Math.floor(minute / 60)] ?? 0.3;
/** The weight of an ordinary 08:00–17:00 day, against which a day's volume is scaled. */
export const STANDARD_DAY_WEIGHT = 9.45;

export const isOpenAt = (h: OpenHours, m: Minutes) => m >= h.opens && m < h.closes && !(h.lunch && m >= h.lunch[0] && m < h.lunch[1]);

/** The day's total weight (an evening day is heavier, a half day lighter). */
export function dayWeight(h: OpenHours): number {
  let w = 0;
  for (let m = h.opens; m < h.closes; m++) if (isOpenAt(h, m)) w += weightOf(m) / 60;
  return w;
}

const minuteTables = new Map<string, { minutes: Minutes[]; cumulative: number[] }>();

/** A minute the office is open, drawn by the hourly weights. */
export function openMinute(rng: Rng, h: OpenHours): Minutes {
  const key = `${h.opens}|${h.closes}|${h.lunch?.join('-') ?? ''}`;
  let table = minuteTables.get(key);
  if (!table) {
    const minutes: Minutes[] = [];
    const cumulative: number[] = [];
    let total = 0;
    for (let m = h.opens; m < h.closes; m++) {
      if (!isOpenAt(h, m)) continue;
      total += weightOf(m);
      minutes.push(m);
      cumulative.push(total);
    }
    table = { minutes, cumulative };
    minuteTables.set(key, table);
  }
  const r = rng() * (table.cumulative[table.cumulative.length - 1] ?? 0);
  let lo = 0;
  let hi = table.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((table.cumulative[mid] ?? 0) <= r) lo = mid + 1;
    else hi = mid;
  }
  return table.minutes[lo] ?? h.opens;
}

const dayStartMs = (day: IsoDate) => Date.parse(`${day}T00:00:00+08:00`);
/** The stored instant of a Taipei day and a time in milliseconds after its midnight. */
export const instant = (day: IsoDate, ms: number): string => new Date(dayStartMs(day) + ms).toISOString();
export const minuteMs = (m: Minutes, rng: Rng): number => m * 60_000 + Math.floor(rng() * 60_000);

/** The personal fields of a made-up person: encrypted and hashed with the vault when there is one, else random hex (benchmarks: no page opens them). */
export function identity(ctx: DayContext, serial: number, salt: number): { id_hash: string; id_enc: string; birth_hash: string } {
  if (!ctx.vault) return { id_hash: hexOf(serial, salt), id_enc: hexOf(serial, salt + 1), birth_hash: hexOf(serial, salt + 2) };
  const id = fakeIdNumber(serial, ctx.rng);
  const birth = `${intBetween(ctx.rng, 1940, 2005)}-${String(intBetween(ctx.rng, 1, 12)).padStart(2, '0')}-${String(intBetween(ctx.rng, 1, 28)).padStart(2, '0')}`;
  return { id_hash: ctx.vault.hash(id), id_enc: ctx.vault.encrypt(id), birth_hash: ctx.vault.hash(`birth:${birth}`) };
}

/** Free text kept encrypted (lost-ID reports): with the vault, or a stand-in. */
export const sealed = (ctx: DayContext, serial: number, salt: number, text: string): string => (ctx.vault ? ctx.vault.encrypt(text) : hexOf(serial, salt));

export const SERVICE_WEIGHT: Record<string, number> = { registration: 0.35, 'id-card': 0.2, transcript: 0.3, nationality: 0.05, 'citizen-cert': 0.1 };
/** Median minutes at the counter by service: a transcript is quick, a nationality case is not. */
const SERVE_MINUTES: Record<string, number> = { registration: 9, 'id-card': 7, transcript: 3, nationality: 16, 'citizen-cert': 6 };

/** A checked-in counter booking: it came through the queue as a priority ticket. */
export interface CheckIn {
  serviceCode: string | null;
  at: Minutes;
}

/** A ticket before its number: numbers come from the office's day sequence once the day is written. */
export interface TicketDraft {
  row: Row;
  issuedMs: number;
}

/**
 * The day's queue: walk-in tickets (kiosk, phone, a few issued at the
 * counter) drawn over the open hours, plus one priority ticket for each
 * checked-in booking. Waits are log-normal around the office's usual wait,
 * longer at the peaks; service times by service.
 */
export function ticketsOfDay(ctx: DayContext, checkIns: CheckIn[]): TicketDraft[] {
  const { office, day, rng, hours } = ctx;
  if (office.services.length === 0) return [];
  const total = Math.max(checkIns.length, poisson(rng, ctx.volume));
  const serviceWeights = office.services.map((s) => [s, SERVICE_WEIGHT[s.code] ?? 0.1] as const);
  const byCode = new Map(office.services.map((s) => [s.code, s]));
  const drafts: TicketDraft[] = [];
  const avgWeight = dayWeight(hours) / Math.max(1, (hours.closes - hours.opens) / 60);
  for (let i = 0; i < total; i++) {
    const booking = i < checkIns.length ? checkIns[i] : undefined;
    const service = booking ? (byCode.get(booking.serviceCode ?? '') ?? office.services[0]!) : weighted(rng, serviceWeights);
    const channel = booking ? 'booking' : weighted(rng, [['kiosk', 0.88], ['phone', 0.09], ['counter', 0.03]] as const);
    const priority = booking ? true : channel === 'kiosk' && chance(rng, 0.06);
    const minute = booking ? booking.at : openMinute(rng, hours);
    const issuedMs = minuteMs(minute, rng);
    const status =
      channel === 'booking'
        ? weighted(rng, [['done', 0.99], ['no_show', 0.01]] as const)
        : channel === 'phone'
          ? weighted(rng, [['done', 0.75], ['no_show', 0.15], ['cancelled', 0.1]] as const)
          : channel === 'counter'
            ? 'done'
            : weighted(rng, [['done', 0.935], ['no_show', 0.045], ['cancelled', 0.02]] as const);
    const load = weightOf(minute) / avgWeight;
    const waitMedian = channel === 'booking' ? 1.5 : channel === 'counter' ? 0.5 : ctx.waitBase * load ** 0.9 * (channel === 'phone' ? 1.3 : 1);
    const waitedMs = status === 'cancelled' ? null : Math.round(Math.min(150, logNormal(rng, waitMedian, channel === 'booking' ? 0.6 : 0.8)) * 60_000);
    const counters = office.counters.filter((c) => c.serviceIds.includes(service.id));
    const counter = status === 'cancelled' ? null : office.counters.length ? pick(rng, counters.length ? counters : office.counters) : null;
    const staffId = counter ? pick(rng, office.staffIds) : null;
    const at = (ms: number | null) => (ms === null ? null : instant(day, ms));
    let called: number | null = null;
    let lastCalled: number | null = null;
    let started: number | null = null;
    let finished: number | null = null;
    let servedMs: number | null = null;
    let recalls = 0;
    if (waitedMs !== null) {
      called = issuedMs + waitedMs;
      recalls = status === 'no_show' ? intBetween(rng, 1, 2) : chance(rng, 0.05) ? 1 : 0;
      lastCalled = called + recalls * intBetween(rng, 45, 120) * 1000;
      if (status === 'done') {
        started = lastCalled + intBetween(rng, 15, 60) * 1000;
        servedMs = Math.round(Math.max(0.5, Math.min(90, logNormal(rng, SERVE_MINUTES[service.code] ?? 6, 0.55))) * 60_000);
        finished = started + servedMs;
      } else finished = lastCalled + intBetween(rng, 60, 120) * 1000;
    } else finished = issuedMs + intBetween(rng, 2, 40) * 60_000;
    const serial = ++ctx.serials.ticket;
    const issued = instant(day, issuedMs);
    drafts.push({
      issuedMs,
      row: {
        office_id: office.id,
        service_id: service.id,
        day,
        prefix: priority ? 'P' : service.prefix,
        number: 0,
        label: '',
        priority: priority ? 1 : 0,
        channel,
        status,
        code: base64urlOf(serial, 1, 9),
        counter_id: counter?.id ?? null,
        staff_id: staffId,
        issued_at: issued,
        queue_at: issued,
        called_at: at(called),
        last_called_at: at(lastCalled),
        target_counter_id: null,
        started_at: at(started),
        finished_at: at(finished),
        recall_count: recalls,
        transfer_count: status === 'done' && chance(rng, 0.03) ? (chance(rng, 0.1) ? 2 : 1) : 0,
        waited_ms: waitedMs,
        served_ms: servedMs,
        booking_id: null,
      },
    });
  }
  return drafts.sort((a, b) => a.issuedMs - b.issuedMs);
}
