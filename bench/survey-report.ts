/**
 * bench/survey-report: a synthetic year of answers (default 100,000
 * questionnaires × 5 scale questions = 500,000 answers) for the county's
 * questionnaire; time the director's report page (buildReport: per
 * question with intervals, choices, monthly and quarterly trend with
 * growth, by service, channel and wait band, peers, comments) read two
 * ways: from the raw tables, and from the roll-up (days before today) plus
 * today's raw rows. Beside them, in the same run: the ceiling of the raw
 * way (the same aggregations as plain SQL strings) and the floor of the
 * roll-up way (reading its tallies alone); and the quarterly gender table,
 * which still reads the raw tables.
 *
 *   npx tsx bench/survey-report.ts [responses=100000] [sqlite|postgres]
 */
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { ROOT } from '../src/app.js';
import { openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { rangePeriod, rollupChanged, seriesFor } from '../src/modules/figures/index.js';
import { officesService } from '../src/modules/offices/index.js';
import { genderTable } from '../src/modules/surveys/gender.js';
import { reportFigures } from '../src/modules/surveys/report-rollup.js';
import { buildReport } from '../src/modules/surveys/report-view.js';
import { seedSurveys } from '../src/modules/surveys/seed-data.js';
import { surveyById } from '../src/modules/surveys/service.js';
import { translator } from '../src/platform/i18n/index.js';
import { createThrowawayPostgres } from '../test/databases.js';

const N = Number(process.argv[2] ?? 100_000);
const KIND = process.argv[3] === 'postgres' ? 'postgres' : 'sqlite';
const now = new Date('2026-11-25T02:00:00Z');

const throwaway = KIND === 'postgres' ? await createThrowawayPostgres() : null;
const file = `/tmp/huzheng-survey-bench-${process.pid}.sqlite`;
const database = throwaway ? openPostgres(throwaway.url, 4) : openSqlite(file);
await migrateToLatest(database);
await seedDemo(database, ROOT, now);
const county = await database.db.selectFrom('county').select('id').executeTakeFirstOrThrow();
const offices = Object.fromEntries((await database.db.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
await database.db.deleteFrom('survey_answer').execute();
await database.db.deleteFrom('survey_response').execute();
await database.db.deleteFrom('survey').where('kind', '=', 'service').execute().catch(() => undefined);

let t0 = performance.now();
await seedSurveys(database.db, county.id, offices, now, N);
const loadMs = performance.now() - t0;
// the planner's statistics, as autovacuum would have them by the time anyone reads a report (without them PostgreSQL guesses 1 row)
if (KIND === 'postgres') await sql`analyze`.execute(database.db);
const survey = await database.db.selectFrom('survey').select('id').where('kind', '=', 'service').orderBy('id', 'desc').executeTakeFirstOrThrow();
const answers = Number((await database.db.selectFrom('survey_answer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const f = { surveyId: survey.id, officeIds: Object.values(offices), from: '2025-11-26', to: '2026-11-25' };
const t = translator('zh-Hant');

t0 = performance.now();
// the job's first run: everything there is, rolled up, and its watermark set
await rollupChanged(database, now);
const rebuildMs = performance.now() - t0;
const monthRow = await sql<{ bytes: unknown; rows: unknown }>`select avg(length(data)) as bytes, count(*) as rows from figure_month`.execute(database.db);

const row = (await surveyById(database.db, survey.id))!;
const officeInfos = await officesService.listOfficeInfos(database.db, 'zh-Hant');
const req = { query: { from: f.from, to: f.to }, locale: 'zh-Hant', t } as unknown as FastifyRequest;
const page = (raw: boolean) => buildReport(database.db, row, officeInfos, req, now, { raw });
const gender = () => genderTable(database.db, { surveyId: f.surveyId, officeIds: f.officeIds }, '2026-Q3', (x) => x, t);

/**
 * The raw way's ceiling: the same grouped aggregations buildReport makes
 * from the raw tables, as plain SQL strings, no query builder, no folding,
 * one after another, with the report's filters (survey, offices, dates),
 * questionnaire counts per group included.
 */
async function ceiling() {
  const offices = sql.join(f.officeIds);
  const scope = sql`r.survey_id = ${f.surveyId} and r.office_id in (${offices})`;
  const where = sql`${scope} and r.day between ${f.from} and ${f.to} and a.score is not null`;
  const wide = sql`${scope} and r.day between ${'2024-11-26'} and ${f.to} and a.score is not null`;
  const people = sql`${scope} and r.day between ${f.from} and ${f.to}`;
  const from = sql`from survey_response r join survey_answer a on a.response_id = r.id`;
  const band = sql`case when r.wait_minutes is null then 0 when r.wait_minutes <= 5 then 1 when r.wait_minutes <= 15 then 2 when r.wait_minutes <= 30 then 3 else 4 end`;
  const steps = [
    sql`select count(*) as n from survey_response r where ${people}`,
    sql`select a.question, a.score, count(*) as n ${from} where ${where} group by a.question, a.score`,
    sql`select substr(r.day, 1, 7) as m, case when r.day >= ${f.from} then 1 else 0 end as inside, a.score, count(*) as n ${from} where ${wide} group by 1, 2, a.score`,
    sql`select substr(r.day, 1, 7) as m, count(*) as n from survey_response r where ${people} group by 1`,
    sql`select r.service_code, a.score, count(*) as n ${from} where ${where} group by r.service_code, a.score`,
    sql`select r.service_code, count(*) as n from survey_response r where ${people} group by r.service_code`,
    sql`select r.channel, a.score, count(*) as n ${from} where ${where} group by r.channel, a.score`,
    sql`select r.channel, count(*) as n from survey_response r where ${people} group by r.channel`,
    sql`select ${band} as b, a.score, count(*) as n ${from} where ${where} group by 1, a.score`,
    sql`select ${band} as b, count(*) as n from survey_response r where ${people} group by 1`,
    sql`select a.question, a.choice, count(*) as n ${from} where ${people} and a.choice is not null group by a.question, a.choice`,
    sql`select r.office_id, a.score, count(*) as n ${from} where ${where} group by r.office_id, a.score`,
    sql`select r.office_id, count(*) as n from survey_response r where ${people} group by r.office_id`,
  ];
  const out = [];
  for (const q of steps) out.push(await q.execute(database.db));
  return out;
}

/** The roll-up way's floor: its tallies for the dates and the year before, read and parsed, nothing summed. */
const floor = () => Promise.all([seriesFor(database.db, f.officeIds, rangePeriod(f.from, '2026-11-24'), 'month'), seriesFor(database.db, f.officeIds, rangePeriod('2024-11-26', '2025-11-25'), 'month')]);

async function pooled() {
  return sql<{ n: number; satisfied: number }>`
    select count(*) as n, sum(case when a.score >= 4 then 1 else 0 end) as satisfied
    from survey_response r join survey_answer a on a.response_id = r.id
    where r.survey_id = ${f.surveyId} and r.office_id in (${sql.join(f.officeIds)}) and r.day between ${f.from} and ${f.to} and a.score is not null`.execute(database.db);
}

const runs = { raw: [] as number[], rollup: [] as number[], ceiling: [] as number[], floor: [] as number[], gender: [] as number[] };
const time = async (into: number[], fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  into.push(performance.now() - start);
};
// warm every path once
await page(true);
await page(false);
await ceiling();
await floor();
await gender();
for (let i = 0; i < 5; i++) {
  await time(runs.raw, () => page(true));
  await time(runs.rollup, () => page(false));
  await time(runs.ceiling, ceiling);
  await time(runs.floor, floor);
  await time(runs.gender, gender);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (xs: number[]) => `${med(xs).toFixed(0)} ms`;
const source = (await reportFigures(database.db, f, { now, peerOffices: f.officeIds })).source;
const [viaRaw, viaRollup] = [await page(true), await page(false)];
const same = JSON.stringify(viaRaw) === JSON.stringify(viaRollup);
const r = (await pooled()).rows[0];
const g = await gender();
console.log(`survey report on ${KIND}: ${N.toLocaleString()} questionnaires, ${answers.toLocaleString()} answers (loaded in ${(loadMs / 1000).toFixed(1)} s), ${cpus().length} CPUs`);
console.log(`  roll-up built (the job's first run) in ${(rebuildMs / 1000).toFixed(1)} s; ${Number(monthRow.rows[0]?.rows)} office-month rows, ${(Number(monthRow.rows[0]?.bytes) / 1024).toFixed(1)} KB of tally JSON each on average`);
console.log(`  director's report page (buildReport), median of 5 runs:`);
console.log(`    from the raw tables:                          ${ms(runs.raw)}   (ceiling, the same aggregations as plain SQL one after another: ${ms(runs.ceiling)})`);
console.log(`    from the roll-up + today's raw rows (${source}): ${ms(runs.rollup)}   (floor, reading the tallies alone: ${ms(runs.floor)})`);
console.log(`    ${(med(runs.raw) / med(runs.rollup)).toFixed(1)}× faster; the two reports are ${same ? 'identical' : 'DIFFERENT'}`);
console.log(`  quarterly gender table (raw tables, 2026-Q3): ${ms(runs.gender)}, ${g.responses} questionnaires`);
console.log(`  pooled rate ${viaRollup.overall.rate}% (raw SQL: ${((Number(r?.satisfied) / Number(r?.n)) * 100).toFixed(1)}%), ${viaRollup.months.length} months, ${viaRollup.byService.length} services, ${viaRollup.responses} questionnaires`);
await database.close();
await throwaway?.drop();
// the SQLite file and its journal files
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
