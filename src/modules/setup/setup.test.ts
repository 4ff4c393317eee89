import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf } from '../../../test/app.js';
import { throwawayConfig } from '../../../test/config.js';
import { DATABASE_KINDS, describeOn, freshDatabase } from '../../../test/databases.js';
import { buildApp, type HuzhengApp } from '../../app.js';
import { createUserCli } from '../../cli/users.js';
import { setupService } from './index.js';

/** An empty real install: DEMO=false, migrated, no county, no account. */
async function emptyApp(kind: (typeof DATABASE_KINDS)[number], now: Date) {
  const database = await freshDatabase(kind);
  const config = throwawayConfig({ DEMO: 'false' });
  const built: HuzhengApp = await buildApp({ config, database, logger: false, clock: () => now });
  await built.app.ready();
  return {
    ...built,
    database,
    async dispose() {
      await built.app.close();
      await database.dispose();
    },
  };
}

const NOW = new Date('2026-06-02T02:00:00Z');
const PASSWORD = 'first-admin-passw0rd';

async function counts(db: Awaited<ReturnType<typeof emptyApp>>['database']['db']) {
  const staff = await db.selectFrom('staff').select(['username', 'role', 'county_id', 'office_id', 'must_change_password']).execute();
  const county = await db.selectFrom('county').select(['code', 'name_zh', 'name_en']).execute();
  return { staff, county };
}

function form(token: string, more: Record<string, string> = {}) {
  return {
    token,
    countyName: '新竹縣',
    countyNameEn: '',
    countyCode: 'hsinchu',
    username: 'root.admin',
    displayName: '系統管理者',
    password: PASSWORD,
    confirm: PASSWORD,
    ...more,
  };
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] first start: /setup`, () => {
    let t: Awaited<ReturnType<typeof emptyApp>>;
    beforeAll(async () => {
      t = await emptyApp(kind, NOW);
    });
    afterAll(async () => t?.dispose());

    it('needs the console token: a wrong one is 403 and creates nothing; the right one creates the admin, who signs in; then /setup is gone', async () => {
      const token = (await setupService.mintSetupToken(t.database, NOW))!;
      expect(token).toMatch(/^[\w-]{32}$/);
      // only the digest is stored
      const stored = await t.database.db.selectFrom('setting').select(['key', 'value']).where('key', '=', 'setup.token_sha256').execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.value).not.toContain(token);
      expect(stored[0]!.value).toMatch(/^"[0-9a-f]{64}"$/);

      const a = new Agent(t.app);
      const page = await a.get('/setup');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('name="countyCode"');
      expect(page.body).toContain('--role system_admin');
      expect(page.body).not.toContain(token);

      // one character changed: never the same character (a token ending in x made this "wrong" one right, 1 run in 64)
      const wrong = await a.post('/setup', { _csrf: csrfOf(page.body), ...form(`${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`) });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.body).toContain('設定碼不正確。請使用伺服器這次啟動時印出的設定碼。');
      expect(wrong.body).not.toContain(PASSWORD);
      expect(await counts(t.database.db)).toEqual({ staff: [], county: [] });

      const short = await a.post('/setup', { _csrf: csrfOf(page.body), ...form(token, { password: 'short-pw', confirm: 'short-pw' }) });
      expect(short.statusCode).toBe(422);
      expect(short.body).toContain('密碼至少 12 個字元。');
      expect(short.body).toContain('value="root.admin"');
      expect(await counts(t.database.db)).toEqual({ staff: [], county: [] });

      const done = await a.post('/setup', { _csrf: csrfOf(page.body), ...form(token) });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/staff/login');
      expect(await counts(t.database.db)).toEqual({
        staff: [{ username: 'root.admin', role: 'system_admin', county_id: null, office_id: null, must_change_password: 0 }],
        county: [{ code: 'hsinchu', name_zh: '新竹縣', name_en: '新竹縣' }],
      });
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'detail']).orderBy('id').execute();
      expect(audit.map((r) => r.action)).toEqual(['setup.county.create', 'setup.admin.create']);
      expect(audit.map((r) => r.detail).join()).not.toContain(PASSWORD);
      // used up
      expect(await t.database.db.selectFrom('setting').select('key').where('key', '=', 'setup.token_sha256').execute()).toEqual([]);

      const signIn = await new Agent(t.app).signIn('root.admin', PASSWORD);
      expect(signIn.statusCode).toBe(303);
      expect(signIn.headers.location).toBe('/staff');

      expect((await a.get('/setup')).statusCode).toBe(404);
      expect((await a.post('/setup', { _csrf: csrfOf(page.body), ...form(token, { username: 'second' }) })).statusCode).toBe(404);
      // a restart after set-up mints nothing
      expect(await setupService.mintSetupToken(t.database, NOW)).toBeNull();
    });
  });

  describeOn(kind)(`[${kind}] first start: two submissions at once`, () => {
    let t: Awaited<ReturnType<typeof emptyApp>>;
    beforeAll(async () => {
      t = await emptyApp(kind, NOW);
    });
    afterAll(async () => t?.dispose());

    it('exactly one of two racing submissions creates the first admin', async () => {
      const token = (await setupService.mintSetupToken(t.database, NOW))!;
      const a = new Agent(t.app);
      const b = new Agent(t.app);
      const [pa, pb] = await Promise.all([a.get('/setup'), b.get('/setup')]);
      const [ra, rb] = await Promise.all([
        a.post('/setup', { _csrf: csrfOf(pa.body), ...form(token, { username: 'first.a', countyCode: 'county-a' }) }),
        b.post('/setup', { _csrf: csrfOf(pb.body), ...form(token, { username: 'first.b', countyCode: 'county-b' }) }),
      ]);
      expect([ra.statusCode, rb.statusCode].sort()).toEqual([303, 409]);
      const { staff, county } = await counts(t.database.db);
      expect(staff).toHaveLength(1);
      expect(county).toHaveLength(1);
      const winner = ra.statusCode === 303 ? 'a' : 'b';
      expect(staff[0]!.username).toBe(`first.${winner}`);
      expect(county[0]!.code).toBe(`county-${winner}`);
    });
  });

  describeOn(kind)(`[${kind}] first start: the command line instead`, () => {
    let t: Awaited<ReturnType<typeof emptyApp>>;
    beforeAll(async () => {
      t = await emptyApp(kind, NOW);
    });
    afterAll(async () => t?.dispose());

    it('`user add --role system_admin` works on an empty DEMO=false database, and /setup closes', async () => {
      expect((await new Agent(t.app).get('/setup')).statusCode).toBe(200);
      const log = console.log;
      console.log = () => {};
      try {
        expect(await createUserCli(t.database, { username: 'ops', role: 'system_admin', name: '維運' }, PASSWORD)).toBe(0);
      } finally {
        console.log = log;
      }
      expect((await counts(t.database.db)).staff).toEqual([
        { username: 'ops', role: 'system_admin', county_id: null, office_id: null, must_change_password: 1 },
      ]);
      expect((await new Agent(t.app).get('/setup')).statusCode).toBe(404);
      const signIn = await new Agent(t.app).signIn('ops', PASSWORD);
      expect(signIn.statusCode).toBe(303);
    });
  });
}
