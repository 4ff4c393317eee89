import type { Database } from '../../db/index.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Vault } from '../../platform/identity/index.js';

export interface BookingDeps {
  database: Database;
  vault: Vault;
  clock: () => Date;
  events: EventBus;
  baseUrl: string;
}

export const REMINDER_JOB = 'booking.reminder';
export const LAPSE_JOB = 'booking.lapse';
