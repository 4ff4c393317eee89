import { MESSAGE_JOB } from '../body.js';
import type { NotifyPart } from '../part.js';
import { messagesCatalog } from './i18n.js';
import { messagesRoutes } from './routes.js';
import { createMessageSenders, messageJobHandler } from './send.js';

/**
 * Messages to citizens (出生即時通, the follow-up checklist, reminders): the
 * job that sends each one by e-mail or SMS, and the supervisors' monthly page.
 */
export const messagesPart: NotifyPart = {
  routes: messagesRoutes,
  staffTiles: [{ href: '/staff/notify/messages', titleKey: 'notify.messages.title', descKey: 'notify.messages.tileDesc', capability: 'notify.oversee', menu: 'notify' }],
  // one mailer and one SMPP session for the whole handler set, not one per message
  jobs: (services) => ({ [MESSAGE_JOB]: messageJobHandler(services, createMessageSenders(services.config)) }),
  catalog: messagesCatalog,
};
