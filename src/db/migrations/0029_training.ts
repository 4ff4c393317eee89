import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * Training log (訓練紀錄) and the law quiz (戶政法規測驗).
 *
 * A question keeps every revision (training_question_rev); an attempt's
 * items point at the revision drawn and copy its correct set, so editing a
 * question never changes how a past attempt was scored. "One open attempt
 * per person per quiz" is a partial unique index.
 */
export const m0029: Migration = {
  async up(ctx) {
    const { db } = ctx;
    const blob = ctx.dialect === 'postgres' ? 'bytea' : 'blob';

    await withId(ctx, db.schema.createTable('training_question'))
      .addColumn('office_id', 'integer', (c) => c.references('office.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('single', 'multiple')`))
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('training_question_topic').on('training_question').columns(['topic', 'active']).execute();

    await withId(ctx, db.schema.createTable('training_question_rev'))
      .addColumn('question_id', 'integer', (c) => c.notNull().references('training_question.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('stem', 'text', (c) => c.notNull())
      // JSON: the options' texts, in order; the correct options' positions (0-based)
      .addColumn('options', 'text', (c) => c.notNull())
      .addColumn('correct', 'text', (c) => c.notNull())
      .addColumn('explanation', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      // the rulings library (later) links here
      .addColumn('ruling_id', 'integer')
      .addColumn('saved_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('saved_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('training_question_rev_unique', ['question_id', 'revision'])
      .execute();

    await withId(ctx, db.schema.createTable('training_quiz'))
      .addColumn('office_id', 'integer', (c) => c.references('office.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('topics', 'text', (c) => c.notNull())
      .addColumn('question_count', 'integer', (c) => c.notNull().check(sql`question_count BETWEEN 1 AND 50`))
      .addColumn('time_limit_minutes', 'integer', (c) => c.notNull().check(sql`time_limit_minutes BETWEEN 1 AND 180`))
      .addColumn('pass_percent', 'integer', (c) => c.notNull().check(sql`pass_percent BETWEEN 1 AND 100`))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('training_attempt'))
      .addColumn('quiz_id', 'integer', (c) => c.notNull().references('training_quiz.id'))
      .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('open', 'submitted')`))
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('deadline_at', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('correct', 'integer')
      .addColumn('total', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('training_attempt_one_open').on('training_attempt').columns(['quiz_id', 'staff_id']).unique().where(sql.ref('status'), '=', 'open').execute();
    await db.schema.createIndex('training_attempt_office').on('training_attempt').columns(['office_id', 'submitted_at']).execute();
    await db.schema.createIndex('training_attempt_staff').on('training_attempt').columns(['staff_id', 'started_at']).execute();

    await db.schema
      .createTable('training_attempt_item')
      .addColumn('attempt_id', 'integer', (c) => c.notNull().references('training_attempt.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('question_id', 'integer', (c) => c.notNull().references('training_question.id'))
      .addColumn('rev_id', 'integer', (c) => c.notNull().references('training_question_rev.id'))
      // JSON lists of option positions: what was answered (null: not yet submitted) and what was right then
      .addColumn('answer', 'text')
      .addColumn('correct_set', 'text', (c) => c.notNull())
      .addColumn('is_right', 'integer')
      .addPrimaryKeyConstraint('training_attempt_item_pk', ['attempt_id', 'position'])
      .execute();
    await db.schema.createIndex('training_attempt_item_question').on('training_attempt_item').columns(['question_id']).execute();

    await withId(ctx, db.schema.createTable('training_record'))
      .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode IN ('internal', 'external')`))
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      // hundredths of an hour: 1.5 h is 150; more than 0 and at most 40 h an entry
      .addColumn('hours_centi', 'integer', (c) => c.notNull().check(sql`hours_centi > 0 AND hours_centi <= 4000`))
      .addColumn('certificate_no', 'text')
      .addColumn('file_name', 'text')
      .addColumn('file_mime', 'text')
      .addColumn('file_size', 'integer')
      .addColumn('file', blob)
      .addColumn('recorded_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('training_record_office').on('training_record').columns(['office_id', 'start_date']).execute();
    await db.schema.createIndex('training_record_staff').on('training_record').columns(['staff_id', 'start_date']).execute();
  },
};
