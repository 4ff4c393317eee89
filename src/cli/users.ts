import type { Database } from '../db/index.js';
import { writeTransaction } from '../db/index.js';
import { recordAudit } from '../platform/audit/index.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../platform/auth/password.js';
import { isRole, OFFICE_ROLES } from '../platform/auth/roles.js';
import { destroyStaffSessions } from '../platform/auth/sessions.js';
import { normalizeUsername } from '../modules/staff/index.js';

/** CLI account tools for the first admin and for recovery; passwords come from the environment, never argv (shell history). */
export async function createUserCli(
  database: Database,
  v: { username?: string | undefined; role?: string | undefined; office?: string | undefined; name?: string | undefined; email?: string | undefined },
  password: string | undefined,
): Promise<number> {
  if (!v.username || !/^[a-z0-9][a-z0-9.-]{2,39}$/.test(normalizeUsername(v.username))) {
    console.error('--username: 3–40 lower-case letters, digits, dots or hyphens');
    return 2;
  }
  if (!isRole(v.role)) {
    console.error('--role: clerk | supervisor | director | county_admin | system_admin');
    return 2;
  }
  if (!password || password.length < MIN_PASSWORD_LENGTH) {
    console.error(`Set HUZHENG_PASSWORD to a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
    return 2;
  }
  const db = database.db;
  const office = v.office ? await db.selectFrom('office').select(['id', 'county_id']).where('code', '=', v.office).executeTakeFirst() : undefined;
  if (OFFICE_ROLES.includes(v.role) && !office) {
    console.error('--office: an existing office code is required for this role');
    return 2;
  }
  const county = await db.selectFrom('county').select('id').orderBy('id').executeTakeFirst();
  const username = normalizeUsername(v.username);
  if (await db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst()) {
    console.error(`${username} exists already.`);
    return 1;
  }
  const hash = await hashPassword(password);
  const now = new Date();
  await writeTransaction(database, async (trx) => {
    const r = await trx
      .insertInto('staff')
      .values({
        username,
        display_name: v.name ?? username,
        email: v.email ?? null,
        password_hash: hash,
        role: v.role!,
        county_id: v.role === 'system_admin' ? null : (office?.county_id ?? county?.id ?? null),
        office_id: office?.id ?? null,
        active: 1,
        must_change_password: 1,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        password_changed_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: null, action: 'staff.create', target: { type: 'staff', id: r.id }, detail: { username, role: v.role, via: 'cli' } }, now);
  });
  console.log(`Added ${username} (${v.role}); they must change the password at first sign-in.`);
  return 0;
}

export async function resetPasswordCli(database: Database, v: { username?: string | undefined }, password: string | undefined): Promise<number> {
  if (!password || password.length < MIN_PASSWORD_LENGTH) {
    console.error(`Set HUZHENG_PASSWORD to a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
    return 2;
  }
  const username = normalizeUsername(v.username ?? '');
  const row = await database.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
  if (!row) {
    console.error(`No account ${username}.`);
    return 1;
  }
  const hash = await hashPassword(password);
  const now = new Date();
  await writeTransaction(database, async (trx) => {
    await trx
      .updateTable('staff')
      .set({ password_hash: hash, must_change_password: 1, password_changed_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    await destroyStaffSessions(trx, row.id);
    await recordAudit(trx, { actor: null, action: 'staff.password.reset', target: { type: 'staff', id: row.id }, detail: { via: 'cli' } }, now);
  });
  console.log(`Password of ${username} reset; it must be changed at next sign-in.`);
  return 0;
}
