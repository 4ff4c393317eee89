import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from './index.js';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] staff sign-in, sessions, CSRF and roles`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let now = new Date('2026-11-24T02:00:00Z');
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    async function auditActions(): Promise<string[]> {
      const rows = await t.database.db.selectFrom('audit_log').select('action').orderBy('id').execute();
      return rows.map((r) => r.action);
    }

    it('signs in with the right password, lands on the staff home, and signs out', async () => {
      const a = new Agent(t.app);
      const res = await a.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/staff');
      const cookie = res.cookies.find((c) => c.name === 'hz_sid');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Lax');
      const home = await a.get('/staff');
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('王小華');
      // a clerk sees neither account management nor the audit log
      expect(home.body).not.toContain('/staff/users');
      expect(home.body).not.toContain('/staff/audit');
      const out = await a.post('/staff/logout', { _csrf: csrfOf(home.body) });
      expect(out.statusCode).toBe(303);
      const after = await a.get('/staff');
      expect(after.statusCode).toBe(303);
      expect(after.headers.location).toMatch(/^\/staff\/login/);
      expect(await auditActions()).toEqual(expect.arrayContaining(['auth.login', 'auth.logout']));
    });

    it('refuses a wrong password with the same message as an unknown user', async () => {
      const a = new Agent(t.app);
      const wrong = await a.signIn('supervisor.zhubei', 'not-the-password');
      const unknown = await a.signIn('nobody.here', 'not-the-password');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      const msg = (html: string) => /class="field-message"[^>]*>([^<]+)</.exec(html)?.[1];
      expect(msg(wrong.body)).toBe(msg(unknown.body));
      expect(wrong.body).toContain('value="supervisor.zhubei"');
      expect(wrong.body).not.toContain('not-the-password');
    });

    it('locks a name for 15 minutes after 5 failures, even with the right password, then lets it in', async () => {
      const a = new Agent(t.app);
      for (let i = 1; i <= 4; i++) expect((await a.signIn('director.jianshi', `wrong-${i}`)).statusCode).toBe(401);
      expect((await a.signIn('director.jianshi', 'wrong-5')).statusCode).toBe(423);
      const locked = await a.signIn('director.jianshi', DEMO_PASSWORD);
      expect(locked.statusCode).toBe(423);
      expect(locked.body).toContain('15');
      // unknown names lock the same way: no way to tell which accounts exist
      for (let i = 1; i <= 5; i++) await a.signIn('ghost.account', `x-${i}`);
      expect((await a.signIn('ghost.account', 'x')).statusCode).toBe(423);
      now = new Date(now.getTime() + 15 * 60_000 + 1000);
      expect((await a.signIn('director.jianshi', DEMO_PASSWORD)).statusCode).toBe(303);
      const actions = await auditActions();
      expect(actions).toContain('auth.lockout');
      expect(actions).toContain('auth.login.locked');
    });

    it('rejects a form without a valid CSRF token and changes nothing', async () => {
      const a = new Agent(t.app);
      await a.get('/staff/login');
      const res = await a.post('/staff/login', { username: 'clerk.zhubei', password: DEMO_PASSWORD, _csrf: 'forged' });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('表單已過期');
      expect(res.cookies.find((c) => c.name === 'hz_sid')).toBeUndefined();
      // a token from another visitor does not work either
      const other = new Agent(t.app);
      const otherToken = csrfOf((await other.get('/staff/login')).body);
      const res2 = await a.post('/staff/login', { username: 'clerk.zhubei', password: DEMO_PASSWORD, _csrf: otherToken });
      expect(res2.statusCode).toBe(403);
    });

    it('expires an idle session', async () => {
      const a = new Agent(t.app);
      await a.signIn('clerk.jianshi', DEMO_PASSWORD);
      expect((await a.get('/staff')).statusCode).toBe(200);
      now = new Date(now.getTime() + (t.config.session.idleMinutes + 1) * 60_000);
      const res = await a.get('/staff');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toContain('expired=1');
    });

    it('enforces roles: a clerk cannot open accounts or the audit log; a supervisor reads the audit log', async () => {
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect((await clerk.get('/staff/users')).statusCode).toBe(403);
      expect((await clerk.get('/staff/audit')).statusCode).toBe(403);
      const sup = new Agent(t.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const audit = await sup.get('/staff/audit');
      expect(audit.statusCode).toBe(200);
      expect(audit.body).toContain('auth.login');
      expect((await sup.get('/staff/users')).statusCode).toBe(403);
    });

    it('lets a director add a clerk but not a director, and audits the role change', async () => {
      const d = new Agent(t.app);
      await d.signIn('director.zhubei', DEMO_PASSWORD);
      const page = await d.get('/staff/users');
      expect(page.statusCode).toBe(200);
      const office = /<option value="(\d+)"[^>]*>新竹縣竹北市戶政事務所/.exec(page.body)?.[1];
      expect(office).toBeDefined();
      const denied = await d.post('/staff/users', {
        _csrf: csrfOf(page.body),
        username: 'new.director',
        displayName: '新主任',
        role: 'director',
        officeId: office!,
        password: 'a-long-enough-password',
      });
      expect(denied.statusCode).toBe(422);
      expect(denied.body).toContain('您無法指派此職務');
      expect(denied.body).toContain('value="new.director"');
      const ok = await d.post('/staff/users', {
        _csrf: csrfOf(page.body),
        username: 'new.clerk',
        displayName: '新同仁',
        role: 'clerk',
        officeId: office!,
        password: 'a-long-enough-password',
      });
      expect(ok.statusCode).toBe(303);
      const row = await t.database.db.selectFrom('staff').selectAll().where('username', '=', 'new.clerk').executeTakeFirstOrThrow();
      expect(row.must_change_password).toBe(1);
      const edit = await d.get(`/staff/users/${row.id}`);
      const promote = await d.post(`/staff/users/${row.id}`, {
        _csrf: csrfOf(edit.body),
        displayName: '新同仁',
        role: 'supervisor',
        officeId: office!,
        active: '1',
      });
      expect(promote.statusCode).toBe(303);
      const change = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'staff.role.change')
        .where('target_id', '=', String(row.id))
        .executeTakeFirstOrThrow();
      expect(JSON.parse(change.detail!)).toEqual({ from: 'clerk', to: 'supervisor' });
      // the new account must set its own password before anything else
      const n = new Agent(t.app);
      const first = await n.signIn('new.clerk', 'a-long-enough-password');
      expect(first.headers.location).toBe('/staff/account');
      expect((await n.get('/staff')).headers.location).toBe('/staff/account');
    });
  });
}
