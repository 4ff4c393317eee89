import type { Database } from '../../db/index.js';
import type { Vault } from '../../platform/identity/index.js';

export interface PetitionDeps {
  database: Database;
  vault: Vault;
  clock: () => Date;
  baseUrl: string;
}

export const REMIND_JOB = 'petition.remind';
export const BREACH_JOB = 'petition.breach';
export const EXPIRE_JOB = 'petition.expire';
export const FOLLOWUP_JOB = 'petition.followup';
