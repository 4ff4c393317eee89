import type { Executor } from '../../../db/index.js';
import { SEED_LISTS } from './seed-data.js';

/**
 * The county's after-event lists (office_id null). A guide whose county
 * list already has items is left alone, so seeding twice, or after the
 * county has edited its lists, changes nothing.
 */
export async function seedFollowups(db: Executor, now: Date): Promise<void> {
  const iso = now.toISOString();
  for (const [guide, items] of Object.entries(SEED_LISTS)) {
    const existing = await db.selectFrom('followup_item').select('id').where('guide_code', '=', guide).where('office_id', 'is', null).limit(1).execute();
    if (existing.length > 0) continue;
    for (const [i, it] of items.entries()) {
      await db
        .insertInto('followup_item')
        .values({
          guide_code: guide,
          office_id: null,
          position: i + 1,
          kind: it.kind,
          title: it.title[0],
          title_en: it.title[1],
          place: it.place[0],
          place_en: it.place[1],
          deadline_days: it.days,
          deadline_note: it.note[0],
          deadline_note_en: it.note[1],
          link: it.link,
          updated_by: null,
          updated_at: iso,
        })
        .execute();
    }
  }
}
