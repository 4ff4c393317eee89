import { randomBytes } from 'node:crypto';
import type { Executor } from '../../../db/index.js';

/** One line of a follow-up list as the citizen got it (a snapshot: later edits do not change a list already given). */
export interface FollowupLine {
  kind: 'todo' | 'benefit';
  title: string;
  title_en: string;
  place: string;
  place_en: string;
  /** the date it must be done by, when the law sets one (event date + deadline days) */
  due_on: string | null;
  deadline_note: string;
  deadline_note_en: string;
  link: string | null;
}

/** The office's own checklist for the guide when it has one, else the county's. */
export async function checklistFor(db: Executor, guideCode: string, officeId: number) {
  const rows = await db.selectFrom('followup_item').selectAll().where('guide_code', '=', guideCode).where((eb) => eb.or([eb('office_id', '=', officeId), eb('office_id', 'is', null)])).orderBy('position').orderBy('id').execute();
  const own = rows.filter((r) => r.office_id === officeId);
  return own.length > 0 ? own : rows.filter((r) => r.office_id === null);
}

function plusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The citizen's follow-up list for a closed case, made once (unique per
 * case): the checklist as it is today, with dates worked out from the event
 * date. A second call returns the list made the first time.
 */
export async function generateFollowupList(
  db: Executor,
  input: { caseId: number; officeId: number; guideCode: string; eventDate: string; locale: string; channel: 'email' | 'sms' | 'print' },
  now: Date,
): Promise<{ code: string; items: FollowupLine[] }> {
  const existing = await db.selectFrom('followup_list').select(['code', 'items']).where('case_id', '=', input.caseId).executeTakeFirst();
  if (existing) return { code: existing.code, items: JSON.parse(existing.items) as FollowupLine[] };
  const items: FollowupLine[] = (await checklistFor(db, input.guideCode, input.officeId)).map((r) => ({
    kind: r.kind,
    title: r.title,
    title_en: r.title_en,
    place: r.place,
    place_en: r.place_en,
    due_on: r.deadline_days === null ? null : plusDays(input.eventDate, r.deadline_days),
    deadline_note: r.deadline_note,
    deadline_note_en: r.deadline_note_en,
    link: r.link,
  }));
  // 72 random bits: the list is reached by its code alone (a link in a text message), like the notice slip
  const code = randomBytes(9).toString('base64url');
  // two calls at once for one case (a double click, two processes): the unique index keeps one list and both get it
  await db
    .insertInto('followup_list')
    .values({ case_id: input.caseId, office_id: input.officeId, code, guide_code: input.guideCode, event_date: input.eventDate, locale: input.locale, items: JSON.stringify(items), channel: input.channel, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .execute();
  const made = await db.selectFrom('followup_list').select(['code', 'items']).where('case_id', '=', input.caseId).executeTakeFirstOrThrow();
  return { code: made.code, items: JSON.parse(made.items) as FollowupLine[] };
}
