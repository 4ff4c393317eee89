import { sql } from 'kysely';
import { type Migration, makeAppendOnly, withId } from './helpers.js';

/**
 * The yearly service-quality plan (提升服務品質執行計畫) and the year's work
 * around it: items and their measures, hand-entered values with evidence,
 * monthly reviews and their action items, spot checks, proposals, process
 * reviews, awards, the self-evaluation and the county's review.
 * Points are stored in tenths (7.5 points = 75) so sums are exact.
 */
export const m0019: Migration = {
  async up(ctx) {
    const { db } = ctx;
    const blob = ctx.dialect === 'postgres' ? 'bytea' : 'blob';

    // office_id null: the county's own plan, which the offices' plans follow
    await withId(ctx, db.schema.createTable('plan'))
      .addColumn('county_id', 'integer', (c) => c.notNull().references('county.id'))
      .addColumn('office_id', 'integer', (c) => c.references('office.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('goals', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft','filed','published','closed')`))
      .addColumn('source', 'text', (c) => c.notNull()) // 'template:huxi103', 'plan:<id>', 'blank'
      .addColumn('filed_on', 'text')
      .addColumn('filed_doc', 'text')
      .addColumn('published_on', 'text')
      .addColumn('closed_on', 'text')
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await sql`CREATE UNIQUE INDEX plan_office_year ON plan (office_id, year) WHERE office_id IS NOT NULL`.execute(db);
    await sql`CREATE UNIQUE INDEX plan_county_year ON plan (county_id, year) WHERE office_id IS NULL`.execute(db);

    // the tree: 實施要項 → 分項 → 執行指標 (depth 1–3); points on the leaves, parents show their sum
    await withId(ctx, db.schema.createTable('plan_item'))
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id'))
      .addColumn('parent_id', 'integer', (c) => c.references('plan_item.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull()) // 一, (一), 1
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('strategy', 'text', (c) => c.notNull()) // 執行策略
      .addColumn('points10', 'integer', (c) => c.notNull()) // 配分 in tenths
      .addColumn('deadline', 'text') // 完成期限
      .addColumn('lead_unit', 'text', (c) => c.notNull()) // 主辦單位
      .addColumn('co_units', 'text', (c) => c.notNull()) // 協辦單位
      .addColumn('benefit', 'text', (c) => c.notNull()) // 預期效益
      .execute();
    await db.schema.createIndex('plan_item_plan').on('plan_item').columns(['plan_id', 'position']).execute();

    // 執行指標 / sub-indicators: a registry indicator (computed) or a hand-entered one (indicator_key null)
    await withId(ctx, db.schema.createTable('plan_measure'))
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('plan_item.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('indicator_key', 'text')
      .addColumn('label', 'text', (c) => c.notNull()) // hand-entered: what is counted; computed: may be empty (the registry's title)
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('better', 'text', (c) => c.notNull().check(sql`better in ('higher','lower')`))
      .addColumn('target', 'double precision')
      .execute();
    await db.schema.createIndex('plan_measure_item').on('plan_measure').columns(['item_id', 'position']).execute();

    // every save of the items (and every state change): the plan as it was, never changed afterwards
    await withId(ctx, db.schema.createTable('plan_revision'))
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'integer')
      .addColumn('staff_name', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('snapshot', 'text', (c) => c.notNull()) // JSON: plan fields, items, measures
      .addUniqueConstraint('plan_revision_number', ['plan_id', 'revision'])
      .execute();
    await makeAppendOnly(ctx, 'plan_revision');

    // evidence: files attached to hand-entered values, awards, self-evaluation lines
    await withId(ctx, db.schema.createTable('plan_file'))
      .addColumn('office_id', 'integer', (c) => c.references('office.id'))
      .addColumn('county_id', 'integer', (c) => c.notNull().references('county.id'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content', blob, (c) => c.notNull())
      .addColumn('uploaded_by', 'integer')
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .execute();

    await withId(ctx, db.schema.createTable('plan_hand_value'))
      .addColumn('measure_id', 'integer', (c) => c.notNull().references('plan_measure.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('file_id', 'integer', (c) => c.references('plan_file.id'))
      .addColumn('entered_by', 'integer')
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('plan_hand_value_month', ['measure_id', 'month'])
      .execute();

    // 所務會議: one per plan and month
    await withId(ctx, db.schema.createTable('plan_review'))
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('held_on', 'text', (c) => c.notNull())
      .addColumn('minutes', 'text', (c) => c.notNull())
      .addColumn('snapshot', 'text') // JSON: the pack as discussed, frozen when the meeting is recorded
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('plan_review_month', ['plan_id', 'month'])
      .execute();

    // decisions of a review: carried month to month until closed
    await withId(ctx, db.schema.createTable('plan_action'))
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id'))
      .addColumn('item_id', 'integer', (c) => c.references('plan_item.id'))
      .addColumn('raised_month', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open','done','dropped')`))
      .addColumn('closed_month', 'text')
      .addColumn('closed_on', 'text')
      .addColumn('closing_note', 'text')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plan_action_plan').on('plan_action').columns(['plan_id', 'state', 'due_on']).execute();

    // 抽查、內部稽核: each check and the defects it found
    await withId(ctx, db.schema.createTable('plan_check'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('checked_on', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('area', 'text', (c) => c.notNull())
      .addColumn('checker', 'text', (c) => c.notNull())
      .addColumn('items_checked', 'integer', (c) => c.notNull())
      .addColumn('defects', 'integer', (c) => c.notNull())
      .addColumn('findings', 'text', (c) => c.notNull())
      .addColumn('fixed_on', 'text')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plan_check_office').on('plan_check').columns(['office_id', 'checked_on']).execute();

    // 提案制度
    await withId(ctx, db.schema.createTable('plan_proposal'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('proposer_id', 'integer')
      .addColumn('proposer_name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('problem', 'text', (c) => c.notNull())
      .addColumn('proposal', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('submitted','adopted','declined')`))
      .addColumn('reason', 'text')
      .addColumn('decided_by', 'integer')
      .addColumn('decided_on', 'text')
      .addColumn('plan_item_id', 'integer', (c) => c.references('plan_item.id'))
      .addColumn('usage_label', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plan_proposal_office').on('plan_proposal').columns(['office_id', 'state']).execute();
    // how many citizens used an adopted proposal, per month
    await db.schema
      .createTable('plan_proposal_use')
      .addColumn('proposal_id', 'integer', (c) => c.notNull().references('plan_proposal.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('plan_proposal_use_pk', ['proposal_id', 'month'])
      .execute();

    // 流程、書表檢討
    await withId(ctx, db.schema.createTable('plan_process_review'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('reviewed_on', 'text', (c) => c.notNull())
      .addColumn('guide_code', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('before_figures', 'text', (c) => c.notNull()) // JSON {steps, forms, documents, minutes}
      .addColumn('after_figures', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plan_process_review_office').on('plan_process_review').columns(['office_id', 'reviewed_on']).execute();

    // 獎項殊榮
    await withId(ctx, db.schema.createTable('plan_award'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('awarded_by', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('entered','won','not_won')`))
      .addColumn('decided_on', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('file_id', 'integer', (c) => c.references('plan_file.id'))
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plan_award_office').on('plan_award').columns(['office_id', 'year']).execute();

    // 自評 and 上級評核: one evaluation per plan
    await withId(ctx, db.schema.createTable('plan_evaluation'))
      .addColumn('plan_id', 'integer', (c) => c.notNull().unique().references('plan.id'))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft','submitted','returned','reviewed')`))
      .addColumn('frozen_at', 'text')
      .addColumn('snapshot', 'text') // JSON: every measure's value for the year as of frozen_at
      .addColumn('submitted_by', 'integer')
      .addColumn('submitted_at', 'text')
      .addColumn('county_comment', 'text')
      .addColumn('reviewed_by', 'integer')
      .addColumn('reviewed_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('plan_item_score')
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('plan_item.id'))
      .addColumn('self10', 'integer') // self-score in tenths, within the item's points
      .addColumn('account', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull()) // JSON: [{label, href}] and file ids
      .addColumn('county10', 'integer')
      .addColumn('county_comment', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('plan_item_score_pk', ['plan_id', 'item_id'])
      .execute();
  },
};
