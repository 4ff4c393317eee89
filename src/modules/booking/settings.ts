import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import { officeScope, readSetting, writeSetting } from '../../platform/settings.js';

/** Booking rules of one office (DOMAIN.md defaults); the supervisor changes them on the settings page. */
export const bookingSettingsSchema = z
  .object({
    onePerDay: z.boolean().default(true),
    /** later than this after the start: the booking lapses as a no-show */
    lateMinutes: z.number().int().min(0).max(120).default(15),
    /** check-in opens this long before the start */
    earlyMinutes: z.number().int().min(0).max(240).default(60),
    noShowLimit: z.number().int().min(1).max(20).default(3),
    suspendMonths: z.number().int().min(1).max(24).default(6),
    /** reminder e-mail at this hour (Taipei) the day before */
    reminderHour: z.number().int().min(0).max(23).default(9),
    /** proof-of-work on the booking step: never, on hot dates, or always */
    antiBot: z.enum(['off', 'hot', 'always']).default('hot'),
    /** MM-DD dates couples ask for (in addition to openings marked hot) */
    hotDates: z.array(z.string().regex(/^\d\d-\d\d$/)).default(['02-14', '02-22', '05-20', '05-21', '12-12']),
  })
  .prefault({});
export type BookingSettings = z.infer<typeof bookingSettingsSchema>;

export function readBookingSettings(db: Executor, officeId: number): Promise<BookingSettings> {
  return readSetting(db, officeScope(officeId), 'booking', bookingSettingsSchema);
}

export function writeBookingSettings(db: Executor, officeId: number, value: BookingSettings, by: number | null, now: Date) {
  return writeSetting(db, officeScope(officeId), 'booking', bookingSettingsSchema.parse(value), by, now);
}

export function isHotDay(settings: BookingSettings, day: string, openingHot: boolean): boolean {
  return openingHot || settings.hotDates.includes(day.slice(5));
}
