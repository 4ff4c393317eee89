import type { Config } from '../../config.js';
import type { Database } from '../../db/index.js';
import type { Vault } from '../../platform/identity/index.js';

export interface PetitionDeps {
  database: Database;
  vault: Vault;
  clock: () => Date;
  /** links in e-mails are built on the configured public address with absoluteUrl(), never on the request's Host header */
  config: Pick<Config, 'publicBaseUrl'>;
}

export const REMIND_JOB = 'petition.remind';
export const BREACH_JOB = 'petition.breach';
export const EXPIRE_JOB = 'petition.expire';
export const FOLLOWUP_JOB = 'petition.followup';
