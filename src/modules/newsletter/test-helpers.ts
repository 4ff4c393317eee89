import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The demo may seed the newsletter (seedNewsletter): each test starts from empty tables and counts what it made. */
export async function clearNewsletter(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('newsletter_delivery').execute();
  await db.deleteFrom('newsletter_issue').execute();
  await db.deleteFrom('newsletter_subscriber').execute();
}
