import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { parseDefinition } from './definition.js';
import { genderTable } from './gender.js';
import { byQuestion, byWait, keywords, trend } from './report.js';
import { fromDistribution, growth, quarterOf, summarize, wilson } from './stats.js';

describe('survey arithmetic, checked by hand', () => {
  it('gives the Wilson 95% interval', () => {
    // p = 0.8, n = 10: centre (0.8 + 0.19208) / 1.38416 = 0.71676, half 0.22659
    const w = wilson(8, 10)!;
    expect(w.low).toBeCloseTo(0.4902, 3);
    expect(w.high).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(10, 10)!.high).toBe(1);
  });

  it('summarizes a 5-point question: share of 4–5, interval, mean, distribution', () => {
    const s = summarize([5, 5, 4, 4, 4, 3, 2, 5, 4, 1]);
    expect(s).toMatchObject({ n: 10, satisfied: 7, rate: 70, mean: 3.7, distribution: [1, 1, 1, 4, 3] });
    expect([s.low, s.high]).toEqual([39.7, 89.2]);
    expect(growth(72.5, 70)).toBe(2.5);
    expect(growth(70, null)).toBeNull();
    expect(quarterOf('2026-11-25')).toBe('2026-Q4');
  });

  it('reads a questionnaire written as lines, and says which line is wrong', () => {
    const ok = parseDefinition('# 服務 | Service\n* scale courtesy 態度 | Courtesy\nsingle heard 如何得知 | How = 網站|Web ; 親友|Friends\ntext other 建議');
    expect(ok.ok && ok.value.questions.map((q) => [q.key, q.type, q.required, q.options.length])).toEqual([
      ['courtesy', 'scale', true, 0],
      ['heard', 'single', false, 2],
      ['other', 'text', false, 0],
    ]);
    const bad = parseDefinition('scale courtesy 態度\nrating x 題目\nsingle one 只有一個 = 甲\nscale courtesy 重複');
    expect(!bad.ok && bad.errors).toEqual([
      { line: 2, key: 'surveys.def.type' },
      { line: 3, key: 'surveys.def.options' },
      { line: 4, key: 'surveys.def.duplicate' },
    ]);
  });

  it('finds the words people repeat in comments', () => {
    expect(keywords(['等候時間太長', '等候時間可以再短', '櫃台人員親切'], 2).map((k) => k.word)).toEqual(['時間', '等候']);
  });
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] survey reports on a fixed data set`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let surveyId = 0;
    let versionId = 0;
    let offices: number[] = [];
    const now = new Date('2026-11-25T02:00:00Z');
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const db = t.database.db;
      offices = (await db.selectFrom('office').select('id').orderBy('id').execute()).map((o) => o.id);
      const def = '* scale a 甲 | A\n* scale b 乙 | B\ntext c 意見 | Comment';
      const parsed = parseDefinition(def);
      if (!parsed.ok) throw new Error('bad');
      const s = await db.insertInto('survey').values({ office_id: null, county_id: 1, kind: 'courtesy', title_zh: '測試', title_en: 'Test', status: 'open', min_group: 5, current_version_id: null, created_at: now.toISOString(), updated_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
      const v = await db.insertInto('survey_version').values({ survey_id: s.id, version: 1, definition: def, questions: JSON.stringify(parsed.value), created_at: now.toISOString(), created_by: null }).returning('id').executeTakeFirstOrThrow();
      surveyId = s.id;
      versionId = v.id;
      // the data set: [day, gender, service, wait, score a, score b]
      const rows: [string, string | null, string, number, number, number][] = [
        ['2025-10-10', 'female', 'registration', 3, 5, 4],
        ['2026-07-05', 'female', 'registration', 4, 4, 4],
        ['2026-07-06', 'male', 'registration', 20, 2, 3],
        ['2026-08-01', 'female', 'id-card', 10, 5, 5],
        ['2026-10-02', 'female', 'registration', 2, 5, 5],
        ['2026-10-03', 'male', 'registration', 40, 1, 2],
        ['2026-10-04', 'male', 'id-card', 12, 4, 3],
        ['2026-11-05', 'female', 'id-card', 6, 4, 4],
        ['2026-11-06', null, 'registration', 33, 3, 2],
      ];
      for (const [day, gender, service, wait, a, b] of rows) {
        const r = await db
          .insertInto('survey_response')
          .values({ survey_id: surveyId, version_id: versionId, office_id: offices[0]!, channel: 'kiosk', visit_hash: null, service_code: service, counter_number: 1, wait_minutes: wait, gender, age_band: null, identity: null, day, created_at: `${day}T02:00:00.000Z` })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('survey_answer')
          .values([
            { response_id: r.id, question: 'a', score: a, choice: null, text: null },
            { response_id: r.id, question: 'b', score: b, choice: null, text: null },
          ])
          .execute();
      }
    });
    afterAll(async () => t?.dispose());

    const filter = () => ({ surveyId, officeIds: offices, from: '2026-01-01', to: '2026-12-31' });

    it('per question and pooled: rates, intervals and means match the hand count', async () => {
      const { overall, questions } = await byQuestion(t.database.db, filter());
      // question a in 2026: 4,2,5,5,1,4,4,3 → satisfied 5 of 8
      expect(questions.get('a')).toMatchObject({ n: 8, satisfied: 5, rate: 62.5, mean: 3.5 });
      // b: 4,3,5,5,2,3,4,2 → satisfied 4 of 8
      expect(questions.get('b')).toMatchObject({ n: 8, satisfied: 4, rate: 50, mean: 3.5 });
      expect(overall).toMatchObject({ n: 16, satisfied: 9, rate: 56.3 });
      expect([overall.low, overall.high]).toEqual([33.2, 76.9]);
    });

    it('trends by month and quarter, with growth on the period before and the year before', async () => {
      const { months, quarters } = await trend(t.database.db, filter());
      const q = Object.fromEntries(quarters.map((p) => [p.period, p]));
      // Q3: 4,4,2,3,5,5 → 4 of 6 = 66.7 %; Q4: 5,5,1,2,4,3,4,4,3,2 → 5 of 10 = 50 %
      expect(q['2026-Q3']?.summary.rate).toBe(66.7);
      expect(q['2026-Q4']?.summary.rate).toBe(50);
      expect(q['2026-Q4']?.vsPrevious).toBe(-16.7);
      // Q4 2025 had one response, 5 and 4: 100 %
      expect(q['2026-Q4']?.vsLastYear).toBe(-50);
      expect(months.find((m) => m.period === '2026-11')?.summary).toMatchObject({ n: 4, satisfied: 2 });
    });

    it('builds the quarterly gender table, with counts and a summary', async () => {
      const g = await genderTable(t.database.db, { surveyId, officeIds: offices }, '2026-Q4', (c) => c, (k, p) => `${k}${p ? JSON.stringify(p) : ''}`);
      const reg = g.byService.find((r) => r.key === 'registration')!;
      expect(reg.cells.female).toMatchObject({ n: 2, satisfied: 2, rate: 100 });
      expect(reg.cells.male).toMatchObject({ n: 2, satisfied: 0, rate: 0 });
      expect(reg.cells['']).toMatchObject({ n: 2, satisfied: 0 });
      expect(g.totals.female).toMatchObject({ n: 4, satisfied: 4 });
      expect(g.totals.male).toMatchObject({ n: 4, satisfied: 1, rate: 25 });
      expect(g.responses).toBe(5);
      expect(g.summary.join()).toContain('"gap":75');
    });

    it('shows satisfaction against minutes waited', async () => {
      const bands = Object.fromEntries((await byWait(t.database.db, filter())).map((b) => [b.band, b.summary]));
      expect(bands['0-5']).toMatchObject(fromDistribution([0, 0, 0, 2, 2]));
      expect(bands['31+']).toMatchObject({ n: 4, satisfied: 0 });
    });
  });

  describeOn(kind)(`[${kind}] collecting answers`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const now = new Date('2026-11-25T02:00:00Z');
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    const answers = { courtesy: '5', speed: '4', clarity: '4', wait: '3', gender: 'female', age: '30s' };

    it('takes one answer per visit from a served ticket, tied to its service, counter and wait', async () => {
      const db = t.database.db;
      const office = await db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      const svc = await db.selectFrom('service').select('id').where('office_id', '=', office.id).where('code', '=', 'registration').executeTakeFirstOrThrow();
      const counter = await db.selectFrom('counter').select('id').where('office_id', '=', office.id).where('number', '=', 3).executeTakeFirstOrThrow();
      const iso = now.toISOString();
      await db
        .insertInto('ticket')
        .values({ office_id: office.id, service_id: svc.id, day: '2026-11-25', prefix: 'A', number: 901, label: 'A901', priority: 0, channel: 'kiosk', status: 'done', code: 'visitcode-for-survey', counter_id: counter.id, staff_id: null, issued_at: iso, queue_at: iso, called_at: iso, last_called_at: iso, target_counter_id: null, started_at: iso, finished_at: iso, recall_count: 0, transfer_count: 0, waited_ms: 12 * 60_000, served_ms: 300_000, booking_id: null })
        .execute();
      const a = new Agent(t.app);
      const page = await a.get('/s/t/visitcode-for-survey');
      expect(page.body).toContain('不會記錄您的身分');
      const form = { _csrf: csrfOf(page.body), channel: 'ticket', v: 'visitcode-for-survey', ...answers };
      expect((await a.post('/o/zhubei/survey', form, {}, '10.3.0.1')).statusCode).toBe(200);
      const again = await a.post('/o/zhubei/survey', form, {}, '10.3.0.2');
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('已經填過問卷');
      expect((await a.get('/s/t/visitcode-for-survey')).statusCode).toBe(409);
      const r = await db.selectFrom('survey_response').selectAll().where('visit_hash', 'is not', null).executeTakeFirstOrThrow();
      expect([r.service_code, r.counter_number, r.wait_minutes, r.gender]).toEqual(['registration', 3, 12, 'female']);
      expect(Object.values(r).join(' ')).not.toContain('visitcode-for-survey');
      expect((await a.get('/s/t/not-a-real-ticket-code')).statusCode).toBe(404);
    });

    it('explains a missing required answer; throttles open links but not the counter tablet', async () => {
      const a = new Agent(t.app);
      const token = csrfOf((await a.get('/o/zhubei/survey')).body);
      const missing = await a.post('/o/zhubei/survey', { _csrf: token, channel: 'web', courtesy: '5' }, {}, '10.4.0.1');
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('請回答這一題');
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await a.post('/o/zhubei/survey', { _csrf: token, channel: 'web', ...answers }, {}, '10.4.0.9')).statusCode);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(codes[5]).toBe(429);
      const s = new Agent(t.app);
      await s.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const kioskUrl = /href="(\/o\/zhubei\/survey\/kiosk\?k=[^"]+)"/.exec((await s.get('/staff/surveys')).body)?.[1]?.replace(/&amp;/g, '&') ?? '';
      const kiosk = new Agent(t.app);
      const kp = await kiosk.get(kioskUrl);
      const k = new URL(kioskUrl, 'http://x').searchParams.get('k') ?? '';
      for (let i = 0; i < 8; i++) expect((await kiosk.post('/o/zhubei/survey', { _csrf: csrfOf(kp.body), channel: 'kiosk', k, ...answers }, {}, '10.4.0.10')).statusCode).toBe(200);
      expect((await kiosk.get('/o/zhubei/survey/kiosk?k=wrong')).statusCode).toBe(403);
    });

    it('keeps staff answers anonymous: nothing is shown below the minimum group', async () => {
      const staffSurvey = await t.database.db.selectFrom('survey').select('id').where('kind', '=', 'staff').executeTakeFirstOrThrow();
      const users = ['clerk.zhubei', 'supervisor.zhubei', 'director.zhubei'];
      for (const u of users) {
        const a = new Agent(t.app);
        await a.signIn(u, DEMO_PASSWORD);
        const page = await a.get(`/staff/surveys/${staffSurvey.id}/answer`);
        expect((await a.post(`/staff/surveys/${staffSurvey.id}/answer`, { _csrf: csrfOf(page.body), workload: '2', support: '4', training: '3', other: '人力不足' })).statusCode).toBe(303);
      }
      const rows = await t.database.db.selectFrom('survey_response').selectAll().where('survey_id', '=', staffSurvey.id).execute();
      expect(rows).toHaveLength(3);
      const d = new Agent(t.app);
      await d.signIn('director.zhubei', DEMO_PASSWORD);
      const report = await d.get(`/staff/surveys/${staffSurvey.id}/report`);
      expect(report.body).toContain('樣本不足，為保護匿名不顯示');
      expect(report.body).not.toContain('人力不足');
    });
  });
}
