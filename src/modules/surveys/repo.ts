import type { Executor } from '../../db/index.js';
import type { PhoneTestTable, SurveyAnswerTable, SurveyResponseTable, SurveyTable, SurveyVersionTable } from '../../db/schema.js';

export function surveyById(db: Executor, id: number) {
  return db.selectFrom('survey').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Open questionnaires of a kind an office collects: its own and its county's. */
export function openSurveys(db: Executor, office: { id: number; countyId: number }, kind: string) {
  return db
    .selectFrom('survey')
    .selectAll()
    .where('kind', '=', kind)
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('office_id', '=', office.id), eb.and([eb('office_id', 'is', null), eb('county_id', '=', office.countyId)])]))
    .execute();
}

/** Questionnaires of these offices and their counties. */
export function surveysOf(db: Executor, officeIds: number[], countyIds: number[]) {
  return db
    .selectFrom('survey')
    .selectAll()
    .where((eb) => eb.or([eb('office_id', 'in', officeIds.length ? officeIds : [0]), eb.and([eb('office_id', 'is', null), eb('county_id', 'in', countyIds.length ? countyIds : [0])])]))
    .orderBy('kind')
    .execute();
}

export async function insertSurvey(db: Executor, row: Omit<SurveyTable, 'id'>): Promise<number> {
  return (await db.insertInto('survey').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateSurvey(db: Executor, id: number, set: Partial<Omit<SurveyTable, 'id'>>) {
  await db.updateTable('survey').set(set).where('id', '=', id).execute();
}

export function versionById(db: Executor, id: number) {
  return db.selectFrom('survey_version').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lastVersion(db: Executor, surveyId: number) {
  return db.selectFrom('survey_version').selectAll().where('survey_id', '=', surveyId).orderBy('version', 'desc').executeTakeFirst();
}

export async function insertVersion(db: Executor, row: Omit<SurveyVersionTable, 'id'>): Promise<number> {
  return (await db.insertInto('survey_version').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertResponse(db: Executor, row: Omit<SurveyResponseTable, 'id'>): Promise<number> {
  return (await db.insertInto('survey_response').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertAnswers(db: Executor, rows: SurveyAnswerTable[]) {
  if (rows.length) await db.insertInto('survey_answer').values(rows).execute();
}

export async function visitAnswered(db: Executor, visitHash: string): Promise<boolean> {
  return Boolean(await db.selectFrom('survey_response').select('id').where('visit_hash', '=', visitHash).executeTakeFirst());
}

export async function responseCountOf(db: Executor, surveyId: number, officeIds: number[]): Promise<number> {
  const r = await db.selectFrom('survey_response').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', surveyId).where('office_id', 'in', officeIds.length ? officeIds : [0]).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export function responseOf(db: Executor, surveyId: number, id: number) {
  return db.selectFrom('survey_response').selectAll().where('id', '=', id).where('survey_id', '=', surveyId).executeTakeFirst();
}

export async function commentsOf(db: Executor, responseId: number): Promise<string[]> {
  return (await db.selectFrom('survey_answer').select('text').where('response_id', '=', responseId).where('text', 'is not', null).execute()).map((x) => x.text ?? '');
}

export function phoneTests(db: Executor, officeIds: number[]) {
  return db.selectFrom('phone_test').selectAll().where('office_id', 'in', officeIds.length ? officeIds : [0]).orderBy('called_at', 'desc').limit(100).execute();
}

export async function insertPhoneTest(db: Executor, row: Omit<PhoneTestTable, 'id'>) {
  await db.insertInto('phone_test').values(row).execute();
}
