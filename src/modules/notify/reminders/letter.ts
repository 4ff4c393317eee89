import type { Database } from '../../../db/index.js';
import { toTaipeiIsoDate } from '../../../platform/calendar/index.js';
import { AppError } from '../../../platform/errors.js';
import { translator } from '../../../platform/i18n/index.js';
import { showDate } from '../../../platform/layout/dates.js';
import { createPdf } from '../../../platform/pdf.js';
import { officesService } from '../../offices/index.js';
import { staffDirectory } from '../../staff/index.js';
import * as repo from './repo.js';
import { consequenceText, contactText, documentsFor, dueText, type LetterFacts, leadText } from './texts.js';

const t = translator('zh-Hant');

export interface Letter {
  code: string;
  reminderId: number;
  officeId: number;
  facts: LetterFacts;
  documents: string[];
  writtenOn: string;
  officer: string;
}

/**
 * A letter as it was written: the entry, the office, and the day of the
 * contact (the fine it states is the one due that day; a letter after an
 * earlier late letter states NT$900). Only for an office in `officeIds`.
 */
export async function letterByCode(database: Database, code: string, officeIds: number[]): Promise<Letter> {
  const db = database.db;
  const contact = await repo.contactByLetter(db, code);
  const row = contact ? await repo.byId(db, contact.reminder_id) : undefined;
  if (!contact || !row || !officeIds.includes(row.office_id)) throw new AppError('not_found', 'error.notFound.title');
  const writtenOn = toTaipeiIsoDate(new Date(contact.at));
  const earlier = (await repo.contactsOf(db, row.id)).filter((c) => c.at < contact.at);
  const [office, documents, names] = await Promise.all([
    officesService.officeById(db, row.office_id, 'zh-Hant'),
    documentsFor(db, row.kind, row.office_id),
    staffDirectory.staffNames(db, [contact.staff_id]),
  ]);
  const facts: LetterFacts = {
    kind: row.kind,
    name: row.person_name,
    address: row.address,
    sourceRef: row.source_ref,
    eventDate: row.reported_on,
    dueOn: row.due_on,
    office,
    today: writtenOn,
    lettersAfterDue: earlier.some((c) => c.channel === 'letter' && toTaipeiIsoDate(new Date(c.at)) > row.due_on),
  };
  return { code, reminderId: row.id, officeId: row.office_id, facts, documents, writtenOn, officer: names.get(contact.staff_id) ?? '' };
}

/** The printed letter: the office's letterhead, the person and address, what to register by when, what to bring, the fine, whom to ask. Tagged, zh-TW. */
export async function letterPdf(l: Letter): Promise<Buffer> {
  const f = l.facts;
  const pdf = createPdf({ title: `${f.office.name} ${t('notify.reminders.letter.title')}`, lang: 'zh-TW', subject: t(`notify.reminders.what.${f.kind}`) });
  pdf.h1(f.office.name);
  pdf.p(t('notify.reminders.letter.head', { address: f.office.address, phone: f.office.phone }), { size: 10 });
  pdf.rule();
  pdf.h2(t('notify.reminders.letter.title'));
  pdf.p(t('notify.reminders.letter.to', { name: f.name }), { size: 12 });
  pdf.p(t('notify.reminders.letter.address', { address: f.address }), { size: 12 });
  pdf.p(t('notify.reminders.letter.dated', { date: showDate(l.writtenOn, 'zh-Hant'), code: l.code }), { size: 10 });
  pdf.h2(t('notify.reminders.letter.subjectHead'));
  pdf.p(dueText(f), { size: 13, bold: true });
  pdf.h2(t('notify.reminders.letter.explain'));
  pdf.p(leadText(f), { size: 12 });
  pdf.h2(t('notify.reminders.letter.bring'));
  pdf.list(l.documents);
  pdf.p(consequenceText(f), { size: 12, bold: true });
  pdf.rule();
  pdf.p(contactText(f), { size: 10 });
  if (l.officer) pdf.p(t('notify.reminders.letter.officer', { name: l.officer }), { size: 10 });
  return pdf.done();
}
