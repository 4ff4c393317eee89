import type { Executor } from '../../db/index.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import { parseDefinition } from './definition.js';

export const SERVICE_DEFINITION = `# 服務品質 | Service
* scale courtesy 承辦人員的服務態度 | Courtesy of the staff
* scale speed 辦理速度 | Speed of service
* scale clarity 說明清楚易懂 | Clear explanations
# 環境 | Premises
* scale wait 等候時間合理 | Reasonable waiting time
scale facilities 環境整潔與設施 | Cleanliness and facilities
single heard 您如何得知要帶的文件 | How you knew what to bring = 本所網站|Our website ; 電話詢問|By phone ; 親友告知|Friends or family ; 現場才知道|Only here
text other 其他建議 | Other suggestions`;

export const STAFF_DEFINITION = `# 工作環境 | Workplace
* scale workload 工作量合理 | Reasonable workload
* scale support 主管支持 | Support from supervisors
* scale training 教育訓練 | Training
text other 其他建議 | Other suggestions`;

/**
 * The county's satisfaction questionnaire and staff survey, and, for the
 * demo only, a year of synthetic answers so the director's report has
 * something to show (fixed seed: the same figures every time).
 */
export async function seedSurveys(trx: Executor, countyId: number, offices: Record<string, number>, now: Date, answers = 900): Promise<void> {
  const iso = now.toISOString();
  const make = async (kind: string, zh: string, en: string, def: string) => {
    const parsed = parseDefinition(def);
    if (!parsed.ok) throw new Error('seed questionnaire does not parse');
    const s = await trx.insertInto('survey').values({ office_id: null, county_id: countyId, kind, title_zh: zh, title_en: en, status: 'open', min_group: 5, current_version_id: null, created_at: iso, updated_at: iso }).returning('id').executeTakeFirstOrThrow();
    const v = await trx.insertInto('survey_version').values({ survey_id: s.id, version: 1, definition: def, questions: JSON.stringify(parsed.value), created_at: iso, created_by: null }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('survey').set({ current_version_id: v.id }).where('id', '=', s.id).execute();
    return { surveyId: s.id, versionId: v.id };
  };
  const service = await make('service', '民眾服務滿意度調查', 'Service satisfaction survey', SERVICE_DEFINITION);
  await make('staff', '員工內部滿意度調查', 'Staff satisfaction survey', STAFF_DEFINITION);
  let x = 20261125;
  const rand = () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)] as T;
  const today = taipeiToday(now);
  const codes = ['registration', 'id-card', 'transcript', 'nationality'];
  const officeIds = Object.values(offices);
  // built in memory, written in chunks: a demo start or a test should not wait on thousands of round trips
  for (let done = 0; done < answers; done += 200) {
    const batch = Array.from({ length: Math.min(200, answers - done) }, () => {
      const day = addDays(today, -Math.floor(rand() * 365));
      const wait = Math.floor(rand() * rand() * 45);
      const base = wait > 25 ? 3 : 4; // long waits pull scores down, as they do
      const scores = ['courtesy', 'speed', 'clarity', 'wait', 'facilities'].map((q) => ({ q, score: Math.max(1, Math.min(5, base + Math.round((rand() - 0.35) * 2))) }));
      const heard = pick(['1', '2', '3', '4']);
      const comment = rand() < 0.08 ? pick(['希望增加櫃台窗口', '等候時間太長', '服務人員很親切', '停車位不足', '網站資料很清楚']) : null;
      return {
        row: {
          survey_id: service.surveyId,
          version_id: service.versionId,
          office_id: pick(officeIds),
          channel: pick(['kiosk', 'kiosk', 'web', 'ticket']),
          visit_hash: null,
          service_code: pick(codes),
          counter_number: 1 + Math.floor(rand() * 3),
          wait_minutes: wait,
          gender: pick(['female', 'female', 'male', 'male', 'none', 'other']),
          age_band: pick(['20s', '30s', '40s', '50s', '60_64', '65plus']),
          identity: pick(['general', 'general', 'general', 'indigenous', 'new_immigrant']),
          day,
          created_at: new Date(`${day}T10:00:00+08:00`).toISOString(),
        },
        scores,
        heard,
        comment,
      };
    });
    const ids = await trx.insertInto('survey_response').values(batch.map((b) => b.row)).returning('id').execute();
    const answerRows = batch.flatMap((b, i) => {
      const id = ids[i]?.id ?? 0;
      return [
        ...b.scores.map((x) => ({ response_id: id, question: x.q, score: x.score, choice: null, text: null })),
        { response_id: id, question: 'heard', score: null, choice: b.heard, text: null },
        ...(b.comment ? [{ response_id: id, question: 'other', score: null, choice: null, text: b.comment }] : []),
      ];
    });
    await trx.insertInto('survey_answer').values(answerRows).execute();
  }
}
