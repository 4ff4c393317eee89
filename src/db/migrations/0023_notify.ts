import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * Cross-agency change notices and life-event follow-ups (跨機關通報,
 * 戶政即時通, 出生即時通): the county's registry of recipient agencies, the
 * citizen's consent recorded at the counter, one notice per recipient with
 * its delivery attempts, messages to citizens (e-mail, SMS), the after-event
 * checklists and the lists generated from them, the bundled birth
 * applications handed to other units, and the register of citizens the
 * office must remind (主動提醒).
 */
export const m0023: Migration = {
  async up(ctx) {
    const { db } = ctx;

    await withId(ctx, db.schema.createTable('notify_recipient'))
      .addColumn('county_id', 'integer', (c) => c.notNull().references('county.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('sector', 'text', (c) => c.notNull()) // land, tax, motor, health, labor, pension, water, power, telecom, insurance, other
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email','webhook','batch')`))
      .addColumn('email', 'text')
      .addColumn('webhook_url', 'text')
      .addColumn('secret_enc', 'text') // the webhook's signing secret, encrypted by the vault
      .addColumn('events', 'text', (c) => c.notNull()) // JSON: LifeEvent[]
      .addColumn('fields', 'text', (c) => c.notNull()) // JSON: NoticeField[]
      .addColumn('ack_days', 'integer', (c) => c.notNull().check(sql`ack_days between 1 and 60`))
      .addColumn('contact_name', 'text', (c) => c.notNull())
      .addColumn('contact_phone', 'text', (c) => c.notNull())
      .addColumn('contact_email', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notify_recipient_code').unique().on('notify_recipient').columns(['county_id', 'code']).execute();

    // one consent per case: the recipients chosen are its notices; none chosen is a recorded refusal
    await withId(ctx, db.schema.createTable('notify_consent'))
      .addColumn('case_id', 'integer', (c) => c.notNull().references('case_file.id'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('event_date', 'text', (c) => c.notNull())
      .addColumn('recipients', 'integer', (c) => c.notNull()) // how many were chosen (0 = declined)
      .addColumn('read_back', 'integer', (c) => c.notNull()) // the clerk read the choice back to the citizen
      .addColumn('slip_code', 'text', (c) => c.notNull()) // the printed consent slip, /staff/notify/slip/<code>.pdf
      .addColumn('details_enc', 'text') // the event's own fields typed at the counter (new address, new name …), encrypted
      .addColumn('recorded_by', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notify_consent_case').unique().on('notify_consent').columns(['case_id']).execute();
    await db.schema.createIndex('notify_consent_office').on('notify_consent').columns(['office_id', 'recorded_at']).execute();

    // one notice per case and recipient, whatever the number of workers or clicks
    await withId(ctx, db.schema.createTable('notify_notice'))
      .addColumn('consent_id', 'integer', (c) => c.notNull().references('notify_consent.id'))
      .addColumn('case_id', 'integer', (c) => c.notNull().references('case_file.id'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('recipient_id', 'integer', (c) => c.notNull().references('notify_recipient.id'))
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued','sent','acknowledged','failed')`))
      .addColumn('body_enc', 'text') // only the fields the recipient accepts, encrypted; null once purged
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('ack_token_hash', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'integer')
      .addColumn('queued_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('acked_at', 'text')
      .addColumn('failed_at', 'text')
      .addColumn('purge_after', 'text')
      .addColumn('purged_at', 'text')
      .execute();
    await db.schema.createIndex('notify_notice_once').unique().on('notify_notice').columns(['case_id', 'recipient_id']).execute();
    await db.schema.createIndex('notify_notice_ack').unique().on('notify_notice').columns(['ack_token_hash']).execute();
    await db.schema.createIndex('notify_notice_recipient').on('notify_notice').columns(['recipient_id', 'status']).execute();
    await db.schema.createIndex('notify_notice_office').on('notify_notice').columns(['office_id', 'queued_at']).execute();

    // every try, for the staff page's history (retried, why it failed)
    await withId(ctx, db.schema.createTable('notify_attempt'))
      .addColumn('notice_id', 'integer', (c) => c.notNull().references('notify_notice.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('sent','failed','acknowledged','requeued','listed')`))
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('notify_attempt_notice').on('notify_attempt').columns(['notice_id', 'at']).execute();

    // a printed list for an agency with neither e-mail nor webhook
    await withId(ctx, db.schema.createTable('notify_batch'))
      .addColumn('recipient_id', 'integer', (c) => c.notNull().references('notify_recipient.id'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('notices', 'integer', (c) => c.notNull())
      .addColumn('handed_over_at', 'text')
      .execute();

    // e-mail and SMS to citizens; the address is kept encrypted only until sent
    await withId(ctx, db.schema.createTable('citizen_message'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('case_id', 'integer', (c) => c.references('case_file.id'))
      .addColumn('reminder_id', 'integer')
      .addColumn('purpose', 'text', (c) => c.notNull()) // birth_instant, followup, reminder
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email','sms')`))
      .addColumn('to_enc', 'text') // null once sent
      .addColumn('body_enc', 'text') // null once sent
      .addColumn('parts', 'integer', (c) => c.notNull()) // SMS parts (1 for e-mail)
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued','sent','failed')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('provider_id', 'text') // SMPP message id or SMTP message id
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema.createIndex('citizen_message_once').unique().on('citizen_message').columns(['dedupe_key']).execute();
    await db.schema.createIndex('citizen_message_office').on('citizen_message').columns(['office_id', 'created_at']).execute();

    // the "after this event" checklist of a guide (office_id null: the county's, which an office may replace)
    await withId(ctx, db.schema.createTable('followup_item'))
      .addColumn('guide_code', 'text', (c) => c.notNull())
      .addColumn('office_id', 'integer', (c) => c.references('office.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('todo','benefit')`))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('title_en', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull()) // where: the agency or counter
      .addColumn('place_en', 'text', (c) => c.notNull())
      .addColumn('deadline_days', 'integer') // calendar days after the event, when the law sets one
      .addColumn('deadline_note', 'text', (c) => c.notNull())
      .addColumn('deadline_note_en', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('updated_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('followup_item_guide').on('followup_item').columns(['guide_code', 'office_id', 'position']).execute();

    // the list a citizen got when the case closed: the items as they were that day
    await withId(ctx, db.schema.createTable('followup_list'))
      .addColumn('case_id', 'integer', (c) => c.notNull().references('case_file.id'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('guide_code', 'text', (c) => c.notNull())
      .addColumn('event_date', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('items', 'text', (c) => c.notNull()) // JSON snapshot
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email','sms','print')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('followup_list_case').unique().on('followup_list').columns(['case_id']).execute();
    await db.schema.createIndex('followup_list_code').unique().on('followup_list').columns(['code']).execute();

    // applications the office takes with a birth on the county's behalf, handed to the unit that decides them
    await withId(ctx, db.schema.createTable('birth_bundle'))
      .addColumn('case_id', 'integer', (c) => c.notNull().references('case_file.id'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('kind', 'text', (c) => c.notNull()) // birth_grant, childcare_allowance, newborn_insurance …
      .addColumn('unit', 'text', (c) => c.notNull()) // the responsible unit
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received','handed_over','accepted','returned')`))
      .addColumn('handed_over_on', 'text')
      .addColumn('handover_doc', 'text') // 移送文號
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('birth_bundle_once').unique().on('birth_bundle').columns(['case_id', 'kind']).execute();
    await db.schema.createIndex('birth_bundle_office').on('birth_bundle').columns(['office_id', 'status']).execute();

    // 主動提醒: people who must still register (court judgments, hospital reports, two years abroad)
    await withId(ctx, db.schema.createTable('reminder'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('court_judgment','hospital_birth','hospital_death','abroad_two_years')`))
      .addColumn('person_name', 'text', (c) => c.notNull())
      .addColumn('id_hash', 'text')
      .addColumn('id_enc', 'text')
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('phone_enc', 'text')
      .addColumn('email', 'text')
      .addColumn('source_ref', 'text', (c) => c.notNull()) // the judgment's or the hospital report's number
      .addColumn('reported_on', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull()) // the legal deadline to register
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','reminded','registered','closed')`))
      .addColumn('outcome_note', 'text', (c) => c.notNull())
      .addColumn('resolved_on', 'text')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reminder_office').on('reminder').columns(['office_id', 'status', 'due_on']).execute();

    await withId(ctx, db.schema.createTable('reminder_contact'))
      .addColumn('reminder_id', 'integer', (c) => c.notNull().references('reminder.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('letter','sms','email','phone','visit')`))
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('letter_code', 'text') // a printed letter, /staff/reminders/letter/<code>.pdf
      .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
      .execute();
    await db.schema.createIndex('reminder_contact_reminder').on('reminder_contact').columns(['reminder_id', 'at']).execute();
  },
};
