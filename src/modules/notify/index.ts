import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule, StaffNotice } from '../../platform/module.js';
import { consentPart } from './consent/part.js';
import { deliveryPart } from './delivery/part.js';
import { followupsPart } from './followups/part.js';
import { registerNotifyIndicators } from './indicators.js';
import { messagesPart } from './messages/part.js';
import type { NotifyPart } from './part.js';
import { recipientsPart } from './recipients/part.js';
import { remindersPart } from './reminders/part.js';

export { scheduleNotifyPurge } from './delivery/part.js';
export { EVENT_OF_GUIDE, type LifeEvent, lifeEventOfGuide } from '../../platform/life-events.js';

const PARTS: NotifyPart[] = [recipientsPart, consentPart, deliveryPart, messagesPart, followupsPart, remindersPart];
for (const p of PARTS) registerCatalog(p.catalog);
registerNotifyIndicators();

/**
 * Cross-agency change notices and life-event follow-ups (跨機關通報,
 * 戶政即時通, 出生即時通): one consent at the counter, one notice per
 * recipient agency with its delivery status, messages to the citizen, the
 * after-event checklist, and the register of people the office must remind.
 */
export const notifyModule: HuzhengModule = {
  name: 'notify',
  async routes(app, services) {
    for (const p of PARTS) await p.routes(app, services);
  },
  staffTiles: PARTS.flatMap((p) => p.staffTiles ?? []),
  jobs: (services) => Object.assign({}, ...PARTS.map((p) => p.jobs?.(services) ?? {})),
  async staffNotices(staff, services) {
    const lists: StaffNotice[][] = await Promise.all(PARTS.map((p) => p.staffNotices?.(staff, services) ?? []));
    return lists.flat();
  },
};
