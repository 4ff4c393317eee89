import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import * as training from './service.js';

const NOW = new Date('2026-11-25T02:00:00Z');

/** The option chosen in a select, by the select's name. */
const chosen = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>(.*?)</select>`, 's').exec(html)?.[1] ?? '';
  return /<option value="([^"]*)" selected[^>]*>([^<]*)/.exec(select)?.slice(1, 3) ?? null;
};
/** Every option's label in a select, by the select's name. */
const optionsOf = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>(.*?)</select>`, 's').exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option[^>]*>([^<]*)</g)].map((m) => m[1]);
};
const hiddenOffices = (html: string) => [...html.matchAll(/<input type="hidden" name="office" value="([^"]*)"/g)].map((m) => m[1]);
const stems = (html: string) => [...html.matchAll(/href="\/staff\/training\/questions\/\d+(?:\?office=\w+)?">([^<]+)</g)].map((m) => m[1]);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] training pages follow the county account's office switch`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const office: Record<string, number> = {};
    let county: Agent;

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      const db = t.database.db;
      for (const table of ['training_attempt_item', 'training_attempt', 'training_quiz', 'training_question_rev', 'training_question', 'training_record'] as const) await db.deleteFrom(table).execute();
      for (const o of await db.selectFrom('office').select(['id', 'code']).execute()) office[o.code] = o.id;
      const p = await db.selectFrom('staff').select(['id', 'role', 'office_id', 'display_name']).where('username', '=', 'county').executeTakeFirstOrThrow();
      const by = { id: p.id, role: p.role, officeId: p.office_id, displayName: p.display_name, username: 'county', countyId: 1, mustChangePassword: false } as never;
      const base = { kind: 'single' as const, topic: 'fees' as const, scope: undefined, options: ['甲', '乙'], correct: [0], explanation: '說明', basis: '戶籍法第48條' };
      // one question each: the county's, 竹北's, 尖石's
      for (const [officeId, stem] of [[null, 'Q縣'], [office.zhubei!, 'Q竹'], [office.jianshi!, 'Q尖']] as const) await training.saveQuestion(t.database, null, officeId, { ...base, stem }, by, NOW);
      county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    it("the question bank: the county's questions and 尖石's, not 竹北's, and the office rides on its links", async () => {
      const page = await county.get('/staff/training/questions?office=jianshi');
      expect(page.statusCode).toBe(200);
      expect(stems(page.body).sort()).toEqual(['Q尖', 'Q縣']);
      expect(chosen(page.body, 'office')).toEqual(['jianshi', '新竹縣尖石鄉戶政事務所']);
      expect(page.body).toContain('href="/staff/training/questions/new?office=jianshi"');
      // without the switch: every office's
      expect(stems((await county.get('/staff/training/questions')).body).sort()).toEqual(['Q尖', 'Q竹', 'Q縣']);
      // a director covers one office: asking for another changes nothing
      const director = new Agent(t.app);
      await director.signIn('director.zhubei', DEMO_PASSWORD);
      expect(stems((await director.get('/staff/training/questions?office=jianshi')).body).sort()).toEqual(['Q竹', 'Q縣']);
    });

    it('a new question from the switched page is 尖石’s by default (the county scope still offered) and goes back to 尖石’s bank', async () => {
      const form = await county.get('/staff/training/questions/new?office=jianshi');
      expect(chosen(form.body, 'scope')).toEqual([String(office.jianshi), '新竹縣尖石鄉戶政事務所']);
      expect(optionsOf(form.body, 'scope')).toContain('全縣共用');
      expect(hiddenOffices(form.body)).toEqual(['jianshi']);
      const saved = await county.post('/staff/training/questions', { _csrf: csrfOf(form.body), office: 'jianshi', scope: String(office.jianshi), kind: 'single', topic: 'fees', stem: 'Q尖二', options: '甲\n乙', correct: '1', explanation: '說明', basis: '戶籍法第48條' });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe('/staff/training/questions?office=jianshi');
      const row = await t.database.db.selectFrom('training_question as q').innerJoin('training_question_rev as r', 'r.question_id', 'q.id').select('q.office_id').where('r.stem', '=', 'Q尖二').executeTakeFirstOrThrow();
      expect(row.office_id).toBe(office.jianshi);
    });

    it("the new-record form lists 尖石's staff, not 竹北's, and the record lands in 尖石", async () => {
      const db = t.database.db;
      const names = async (code: string) => (await db.selectFrom('staff').select('display_name').where('office_id', '=', office[code]!).where('active', '=', 1).execute()).map((p) => p.display_name).sort();
      const page = await county.get('/staff/training/records/new?office=jianshi');
      expect(page.statusCode).toBe(200);
      const people = optionsOf(page.body, 'staffId');
      expect([...people].sort()).toEqual(await names('jianshi'));
      for (const n of await names('zhubei')) expect(page.body).not.toContain(n);
      expect(chosen(page.body, 'office')).toEqual(['jianshi', '新竹縣尖石鄉戶政事務所']);
      expect(hiddenOffices(page.body)).toEqual(['jianshi']);
      const clerk = await db.selectFrom('staff').select('id').where('username', '=', 'clerk.jianshi').executeTakeFirstOrThrow();
      const res = await county.post('/staff/training/records', { _csrf: csrfOf(page.body), office: 'jianshi', staffId: String(clerk.id), title: '研習乙', provider: '縣府', mode: 'external', startDate: '2026-03-02', endDate: '', hours: '2', certificateNo: '' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/staff/training/people/${clerk.id}?year=2026&office=jianshi`);
      expect((await db.selectFrom('training_record').select('office_id').where('title', '=', '研習乙').executeTakeFirstOrThrow()).office_id).toBe(office.jianshi);
    });
  });
}
