/**
 * bench/survey-report: a synthetic year of answers (default 100,000
 * questionnaires × 5 scale questions = 500,000 answers) for the county's
 * questionnaire; time the director's report (per question with intervals,
 * monthly and quarterly trend with growth, by service, by wait band, the
 * quarterly gender table) beside the same grouped aggregations written as
 * raw SQL on the same database, in the same run.
 *
 *   npx tsx bench/survey-report.ts [responses=100000] [sqlite|postgres]
 */
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { ROOT } from '../src/app.js';
import { openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { genderTable } from '../src/modules/surveys/gender.js';
import { byColumn, byQuestion, byWait, trend } from '../src/modules/surveys/report.js';
import { seedSurveys } from '../src/modules/surveys/seed-data.js';
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
const survey = await database.db.selectFrom('survey').select('id').where('kind', '=', 'service').orderBy('id', 'desc').executeTakeFirstOrThrow();
const answers = Number((await database.db.selectFrom('survey_answer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const f = { surveyId: survey.id, officeIds: Object.values(offices), from: '2025-11-26', to: '2026-11-25' };
const t = translator('zh-Hant');

async function report() {
  const a = await byQuestion(database.db, f);
  const b = await trend(database.db, f);
  const c = await byColumn(database.db, f, 'service_code');
  const d = await byWait(database.db, f);
  const g = await genderTable(database.db, { surveyId: f.surveyId, officeIds: f.officeIds }, '2026-Q3', (x) => x, t);
  return { overall: a.overall.rate, months: b.months.length, services: c.size, bands: d.length, gender: g.responses };
}

/**
 * The same grouped aggregations as plain SQL strings, no query builder, no
 * folding: the ceiling. Run like the report runs its steps (one after
 * another, on one connection at a time) and with the report's filters
 * (survey, offices, dates), including the questionnaire counts per group.
 */
async function raw() {
  const offices = sql.join(f.officeIds);
  const scope = sql`r.survey_id = ${f.surveyId} and r.office_id in (${offices})`;
  const where = sql`${scope} and r.day between ${f.from} and ${f.to} and a.score is not null`;
  const wide = sql`${scope} and r.day between ${'2024-11-26'} and ${f.to} and a.score is not null`;
  const q3 = sql`${scope} and r.day between ${'2026-07-01'} and ${'2026-09-30'} and a.score is not null`;
  const people = sql`${scope} and r.day between ${f.from} and ${f.to}`;
  const peopleQ3 = sql`${scope} and r.day between ${'2026-07-01'} and ${'2026-09-30'}`;
  const from = sql`from survey_response r join survey_answer a on a.response_id = r.id`;
  const band = sql`case when r.wait_minutes is null then 0 when r.wait_minutes <= 5 then 1 when r.wait_minutes <= 15 then 2 when r.wait_minutes <= 30 then 3 else 4 end`;
  const steps = [
    sql`select a.question, a.score, count(*) as n ${from} where ${where} group by a.question, a.score`,
    sql`select substr(r.day, 1, 7) as m, case when r.day >= ${f.from} then 1 else 0 end as inside, a.score, count(*) as n ${from} where ${wide} group by 1, 2, a.score`,
    sql`select substr(r.day, 1, 7) as m, count(*) as n from survey_response r where ${people} group by 1`,
    sql`select r.service_code, a.score, count(*) as n ${from} where ${where} group by r.service_code, a.score`,
    sql`select r.service_code, count(*) as n from survey_response r where ${people} group by r.service_code`,
    sql`select ${band} as b, a.score, count(*) as n ${from} where ${where} group by 1, a.score`,
    sql`select ${band} as b, count(*) as n from survey_response r where ${people} group by 1`,
    sql`select r.service_code, r.gender, a.score, count(*) as n ${from} where ${q3} group by r.service_code, r.gender, a.score`,
    sql`select r.service_code, r.gender, count(*) as n from survey_response r where ${peopleQ3} group by r.service_code, r.gender`,
    sql`select r.age_band, r.gender, a.score, count(*) as n ${from} where ${q3} group by r.age_band, r.gender, a.score`,
    sql`select r.age_band, r.gender, count(*) as n from survey_response r where ${peopleQ3} group by r.age_band, r.gender`,
    sql`select count(*) as n from survey_response r where ${peopleQ3}`,
  ];
  const out = [];
  for (const q of steps) out.push(await q.execute(database.db));
  return out;
}

async function pooled() {
  return sql<{ n: number; satisfied: number }>`
    select count(*) as n, sum(case when a.score >= 4 then 1 else 0 end) as satisfied
    from survey_response r join survey_answer a on a.response_id = r.id
    where r.survey_id = ${f.surveyId} and r.office_id in (${sql.join(f.officeIds)}) and r.day between ${f.from} and ${f.to} and a.score is not null`.execute(database.db);
}

await report(); // warm
await raw();
const times: number[] = [];
const rawTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  await report();
  times.push(performance.now() - t0);
  t0 = performance.now();
  await raw();
  rawTimes.push(performance.now() - t0);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const result = await report();
const r = (await pooled()).rows[0];
console.log(`survey report on ${KIND}: ${N.toLocaleString()} questionnaires, ${answers.toLocaleString()} answers (loaded in ${(loadMs / 1000).toFixed(1)} s), ${cpus().length} CPUs`);
console.log(`  full director's report (per question + CI, trend with year-on-year, by service, by wait, gender table): median ${med(times).toFixed(0)} ms over 5 runs`);
console.log(`  the same aggregations as raw SQL, one after another, same filters, same database, same run: median ${med(rawTimes).toFixed(0)} ms`);
console.log(`  ratio ${(med(times) / med(rawTimes)).toFixed(2)}× raw SQL`);
console.log(`  pooled rate ${result.overall}% (raw: ${((Number(r?.satisfied) / Number(r?.n)) * 100).toFixed(1)}%), ${result.months} months, ${result.services} services, gender table ${result.gender} responses in 2026-Q3`);
await database.close();
await throwaway?.drop();
// the SQLite file and its journal files
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
