import type { Executor } from '../../db/index.js';

export async function findStaffByUsername(db: Executor, username: string) {
  return db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findStaffById(db: Executor, id: number) {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findThrottle(db: Executor, key: string) {
  return db.selectFrom('login_throttle').selectAll().where('username_key', '=', key).executeTakeFirst();
}

export async function throttleRows(db: Executor, keys: string[]) {
  if (keys.length === 0) return [];
  return db.selectFrom('login_throttle').selectAll().where('username_key', 'in', keys).execute();
}

export async function saveThrottle(db: Executor, key: string, failures: number, lockedUntil: string | null, now: string) {
  await db
    .insertInto('login_throttle')
    .values({ username_key: key, failures, locked_until: lockedUntil, updated_at: now })
    .onConflict((oc) => oc.column('username_key').doUpdateSet({ failures, locked_until: lockedUntil, updated_at: now }))
    .execute();
}

export async function clearThrottle(db: Executor, key: string) {
  await db.deleteFrom('login_throttle').where('username_key', '=', key).execute();
}

export async function setPassword(db: Executor, staffId: number, hash: string, mustChange: boolean, now: string) {
  await db
    .updateTable('staff')
    .set({ password_hash: hash, must_change_password: mustChange ? 1 : 0, password_changed_at: now, updated_at: now })
    .where('id', '=', staffId)
    .execute();
}

export interface StaffScope {
  all: boolean;
  countyId: number | null;
  officeId: number | null;
}

export async function listStaff(db: Executor, scope: StaffScope) {
  let q = db
    .selectFrom('staff')
    .leftJoin('office', 'office.id', 'staff.office_id')
    .select([
      'staff.id',
      'staff.username',
      'staff.display_name',
      'staff.email',
      'staff.role',
      'staff.office_id',
      'staff.county_id',
      'staff.active',
      'office.name_zh as office_name_zh',
      'office.name_en as office_name_en',
    ])
    .orderBy('staff.office_id')
    .orderBy('staff.username');
  if (!scope.all) {
    if (scope.officeId !== null) q = q.where('staff.office_id', '=', scope.officeId);
    else if (scope.countyId !== null) q = q.where('staff.county_id', '=', scope.countyId);
  }
  return q.execute();
}

export async function insertStaff(
  db: Executor,
  row: {
    username: string;
    display_name: string;
    email: string | null;
    password_hash: string;
    role: string;
    county_id: number | null;
    office_id: number | null;
    must_change_password: number;
    now: string;
  },
): Promise<number> {
  const { now, ...rest } = row;
  const r = await db
    .insertInto('staff')
    .values({ ...rest, active: 1, created_at: now, updated_at: now, password_changed_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateStaff(
  db: Executor,
  id: number,
  set: { display_name: string; email: string | null; role: string; county_id: number | null; office_id: number | null; active: number; now: string },
) {
  const { now, ...rest } = set;
  await db
    .updateTable('staff')
    .set({ ...rest, updated_at: now })
    .where('id', '=', id)
    .execute();
}
