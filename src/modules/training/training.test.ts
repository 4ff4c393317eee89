import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { writeTransaction } from '../../db/index.js';
import { computeIndicator } from '../../platform/indicators/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import * as repo from './repo.js';
import { seedTraining } from './seed.js';
import * as training from './service.js';

const START = new Date('2026-11-25T02:00:00Z');
const YEAR = { kind: 'year' as const, key: '2026', from: '2026-01-01', to: '2026-12-31' };

// three county-wide questions on one topic; a quiz draws all three
const Q = [
  { kind: 'single' as const, stem: 'S1 出生登記期限？', options: ['30 日', '60 日', '90 日'], correct: [1] },
  { kind: 'multiple' as const, stem: 'M2 哪些是 30 日？', options: ['死亡', '出生', '姓名變更', '遷出國外'], correct: [0, 2] },
  { kind: 'multiple' as const, stem: 'M3 哪些規費是 20 元？', options: ['戶口名簿', '門牌證明', '謄本', '印鑑證明'], correct: [1, 3] },
];

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] law quiz and training log`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let now = START;
    const staff: Record<string, { id: number; role: string; officeId: number | null; displayName: string }> = {};
    const qid: number[] = [];
    let quizId = 0;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const db = t.database.db;
      // whatever the demo seeded for this module goes: the figures below are hand-counted from this file alone
      for (const table of ['training_attempt_item', 'training_attempt', 'training_quiz', 'training_question_rev', 'training_question', 'training_record'] as const) await db.deleteFrom(table).execute();
      for (const o of await db.selectFrom('office').select(['id', 'code']).execute()) ids[o.code] = o.id;
      for (const p of await db.selectFrom('staff').select(['id', 'username', 'role', 'office_id', 'display_name']).execute()) staff[p.username] = { id: p.id, role: p.role, officeId: p.office_id, displayName: p.display_name };
      const county = { ...staff.county!, username: 'county', countyId: 1, mustChangePassword: false } as never;
      for (const q of Q) qid.push(await training.saveQuestion(t.database, null, null, { ...q, topic: 'fees', scope: undefined, explanation: '說明', basis: '戶籍法第48條' }, county, now));
      quizId = await training.createQuiz(t.database, null, { title: '測驗甲', topics: ['fees'], questionCount: 3, timeLimit: 10, passPercent: 60, scope: undefined }, county, now);
    });
    afterAll(async () => t?.dispose());

    async function signIn(user: string) {
      const a = new Agent(t.app);
      await a.signIn(user, DEMO_PASSWORD);
      return a;
    }

    /** Starts the quiz through the page, answers each question (by its id) and submits. */
    async function take(user: string, answers: Record<number, number[]>, minutesLater = 3) {
      const a = await signIn(user);
      const home = await a.get('/staff/training');
      expect(home.body).toContain('測驗甲');
      const started = await a.post(`/staff/training/quizzes/${quizId}/start`, { _csrf: csrfOf(home.body) });
      expect(started.statusCode).toBe(303);
      const attemptId = Number(/attempts\/(\d+)/.exec(started.headers.location as string)?.[1]);
      const page = await a.get(`/staff/training/attempts/${attemptId}`);
      expect(page.body).toContain('部分正確不給分');
      const items = await repo.itemsOf(t.database.db, attemptId);
      const pairs: string[][] = [['_csrf', csrfOf(page.body)]];
      for (const it of items) for (const v of answers[it.question_id] ?? []) pairs.push([`q${it.position}`, String(v)]);
      const before = now;
      now = new Date(now.getTime() + minutesLater * 60_000);
      const done = await a.post(`/staff/training/attempts/${attemptId}`, pairs as unknown as Record<string, string>);
      now = before;
      expect(done.statusCode).toBe(303);
      return { a, attemptId };
    }

    it('scores a hand-worked attempt: single right, multiple exactly right, multiple partly right counts wrong', async () => {
      const [s1, m2, m3] = qid as [number, number, number];
      const { a, attemptId } = await take('clerk.zhubei', { [s1]: [1], [m2]: [0, 2], [m3]: [1] });
      const row = await repo.attemptById(t.database.db, attemptId);
      expect(row).toMatchObject({ status: 'submitted', correct: 2, total: 3, late: 0 });
      const items = await repo.itemsOf(t.database.db, attemptId);
      expect(Object.fromEntries(items.map((i) => [i.question_id, i.is_right]))).toEqual({ [s1]: 1, [m2]: 1, [m3]: 0 });
      const result = await a.get(`/staff/training/attempts/${attemptId}`);
      expect(result.body).toContain('答對 2／3 題（66.7%）');
      // a second submission of the same attempt is refused
      const again = await a.post(`/staff/training/attempts/${attemptId}`, { _csrf: csrfOf(result.body), q1: '0' });
      expect(again.statusCode).toBe(409);
    });

    it('editing a question keeps the past attempt scored as it was, and shows it as it was', async () => {
      const county = { ...staff.county!, username: 'county', countyId: 1, mustChangePassword: false } as never;
      await training.saveQuestion(t.database, qid[2]!, null, { kind: 'multiple', topic: 'fees', scope: undefined, stem: 'M3 改寫', options: ['甲', '乙'], correct: [1], explanation: '新', basis: '新' }, county, now);
      const attempt = (await t.database.db.selectFrom('training_attempt').select(['id', 'correct']).execute())[0]!;
      expect(attempt.correct).toBe(2);
      const items = await repo.itemsOf(t.database.db, attempt.id);
      const m3 = items.find((i) => i.question_id === qid[2])!;
      expect([m3.stem, m3.correct_set, m3.is_right]).toEqual(['M3 哪些規費是 20 元？', '[1,3]', 0]);
      expect((await repo.questionById(t.database.db, qid[2]!))?.revision).toBe(2);
      const clerk = await signIn('clerk.zhubei');
      const page = (await clerk.get(`/staff/training/attempts/${attempt.id}`)).body;
      expect(page).toContain('M3 哪些規費是 20 元？');
      expect(page).not.toContain('M3 改寫');
      expect(page).toContain('答對 2／3 題');
      // back to the first wording for the next attempts
      await training.saveQuestion(t.database, qid[2]!, null, { ...Q[2]!, topic: 'fees', scope: undefined, explanation: '說明', basis: '戶籍法第48條' }, county, now);
    });

    it('a submission past the limit and its grace is scored as submitted and marked late', async () => {
      const [s1, m2, m3] = qid as [number, number, number];
      // the limit is 10 minutes, the grace one: 10 minutes 30 s is on time, 12 minutes late
      const { attemptId: onTime } = await take('supervisor.zhubei', { [s1]: [0], [m2]: [0, 2], [m3]: [1, 3] }, 10.5);
      expect(await repo.attemptById(t.database.db, onTime)).toMatchObject({ correct: 2, late: 0 });
      const { a, attemptId: late } = await take('director.zhubei', { [s1]: [1], [m2]: [0, 1, 2], [m3]: [] }, 12);
      expect(await repo.attemptById(t.database.db, late)).toMatchObject({ correct: 1, late: 1, status: 'submitted' });
      expect((await a.get(`/staff/training/attempts/${late}`)).body).toContain('逾時交卷');
    });

    it('difficulty per question matches the hand count', async () => {
      // S1: right, wrong, right; M2: right, right, wrong (superset); M3: wrong (partly), right, wrong (blank)
      const d = await training.difficultyOf(t.database.db, qid);
      expect(qid.map((id) => d.get(id))).toEqual([
        { answered: 3, right: 2, share: 66.7 },
        { answered: 3, right: 2, share: 66.7 },
        { answered: 3, right: 1, share: 33.3 },
      ]);
      const sup = await signIn('supervisor.zhubei');
      expect((await sup.get('/staff/training/questions')).body).toContain('33.3%（1／3）');
    });

    it("office results: the hand count (66.7, 66.7, 33.3; pass mark 60), and the plan's indicators agree", async () => {
      const dir = await signIn('director.zhubei');
      const page = await dir.get('/staff/training/results?year=2026');
      expect(page.statusCode).toBe(200);
      // people 3, attempts 3, average 55.6, pass rate 66.7 (2 of 3)
      expect(page.body).toMatch(/測驗甲<\/td><td class="num">3<\/td><td class="num">3<\/td><td class="num">55.6%<\/td><td class="num">60<\/td><td class="num">66.7%（2／3）/);
      const office = { id: ids.zhubei!, code: 'zhubei', countyId: 1 };
      expect(await computeIndicator(t.database.db, 'training.quizAverage', office, YEAR)).toEqual({ value: 55.6, base: 3 });
      expect(await computeIndicator(t.database.db, 'training.quizPassRate', office, YEAR)).toEqual({ value: 66.7, base: 3 });
      expect(await computeIndicator(t.database.db, 'training.quizAttempts', office, YEAR)).toEqual({ value: 3 });
      expect(await computeIndicator(t.database.db, 'training.quizAttempts', { ...office, id: ids.jianshi! }, YEAR)).toEqual({ value: 0 });
    });

    it('two starts at once make one open attempt, and the database refuses a second open one', async () => {
      const me = { ...staff['clerk.jianshi']!, username: 'clerk.jianshi', countyId: 1, mustChangePassword: false } as never;
      const [x, y] = await Promise.all([training.startAttempt(t.database, quizId, me, ids.jianshi!, now), training.startAttempt(t.database, quizId, me, ids.jianshi!, now)]);
      expect(x).toBe(y);
      const open = await t.database.db.selectFrom('training_attempt').select('id').where('staff_id', '=', staff['clerk.jianshi']!.id).where('status', '=', 'open').execute();
      expect(open).toHaveLength(1);
      await expect(writeTransaction(t.database, (trx) => repo.insertAttempt(trx, { quizId, staffId: staff['clerk.jianshi']!.id, officeId: ids.jianshi!, at: now.toISOString(), deadline: now.toISOString(), total: 3 }))).rejects.toThrow();
    });

    it('a clerk cannot open the bank or a colleague\'s history; a director cannot see another office', async () => {
      const clerk = await signIn('clerk.zhubei');
      expect((await clerk.get('/staff/training/questions')).statusCode).toBe(403);
      expect((await clerk.get('/staff/training/results')).statusCode).toBe(403);
      expect((await clerk.get(`/staff/training/people/${staff['supervisor.zhubei']!.id}`)).statusCode).toBe(403);
      expect((await clerk.get(`/staff/training/people/${staff['clerk.zhubei']!.id}`)).statusCode).toBe(200);
      const sup = await t.database.db.selectFrom('training_attempt').select('id').where('staff_id', '=', staff['supervisor.zhubei']!.id).executeTakeFirstOrThrow();
      expect((await clerk.get(`/staff/training/attempts/${sup.id}`)).statusCode).toBe(403);
      const dir = await signIn('director.zhubei');
      expect((await dir.get(`/staff/training/people/${staff['clerk.zhubei']!.id}`)).statusCode).toBe(200);
      expect((await dir.get(`/staff/training/attempts/${sup.id}`)).statusCode).toBe(200);
      expect((await dir.get('/staff/training/results?office=jianshi')).statusCode).toBe(403);
      expect((await dir.get(`/staff/training/people/${staff['clerk.jianshi']!.id}`)).statusCode).toBe(403);
      const county = await signIn('county');
      expect((await county.get('/staff/training/results?office=jianshi')).statusCode).toBe(200);
    });

    it('bad hours (0, 41, text) get a message beside the field, keep what was typed, and store nothing', async () => {
      const clerk = await signIn('clerk.zhubei');
      const form = { title: '研習甲', provider: '縣府', mode: 'external', startDate: '2026-03-02', endDate: '', certificateNo: '' };
      for (const [hours, message] of [['0', '每筆時數須大於 0'], ['41', '每筆時數須大於 0'], ['十小時', '請填數字']] as const) {
        const res = await clerk.submit('/staff/training/records/new', '/staff/training/records', { ...form, hours });
        expect(res.statusCode).toBe(422);
        expect(res.body).toMatch(new RegExp(`class="field-message" id="f-hours-error">${message}`));
        expect(res.body).toContain(`value="${hours}"`);
        expect(res.body).toContain('value="研習甲"');
      }
      expect(await t.database.db.selectFrom('training_record').select('id').execute()).toEqual([]);
    });

    it('training totals: hours per person and the office total (the sum of the rows), the share with 20 hours', async () => {
      const clerk = await signIn('clerk.zhubei');
      const pdf = { field: 'file', name: 'cert.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };
      const page = await clerk.get('/staff/training/records/new');
      const base = { _csrf: csrfOf(page.body), provider: '縣府', mode: 'external', endDate: '', certificateNo: '' };
      expect((await clerk.postMultipart('/staff/training/records', { ...base, title: 'A', startDate: '2026-03-02', hours: '8' }, pdf)).statusCode).toBe(303);
      expect((await clerk.post('/staff/training/records', { ...base, title: 'B', startDate: '115/6/1', hours: '3.5' })).statusCode).toBe(303);
      // a manager records for a colleague; an entry of another year does not count
      const sup = await signIn('supervisor.zhubei');
      const sp = await sup.get('/staff/training/records/new');
      for (const [title, day, hours, who] of [['C', '2026-04-01', '21', 'supervisor.zhubei'], ['D', '2025-12-31', '40', 'director.zhubei']] as const)
        expect((await sup.post('/staff/training/records', { ...base, _csrf: csrfOf(sp.body), title, startDate: day, hours, staffId: String(staff[who]!.id) })).statusCode).toBe(303);
      // a clerk cannot record for someone else
      expect((await clerk.post('/staff/training/records', { ...base, title: 'E', startDate: '2026-04-01', hours: '1', staffId: String(staff['supervisor.zhubei']!.id) })).statusCode).toBe(403);
      const res = await (await signIn('director.zhubei')).get('/staff/training/results?year=2026');
      const hours: Record<string, number> = Object.fromEntries([...res.body.matchAll(/data-hours="(\d+)">([\d.]+)</g)].map((m) => [m[1], Number(m[2])]));
      expect(hours).toEqual({ [staff['director.zhubei']!.id]: 0, [staff['supervisor.zhubei']!.id]: 21, [staff['clerk.zhubei']!.id]: 11.5, 0: 32.5 });
      expect(Object.entries(hours).filter(([k]) => k !== '0').reduce((n, [, v]) => n + v, 0)).toBe(hours[0]);
      expect(res.body).toContain('1／3 人（33.3%）；每人平均 10.83 小時');
      const office = { id: ids.zhubei!, code: 'zhubei', countyId: 1 };
      expect(await computeIndicator(t.database.db, 'training.hoursPerStaff', office, YEAR)).toEqual({ value: 10.8, base: 3 });
      expect(await computeIndicator(t.database.db, 'training.staffMeetingHours', office, YEAR)).toEqual({ value: 33.3, base: 3 });
      // the certificate: its owner and the office's managers, not another office
      const rec = await t.database.db.selectFrom('training_record').select(['id']).where('title', '=', 'A').executeTakeFirstOrThrow();
      expect((await clerk.get(`/staff/training/records/${rec.id}/certificate`)).headers['content-type']).toBe('application/pdf');
      expect((await (await signIn('director.jianshi')).get(`/staff/training/records/${rec.id}/certificate`)).statusCode).toBe(403);
    });

    it('the demo seed: at least 20 questions, two quizzes, scored attempts and entries for both offices', async () => {
      await writeTransaction(t.database, (trx) => seedTraining(trx, now));
      const db = t.database.db;
      expect((await db.selectFrom('training_question').select('id').execute()).length).toBeGreaterThanOrEqual(23);
      const attempts = await db.selectFrom('training_attempt').select(['office_id', 'correct', 'total']).where('status', '=', 'submitted').execute();
      expect(new Set(attempts.map((a) => a.office_id))).toEqual(new Set([ids.zhubei, ids.jianshi]));
      expect(attempts.every((a) => a.correct !== null && a.correct <= a.total)).toBe(true);
    });
  });
}
