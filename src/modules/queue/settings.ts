import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import { officeScope, readSetting, writeSetting } from '../../platform/settings.js';

/**
 * Queue rules of one office. Every value has a default that works for a
 * typical office; the supervisor changes them on the settings page.
 */
export const priorityRuleSchema = z.discriminatedUnion('mode', [
  /** a priority ticket counts as if it had waited `minutes` longer */
  z.object({ mode: z.literal('weight'), minutes: z.number().int().min(0).max(240) }),
  /** every n-th call of a counter takes a priority ticket when one waits */
  z.object({ mode: z.literal('every_n'), n: z.number().int().min(1).max(20) }),
]);
export type PriorityRule = z.infer<typeof priorityRuleSchema>;

export const queueSettingsSchema = z
  .object({
    priorityRule: priorityRuleSchema.default({ mode: 'weight', minutes: 15 }),
    /** service code → most tickets a day (kiosk and phone together) */
    dailyCap: z.record(z.string(), z.number().int().positive()).default({}),
    remoteEnabled: z.boolean().default(true),
    /** service code → most phone tickets a day */
    remoteCap: z.record(z.string(), z.number().int().positive()).default({}),
    /** stop issuing this many minutes before closing */
    stopIssuingMinutesBeforeClose: z.number().int().min(0).max(240).default(0),
    recallMinSeconds: z.number().int().min(0).max(600).default(30),
    /** used for estimates until the day has its own service times */
    defaultServiceMinutes: z.number().min(1).max(120).default(6),
    peak: z
      .object({ waiting: z.number().int().min(1).default(15), oldestMinutes: z.number().int().min(1).default(30) })
      .prefault({}),
    /** usernames alerted at a peak besides supervisors */
    supportStaff: z.array(z.string()).default([]),
    marqueeZh: z.string().max(500).default(''),
    marqueeEn: z.string().max(500).default(''),
    /** board announces in Mandarin, and in English too when on */
    announceEnglish: z.boolean().default(false),
  })
  .prefault({});
export type QueueSettings = z.infer<typeof queueSettingsSchema>;

export function readQueueSettings(db: Executor, officeId: number): Promise<QueueSettings> {
  return readSetting(db, officeScope(officeId), 'queue', queueSettingsSchema);
}

export function writeQueueSettings(db: Executor, officeId: number, value: QueueSettings, by: number | null, now: Date) {
  return writeSetting(db, officeScope(officeId), 'queue', queueSettingsSchema.parse(value), by, now);
}
