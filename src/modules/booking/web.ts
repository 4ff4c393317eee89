import { createHash } from 'node:crypto';
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { BookingServiceTable } from '../../db/schema.js';
import { normalizeIdNumber } from '../../platform/identity/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AppServices } from '../../platform/module.js';
import type { BookingDeps } from './deps.js';
import type { ServiceView } from './views/choose.js';

export interface BookingWeb {
  deps(req: FastifyRequest): BookingDeps;
  perIp: RateLimitOptions;
  perId: RateLimitOptions;
}

export function bookingWeb(s: AppServices): BookingWeb {
  return {
    deps: (req) => ({
      database: s.database,
      vault: s.vault,
      clock: s.clock,
      events: s.events,
      baseUrl: s.config.publicBaseUrl,
    }),
    perIp: { max: s.config.bookingLimits.perIpPerMinute, timeWindow: '1 minute' },
    perId: {
      max: s.config.bookingLimits.perIdPerHour,
      timeWindow: '1 hour',
      // keyed by a hash of the ID number in the form, so one person cannot be booked over and over from many addresses
      keyGenerator: (req) => {
        const id = (req.body as Record<string, unknown> | undefined)?.idNumber;
        return typeof id === 'string' && id ? `id:${createHash('sha256').update(normalizeIdNumber(id)).digest('hex').slice(0, 32)}` : `ip:${req.ip}`;
      },
    },
  };
}

type ServiceRow = Omit<BookingServiceTable, 'id'> & { id: number };

export function serviceView(row: ServiceRow, locale: Locale): ServiceView {
  const en = locale === 'en';
  return {
    code: row.code,
    kind: row.kind,
    name: en ? row.name_en : row.name_zh,
    desc: en ? row.desc_en : row.desc_zh,
    documents: (JSON.parse(row.documents) as { zh: string; en: string }[]).map((d) => (en ? d.en : d.zh)),
    inPerson: en ? row.in_person_en : row.in_person_zh,
    parties: row.parties,
    slotMinutes: row.slot_minutes,
    minDays: row.min_days,
    minWorkingDays: row.min_working_days === 1,
    maxDays: row.max_days,
    cutoff: row.cutoff,
  };
}
