import type { Executor } from '../../db/index.js';

/**
 * The set-up's SQL. The first start has nobody to ask: it reads whether any
 * staff account or county exists and writes the first of each directly (as
 * the `user add` command does), because the staff and offices modules'
 * create paths need a signed-in actor that does not exist yet.
 */

/** The one-time token's SHA-256 (hex) lives in the global settings, never the token itself. */
const TOKEN_KEY = { scope: 'global', key: 'setup.token_sha256' } as const;

export async function anyStaff(db: Executor): Promise<boolean> {
  return (await db.selectFrom('staff').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function firstCounty(db: Executor) {
  return db.selectFrom('county').select(['id', 'code']).orderBy('id').limit(1).executeTakeFirst();
}

export async function tokenHash(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('setting').select('value').where('scope', '=', TOKEN_KEY.scope).where('key', '=', TOKEN_KEY.key).executeTakeFirst();
  if (!row) return null;
  try {
    const v: unknown = JSON.parse(row.value);
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

export async function replaceTokenHash(db: Executor, hash: string, now: string): Promise<void> {
  const value = JSON.stringify(hash);
  await db
    .insertInto('setting')
    .values({ ...TOKEN_KEY, value, updated_at: now, updated_by: null })
    .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({ value, updated_at: now, updated_by: null }))
    .execute();
}

/**
 * Uses the token up: deletes it only if it is still the one checked. Two
 * submissions racing both get here; the row lock (PostgreSQL) or the write
 * lock (SQLite, BEGIN IMMEDIATE) lets exactly one of them delete it.
 */
export async function consumeToken(db: Executor, hash: string): Promise<boolean> {
  const r = await db
    .deleteFrom('setting')
    .where('scope', '=', TOKEN_KEY.scope)
    .where('key', '=', TOKEN_KEY.key)
    .where('value', '=', JSON.stringify(hash))
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function dropToken(db: Executor): Promise<void> {
  await db.deleteFrom('setting').where('scope', '=', TOKEN_KEY.scope).where('key', '=', TOKEN_KEY.key).execute();
}

export async function insertCounty(db: Executor, v: { code: string; nameZh: string; nameEn: string }): Promise<number> {
  const r = await db
    .insertInto('county')
    .values({ code: v.code, name_zh: v.nameZh, name_en: v.nameEn, website: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertSystemAdmin(db: Executor, v: { username: string; displayName: string; passwordHash: string; now: string }): Promise<number> {
  const r = await db
    .insertInto('staff')
    .values({
      username: v.username,
      display_name: v.displayName,
      email: null,
      password_hash: v.passwordHash,
      role: 'system_admin',
      // a system administrator belongs to no county or office (as `user add` makes one)
      county_id: null,
      office_id: null,
      active: 1,
      // they chose this password themselves, just now
      must_change_password: 0,
      created_at: v.now,
      updated_at: v.now,
      password_changed_at: v.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
