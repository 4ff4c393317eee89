import { type Database, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { type EvidenceFile, saveEvidence } from './files.js';
import { type Measure, type Plan, readPlanRow } from './model.js';
import * as repo from './plan-repo.js';

/**
 * A hand-entered measure's value for a month, with a note and an evidence
 * file (佐證資料). One value per month: entering a month again replaces it
 * (and keeps the earlier file when no new one comes). A value is the
 * year's work, not a change to the plan: no revision, an audit entry. The
 * first entry of a month needs its evidence; a closed plan takes none.
 */
export interface HandInput {
  month: string;
  value: number;
  note: string;
  file: EvidenceFile | null;
}

/** The months a value may be entered for: January of the plan's year up to this month (none for a year not begun). */
export function handMonths(year: number, now: Date): string[] {
  const thisMonth = taipeiToday(now).slice(0, 7);
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const key = `${year}-${String(m).padStart(2, '0')}`;
    if (key <= thisMonth) out.push(key);
  }
  return out;
}

const fieldError = (field: string, key: string) => new AppError('validation', key, { fields: [{ field, key }] });

export async function saveHandValue(database: Database, plan: Plan, measure: Measure, input: HandInput, staff: StaffPrincipal, ip: string | null, now: Date): Promise<void> {
  if (measure.indicatorKey !== null) throw new AppError('not_found', 'error.notFound.title');
  if (!handMonths(plan.year, now).includes(input.month)) throw fieldError('month', 'err.choice');
  await writeTransaction(database, async (trx) => {
    const current = await readPlanRow(trx, plan.id);
    if (!current) throw new AppError('not_found', 'error.notFound.title');
    if (current.state === 'closed') throw new AppError('conflict', 'plan.err.closed');
    const before = await repo.handValueOf(trx, measure.id, input.month);
    if (!before && !input.file) throw fieldError('file', 'plan.err.evidenceRequired');
    const fileId = input.file ? await saveEvidence(trx, { countyId: plan.countyId, officeId: plan.officeId }, input.file, staff.id, now) : (before?.file_id ?? null);
    await repo.putHandValue(trx, { measure_id: measure.id, month: input.month, value: input.value, note: input.note, file_id: fileId, entered_by: staff.id, entered_at: now.toISOString() });
    await recordAudit(
      trx,
      {
        actor: staff,
        action: 'plan.hand.save',
        target: { type: 'plan_measure', id: measure.id },
        officeId: plan.officeId,
        countyId: plan.countyId,
        detail: { plan: plan.id, month: input.month, value: input.value, ...(before ? { replaced: Number(before.value) } : {}), ...(input.file ? { file: fileId } : {}) },
        ip,
      },
      now,
    );
  });
}
