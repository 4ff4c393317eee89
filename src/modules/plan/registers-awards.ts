import { z } from 'zod';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { type EvidenceFile, saveEvidence } from './files.js';
import { FIRST_YEAR, freeText, optionalPastDate, requiredText } from './registers-common.js';

/**
 * 獎項殊榮: awards the office entered and how they ended (won, not won), each
 * with its evidence file (the certificate, the announcement).
 */
export const AWARD_STATES = ['entered', 'won', 'not_won'] as const;
export type AwardState = (typeof AWARD_STATES)[number];
export const NAME_MAX = 200;
export const BODY_MAX = 100;
export const NOTE_MAX = 2000;

export const awardSchema = (today: () => IsoDate) =>
  z
    .object({
      year: z.preprocess(
        (v) => (typeof v === 'string' ? v.normalize('NFKC').trim() : v),
        z
          .string({ error: 'err.required' })
          .min(1, 'err.required')
          .regex(/^\d{4}$/, 'plan.reg.award.err.year')
          .transform(Number)
          .refine((y) => y >= FIRST_YEAR && y <= Number(today().slice(0, 4)) + 1, 'plan.reg.award.err.year'),
      ),
      name: requiredText(NAME_MAX),
      awardedBy: requiredText(BODY_MAX),
      state: z.enum(AWARD_STATES, { error: 'err.choice' }),
      decidedOn: optionalPastDate(today),
      note: freeText(NOTE_MAX),
    })
    .superRefine((d, ctx) => {
      if (d.state !== 'entered' && !d.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'plan.reg.award.err.decidedOn' });
      if (d.state === 'entered' && d.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'plan.reg.award.err.notDecided' });
    });
export type AwardInput = z.output<ReturnType<typeof awardSchema>>;

export interface AwardRow {
  id: number;
  officeId: number;
  year: number;
  name: string;
  awardedBy: string;
  state: AwardState;
  decidedOn: IsoDate | null;
  note: string;
  fileId: number | null;
  filename: string | null;
}

type Office = { id: number; countyId: number };
const asState = (s: string): AwardState => ((AWARD_STATES as readonly string[]).includes(s) ? (s as AwardState) : 'entered');

const columns = (d: AwardInput) => ({ year: d.year, name: d.name, awarded_by: d.awardedBy, state: d.state, decided_on: d.decidedOn ?? null, note: d.note });

const base = (db: Executor) =>
  db
    .selectFrom('plan_award as a')
    .leftJoin('plan_file as f', 'f.id', 'a.file_id')
    .select(['a.id', 'a.office_id', 'a.year', 'a.name', 'a.awarded_by', 'a.state', 'a.decided_on', 'a.note', 'a.file_id', 'f.filename']);
type DbRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
const toRow = (r: DbRow): AwardRow => ({
  id: r.id,
  officeId: r.office_id,
  year: r.year,
  name: r.name,
  awardedBy: r.awarded_by,
  state: asState(r.state),
  decidedOn: r.decided_on,
  note: r.note,
  fileId: r.file_id,
  filename: r.filename ?? null,
});

export async function awardsOf(db: Executor, officeId: number, year: number): Promise<AwardRow[]> {
  return (await base(db).where('a.office_id', '=', officeId).where('a.year', '=', year).orderBy('a.id').execute()).map(toRow);
}

export async function awardById(db: Executor, id: number): Promise<AwardRow | null> {
  const r = await base(db).where('a.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : null;
}

/** A new award, or (id given) a change to one; a file sent replaces the evidence, none keeps it. */
export async function saveAward(database: Database, id: number | null, office: Office, d: AwardInput, file: EvidenceFile | null, actor: StaffPrincipal, ip: string | null, now: Date): Promise<number> {
  return writeTransaction(database, async (trx) => {
    const fileId = file ? await saveEvidence(trx, { countyId: office.countyId, officeId: office.id }, file, actor.id, now) : null;
    let awardId: number;
    if (id === null) {
      const r = await trx
        .insertInto('plan_award')
        .values({ office_id: office.id, ...columns(d), file_id: fileId, created_by: actor.id, created_at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      awardId = r.id;
    } else {
      const r = await trx
        .updateTable('plan_award')
        .set({ ...columns(d), ...(fileId !== null ? { file_id: fileId } : {}) })
        .where('id', '=', id)
        .where('office_id', '=', office.id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('not_found', 'error.notFound.title');
      awardId = id;
    }
    await recordAudit(
      trx,
      { actor, action: id === null ? 'plan.award.record' : 'plan.award.update', target: { type: 'plan_award', id: awardId }, officeId: office.id, countyId: office.countyId, detail: { year: d.year, state: d.state, decidedOn: d.decidedOn ?? null, fileId }, ip },
      now,
    );
    return awardId;
  });
}
