import iconv from 'iconv-lite';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { CalendarDay } from './office-calendar.js';
import { isIsoDate, weekday } from './roc.js';

/**
 * The government office calendar (中華民國政府行政機關辦公日曆表) CSV:
 * `西元日期,星期,是否放假,備註`, one row a day, 是否放假 0 = working, 2 = off.
 * Newer files are UTF-8 with BOM, older ones Big5.
 */
const HEADER = ['西元日期', '星期', '是否放假', '備註'];
const WEEKDAY_CHARS = ['日', '一', '二', '三', '四', '五', '六'];

function decode(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'big5' } {
  const buf = Buffer.from(bytes);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'big5'), encoding: 'big5' };
  }
}

function cells(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
}

const rowSchema = z.tuple([
  z.string().regex(/^\d{8}$/, '西元日期 must be 8 digits (YYYYMMDD)'),
  z.string(),
  z.enum(['0', '2'], { error: '是否放假 must be 0 or 2' }),
  z.string(),
]);

export function parseGovCalendarCsv(bytes: Uint8Array): { year: number; days: CalendarDay[]; encoding: 'utf-8' | 'big5' } {
  const { text, encoding } = decode(bytes);
  const lines = text.split(/\r?\n/);
  const header = cells(lines[0] ?? '').slice(0, 4);
  if (header.join(',') !== HEADER.join(',')) throw new AppError('validation', 'err.calendar.csvHeader');
  const days: CalendarDay[] = [];
  let year: number | null = null;
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const fail = (reason: string) => {
      throw new AppError('validation', 'err.calendar.csvRow', { params: { line: i + 1, reason } });
    };
    const raw = cells(line);
    while (raw.length < 4) raw.push('');
    const parsed = rowSchema.safeParse(raw.slice(0, 4));
    if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'invalid row');
    const [ymd, , off, note] = parsed.data;
    const date = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
    if (!isIsoDate(date)) return fail(`${ymd} is not a real date`);
    const y = Number(ymd.slice(0, 4));
    if (year === null) year = y;
    if (y !== year) return fail(`${ymd} is not in ${year}: one year per file`);
    if (seen.has(date)) return fail(`${ymd} appears twice`);
    seen.add(date);
    days.push({ date, off: off === '2', note });
  }
  if (year === null) throw new AppError('validation', 'err.calendar.csvRow', { params: { line: 2, reason: 'no days in the file' } });
  days.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { year, days, encoding };
}

/** Writes the official format: UTF-8 with BOM, CRLF. */
export function toGovCalendarCsv(days: CalendarDay[]): string {
  const rows = days.map((d) => `${d.date.replaceAll('-', '')},${WEEKDAY_CHARS[weekday(d.date)]},${d.off ? '2' : '0'},${d.note}`);
  return `\uFEFF${[HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}
