import type { z } from 'zod';
import type { Executor } from '../db/index.js';

/**
 * Settings stored as JSON per scope ('global' or 'office:<id>'), read
 * through a zod schema that supplies the DOMAIN.md default when a value is
 * missing or no longer valid.
 */
export function officeScope(officeId: number): string {
  return `office:${officeId}`;
}

export async function readSetting<S extends z.ZodType>(db: Executor, scope: string, key: string, schema: S): Promise<z.output<S>> {
  const row = await db.selectFrom('setting').select('value').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  let raw: unknown;
  try {
    raw = row ? JSON.parse(row.value) : undefined;
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : schema.parse(undefined);
}

export async function writeSetting(db: Executor, scope: string, key: string, value: unknown, by: number | null, now = new Date()) {
  const v = JSON.stringify(value);
  await db
    .insertInto('setting')
    .values({ scope, key, value: v, updated_at: now.toISOString(), updated_by: by })
    .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({ value: v, updated_at: now.toISOString(), updated_by: by }))
    .execute();
}

/**
 * One key in every scope that holds it (each office's footer badge at once,
 * for a page that needs them all), read through the schema; a value that no
 * longer parses is left out rather than guessed.
 */
export async function readSettingEverywhere<S extends z.ZodType>(db: Executor, key: string, schema: S): Promise<Map<string, z.output<S>>> {
  const rows = await db.selectFrom('setting').select(['scope', 'value']).where('key', '=', key).execute();
  const out = new Map<string, z.output<S>>();
  for (const row of rows) {
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) out.set(row.scope, parsed.data);
  }
  return out;
}
