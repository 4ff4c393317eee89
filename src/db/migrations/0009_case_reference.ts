import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Migration } from './helpers.js';

/**
 * Written out here (not imported from the cases module) so the migration
 * keeps doing what it did when it shipped, whatever the module does later.
 * 32 letters and digits without 0/O/1/I: a byte modulo 32 is unbiased.
 */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function reference(): string {
  const raw = [...randomBytes(10)].map((b) => ALPHABET[b % 32]).join('');
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** Non-guessable public case references, the citizen's language for mails, and per-case look-up failures. */
export const m0009: Migration = {
  async up(ctx) {
    const { db, dialect } = ctx;
    // NOT NULL needs a default to add a column to a table that may have rows (SQLite);
    // every row gets its own reference below, before the unique index exists.
    await db.schema
      .alterTable('case_file')
      .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    // the language the citizen reads the case e-mails in
    await db.schema
      .alterTable('case_file')
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-Hant'))
      .execute();
    // wrong answers to the public look-up, counted in the database so every process sees them
    await db.schema
      .alterTable('case_file')
      .addColumn('lookup_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('case_file').addColumn('lookup_locked_until', 'text').execute();

    const rows = (await db.selectFrom('case_file').select('id').execute()) as { id: number }[];
    const used = new Set<string>();
    for (const { id } of rows) {
      let ref = reference();
      while (used.has(ref)) ref = reference();
      used.add(ref);
      await db.updateTable('case_file').set({ reference: ref }).where('id', '=', id).execute();
    }
    if (dialect === 'postgres') {
      // new rows must bring their own reference
      await sql`ALTER TABLE case_file ALTER COLUMN reference DROP DEFAULT`.execute(db);
    }
    await db.schema.createIndex('case_reference').unique().on('case_file').column('reference').execute();
  },
};
