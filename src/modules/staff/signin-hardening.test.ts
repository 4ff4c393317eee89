import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { verifyPassword } from '../../platform/auth/password.js';
import { safeNext } from '../../platform/auth/guard.js';
import { type AuthDeps, LOCKOUT, signIn } from './auth-service.js';
import { DEMO_PASSWORD } from './index.js';

/**
 * `next=` values that must never leave the staff area nor break the
 * Location header; each is sent as the literal value of the form field or
 * query parameter (i.e. after the one decoding the server does).
 */
const HOSTILE = [
  '/\t/evil.example', // what ?next=/%09/evil.example arrives as
  '/%09/evil.example',
  '/\n/evil.example',
  '/%0A/evil.example',
  '/\u3000/evil.example', // ideographic space
  '/%E3%80%80/evil.example',
  '//evil.example',
  '\\\\evil.example',
  '/\\evil.example',
  '/%5Cevil.example',
  '%2F%2Fevil.example',
  '/%2F/evil.example',
  '/staff/%2F%2Fevil.example',
  '/staff?x=%0D%0ALocation:%20https://evil.example',
  'https://evil.example',
  'http:evil.example',
  '///evil.example',
  'javascript:alert(1)',
  ' /staff',
  '/staff\r\nSet-Cookie: hz_sid=x',
  '/staffevil.example',
  '/staff//evil.example',
  '/staff/\\evil.example',
  '/staff/../..//evil.example',
] as const;

describe('safeNext keeps staff paths and nothing else', () => {
  it('follows ordinary staff pages as given', () => {
    expect(['/staff', '/staff/petitions', '/staff/petitions?filter=mine', '/staff/booking/figures?from=2026-11-01&to=2026-12-31'].map(safeNext)).toEqual([
      '/staff',
      '/staff/petitions',
      '/staff/petitions?filter=mine',
      '/staff/booking/figures?from=2026-11-01&to=2026-12-31',
    ]);
  });
  it.each(HOSTILE)('sends %j to the staff home', (value) => {
    expect(safeNext(value)).toBe('/staff');
  });
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] sign-in: where it sends you, and the same work on every path`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let now = new Date('2026-11-24T02:00:00Z');
    let ip = 0;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());

    it.each(HOSTILE)('answers a sign-in with next=%j by 303 to /staff', async (next) => {
      const a = new Agent(t.app);
      const page = await a.get('/staff/login');
      ip++; // sign-in is rate limited per address
      const res = await a.post('/staff/login', { _csrf: csrfOf(page.body), username: 'clerk.zhubei', password: DEMO_PASSWORD, next }, {}, `10.9.0.${ip}`);
      expect([res.statusCode, res.headers.location]).toEqual([303, '/staff']);
      // signed in already, the sign-in page passes next= straight on: the same rule
      const again = await a.get(`/staff/login?next=${encodeURIComponent(next)}`);
      expect([again.statusCode, again.headers.location]).toEqual([303, '/staff']);
    });

    it('still returns to the staff page that asked for sign-in', async () => {
      const a = new Agent(t.app);
      const ask = await a.get('/staff/petitions?filter=mine');
      expect([ask.statusCode, ask.headers.location]).toEqual([303, '/staff/login?next=%2Fstaff%2Fpetitions%3Ffilter%3Dmine']);
      const page = await a.get(String(ask.headers.location));
      const res = await a.post('/staff/login', { _csrf: csrfOf(page.body), username: 'clerk.zhubei', password: DEMO_PASSWORD, next: '/staff/petitions?filter=mine' }, {}, '10.9.1.1');
      expect([res.statusCode, res.headers.location]).toEqual([303, '/staff/petitions?filter=mine']);
    });

    it('does exactly one argon2 check per attempt: unknown, deactivated, locked, wrong and right password', async () => {
      const calls: string[] = [];
      const deps: AuthDeps = {
        database: t.database,
        secret: t.config.sessionSecret,
        policy: t.config.session,
        verify: (stored, password) => {
          calls.push(password);
          return verifyPassword(stored, password);
        },
      };
      const meta = () => ({ ip: '10.9.2.1', userAgent: null, now });
      const attempt = async (username: string, password: string) => {
        calls.length = 0;
        const r = await signIn(deps, { username, password }, meta());
        return { result: r.ok ? 'ok' : r.reason, verifies: calls.length };
      };
      await t.database.db.updateTable('staff').set({ active: 0 }).where('username', '=', 'clerk.jianshi').execute();
      // lock supervisor.zhubei by failures, the last of which is itself a locked answer
      for (let i = 1; i < LOCKOUT.failures; i++) expect(await attempt('supervisor.zhubei', `wrong-${i}`)).toEqual({ result: 'invalid', verifies: 1 });
      expect(await attempt('supervisor.zhubei', 'wrong-5')).toEqual({ result: 'locked', verifies: 1 });
      // and an unknown name, which locks the same way
      for (let i = 1; i <= LOCKOUT.failures; i++) await attempt('nobody.here', `wrong-${i}`);

      expect({
        unknown: await attempt('no.such.person', 'whatever-password'),
        deactivatedRightPassword: await attempt('clerk.jianshi', DEMO_PASSWORD),
        deactivatedWrongPassword: await attempt('clerk.jianshi', 'wrong-password'),
        lockedRightPassword: await attempt('supervisor.zhubei', DEMO_PASSWORD),
        lockedUnknown: await attempt('nobody.here', 'whatever-password'),
        wrongPassword: await attempt('director.zhubei', 'wrong-password'),
        rightPassword: await attempt('director.zhubei', DEMO_PASSWORD),
      }).toEqual({
        unknown: { result: 'invalid', verifies: 1 },
        deactivatedRightPassword: { result: 'invalid', verifies: 1 },
        deactivatedWrongPassword: { result: 'invalid', verifies: 1 },
        lockedRightPassword: { result: 'locked', verifies: 1 },
        lockedUnknown: { result: 'locked', verifies: 1 },
        wrongPassword: { result: 'invalid', verifies: 1 },
        rightPassword: { result: 'ok', verifies: 1 },
      });
      // the lock lifts after 15 minutes; the check count does not change
      now = new Date(now.getTime() + (LOCKOUT.minutes + 1) * 60_000);
      expect(await attempt('supervisor.zhubei', DEMO_PASSWORD)).toEqual({ result: 'ok', verifies: 1 });
    });
  });
}
