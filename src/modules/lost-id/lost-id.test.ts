import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { createThrowawayPostgres, DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { type Database, openPostgres, openSqlite } from '../../db/index.js';
import { m0001 } from '../../db/migrations/0001_platform.js';
import { m0002 } from '../../db/migrations/0002_queue.js';
import { m0003 } from '../../db/migrations/0003_cases.js';
import { m0004 } from '../../db/migrations/0004_booking.js';
import { m0005 } from '../../db/migrations/0005_petitions.js';
import { m0006 } from '../../db/migrations/0006_surveys.js';
import { m0007 } from '../../db/migrations/0007_content.js';
import { m0008 } from '../../db/migrations/0008_once.js';
import { m0009 } from '../../db/migrations/0009_case_reference.js';
import { m0010 } from '../../db/migrations/0010_lost_id_office.js';
import { DEMO_PASSWORD } from '../staff/index.js';

const person = (idNumber: string, name: string) => ({ idNumber, name, birthDate: '1990-01-02', address: '新竹縣尖石鄉嘉樂村 1 號', contact: '0912-345-678', password: 'my-secret', passwordConfirm: 'my-secret' });

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] lost-ID reports belong to an office`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
      for (const o of await t.database.db.selectFrom('office').select(['id', 'code']).execute()) ids[o.code] = o.id;
    });
    afterAll(async () => t?.dispose());

    const reportOf = (name: string) =>
      t.database.db.selectFrom('lost_id_report').select(['id', 'office_id', 'status', 'reference']).where('reference', '=', name).executeTakeFirstOrThrow();
    const referenceIn = (body: string) => /掛失編號：(L[0-9A-F]+)/.exec(body)?.[1] ?? '';

    it('records the office of the form, or the one chosen on the county form; the county form needs a choice', async () => {
      const a = new Agent(t.app);
      const atJianshi = await a.get('/o/jianshi/lost-id');
      expect(atJianshi.statusCode).toBe(200);
      expect(atJianshi.body).toContain('action="/o/jianshi/lost-id"');
      const j = await a.post('/o/jianshi/lost-id', { _csrf: csrfOf(atJianshi.body), ...person('F131104093', '尤幹・比令') });
      expect(j.statusCode).toBe(200);
      expect((await reportOf(referenceIn(j.body))).office_id).toBe(ids.jianshi);

      const county = await a.get('/lost-id');
      expect(county.body).toContain('name="office"');
      const none = await a.post('/lost-id', { _csrf: csrfOf(county.body), ...person('A123456789', '林小美') });
      expect(none.statusCode).toBe(422);
      const bogus = await a.post('/lost-id', { _csrf: csrfOf(county.body), ...person('A123456789', '林小美'), office: 'nowhere' });
      expect(bogus.statusCode).toBe(422);
      const z = await a.post('/lost-id', { _csrf: csrfOf(county.body), ...person('A123456789', '林小美'), office: 'zhubei' });
      expect(z.statusCode).toBe(200);
      expect((await reportOf(referenceIn(z.body))).office_id).toBe(ids.zhubei);
      expect(await t.database.db.selectFrom('lost_id_report').select(['office_id']).orderBy('id').execute()).toEqual([{ office_id: ids.jianshi }, { office_id: ids.zhubei }]);
    });

    it('a zhubei clerk sees and closes only zhubei reports; the county account sees both and can pick one office', async () => {
      const rows = await t.database.db.selectFrom('lost_id_report').select(['id', 'office_id', 'reference']).orderBy('id').execute();
      const jianshi = rows.find((r) => r.office_id === ids.jianshi)!;
      const zhubei = rows.find((r) => r.office_id === ids.zhubei)!;

      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      const mine = await clerk.get('/staff/lost-id');
      expect(mine.body).toContain(zhubei.reference);
      expect(mine.body).toContain('林小美');
      expect(mine.body).not.toContain(jianshi.reference);
      expect(mine.body).not.toContain('尤幹・比令');
      // asking for another office changes nothing for office staff
      const asked = await clerk.get('/staff/lost-id?office=jianshi');
      expect(asked.body).not.toContain(jianshi.reference);
      const refused = await clerk.post(`/staff/lost-id/${jianshi.id}/close`, { _csrf: csrfOf(mine.body) });
      expect(refused.statusCode).toBe(403);
      expect((await reportOf(jianshi.reference)).status).toBe('active');

      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const all = await county.get('/staff/lost-id');
      expect(all.body).toContain(zhubei.reference);
      expect(all.body).toContain(jianshi.reference);
      const one = await county.get('/staff/lost-id?office=jianshi');
      expect(one.body).toContain(jianshi.reference);
      expect(one.body).not.toContain(zhubei.reference);
      expect(one.body).toMatch(/<option value="jianshi" selected="">新竹縣尖石鄉戶政事務所<\/option>|<option value="jianshi" selected>新竹縣尖石鄉戶政事務所<\/option>/);

      const mayClose = new Agent(t.app);
      await mayClose.signIn('clerk.jianshi', DEMO_PASSWORD);
      const page = await mayClose.get('/staff/lost-id');
      expect(page.body).toContain(jianshi.reference);
      expect((await mayClose.post(`/staff/lost-id/${jianshi.id}/close`, { _csrf: csrfOf(page.body) })).statusCode).toBe(303);
      expect((await reportOf(jianshi.reference)).status).toBe('closed');
      // the county account closes a zhubei report too
      expect((await county.post(`/staff/lost-id/${zhubei.id}/close`, { _csrf: csrfOf(all.body) })).statusCode).toBe(303);
      expect((await reportOf(zhubei.reference)).status).toBe('closed');
    });
  });

  describeOn(kind)(`[${kind}] migration 0010 gives existing reports the county's first office`, () => {
    let database: Database;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      if (kind === 'sqlite') database = openSqlite(':memory:');
      else {
        const pg = await createThrowawayPostgres();
        database = openPostgres(pg.url, 2);
        drop = pg.drop;
      }
    });
    afterAll(async () => {
      await database?.close();
      await drop?.();
    });

    it('fills office_id of rows made before it with the lowest office id, and then requires it', async () => {
      const ctx = { db: database.db, dialect: database.dialect };
      for (const m of [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009]) await m.up(ctx);
      const db = database.db;
      await sql`INSERT INTO county (code, name_zh, name_en) VALUES ('hsinchu', '新竹縣', 'Hsinchu County')`.execute(db);
      for (const code of ['zhubei', 'jianshi']) {
        await sql`INSERT INTO office (county_id, code, kind, name_zh, name_en, address_zh, address_en, phone, updated_at) VALUES (1, ${code}, 'city', ${code}, ${code}, 'a', 'a', '03', '2026-01-01T00:00:00Z')`.execute(db);
      }
      for (const ref of ['L1', 'L2']) {
        await sql`INSERT INTO lost_id_report (reference, id_hash, id_enc, name_enc, birth_hash, address_enc, contact_enc, revoke_hash, status, reported_at) VALUES (${ref}, ${`h${ref}`}, 'x', 'x', 'x', 'x', 'x', 'x', 'active', '2026-01-01T00:00:00Z')`.execute(db);
      }
      await m0010.up(ctx);
      const first = await sql<{ id: number }>`SELECT min(id) AS id FROM office`.execute(db);
      const rows = await sql<{ reference: string; office_id: number }>`SELECT reference, office_id FROM lost_id_report ORDER BY reference`.execute(db);
      expect(rows.rows.map((r) => [r.reference, Number(r.office_id)])).toEqual([
        ['L1', Number(first.rows[0]?.id)],
        ['L2', Number(first.rows[0]?.id)],
      ]);
      // a report without an office is refused from now on
      await expect(
        sql`INSERT INTO lost_id_report (reference, id_hash, id_enc, name_enc, birth_hash, address_enc, contact_enc, revoke_hash, status, reported_at, office_id) VALUES ('L3', 'h3', 'x', 'x', 'x', 'x', 'x', 'x', 'active', '2026-01-01T00:00:00Z', NULL)`.execute(db),
      ).rejects.toThrow();
    });
  });
}
