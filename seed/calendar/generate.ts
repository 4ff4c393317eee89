/**
 * Writes 2026.csv and 2027.csv in the official format of the government
 * office calendar. Run: npx tsx seed/calendar/generate.ts
 * Sources: README.md beside this file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eachDay, type CalendarDay, toGovCalendarCsv, weekday } from '../../src/platform/calendar/index.js';

const HOLIDAYS: Record<number, Record<string, string>> = {
  2026: {
    '2026-01-01': '開國紀念日',
    '2026-02-15': '小年夜',
    '2026-02-16': '農曆除夕',
    '2026-02-17': '春節',
    '2026-02-18': '春節',
    '2026-02-19': '春節',
    '2026-02-20': '補假',
    '2026-02-27': '補假',
    '2026-02-28': '和平紀念日',
    '2026-04-03': '補假',
    '2026-04-04': '兒童節',
    '2026-04-05': '民族掃墓節',
    '2026-04-06': '補假',
    '2026-05-01': '勞動節',
    '2026-06-19': '端午節',
    '2026-09-25': '中秋節',
    '2026-09-28': '孔子誕辰紀念日（教師節）',
    '2026-10-09': '補假',
    '2026-10-10': '國慶日',
    '2026-10-25': '臺灣光復暨金門古寧頭大捷紀念日',
    '2026-10-26': '補假',
    '2026-12-25': '行憲紀念日',
  },
  2027: {
    '2027-01-01': '開國紀念日',
    '2027-02-04': '小年夜',
    '2027-02-05': '農曆除夕',
    '2027-02-06': '春節',
    '2027-02-07': '春節',
    '2027-02-08': '春節',
    '2027-02-09': '補假',
    '2027-02-10': '補假',
    '2027-02-28': '和平紀念日',
    '2027-03-01': '補假',
    '2027-04-04': '兒童節',
    '2027-04-05': '民族掃墓節',
    '2027-04-06': '補假',
    '2027-04-30': '補假',
    '2027-05-01': '勞動節',
    '2027-06-09': '端午節',
    '2027-09-15': '中秋節',
    '2027-09-28': '孔子誕辰紀念日（教師節）',
    '2027-10-10': '國慶日',
    '2027-10-11': '補假',
    '2027-10-25': '臺灣光復暨金門古寧頭大捷紀念日',
    '2027-12-24': '補假',
    '2027-12-25': '行憲紀念日',
  },
};

/** 補行上班 (make-up working Saturdays): neither year has one. */
const MAKEUP: Record<number, Record<string, string>> = { 2026: {}, 2027: {} };

export function yearDays(year: number): CalendarDay[] {
  const holidays = HOLIDAYS[year] ?? {};
  const makeup = MAKEUP[year] ?? {};
  return eachDay(`${year}-01-01`, `${year}-12-31`).map((date) => {
    if (makeup[date]) return { date, off: false, note: makeup[date] };
    const note = holidays[date];
    const wd = weekday(date);
    return { date, off: note !== undefined || wd === 0 || wd === 6, note: note ?? '' };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  for (const year of [2026, 2027]) writeFileSync(path.join(dir, `${year}.csv`), toGovCalendarCsv(yearDays(year)));
  console.log('wrote 2026.csv, 2027.csv');
}
