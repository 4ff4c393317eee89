import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import type { DialectName } from '../index.js';

/** A migration runs on both databases; the few differences go through here. */
export interface MigrationContext {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then, not today's types
  db: Kysely<any>;
  dialect: DialectName;
}

export interface Migration {
  up(ctx: MigrationContext): Promise<void>;
}

/** Integer primary key that the database numbers itself. */
// biome-ignore lint/suspicious/noExplicitAny: table builders are untyped inside migrations
export function withId<T extends string>(ctx: MigrationContext, table: CreateTableBuilder<T, any>) {
  return ctx.dialect === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Rows that must never change once written (audit log): refuse UPDATE and DELETE in the database itself. */
export async function makeAppendOnly(ctx: MigrationContext, table: string): Promise<void> {
  if (ctx.dialect === 'sqlite') {
    await sql
      .raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`)
      .execute(ctx.db);
    await sql
      .raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`)
      .execute(ctx.db);
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`,
    )
    .execute(ctx.db);
  await sql
    .raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`)
    .execute(ctx.db);
}
