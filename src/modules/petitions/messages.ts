import { absoluteUrl, type Config } from '../../config.js';
import type { Executor } from '../../db/index.js';
import { type Locale, translator } from '../../platform/i18n/index.js';
import { showDate } from '../../platform/layout/dates.js';
import { enqueueMail } from '../../platform/mail/index.js';
import { officesService } from '../offices/index.js';
import type { PetitionRow } from './repo.js';

export type PetitionMail = 'confirm' | 'received' | 'replied' | 'answered' | 'waiting' | 'extended' | 'transferred' | 'declined';

export const langOf = (p: { language: string }): Locale => (p.language === 'en' ? 'en' : 'zh-Hant');

/**
 * Queues a message to the petitioner in the language they wrote in, inside
 * the transaction that made the change. `extra` carries what only this
 * message has (the confirmation link, the password shown once).
 */
export async function queuePetitionMail(
  trx: Executor,
  p: PetitionRow,
  kind: PetitionMail,
  input: { config: Pick<Config, 'publicBaseUrl'>; now: Date; extra?: Record<string, string> },
): Promise<void> {
  if (!p.email) return;
  const locale = langOf(p);
  const t = translator(locale);
  const office = await officesService.officeById(trx, p.office_id, locale);
  const params: Record<string, string> = {
    number: p.number ?? '',
    subject: p.subject,
    office: office.name,
    due: p.due_on ? showDate(p.due_on, locale, true) : '',
    link: absoluteUrl(input.config, `/p/${p.view_token}`),
    ...input.extra,
  };
  const lines = [t('petitions.mail.greeting', { name: p.name }), '', t(`petitions.mail.${kind}`, params)];
  if (kind === 'replied' && p.reply_body) lines.push('', '——', p.reply_body, '——', '', t('petitions.mail.rate', params));
  if (kind === 'answered' && input.extra?.text) lines.push('', '——', input.extra.text, '——');
  if (kind !== 'confirm') lines.push('', t('petitions.mail.follow', params));
  lines.push('', t('petitions.mail.footer', { office: office.name, phone: office.phone }));
  await enqueueMail(trx, { to: p.email, subject: t(`petitions.mail.subject.${kind}`, params), text: lines.join('\n') }, { dedupeKey: `petition:${p.id}:${kind}:${input.now.toISOString()}`, now: input.now });
}
