import { type Database, type Executor, isUniqueViolation, writeTransaction } from '../../db/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { instantRange } from '../../platform/figures/index.js';
import { staffDirectory } from '../staff/index.js';
import { type DiffLine, diffLines, lastDay, parseList, type ProcedureInput, type RulingInput } from './model.js';
import * as repo from './repo.js';

/** The unique 字號 refused: shown beside the number field. */
export const duplicateNumber = () => new AppError('conflict', 'manual.err.duplicate');
export const savedMeanwhile = () => new AppError('conflict', 'manual.err.savedMeanwhile');

const procText = (i: ProcedureInput): repo.ProcedureText => ({ title: i.title, steps: i.steps, checks: i.checks, mistakes: i.mistakes, basis: i.basis });

/** A new procedure (revision 1) or the next revision; every save writes its revision row in the same transaction. */
export async function saveProcedure(database: Database, id: number | null, officeId: number | null, input: ProcedureInput, by: StaffPrincipal | null, now: Date): Promise<number> {
  const at = now.toISOString();
  const t = procText(input);
  try {
    return await writeTransaction(database, async (trx) => {
      if (id === null) {
        const pid = await repo.insertProcedure(trx, { officeId, code: input.guideCode, at, ...t });
        await repo.insertProcedureRev(trx, pid, 1, t, by?.id ?? null, at);
        return pid;
      }
      const current = await repo.procedureById(trx, id);
      if (!current) throw new AppError('not_found', 'error.notFound.title');
      const from = input.revision ?? current.revision;
      if (!(await repo.bumpProcedure(trx, id, from, t, at))) throw savedMeanwhile();
      await repo.insertProcedureRev(trx, id, from + 1, t, by?.id ?? null, at);
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'manual.err.procedureExists');
    throw err;
  }
}

export interface Attachment {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

/** A new ruling or its next revision, with an optional attachment, all in one transaction. A 字號 already used is refused by the unique index. */
export async function saveRuling(database: Database, id: number | null, input: RulingInput, file: Attachment | null, by: StaffPrincipal | null, now: Date): Promise<number> {
  const at = now.toISOString();
  const t: repo.RulingText = { number: input.number, issuedOn: input.issuedOn, issuer: input.issuer, subject: input.subject, body: input.body, tags: input.tags, links: input.links };
  const who = by?.id ?? null;
  try {
    return await writeTransaction(database, async (trx) => {
      let rid = id;
      if (rid === null) {
        rid = await repo.insertRuling(trx, t, who, at);
        await repo.insertRulingRev(trx, rid, 1, t, who, at);
      } else {
        const current = await repo.rulingById(trx, rid);
        if (!current) throw new AppError('not_found', 'error.notFound.title');
        const from = input.revision ?? current.revision;
        if (!(await repo.bumpRuling(trx, rid, from, t, at))) throw savedMeanwhile();
        await repo.insertRulingRev(trx, rid, from + 1, t, who, at);
      }
      if (file) await repo.insertAttachment(trx, rid, file, who, at);
      return rid;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateNumber();
    throw err;
  }
}

export interface Ruling {
  id: number;
  number: string;
  issuedOn: string;
  issuer: string;
  subject: string;
  body: string;
  tags: string[];
  links: string[];
  revision: number;
  createdAt: string;
  updatedAt: string;
}

const toRuling = (r: NonNullable<Awaited<ReturnType<typeof repo.rulingById>>>): Ruling => ({
  id: r.id,
  number: r.number,
  issuedOn: r.issued_on,
  issuer: r.issuer,
  subject: r.subject,
  body: r.body,
  tags: parseList(r.tags),
  links: parseList(r.links),
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** One ruling by id, or null (the law quiz links its questions here). */
export async function findRuling(db: Executor, id: number): Promise<Ruling | null> {
  const r = await repo.rulingById(db, id);
  return r ? toRuling(r) : null;
}

/** Every ruling, newest issue date first; optionally those with a tag or from an issuing body. */
export async function listRulings(db: Executor, filter: { tag?: string | null; issuer?: string | null } = {}): Promise<Ruling[]> {
  return (await repo.rulings(db)).map(toRuling).filter((r) => (!filter.tag || r.tags.includes(filter.tag)) && (!filter.issuer || r.issuer === filter.issuer));
}

export interface Revision {
  revision: number;
  savedAt: string;
  savedBy: string | null;
  /** per field, lines removed and added against the revision before (the first: everything added) */
  changes: { field: string; lines: DiffLine[] }[];
}

/** Revisions, newest first, each with what changed against the one before it. */
export async function revisionsWithDiffs<T extends { revision: number; saved_at: string; saved_by: number | null }>(db: Executor, revs: T[], fieldsOf: (r: T) => Record<string, string>): Promise<Revision[]> {
  const names = await staffDirectory.staffNames(db, revs.map((r) => r.saved_by));
  return revs.map((r, i) => {
    const before = revs[i + 1];
    const now = fieldsOf(r);
    const then = before ? fieldsOf(before) : {};
    const changes = Object.entries(now)
      .filter(([k, v]) => (then[k] ?? '') !== v)
      .map(([field, v]) => ({ field, lines: diffLines(then[field] ?? '', v).filter((l) => l.op !== 'same' || before === undefined) }));
    return { revision: r.revision, savedAt: r.saved_at, savedBy: r.saved_by === null ? null : (names.get(r.saved_by) ?? null), changes };
  });
}

export interface ChangeItem {
  kind: 'ruling' | 'procedure';
  at: string;
  href: string;
  label: string;
  revision: number;
}

/** Rulings added and procedure revisions saved in a month (Taipei days), newest first; office versions only of the offices given. */
export async function changesIn(db: Executor, month: string, officeIds: number[]): Promise<ChangeItem[]> {
  const { start, end } = instantRange(`${month}-01`, lastDay(month));
  const [rulings, revs] = await Promise.all([repo.rulingsCreatedIn(db, start, end), repo.procedureRevsIn(db, start, end)]);
  const items: ChangeItem[] = [
    ...rulings.map((r) => ({ kind: 'ruling' as const, at: r.created_at, href: `/staff/manual/rulings/${r.id}`, label: `${r.number}　${r.subject}`, revision: 1 })),
    ...revs
      .filter((r) => r.office_id === null || officeIds.includes(r.office_id))
      .map((r) => ({ kind: 'procedure' as const, at: r.saved_at, href: `/staff/manual/procedures/${r.procedure_id}/revisions`, label: r.title, revision: r.revision })),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.kind.localeCompare(b.kind)));
}
