import { createHmac } from 'node:crypto';
import type { Executor } from '../../db/index.js';
import { writeTransaction, type Database } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { parseDefinition, type Questionnaire } from './definition.js';
import * as repo from './repo.js';

export type SurveyRow = NonNullable<Awaited<ReturnType<typeof surveyById>>>;

export const surveyById = repo.surveyById;

/** The open questionnaire of a kind for an office: its own first, else the county's (which makes peers comparable). */
export async function openSurveyFor(db: Executor, office: { id: number; countyId: number }, kind: string) {
  const rows = await repo.openSurveys(db, office, kind);
  return rows.find((r) => r.office_id === office.id) ?? rows[0];
}

export async function currentVersion(db: Executor, s: SurveyRow): Promise<{ id: number; version: number; q: Questionnaire; definition: string }> {
  const v = s.current_version_id ? await repo.versionById(db, s.current_version_id) : undefined;
  if (!v) throw new AppError('not_found', 'surveys.err.noVersion');
  return { id: v.id, version: v.version, q: JSON.parse(v.questions) as Questionnaire, definition: v.definition };
}

/**
 * Saves the questionnaire as a new version when the text changed: answers
 * already given keep pointing at the version they answered.
 */
export async function saveSurvey(
  database: Database,
  input: { id: number | null; officeId: number | null; countyId: number; kind: string; titleZh: string; titleEn: string; status: string; minGroup: number; definition: string },
  staff: StaffPrincipal,
  ip: string | null,
  now: Date,
): Promise<number> {
  const parsed = parseDefinition(input.definition);
  if (!parsed.ok) {
    throw new AppError('validation', 'surveys.def.invalid', { fields: parsed.errors.map((e) => ({ field: 'definition', key: e.key, params: { line: e.line } })) });
  }
  return writeTransaction(database, async (trx) => {
    const iso = now.toISOString();
    let id = input.id;
    if (id === null) {
      id = await repo.insertSurvey(trx, { office_id: input.officeId, county_id: input.countyId, kind: input.kind, title_zh: input.titleZh, title_en: input.titleEn, status: input.status, min_group: input.minGroup, current_version_id: null, created_at: iso, updated_at: iso });
    } else {
      await repo.updateSurvey(trx, id, { title_zh: input.titleZh, title_en: input.titleEn, status: input.status, min_group: input.minGroup, updated_at: iso });
    }
    const last = await repo.lastVersion(trx, id);
    if (!last || last.definition !== input.definition) {
      const versionId = await repo.insertVersion(trx, { survey_id: id, version: (last?.version ?? 0) + 1, definition: input.definition, questions: JSON.stringify(parsed.value), created_at: iso, created_by: staff.id });
      await repo.updateSurvey(trx, id, { current_version_id: versionId });
    }
    await recordAudit(trx, { actor: staff, action: 'survey.save', target: { type: 'survey', id }, officeId: input.officeId, detail: { status: input.status }, ip }, now);
    return id;
  });
}

/** The tablet at the counter is opened with this key: it answers without the per-address limit. */
export function kioskKey(secret: string, officeId: number): string {
  return createHmac('sha256', secret).update(`survey-kiosk:${officeId}`).digest('base64url').slice(0, 22);
}
