import { z } from 'zod';
import { writeTransaction } from '../../db/index.js';
import type { JobHandlers } from '../../platform/module.js';
import { type BookingDeps, LAPSE_JOB, REMINDER_JOB } from './deps.js';
import { markNoShow } from './manage.js';
import { queueBookingMail } from './messages.js';
import * as repo from './repo.js';
import { readBookingSettings } from './settings.js';

const payload = z.object({ bookingId: z.number().int(), day: z.string(), starts: z.string() });

/** A job only acts if the booking is still where it was when the job was queued (not moved, not cancelled). */
async function stillAsQueued(deps: BookingDeps, raw: unknown) {
  const p = payload.parse(raw);
  const b = await repo.bookingById(deps.database.db, p.bookingId);
  return b && b.status === 'booked' && b.day === p.day && b.starts === p.starts ? b : null;
}

export function bookingJobs(deps: () => BookingDeps): JobHandlers {
  return {
    async [REMINDER_JOB](raw, ctx) {
      const d = deps();
      const b = await stillAsQueued(d, raw);
      if (!b) return;
      const service = await repo.serviceById(d.database.db, b.booking_service_id);
      if (service) await writeTransaction(d.database, (trx) => queueBookingMail(trx, { booking: b, service, kind: 'reminder', baseUrl: d.baseUrl, now: ctx.now }));
    },
    // more than the grace period late, and not checked in: the booking lapses as a no-show
    async [LAPSE_JOB](raw, ctx) {
      const d = deps();
      const b = await stillAsQueued(d, raw);
      if (!b) return;
      const settings = await readBookingSettings(d.database.db, b.office_id);
      await writeTransaction(d.database, (trx) => markNoShow(trx, b, settings, ctx.now, 'late'));
    },
  };
}
