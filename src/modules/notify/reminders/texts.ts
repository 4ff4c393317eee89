import type { Db } from '../../../db/index.js';
import type { OfficeInfo } from '../../../platform/http/context.js';
import { registerCatalog, translator } from '../../../platform/i18n/index.js';
import { showDate } from '../../../platform/layout/dates.js';
import { guidesService } from '../../guides/index.js';
import { remindersCatalog } from './i18n.js';
import { DEADLINE_DAYS, daysLate, fineFor, fitOnePart, GUIDE_OF_KIND, hasFine, type ReminderKind, twoYearsComplete } from './rules.js';

/**
 * What the office writes to the person: the text message, the e-mail and the
 * letter's paragraphs. Always in zh-Hant, the language of the office's
 * letters; the words are in the area's catalog (notify.reminders.msg.*).
 */
// the texts are written outside any request (tests, jobs): the words must be there whoever loaded this first
registerCatalog(remindersCatalog);
const t = translator('zh-Hant');
const day = (iso: string) => showDate(iso, 'zh-Hant');

export interface LetterFacts {
  kind: ReminderKind;
  name: string;
  address: string;
  sourceRef: string;
  eventDate: string;
  dueOn: string;
  office: Pick<OfficeInfo, 'name' | 'address' | 'phone' | 'hoursSummary'>;
  /** the day the letter or message is written (Asia/Taipei) */
  today: string;
  /** a written reminder already went out after the deadline (§79: NT$900) */
  lettersAfterDue: boolean;
}

const what = (kind: ReminderKind) => t(`notify.reminders.what.${kind}`);

/** A text that fits one SMS part where it can: the full text, then without the phone, then without the name. */
export function smsText(f: LetterFacts): string {
  const p = { office: f.office.name, name: f.name, due: day(f.dueOn), what: what(f.kind), phone: f.office.phone };
  const key = hasFine(f.kind) ? 'notify.reminders.msg.sms' : 'notify.reminders.msg.smsAbroad';
  return fitOnePart([t(key, p), t(`${key}.noPhone`, p), t(`${key}.short`, p)]);
}

/** Why the office writes: the report it got and the deadline the law sets. */
export function leadText(f: LetterFacts): string {
  return t(`notify.reminders.msg.lead.${f.kind}`, {
    ref: f.sourceRef,
    event: day(f.eventDate),
    days: DEADLINE_DAYS[f.kind],
    complete: f.kind === 'abroad_two_years' ? day(twoYearsComplete(f.eventDate)) : '',
  });
}

export const dueText = (f: LetterFacts) => t('notify.reminders.msg.due', { due: day(f.dueOn), what: what(f.kind) });

/** The consequence of not registering: the fine (the amount due now when already late), or the move-out the office will register itself. */
export function consequenceText(f: LetterFacts): string {
  if (!hasFine(f.kind)) return t('notify.reminders.msg.exOfficio', { due: day(f.dueOn) });
  const fine = fineFor(f.kind, f.dueOn, f.today, f.lettersAfterDue);
  return fine === null ? t('notify.reminders.msg.fine') : t('notify.reminders.msg.lateNow', { days: daysLate(f.dueOn, f.today), fine });
}

export const contactText = (f: LetterFacts) => t('notify.reminders.msg.contact', { office: f.office.name, address: f.office.address, phone: f.office.phone, hours: f.office.hoursSummary });

/**
 * What to bring: the documents of the guide for the registration (the
 * office's own guide first). For a court judgment the judgment and its
 * certificate of finality come first, and the guide's agreements (a divorce
 * agreement, the children's arrangement: the lines with a legal basis) are
 * left out, since the judgment decides them.
 */
export async function documentsFor(db: Db, kind: ReminderKind, officeId: number): Promise<string[]> {
  let docs: { text: string; basis: string | null }[] = [];
  try {
    docs = (await guidesService.guide(db, GUIDE_OF_KIND[kind], 'zh-Hant', officeId)).documents;
  } catch {
    // a guide retired or renamed: the letter still goes, with the kind's own lines
  }
  if (kind !== 'court_judgment') return docs.map((d) => d.text);
  return [t('notify.reminders.msg.judgmentDocs'), ...docs.filter((d) => !d.basis).map((d) => d.text)];
}

/** The e-mail: the letter's words as plain text. */
export function emailOf(f: LetterFacts, documents: string[]): { subject: string; text: string } {
  const lines = [
    t('notify.reminders.msg.greeting', { name: f.name }),
    '',
    leadText(f),
    dueText(f),
    '',
    t('notify.reminders.msg.bring'),
    ...documents.map((d, i) => `${i + 1}. ${d}`),
    '',
    consequenceText(f),
    '',
    contactText(f),
  ];
  return { subject: t('notify.reminders.msg.subject', { office: f.office.name, what: what(f.kind), due: day(f.dueOn) }), text: lines.join('\n') };
}
