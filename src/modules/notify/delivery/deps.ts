import path from 'node:path';
import type { Config } from '../../../config.js';
import type { Database } from '../../../db/index.js';
import type { Vault } from '../../../platform/identity/index.js';
import { createMailer, type Mailer } from '../../../platform/mail/index.js';
import type { AppServices } from '../../../platform/module.js';

/** What delivery, acknowledgement, batches and the staff pages need. */
export interface DeliveryDeps {
  database: Database;
  vault: Vault;
  config: Pick<Config, 'publicBaseUrl' | 'smtpUrl' | 'mailFrom' | 'dataDir' | 'notifyRetentionDays'>;
  clock: () => Date;
  /** made on first use: most processes never send a notice by e-mail */
  mailer: () => Mailer;
}

export function deliveryDeps(s: Pick<AppServices, 'database' | 'vault' | 'clock'> & { config: DeliveryDeps['config'] }): DeliveryDeps {
  let mailer: Mailer | null = null;
  return {
    database: s.database,
    vault: s.vault,
    config: s.config,
    clock: s.clock,
    mailer: () => {
      mailer ??= createMailer({ smtpUrl: s.config.smtpUrl, from: s.config.mailFrom, outboxDir: path.join(s.config.dataDir, 'outbox') });
      return mailer;
    },
  };
}

/** When a notice that left the queue at `at` loses its personal data. */
export function purgeAfter(deps: Pick<DeliveryDeps, 'config'>, at: Date): string {
  return new Date(at.getTime() + deps.config.notifyRetentionDays * 86_400_000).toISOString();
}

/** The start of a Taipei day as a UTC instant (periods are chosen in Taipei days, instants are stored in UTC). */
export function taipeiDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}
