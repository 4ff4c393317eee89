import { writeTransaction } from '../../db/index.js';
import { burnPasswordTime, verifyPassword } from '../../platform/auth/password.js';
import { AppError } from '../../platform/errors.js';
import type { PetitionDeps } from './deps.js';
import { calendarFor, scheduleFollowupCheck } from './escalation.js';
import * as repo from './repo.js';
import { readPetitionSettings } from './settings.js';

/**
 * Case number and password, as on the e-mail. A wrong number and a wrong
 * password get the same answer, and both cost an argon2 check.
 */
export async function findByNumber(deps: PetitionDeps, number: string, password: string): Promise<repo.PetitionRow | null> {
  const p = await repo.petitionByNumber(deps.database.db, number.trim().toUpperCase());
  if (!p?.password_hash) {
    await burnPasswordTime(password);
    return null;
  }
  return (await verifyPassword(p.password_hash, password)) ? p : null;
}

export function canRate(p: repo.PetitionRow, now: Date): boolean {
  return (p.status === 'replied' || p.status === 'closed') && p.rating === null && p.rate_until !== null && now.toISOString() < p.rate_until;
}

/** The satisfaction question after the reply; a low score opens a follow-up for the supervisor. */
export async function rate(deps: PetitionDeps, p: repo.PetitionRow, score: number, comment: string | null): Promise<void> {
  const now = deps.clock();
  if (!canRate(p, now)) throw new AppError('conflict', p.rating !== null ? 'petitions.err.rated' : 'petitions.err.rateClosed');
  const settings = await readPetitionSettings(deps.database.db, p.office_id);
  await writeTransaction(deps.database, async (trx) => {
    if (!(await repo.setRating(trx, p.id, { rating: score, rating_comment: comment, rated_at: now.toISOString() }))) throw new AppError('conflict', 'petitions.err.rated');
    await repo.addEvent(trx, { petition_id: p.id, at: now.toISOString(), kind: 'rated', public: false, text: `${score}${comment ? ` ${comment}` : ''}` });
    if (score <= settings.lowScore) {
      await repo.insertFollowup(trx, { petition_id: p.id, office_id: p.office_id, reason: 'low_score', created_at: now.toISOString() });
    }
  });
}

/** The citizen writes back after the reply (while it can still be rated); unanswered, it becomes a follow-up. */
export async function citizenFollowup(deps: PetitionDeps, p: repo.PetitionRow, text: string): Promise<void> {
  const now = deps.clock();
  if (!canRate(p, now) && !(p.status === 'replied' && p.rate_until && now.toISOString() < p.rate_until)) throw new AppError('conflict', 'petitions.err.rateClosed');
  const settings = await readPetitionSettings(deps.database.db, p.office_id);
  const cal = await calendarFor(deps.database.db, p.office_id);
  await writeTransaction(deps.database, async (trx) => {
    await repo.addEvent(trx, { petition_id: p.id, at: now.toISOString(), kind: 'citizen_followup', public: true, text });
    await scheduleFollowupCheck(trx, p, now.toISOString(), cal, settings, now);
  });
}
