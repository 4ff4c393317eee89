import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { translator } from '../../platform/i18n/index.js';
import { officesService } from '../offices/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { parseDefinition } from './definition.js';
import { genderTable, lowestService } from './gender.js';
import { buildReport, reportSheets } from './report-view.js';
import { surveyById } from './service.js';

/**
 * Every breakdown of the survey report counts questionnaires, so each
 * one's 份數 column adds up to the header. The data set below is small
 * enough to count by hand; the report's dates cut two months in half
 * (2026-08-15 … 2026-11-20) so a partial first or last period is counted
 * only inside the dates.
 */
type Row = [day: string, office: 'zhubei' | 'jianshi', channel: string, service: string | null, wait: number | null, gender: string | null, scores: (number | null)[]];
const ROWS: Row[] = [
  ['2025-09-10', 'zhubei', 'kiosk', 'registration', 5, 'female', [3, 3, 3]], // a year earlier: comparison only
  ['2026-08-10', 'zhubei', 'kiosk', 'registration', 3, 'female', [5, 5, 5]], // before the dates, same month and quarter
  ['2026-08-20', 'zhubei', 'kiosk', 'registration', 4, 'female', [5, 4, 5]], // #2
  ['2026-09-02', 'zhubei', 'ticket', 'id-card', 12, 'male', [4, 4, null]], // #3 skipped the optional question
  ['2026-09-30', 'jianshi', 'booking', 'registration', 25, 'female', [2, 3, 3]], // #4
  ['2026-10-01', 'jianshi', 'web', null, null, null, [5, 5, 5]], // #5 open link: no service, no wait
  ['2026-10-15', 'zhubei', 'web', null, null, 'female', [null, null, null]], // #6 only a comment
  ['2026-11-03', 'jianshi', 'kiosk', 'id-card', 40, 'male', [1, 2, 2]], // #7
  ['2026-11-20', 'zhubei', 'kiosk', 'registration', 0, 'female', [4, 5, 4]], // #8
  ['2026-11-21', 'zhubei', 'kiosk', 'registration', 2, 'male', [3, 3, 3]], // after the dates
];
const FROM = '2026-08-15';
const TO = '2026-11-20';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The numbers in one column of the table with that caption, as the page shows them. */
function column(html: string, caption: string, index: number): string[] {
  const start = html.indexOf(`<caption>${caption}</caption>`);
  if (start < 0) throw new Error(`no table ${caption}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => [...(m[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1] ?? '')[index] ?? '');
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] survey report: every 份數 column counts questionnaires`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let surveyId = 0;
    const now = new Date('2026-11-25T02:00:00Z');
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const db = t.database.db;
      const offices = Object.fromEntries((await db.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
      const county = await db.selectFrom('county').select('id').executeTakeFirstOrThrow();
      const def = '* scale a 甲 | A\n* scale b 乙 | B\nscale c 丙 | C\ntext d 意見 | Comment';
      const parsed = parseDefinition(def);
      if (!parsed.ok) throw new Error('bad definition');
      const iso = now.toISOString();
      const s = await db.insertInto('survey').values({ office_id: null, county_id: county.id, kind: 'courtesy', title_zh: '計數測試', title_en: 'Counts', status: 'open', min_group: 1, current_version_id: null, created_at: iso, updated_at: iso }).returning('id').executeTakeFirstOrThrow();
      const v = await db.insertInto('survey_version').values({ survey_id: s.id, version: 1, definition: def, questions: JSON.stringify(parsed.value), created_at: iso, created_by: null }).returning('id').executeTakeFirstOrThrow();
      await db.updateTable('survey').set({ current_version_id: v.id }).where('id', '=', s.id).execute();
      surveyId = s.id;
      for (const [day, office, channel, service, wait, gender, scores] of ROWS) {
        const r = await db
          .insertInto('survey_response')
          .values({ survey_id: s.id, version_id: v.id, office_id: offices[office]!, channel, visit_hash: null, service_code: service, counter_number: null, wait_minutes: wait, gender, age_band: null, identity: null, day, created_at: `${day}T02:00:00.000Z` })
          .returning('id')
          .executeTakeFirstOrThrow();
        const answers = scores.flatMap((score, i) => (score === null ? [] : [{ response_id: r.id, question: ['a', 'b', 'c'][i]!, score, choice: null, text: null }]));
        await db
          .insertInto('survey_answer')
          .values([...answers, { response_id: r.id, question: 'd', score: null, choice: null, text: '謝謝' }])
          .execute();
      }
    });
    afterAll(async () => t?.dispose());

    async function report() {
      const db = t.database.db;
      const survey = (await surveyById(db, surveyId))!;
      const offices = await officesService.listOfficeInfos(db, 'zh-Hant');
      const t_ = translator('zh-Hant');
      // the county account's view: every office, the dates only
      const req = { query: { from: FROM, to: TO }, locale: 'zh-Hant', t: t_ } as unknown as FastifyRequest;
      return { r: await buildReport(db, survey, offices, req, now), t: t_ };
    }

    it('the header counts the 7 questionnaires inside the dates, and every breakdown adds up to 7', async () => {
      const { r } = await report();
      expect(r.responses).toBe(7);
      const per = (rows: { label: string; s: { responses: number } }[]) => Object.fromEntries(rows.map((x) => [x.label, x.s.responses]));
      // months: 08 #2 · 09 #3 #4 · 10 #5 #6 · 11 #7 #8 (08-10 and 11-21 are outside the dates)
      expect(r.months.map((p) => [p.period, p.summary.responses])).toEqual([
        ['2026-08', 1],
        ['2026-09', 2],
        ['2026-10', 2],
        ['2026-11', 2],
      ]);
      expect(r.quarters.map((p) => [p.period, p.summary.responses])).toEqual([
        ['2026-Q3', 3],
        ['2026-Q4', 4],
      ]);
      expect(per(r.byService)).toEqual({ 戶籍登記: 3, '身分證、戶口名簿': 2, 未連結業務: 2 });
      expect(per(r.byWait)).toEqual({ '0-5 分鐘': 2, '6-15 分鐘': 1, '16-30 分鐘': 1, '31+ 分鐘': 1, '無等候紀錄（線上填答）': 2 });
      expect(per(r.byChannel)).toEqual({ 櫃台平板: 3, 號碼牌連結: 1, 預約連結: 1, 網路: 2 });
      expect(per(r.peers ?? [])).toEqual({ 新竹縣竹北市戶政事務所: 4, 新竹縣尖石鄉戶政事務所: 3 });
      for (const rows of [r.months, r.quarters]) expect(sum(rows.map((p) => p.summary.responses))).toBe(r.responses);
      for (const rows of [r.byService, r.byWait, r.byChannel, r.peers ?? []]) expect(sum(rows.map((x) => x.s.responses))).toBe(r.responses);
      expect(r.countyAverage?.responses).toBe(7);
    });

    it('rates stay over answers, and the per-question table counts answers under a heading that says so', async () => {
      const { r, t: tr } = await report();
      // a: 5,4,2,5,1,4 · b: 4,4,3,5,2,5 · c: 5,3,5,2,4 → 17 answers, 11 of them 4–5
      expect(r.overall).toMatchObject({ n: 17, satisfied: 11 });
      expect(r.questions.map((x) => [x.q.key, x.s?.n])).toEqual([
        ['a', 6],
        ['b', 6],
        ['c', 5],
      ]);
      // Q3 inside the dates: #2 5,4,5 · #3 4,4 · #4 2,3,3 → 8 answers, 5 of them 4–5 (the 08-10 questionnaire is outside)
      expect(r.quarters[0]?.summary).toMatchObject({ n: 8, satisfied: 5, responses: 3 });
      // and against the whole of 2025-Q3 (3,3,3: 0 %): 62.5 − 0
      expect(r.quarters[0]?.vsLastYear).toBe(62.5);
      const sheets = reportSheets(r, tr);
      expect(sheets[0]?.headers[1]).toBe('作答數（題次，非份數）');
      for (const name of ['每月', '每季', '各業務', '等候時間與滿意度', '各填答管道', '同儕比較']) {
        const sheet = sheets.find((x) => x.name === name)!;
        expect(sheet.headers[1]).toBe('份數');
        expect(sum(sheet.rows.map((row) => Number(row[1])))).toBe(7);
      }
    });

    it('the page shows the same: each table’s 份數 column adds up to the header', async () => {
      const a = new Agent(t.app);
      await a.signIn('county', DEMO_PASSWORD);
      const page = await a.get(`/staff/surveys/${surveyId}/report?from=${FROM}&to=${TO}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/<dt>回覆份數<\/dt><dd>7<\/dd>/);
      expect(column(page.body, '每月', 1)).toEqual(['1', '2', '2', '2']);
      expect(column(page.body, '每季', 1)).toEqual(['3', '4']);
      expect(sum(column(page.body, '各業務', 1).map(Number))).toBe(7);
      expect(column(page.body, '等候時間與滿意度', 1)).toEqual(['2', '1', '1', '1', '2']);
      expect(sum(column(page.body, '各填答管道', 1).map(Number))).toBe(7);
      expect(sum(column(page.body, '同儕比較', 1).map(Number))).toBe(7);
      expect(page.body).toContain('<th scope="col" class="num">作答數（題次，非份數）</th>');
    });

    it('the quarterly gender table counts questionnaires too: its totals add up to the quarter’s', async () => {
      const tr = translator('zh-Hant');
      const offices = (await t.database.db.selectFrom('office').select('id').execute()).map((o) => o.id);
      const g = await genderTable(t.database.db, { surveyId, officeIds: offices }, '2026-Q4', (c) => c, tr);
      // 2026-Q4: #5 (no gender) #6 (female, comment only) #7 (male) #8 (female) and 11-21 (male)
      expect(g.responses).toBe(5);
      expect(Object.fromEntries(Object.entries(g.totals).map(([k, s]) => [k, s?.responses ?? 0]))).toEqual({ female: 2, male: 2, other: 0, none: 0, '': 1 });
      expect(g.totals.female).toMatchObject({ n: 3, satisfied: 3 });
    });
  });
}

describe('the gender summary names the lowest-rated service', () => {
  const g = (responses: number, n: number, satisfied: number) => ({ responses, n, satisfied, rate: null, low: null, high: null, mean: null, distribution: [0, 0, 0, 0, 0] as [number, number, number, number, number] });
  it('rates answers, not questionnaires, and skips services under ten questionnaires', () => {
    // 戶籍登記: 10 questionnaires × 3 scored answers, 27 satisfied = 90 % (not 270 %); 身分證: 12, 36 answers, 18 = 50 %; 印鑑: 4 questionnaires only
    const low = lowestService([
      { key: 'registration', cells: { female: g(6, 18, 16), male: g(4, 12, 11) } },
      { key: 'id-card', cells: { female: g(12, 36, 18) } },
      { key: 'seal', cells: { male: g(4, 12, 0) } },
    ]);
    expect(low).toEqual({ key: 'id-card', n: 12, rate: 50 });
    expect(lowestService([{ key: 'registration', cells: { female: g(10, 30, 27) } }])?.rate).toBe(90);
  });
});
