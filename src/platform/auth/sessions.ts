import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/index.js';
import { isRole, type StaffPrincipal } from './roles.js';

/**
 * Server-side sessions in the database. The cookie carries a random token;
 * the row is keyed by its SHA-256, so a copy of the database holds no
 * usable session. Idle expiry slides; the absolute expiry does not.
 */
export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface ActiveSession {
  id: string;
  principal: StaffPrincipal;
  lastSeenAt: string;
}

export function sessionIdFor(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Executor,
  staffId: number,
  policy: SessionPolicy,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  // a sign-in is where sessions are made, so it is where dead ones go: otherwise every expired row stays for ever
  await purgeExpiredSessions(db, policy, now);
  await db
    .insertInto('session')
    .values({
      id: sessionIdFor(token),
      staff_id: staffId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + policy.maxHours * 3600_000).toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

export type SessionLookup = { state: 'none' } | { state: 'expired' } | { state: 'active'; session: ActiveSession };

export async function findSession(db: Executor, token: string, policy: SessionPolicy, now = new Date()): Promise<SessionLookup> {
  const id = sessionIdFor(token);
  const row = await db
    .selectFrom('session')
    .innerJoin('staff', 'staff.id', 'session.staff_id')
    .select([
      'session.id as sid',
      'session.last_seen_at',
      'session.expires_at',
      'staff.id',
      'staff.username',
      'staff.display_name',
      'staff.role',
      'staff.county_id',
      'staff.office_id',
      'staff.active',
      'staff.must_change_password',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row) return { state: 'none' };
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
  if (row.expires_at <= now.toISOString() || row.last_seen_at < idleLimit || row.active !== 1 || !isRole(row.role)) {
    await db.deleteFrom('session').where('id', '=', id).execute();
    return { state: 'expired' };
  }
  return {
    state: 'active',
    session: {
      id,
      lastSeenAt: row.last_seen_at,
      principal: {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        countyId: row.county_id,
        officeId: row.office_id,
        mustChangePassword: row.must_change_password === 1,
      },
    },
  };
}

/** Slides the idle window; written at most once a minute to keep reads read-only. */
export async function touchSession(db: Executor, session: ActiveSession, now = new Date()): Promise<void> {
  if (now.getTime() - new Date(session.lastSeenAt).getTime() < 60_000) return;
  await db.updateTable('session').set({ last_seen_at: now.toISOString() }).where('id', '=', session.id).execute();
}

export async function destroySession(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionIdFor(token)).execute();
}

export async function destroyStaffSessions(db: Executor, staffId: number, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('session').where('staff_id', '=', staffId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function purgeExpiredSessions(db: Executor, policy: SessionPolicy, now = new Date()): Promise<number> {
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
  const res = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<', idleLimit)]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
