import type { Database } from '../db/index.js';
import { writeTransaction } from '../db/index.js';
import { seedRecipients } from '../modules/notify/recipients/seed.js';
import { seedReminders } from '../modules/notify/reminders/seed.js';
import type { Vault } from '../platform/identity/index.js';

/**
 * The demo county's recipient agencies and each office's reminders register.
 * Only with the deployment's key: webhook secrets and the reminded people's
 * ID numbers are sealed with it, and sealed with any other key they could
 * never be opened.
 */
export async function seedNotify(database: Database, now: Date, vault: Vault): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const county = await trx.selectFrom('county').select('id').where('code', '=', 'hsinchu').executeTakeFirstOrThrow();
    const offices = await trx.selectFrom('office').select(['id', 'code']).execute();
    const idOf = (code: string) => offices.find((o) => o.code === code)?.id;
    const zhubei = idOf('zhubei');
    const jianshi = idOf('jianshi');
    const clerk = await trx.selectFrom('staff').select('id').where('username', '=', 'clerk.zhubei').executeTakeFirst();
    await seedRecipients(trx, county.id, vault, now);
    if (zhubei && jianshi && clerk) await seedReminders(trx, { zhubei, jianshi }, vault, clerk.id, now);
  });
}
