import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * The standard work manual (標準化工作手冊) and the rulings library
 * (戶政法令函釋). Every save writes a revision row; one procedure per guide
 * code and scope, and one ruling per 字號, are unique indexes.
 */
export const m0031: Migration = {
  async up(ctx) {
    const { db } = ctx;
    const blob = ctx.dialect === 'postgres' ? 'bytea' : 'blob';

    await withId(ctx, db.schema.createTable('manual_procedure'))
      .addColumn('office_id', 'integer', (c) => c.references('office.id'))
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('guide_code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('steps', 'text', (c) => c.notNull())
      .addColumn('checks', 'text', (c) => c.notNull())
      .addColumn('mistakes', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('manual_procedure_one', ['guide_code', 'scope'])
      .execute();

    await withId(ctx, db.schema.createTable('manual_procedure_rev'))
      .addColumn('procedure_id', 'integer', (c) => c.notNull().references('manual_procedure.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('steps', 'text', (c) => c.notNull())
      .addColumn('checks', 'text', (c) => c.notNull())
      .addColumn('mistakes', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('saved_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('saved_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('manual_procedure_rev_one', ['procedure_id', 'revision'])
      .execute();
    await db.schema.createIndex('manual_procedure_rev_saved').on('manual_procedure_rev').columns(['saved_at']).execute();

    await withId(ctx, db.schema.createTable('manual_ruling'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('issued_on', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('links', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
      .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('manual_ruling_number', ['number'])
      .execute();
    await db.schema.createIndex('manual_ruling_created').on('manual_ruling').columns(['created_at']).execute();

    await withId(ctx, db.schema.createTable('manual_ruling_rev'))
      .addColumn('ruling_id', 'integer', (c) => c.notNull().references('manual_ruling.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('issued_on', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('links', 'text', (c) => c.notNull())
      .addColumn('saved_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('saved_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('manual_ruling_rev_one', ['ruling_id', 'revision'])
      .execute();

    await withId(ctx, db.schema.createTable('manual_attachment'))
      .addColumn('ruling_id', 'integer', (c) => c.notNull().references('manual_ruling.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_mime', 'text', (c) => c.notNull())
      .addColumn('file_size', 'integer', (c) => c.notNull().check(sql`file_size > 0 AND file_size <= 5242880`))
      .addColumn('file', blob, (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('manual_attachment_ruling').on('manual_attachment').columns(['ruling_id']).execute();
  },
};
