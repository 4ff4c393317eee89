import type { Executor } from '../../db/index.js';

export interface ProcedureText {
  title: string;
  steps: string;
  checks: string;
  mistakes: string;
  basis: string;
}

export interface RulingText {
  number: string;
  issuedOn: string;
  issuer: string;
  subject: string;
  body: string;
  tags: string[];
  links: string[];
}

// ---- procedures -----------------------------------------------------------------

export function procedures(db: Executor, officeIds: number[]) {
  let q = db.selectFrom('manual_procedure').selectAll();
  q = officeIds.length ? q.where((eb) => eb.or([eb('office_id', 'is', null), eb('office_id', 'in', officeIds)])) : q.where('office_id', 'is', null);
  return q.orderBy('guide_code').orderBy('office_id').execute();
}

export const allProcedures = (db: Executor) => db.selectFrom('manual_procedure').selectAll().execute();

export const procedureById = (db: Executor, id: number) => db.selectFrom('manual_procedure').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertProcedure(db: Executor, p: { officeId: number | null; code: string; at: string } & ProcedureText): Promise<number> {
  const row = await db
    .insertInto('manual_procedure')
    .values({ office_id: p.officeId, scope: p.officeId === null ? 'county' : String(p.officeId), guide_code: p.code, title: p.title, steps: p.steps, checks: p.checks, mistakes: p.mistakes, basis: p.basis, revision: 1, created_at: p.at, updated_at: p.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The next revision, only if nobody saved meanwhile: the affected-row count decides. */
export async function bumpProcedure(db: Executor, id: number, from: number, t: ProcedureText, at: string): Promise<boolean> {
  const r = await db.updateTable('manual_procedure').set({ ...t, revision: from + 1, updated_at: at }).where('id', '=', id).where('revision', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertProcedureRev(db: Executor, id: number, revision: number, t: ProcedureText, by: number | null, at: string): Promise<void> {
  await db.insertInto('manual_procedure_rev').values({ procedure_id: id, revision, ...t, saved_by: by, saved_at: at }).execute();
}

export const procedureRevs = (db: Executor, id: number) => db.selectFrom('manual_procedure_rev').selectAll().where('procedure_id', '=', id).orderBy('revision', 'desc').execute();

// ---- rulings ---------------------------------------------------------------------

export const rulings = (db: Executor) => db.selectFrom('manual_ruling').selectAll().orderBy('issued_on', 'desc').orderBy('id', 'desc').execute();

export const rulingById = (db: Executor, id: number) => db.selectFrom('manual_ruling').selectAll().where('id', '=', id).executeTakeFirst();

const rulingColumns = (t: RulingText) => ({ number: t.number, issued_on: t.issuedOn, issuer: t.issuer, subject: t.subject, body: t.body, tags: JSON.stringify(t.tags), links: JSON.stringify(t.links) });

export async function insertRuling(db: Executor, t: RulingText, by: number | null, at: string): Promise<number> {
  const row = await db
    .insertInto('manual_ruling')
    .values({ ...rulingColumns(t), revision: 1, created_by: by, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function bumpRuling(db: Executor, id: number, from: number, t: RulingText, at: string): Promise<boolean> {
  const r = await db.updateTable('manual_ruling').set({ ...rulingColumns(t), revision: from + 1, updated_at: at }).where('id', '=', id).where('revision', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertRulingRev(db: Executor, id: number, revision: number, t: RulingText, by: number | null, at: string): Promise<void> {
  await db.insertInto('manual_ruling_rev').values({ ruling_id: id, revision, ...rulingColumns(t), saved_by: by, saved_at: at }).execute();
}

export const rulingRevs = (db: Executor, id: number) => db.selectFrom('manual_ruling_rev').selectAll().where('ruling_id', '=', id).orderBy('revision', 'desc').execute();

// ---- attachments -----------------------------------------------------------------

export async function insertAttachment(db: Executor, rulingId: number, f: { name: string; mime: string; bytes: Uint8Array }, by: number | null, at: string): Promise<void> {
  await db.insertInto('manual_attachment').values({ ruling_id: rulingId, file_name: f.name, file_mime: f.mime, file_size: f.bytes.length, file: f.bytes, created_by: by, created_at: at }).execute();
}

export const attachmentsOf = (db: Executor, rulingId: number) => db.selectFrom('manual_attachment').select(['id', 'file_name', 'file_size', 'created_at']).where('ruling_id', '=', rulingId).orderBy('id').execute();

export const attachmentFile = (db: Executor, id: number) => db.selectFrom('manual_attachment').select(['file', 'file_name', 'file_mime']).where('id', '=', id).executeTakeFirst();

// ---- what changed ------------------------------------------------------------------

export const rulingsCreatedIn = (db: Executor, start: string, end: string) =>
  db.selectFrom('manual_ruling').select(['id', 'number', 'subject', 'issuer', 'created_at']).where('created_at', '>=', start).where('created_at', '<', end).execute();

export const procedureRevsIn = (db: Executor, start: string, end: string) =>
  db
    .selectFrom('manual_procedure_rev as r')
    .innerJoin('manual_procedure as p', 'p.id', 'r.procedure_id')
    .select(['r.procedure_id', 'r.revision', 'r.title', 'r.saved_at', 'r.saved_by', 'p.guide_code', 'p.office_id'])
    .where('r.saved_at', '>=', start)
    .where('r.saved_at', '<', end)
    .execute();
