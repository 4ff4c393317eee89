import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from './app.js';
import { DATABASE_KINDS, describeOn } from './databases.js';

/**
 * A lost race on a unique index is the friendly 409 page, on both
 * databases, mapped once in the app's error handler: on PostgreSQL two
 * READ COMMITTED transactions both pass "is there one already?" and the
 * index refuses the second INSERT (23505), which used to be a 500.
 */
const CLOCK = () => new Date('2026-11-24T02:00:00Z');
const REPORT = { office: 'zhubei', idNumber: 'A123456789', name: '王小明', birthDate: '69/05/06', address: '新竹縣竹北市光明六路 10 號', contact: '0912-345-678', password: 'secret-pass', passwordConfirm: 'secret-pass' };

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] unique violations`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, {
        clock: CLOCK,
        // any route whose INSERT meets a unique index: here the setting table's primary key, twice
        routes: (app) => {
          app.post('/test/duplicate', async () => {
            const row = { scope: 'test', key: 'dup', value: '1', updated_at: CLOCK().toISOString(), updated_by: null };
            await t.database.db.insertInto('setting').values(row).execute();
            await t.database.db.insertInto('setting').values(row).execute();
            return 'unreachable';
          });
          // a value PostgreSQL itself refuses (class 22): an id past the integer range that no schema bounded
          app.post('/test/out-of-range', async () => {
            await t.database.db.selectFrom('office').select('id').where('id', '=', 9_999_999_999).execute();
            return 'no row';
          });
        },
      });
    });
    afterAll(async () => t?.dispose());

    it('any unique violation that reaches the error handler is the 409 page, not a 500', async () => {
      const a = new Agent(t.app);
      const token = csrfOf((await a.get('/lost-id')).body);
      const res = await a.post('/test/duplicate', { _csrf: token });
      expect(res.statusCode).toBe(409);
      expect(/<h1>([^<]*)</.exec(res.body)?.[1]).toBe('資料已經存在');
      expect(res.body).toContain('同樣的資料剛剛已經送出並登記');
      const json = await a.post('/test/duplicate', { _csrf: token }, { accept: 'application/json' });
      expect(json.statusCode).toBe(409);
      expect(JSON.parse(json.body).error.code).toBe('conflict');
    });

    it('a value the database refuses as out of range is 400, never a 500', async () => {
      const a = new Agent(t.app);
      const token = csrfOf((await a.get('/lost-id')).body);
      const res = await a.post('/test/out-of-range', { _csrf: token });
      // SQLite compares the number and finds no row; PostgreSQL refuses 9999999999 for an integer column
      expect(res.statusCode).toBe(kind === 'postgres' ? 400 : 200);
    });

    it('20 identical lost-ID reports at once: one stored, the rest 409, never a 500', async () => {
      const agents = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const a = new Agent(t.app);
          return { a, token: csrfOf((await a.get('/lost-id')).body) };
        }),
      );
      const answers = await Promise.all(agents.map(({ a, token }, i) => a.post('/lost-id', { _csrf: token, ...REPORT }, {}, `10.3.0.${i + 1}`)));
      const codes = answers.map((r) => r.statusCode).sort((x, y) => x - y);
      // the one that got in sees its receipt page (200); every other is told it already exists (409)
      expect(codes).toEqual([200, ...Array(19).fill(409)]);
      const rows = await t.database.db.selectFrom('lost_id_report').select(['id', 'status']).execute();
      expect(rows.map((r) => r.status)).toEqual(['active']);
    });
  });
}
