import { createEvent } from 'ics';
import type { Executor } from '../../db/index.js';
import type { BookingTable } from '../../db/schema.js';
import { type Locale, translator } from '../../platform/i18n/index.js';
import { showDateTime } from '../../platform/layout/dates.js';
import { enqueueMail } from '../../platform/mail/index.js';
import { officesService } from '../offices/index.js';
import { slotInstant } from './rules.js';

type Booking = Omit<BookingTable, 'id'> & { id: number };
type Service = { name_zh: string; name_en: string; documents: string; in_person_zh: string; in_person_en: string };

export type MessageKind = 'confirmed' | 'reminder' | 'cancelled' | 'closed' | 'rescheduled' | 'applied' | 'won' | 'not_drawn' | 'approved' | 'rejected' | 'no_show' | 'assigned';

export function asLocale(v: string): Locale {
  return v === 'en' ? 'en' : 'zh-Hant';
}

export function whenText(b: Pick<Booking, 'day' | 'starts' | 'ends'>, locale: Locale): string {
  if (!b.day) return '';
  return showDateTime(b.day, b.starts ? `${b.starts}–${b.ends ?? ''}` : '', locale, true);
}

/** The calendar file: times in UTC so every phone shows them at the right Taipei hour. */
export function bookingIcs(b: Booking, service: Service, office: { name: string; address: string }, locale: Locale): string | null {
  if (!b.day || !b.starts || !b.ends) return null;
  const t = translator(locale);
  const name = locale === 'en' ? service.name_en : service.name_zh;
  const { error, value } = createEvent({
    uid: `booking-${b.code}@huzheng`,
    productId: 'huzheng/booking',
    title: t('punct.labelled', { label: t('booking.ics.title'), value: t('punct.aside', { text: name, aside: office.name }) }),
    description: `${t('punct.labelled', { label: t('booking.code'), value: b.code })}\n${t('booking.ics.bring')}`,
    location: t('punct.aside', { text: office.name, aside: office.address }),
    start: slotInstant(b.day, b.starts).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: slotInstant(b.day, b.ends).getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: b.status === 'cancelled' || b.status === 'closed' ? 'CANCELLED' : 'CONFIRMED',
  });
  return error || !value ? null : value;
}

/**
 * Queues the e-mail for a booking event in the same transaction as the
 * change, so a booking shown as made always has its mail on the way.
 */
export async function queueBookingMail(
  trx: Executor,
  input: { booking: Booking; service: Service; kind: MessageKind; baseUrl: string; reason?: string | undefined; now: Date },
): Promise<void> {
  const { booking: b, service, kind } = input;
  if (!b.email) return;
  const locale = asLocale(b.locale);
  const t = translator(locale);
  const office = await officesService.officeById(trx, b.office_id, locale);
  const name = locale === 'en' ? service.name_en : service.name_zh;
  const documents = (JSON.parse(service.documents) as { zh: string; en: string }[]).map((d) => `・${locale === 'en' ? d.en : d.zh}`);
  const params = { code: b.code, service: name, office: office.name, when: whenText(b, locale), reason: input.reason ?? '' };
  const labelled = (key: string, value: string) => t('punct.labelled', { label: t(key), value });
  const lines = [
    t('booking.mail.greeting', { name: b.name }),
    '',
    t(`booking.mail.${kind}`, params),
    '',
    labelled('booking.code', b.code),
    labelled('booking.service', name),
    b.day ? labelled('booking.when', whenText(b, locale)) : '',
    labelled('booking.office', t('punct.aside', { text: office.name, aside: [office.address, office.phone].join(t('punct.comma')) })),
  ];
  if (kind === 'confirmed' || kind === 'reminder' || kind === 'rescheduled' || kind === 'won' || kind === 'approved') {
    lines.push('', t('booking.mail.bring'), ...documents, '', locale === 'en' ? service.in_person_en : service.in_person_zh, '', t('booking.mail.late'));
  }
  lines.push('', t('booking.mail.manage'), `${input.baseUrl}/b/${b.token}`, '', t('booking.mail.footer', { office: office.name, phone: office.phone }));
  const ics = kind === 'confirmed' || kind === 'rescheduled' || kind === 'won' || kind === 'approved' ? bookingIcs(b, service, office, locale) : null;
  await enqueueMail(
    trx,
    {
      to: b.email,
      subject: t(`booking.mail.subject.${kind}`, params),
      text: lines.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n'),
      ...(ics ? { attachments: [{ filename: `booking-${b.code}.ics`, content: ics, contentType: 'text/calendar; charset=utf-8' }] } : {}),
    },
    { dedupeKey: `booking:${b.id}:${kind}:${b.day ?? ''}:${b.starts ?? ''}`, now: input.now },
  );
}
