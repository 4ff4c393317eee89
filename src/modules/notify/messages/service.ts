import type { Executor } from '../../../db/index.js';
import { taipeiToday } from '../../../platform/calendar/index.js';
import { countsBetween, type MessageCount, type MessageRow, messagesBetween } from './repo.js';

export const PURPOSES = ['birth_instant', 'followup', 'reminder'] as const;
export const MESSAGE_CHANNELS = ['sms', 'email'] as const;
export const MESSAGE_STATES = ['sent', 'queued', 'failed'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/** Rows shown per page; the counts above always cover the whole month. */
export const PAGE_SIZE = 100;

/** The month (YYYY-MM) an instant falls in, in Taipei. */
export const monthOf = (now: Date): string => taipeiToday(now).slice(0, 7);

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The month's bounds as UTC instants: Taipei midnight on the 1st (UTC+8, no daylight saving) to the next month's. */
export function monthBounds(month: string): { from: string; to: string } {
  const at = (m: string) => new Date(`${m}-01T00:00:00+08:00`).toISOString();
  return { from: at(month), to: at(shiftMonth(month, 1)) };
}

export interface CountLine {
  purpose: string;
  channel: 'email' | 'sms';
  byState: Record<MessageState, number>;
  total: number;
  parts: number;
}

export interface MonthTotals {
  byState: Record<MessageState, number>;
  total: number;
  smsParts: number;
}

const zero = (): Record<MessageState, number> => ({ sent: 0, queued: 0, failed: 0 });

/** One line per purpose and channel that has messages, in a fixed order; totals of the same rows. */
export function countLines(counts: MessageCount[]): { lines: CountLine[]; totals: MonthTotals } {
  const lines = new Map<string, CountLine>();
  const totals: MonthTotals = { byState: zero(), total: 0, smsParts: 0 };
  for (const c of counts) {
    const key = `${c.purpose}/${c.channel}`;
    const line = lines.get(key) ?? { purpose: c.purpose, channel: c.channel, byState: zero(), total: 0, parts: 0 };
    line.byState[c.status] += c.messages;
    line.total += c.messages;
    if (c.channel === 'sms') line.parts += c.parts;
    lines.set(key, line);
    totals.byState[c.status] += c.messages;
    totals.total += c.messages;
    if (c.channel === 'sms') totals.smsParts += c.parts;
  }
  const rank = (l: CountLine) => {
    const p = (PURPOSES as readonly string[]).indexOf(l.purpose);
    return (p < 0 ? PURPOSES.length : p) * 2 + (MESSAGE_CHANNELS as readonly string[]).indexOf(l.channel);
  };
  return { lines: [...lines.values()].sort((a, b) => rank(a) - rank(b) || a.purpose.localeCompare(b.purpose)), totals };
}

export interface MonthReport {
  month: string;
  lines: CountLine[];
  totals: MonthTotals;
  rows: MessageRow[];
  page: number;
  hasNext: boolean;
}

/** An office's messages of a month: the counts, and a page of the list they count. */
export async function monthReport(db: Executor, officeId: number, month: string, page: number): Promise<MonthReport> {
  const { from, to } = monthBounds(month);
  const [counts, rows] = await Promise.all([
    countsBetween(db, officeId, from, to),
    messagesBetween(db, officeId, from, to, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
  ]);
  return { month, ...countLines(counts), rows: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE };
}
