import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/databases.js';
import { createSession, findSession } from './sessions.js';

const POLICY = { idleMinutes: 30, maxHours: 12 };
const T0 = new Date('2026-11-25T01:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

forEachDatabase((get) => {
  it('a sign-in removes sessions past their idle or absolute expiry, and keeps live ones', async () => {
    const { db } = get();
    const staff = await db
      .insertInto('staff')
      .values({ username: 'sessions', display_name: 'S', email: null, password_hash: 'x', role: 'clerk', county_id: null, office_id: null, active: 1, must_change_password: 0, created_at: T0.toISOString(), updated_at: T0.toISOString(), password_changed_at: T0.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const idle = await createSession(db, staff.id, POLICY, { ip: null, userAgent: null }, T0);
    const live = await createSession(db, staff.id, POLICY, { ip: null, userAgent: null }, at(20));
    // 45 minutes on: the first has been idle 45 > 30 minutes, the second 25
    await createSession(db, staff.id, POLICY, { ip: null, userAgent: null }, at(45));
    const rows = await db.selectFrom('session').select('id').where('staff_id', '=', staff.id).execute();
    expect(rows).toHaveLength(2);
    expect((await findSession(db, idle, POLICY, at(45))).state).toBe('none');
    expect((await findSession(db, live, POLICY, at(45))).state).toBe('active');
  });
});
