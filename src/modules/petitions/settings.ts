import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import { officeScope, readSetting, writeSetting } from '../../platform/settings.js';

/** Petition rules of one office (DOMAIN.md defaults). */
export const petitionSettingsSchema = z
  .object({
    /** days the citizen has to confirm the e-mail before the message is dropped */
    confirmDays: z.number().int().min(1).max(14).default(3),
    limits: z
      .object({
        simple: z.number().int().min(1).max(30).default(3),
        several: z.number().int().min(1).max(30).default(5),
        complex: z.number().int().min(1).max(30).default(30),
      })
      .prefault({}),
    /** days after the reply during which the citizen may rate it */
    rateDays: z.number().int().min(1).max(30).default(7),
    /** a rating at or below this opens a follow-up for the supervisor */
    lowScore: z.number().int().min(1).max(4).default(2),
    /** working days a citizen's follow-up may wait before it becomes a follow-up task */
    followupDays: z.number().int().min(1).max(10).default(3),
    /** working days after the breach before the director is shown it too */
    directorAfterDays: z.number().int().min(0).max(10).default(2),
  })
  .prefault({});
export type PetitionSettings = z.infer<typeof petitionSettingsSchema>;

export function readPetitionSettings(db: Executor, officeId: number): Promise<PetitionSettings> {
  return readSetting(db, officeScope(officeId), 'petitions', petitionSettingsSchema);
}

export function writePetitionSettings(db: Executor, officeId: number, value: PetitionSettings, by: number | null, now: Date) {
  return writeSetting(db, officeScope(officeId), 'petitions', petitionSettingsSchema.parse(value), by, now);
}
