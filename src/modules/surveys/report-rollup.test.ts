import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { addTo, partsOf, type Tally } from '../../platform/figures/index.js';
import { translator } from '../../platform/i18n/index.js';
import { rangePeriod, rebuild, talliesFor } from '../figures/index.js';
import { officesService } from '../offices/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { parseDefinition } from './definition.js';
import { byColumn, type ReportFilter, responseCount } from './report.js';
import { groupsOf, reportFigures } from './report-rollup.js';
import { buildReport } from './report-view.js';
import { DIMS, type Dim } from './rollup.js';
import { surveyById } from './service.js';
import { fromDistribution } from './stats.js';

/**
 * The director's report read from the roll-up must say what the raw tables
 * say, figure for figure. 400 varied questionnaires over two years and
 * both demo offices (a fixed sequence, so every run is the same), every profile
 * field sometimes left blank, some questions skipped; the roll-up rebuilt;
 * then answers arrive that it has not seen: today's, and one about an
 * earlier visit.
 */
type Row = {
  day: string;
  office: 'zhubei' | 'jianshi';
  channel: string;
  service: string | null;
  counter: number | null;
  wait: number | null;
  gender: string | null;
  age: string | null;
  identity: string | null;
  scores: (number | null)[];
  heard: string | null;
  createdAt?: string;
};

function varied(count: number): Row[] {
  let x = 424242;
  const rand = () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)] as T;
  const start = Date.UTC(2024, 9, 1); // 2024-10-01 … 2026-11-24
  return Array.from({ length: count }, () => ({
    day: new Date(start + Math.floor(rand() * 785) * 86_400_000).toISOString().slice(0, 10),
    office: pick(['zhubei', 'zhubei', 'jianshi'] as const),
    channel: pick(['kiosk', 'web', 'ticket', 'booking']),
    service: pick([null, 'registration', 'id-card', 'transcript']),
    counter: pick([null, 1, 2, 3, 12]),
    wait: rand() < 0.2 ? null : Math.floor(rand() * 45),
    gender: pick([null, 'female', 'male', 'other', 'none']),
    age: pick([null, '20s', '30s', '40s', '65plus']),
    identity: pick([null, 'general', 'general', 'indigenous', 'new_immigrant']),
    scores: [0, 1, 2].map(() => (rand() < 0.15 ? null : 1 + Math.floor(rand() * 5))),
    heard: rand() < 0.3 ? null : pick(['1', '2', '3']),
  }));
}

const NOW = new Date('2026-11-25T02:00:00Z'); // 10:00 in Taipei: today is 2026-11-25
const JUST_NOW = '2026-11-25T01:59:00.000Z';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the survey report from the roll-up`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let surveyId = 0;
    let versionId = 0;
    let office: Record<string, number> = {};
    let county: number[] = [];
    const ours = () => [office.zhubei!, office.jianshi!];

    async function insert(rows: Row[]) {
      const db = t.database.db;
      const ids = await db
        .insertInto('survey_response')
        .values(
          rows.map((r) => ({
            survey_id: surveyId,
            version_id: versionId,
            office_id: office[r.office]!,
            channel: r.channel,
            visit_hash: null,
            service_code: r.service,
            counter_number: r.counter,
            wait_minutes: r.wait,
            gender: r.gender,
            age_band: r.age,
            identity: r.identity,
            day: r.day,
            created_at: r.createdAt ?? `${r.day}T02:00:00.000Z`,
          })),
        )
        .returning('id')
        .execute();
      const answers = rows.flatMap((r, i) => {
        const id = ids[i]!.id;
        return [
          ...r.scores.flatMap((score, q) => (score === null ? [] : [{ response_id: id, question: ['a', 'b', 'c'][q]!, score, choice: null, text: null }])),
          ...(r.heard ? [{ response_id: id, question: 'heard', score: null, choice: r.heard, text: null }] : []),
          { response_id: id, question: 'other', score: null, choice: null, text: '謝謝' },
        ];
      });
      await db.insertInto('survey_answer').values(answers).execute();
    }

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      const db = t.database.db;
      office = Object.fromEntries((await db.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
      const c = await db.selectFrom('county').select('id').executeTakeFirstOrThrow();
      county = (await db.selectFrom('office').select('id').where('county_id', '=', c.id).execute()).map((o) => o.id);
      const def = '* scale a 甲 | A\n* scale b 乙 | B\nscale c 丙 | C\nsingle heard 得知 | Heard = 網站|Web ; 電話|Phone ; 親友|Friends\ntext other 意見 | Comment';
      const parsed = parseDefinition(def);
      if (!parsed.ok) throw new Error('bad definition');
      const iso = NOW.toISOString();
      const s = await db.insertInto('survey').values({ office_id: null, county_id: c.id, kind: 'courtesy', title_zh: '彙總測試', title_en: 'Roll-up', status: 'open', min_group: 1, current_version_id: null, created_at: iso, updated_at: iso }).returning('id').executeTakeFirstOrThrow();
      const v = await db.insertInto('survey_version').values({ survey_id: s.id, version: 1, definition: def, questions: JSON.stringify(parsed.value), created_at: iso, created_by: null }).returning('id').executeTakeFirstOrThrow();
      await db.updateTable('survey').set({ current_version_id: v.id }).where('id', '=', s.id).execute();
      surveyId = s.id;
      versionId = v.id;
      await insert(varied(400));
      // two of today's, stored before the roll-up below runs (it will have today's day row too)
      await insert([
        { day: '2026-11-25', office: 'zhubei', channel: 'kiosk', service: 'registration', counter: 1, wait: 3, gender: 'female', age: '30s', identity: 'general', scores: [5, 4, 5], heard: '1', createdAt: '2026-11-25T00:30:00.000Z' },
        { day: '2026-11-25', office: 'jianshi', channel: 'ticket', service: 'id-card', counter: 2, wait: 20, gender: 'male', age: '40s', identity: null, scores: [2, 3, null], heard: null, createdAt: '2026-11-25T00:40:00.000Z' },
      ]);
    });
    afterAll(async () => t?.dispose());

    const filter = (from: string, to: string, officeIds = ours()): ReportFilter => ({ surveyId, officeIds, from, to });
    const both = async (f: ReportFilter) => {
      const rolled = await reportFigures(t.database.db, f, { now: NOW, peerOffices: county });
      const raw = await reportFigures(t.database.db, f, { now: NOW, peerOffices: county, raw: true });
      return { rolled, raw };
    };
    // the last year (today included), dates that cut months in half (all past), a leap day, a single office, dates running into next month
    const RANGES: [from: string, to: string, oneOffice: boolean][] = [
      ['2025-11-25', '2026-11-25', false],
      ['2025-08-15', '2026-10-20', false],
      ['2024-02-29', '2026-11-25', false],
      ['2026-01-01', '2026-12-31', false],
      ['2026-03-10', '2026-11-25', true],
    ];
    const rangeFilter = ([from, to, one]: (typeof RANGES)[number]) => filter(from, to, one ? [office.jianshi!] : ours());

    it('reads the raw tables while there is no roll-up yet', async () => {
      const { rolled } = await both(filter('2025-11-25', '2026-11-25'));
      expect(rolled.source).toBe('raw');
    });

    it('after a rebuild, gives every figure the raw tables give: per question, breakdowns, choices, trends with growth, counts, peers', async () => {
      await rebuild(t.database, '2024-10-01', '2026-11-25', NOW);
      for (const r of RANGES) {
        const { rolled, raw } = await both(rangeFilter(r));
        expect(rolled.source).toBe('rollup');
        expect(raw.source).toBe('raw');
        expect({ ...rolled, source: 'raw' }).toEqual(raw);
        // and in the same order, as the page lists them
        expect([...rolled.byService.keys()]).toEqual([...raw.byService.keys()]);
        expect(rolled.trend.months.map((m) => m.period)).toEqual(raw.trend.months.map((m) => m.period));
      }
      // the data set reaches every kind of row: skipped questions, blank profiles, no wait, growth on both comparisons
      const { rolled } = await both(rangeFilter(RANGES[0]!));
      expect(rolled.responses).toBeGreaterThan(150);
      expect(rolled.byService.has('')).toBe(true);
      expect(rolled.byWait.at(-1)?.band).toBe('none');
      expect(rolled.trend.months.every((m) => m.vsPrevious !== null && m.vsLastYear !== null)).toBe(true);
      expect(rolled.choices.get('heard')?.size).toBe(3);
    });

    it('has a tally for every breakdown dimension that matches its raw GROUP BY', async () => {
      const f = filter('2025-08-15', '2026-10-20');
      const per = await talliesFor(t.database.db, f.officeIds, rangePeriod(f.from, f.to));
      const total: Tally = {};
      for (const tally of per.values()) addTo(total, partsOf(tally, `s.v.${surveyId}.`));
      for (const [dim, column] of Object.entries(DIMS) as [Dim, (typeof DIMS)[Dim]][]) {
        if (column === 'wait') continue; // the wait bands: compared through byWait above
        const raw = await byColumn(t.database.db, f, column);
        expect(Object.fromEntries(groupsOf(total, dim))).toEqual(Object.fromEntries(raw));
      }
      expect(total.n).toBe(await responseCount(t.database.db, f));
    });

    it('counts answers the roll-up has not seen: today’s, and a late one about an earlier visit', async () => {
      const f = filter('2025-11-25', '2026-11-25');
      const before = await reportFigures(t.database.db, f, { now: NOW, peerOffices: county });
      await insert([
        { day: '2026-11-25', office: 'zhubei', channel: 'kiosk', service: 'registration', counter: 1, wait: 8, gender: 'female', age: '20s', identity: 'general', scores: [4, 4, 4], heard: '2', createdAt: JUST_NOW },
        { day: '2026-11-25', office: 'jianshi', channel: 'web', service: null, counter: null, wait: null, gender: null, age: null, identity: null, scores: [1, null, 2], heard: null, createdAt: JUST_NOW },
        { day: '2026-11-25', office: 'zhubei', channel: 'kiosk', service: 'transcript', counter: 3, wait: 40, gender: 'other', age: '65plus', identity: 'indigenous', scores: [3, 3, 3], heard: '3', createdAt: JUST_NOW },
        // a visit on 11-20 answered just now: the roll-up's 11-20 is out of date until the job runs
        { day: '2026-11-20', office: 'jianshi', channel: 'ticket', service: 'id-card', counter: 2, wait: 12, gender: 'male', age: '30s', identity: 'general', scores: [5, 5, 5], heard: '1', createdAt: JUST_NOW },
      ]);
      const { rolled, raw } = await both(f);
      expect(rolled.source).toBe('rollup');
      expect({ ...rolled, source: 'raw' }).toEqual(raw);
      // by hand: 4 more questionnaires, 3+2+3+3 = 11 more scale answers, 3+0+0+3 = 6 of them 4–5
      expect(rolled.responses - before.responses).toBe(4);
      expect(rolled.perQuestion.overall.n - before.perQuestion.overall.n).toBe(11);
      expect(rolled.perQuestion.overall.satisfied - before.perQuestion.overall.satisfied).toBe(6);
      const nov = (x: typeof rolled) => x.trend.months.find((m) => m.period === '2026-11')?.summary.responses ?? 0;
      expect(nov(rolled) - nov(before)).toBe(4);
      expect((rolled.byService.get('transcript')?.responses ?? 0) - (before.byService.get('transcript')?.responses ?? 0)).toBe(1);
      const atOffice = (x: typeof rolled, code: string) => x.byOffice?.get(String(office[code]))?.responses ?? 0;
      expect([atOffice(rolled, 'zhubei') - atOffice(before, 'zhubei'), atOffice(rolled, 'jianshi') - atOffice(before, 'jianshi')]).toEqual([2, 2]);
      // the roll-up itself has none of them: the raw tables gave them
      const day = await talliesFor(t.database.db, ours(), rangePeriod('2026-11-20', '2026-11-20'));
      expect(day.get(office.jianshi!)?.[`s.v.${surveyId}.q.a.5`] ?? 0).toBe(
        (await t.database.db.selectFrom('survey_answer as a').innerJoin('survey_response as r', 'r.id', 'a.response_id').select((eb) => eb.fn.countAll<number>().as('n')).where('r.survey_id', '=', surveyId).where('r.day', '=', '2026-11-20').where('r.office_id', '=', office.jianshi!).where('a.question', '=', 'a').where('a.score', '=', 5).where('r.created_at', '<', JUST_NOW).executeTakeFirstOrThrow().then((x) => Number(x.n))),
      );
    });

    it('a filtered report reads the raw tables, and its figures agree with the roll-up’s breakdown', async () => {
      const f = filter('2025-11-25', '2026-11-25');
      const whole = await reportFigures(t.database.db, f, { now: NOW });
      for (const code of ['registration', 'id-card', 'transcript']) {
        const one = await reportFigures(t.database.db, { ...f, service: code }, { now: NOW });
        expect(one.source).toBe('raw');
        expect(one.responses).toBe(whole.byService.get(code)?.responses);
        expect(one.perQuestion.overall).toEqual(fromDistribution(whole.byService.get(code)!.distribution));
        expect(one).toEqual(await reportFigures(t.database.db, { ...f, service: code }, { now: NOW, raw: true }));
      }
      const women = await reportFigures(t.database.db, { ...f, gender: 'female' }, { now: NOW });
      expect(women.source).toBe('raw');
      expect(women.responses).toBeLessThan(whole.responses);
    });

    it('the page and its download show the same report either way', async () => {
      const db = t.database.db;
      const survey = (await surveyById(db, surveyId))!;
      const offices = await officesService.listOfficeInfos(db, 'zh-Hant');
      const req = { query: { from: '2025-08-15', to: '2026-11-25' }, locale: 'zh-Hant', t: translator('zh-Hant') } as unknown as FastifyRequest;
      const rolled = await buildReport(db, survey, offices, req, NOW);
      expect(rolled).toEqual(await buildReport(db, survey, offices, req, NOW, { raw: true }));
      // every questionnaire here has one comment: the 30 shown are those of the 30 newest questionnaires in the dates
      const newest = await db.selectFrom('survey_response').select('id').where('survey_id', '=', surveyId).where('day', '>=', '2025-08-15').where('day', '<=', '2026-11-25').orderBy('id', 'desc').limit(30).execute();
      expect(rolled.comments.map((c) => c.id)).toEqual(newest.map((r) => r.id));
      const a = new Agent(t.app);
      await a.signIn('county', DEMO_PASSWORD);
      const page = await a.get(`/staff/surveys/${surveyId}/report?from=2025-08-15&to=2026-11-25`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<dt>回覆份數</dt><dd>${rolled.responses}</dd>`);
    });
  });
}
