import type { Executor } from '../../../db/index.js';
import { type Locale, translator } from '../../../platform/i18n/index.js';
import type { Vault } from '../../../platform/identity/index.js';
import { checklistFor, generateFollowupList } from '../followups/generate.js';
import { queueCitizenMessage } from '../messages/queue.js';
import type { FollowupChannel } from './form.js';

export interface FollowupOrder {
  caseId: number;
  officeId: number;
  officeName: string;
  guideCode: string;
  guideName: string;
  event: string;
  eventDate: string;
  locale: Locale;
  channel: FollowupChannel;
  email: string | null;
  phone: string | null;
}

/**
 * The follow-up list (when the guide has a checklist and the citizen wants
 * it) and the texts that carry its link, queued in the caller's
 * transaction. A birth with a phone gets the 出生即時通 text, which carries
 * the link too, so the same phone is not texted twice.
 */
export async function queueFollowups(db: Executor, vault: Vault, o: FollowupOrder, baseUrl: string, now: Date): Promise<string | null> {
  const hasChecklist = (await checklistFor(db, o.guideCode, o.officeId)).length > 0;
  const list = hasChecklist && o.channel !== 'none' ? await generateFollowupList(db, { caseId: o.caseId, officeId: o.officeId, guideCode: o.guideCode, eventDate: o.eventDate, locale: o.locale, channel: o.channel }, now) : null;
  const url = list ? `${baseUrl}/f/${list.code}` : null;
  const t = translator(o.locale);
  const words = { office: o.officeName, guide: o.guideName, url: url ?? '' };
  const base = { officeId: o.officeId, caseId: o.caseId };
  if (url && o.channel === 'email' && o.email) {
    await queueCitizenMessage(db, vault, { ...base, purpose: 'followup', channel: 'email', to: o.email, subject: t('notify.consent.msg.subject', words), text: t('notify.consent.msg.email', words), dedupeKey: `followup:case:${o.caseId}` }, now);
  }
  if (o.event === 'birth' && o.phone) {
    const text = t(url ? 'notify.consent.msg.birth' : 'notify.consent.msg.birthNoLink', words);
    await queueCitizenMessage(db, vault, { ...base, purpose: 'birth_instant', channel: 'sms', to: o.phone, text, dedupeKey: `birth:case:${o.caseId}` }, now);
  } else if (url && o.channel === 'sms' && o.phone) {
    const text = t('notify.consent.msg.sms', words);
    await queueCitizenMessage(db, vault, { ...base, purpose: 'followup', channel: 'sms', to: o.phone, text, dedupeKey: `followup:case:${o.caseId}` }, now);
  }
  return list?.code ?? null;
}
