import { recipientName } from './model.js';
import { listRecipients, recipientById, recipientsFor, webhookSecret } from './service.js';

/**
 * The registry of recipient agencies, for the other areas of notify: who
 * accepts an event (recipientsFor), one recipient (recipientById), the
 * webhook signing secret in clear for a delivery (webhookSecret), the name
 * to show in a language (recipientName).
 */
export const recipientsService = { recipientsFor, recipientById, webhookSecret, recipientName, listRecipients };
export type { Recipient } from './model.js';
export { seedRecipients } from './seed.js';
