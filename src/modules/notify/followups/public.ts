import type { Db } from '../../../db/index.js';
import { AppError } from '../../../platform/errors.js';
import type { Locale, Translate } from '../../../platform/i18n/index.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { lifeEventOfGuide } from '../../../platform/life-events.js';
import { createPdf } from '../../../platform/pdf.js';
import { officesService } from '../../offices/index.js';
import type { FollowupLine } from './generate.js';
import * as repo from './repo.js';

/** One line of the list in the reader's language. */
export interface LineView {
  title: string;
  place: string;
  dueOn: string | null;
  note: string;
  link: string | null;
}

export interface ListView {
  code: string;
  locale: Locale;
  guideCode: string;
  event: string;
  eventDate: string;
  createdAt: string;
  officeName: string;
  officePhone: string;
  todo: LineView[];
  benefit: LineView[];
}

/** The list a citizen was given, by its code; an unknown code is a plain 404. */
export async function listRow(db: Db, code: string) {
  const row = await repo.listByCode(db, code);
  if (!row) throw new AppError('not_found', 'error.notFound.title');
  return row;
}

export async function listView(db: Db, row: NonNullable<Awaited<ReturnType<typeof repo.listByCode>>>, locale: Locale): Promise<ListView> {
  const office = await officesService.officeById(db, row.office_id, locale);
  const en = locale === 'en';
  const lines = JSON.parse(row.items) as FollowupLine[];
  const view = (l: FollowupLine): LineView => ({
    title: en ? l.title_en : l.title,
    place: en ? l.place_en : l.place,
    dueOn: l.due_on,
    note: en ? l.deadline_note_en : l.deadline_note,
    link: l.link,
  });
  return {
    code: row.code,
    locale,
    guideCode: row.guide_code,
    event: lifeEventOfGuide(row.guide_code) ?? 'move',
    eventDate: row.event_date,
    createdAt: row.created_at,
    officeName: office.name,
    officePhone: office.phone,
    todo: lines.filter((l) => l.kind === 'todo').map(view),
    benefit: lines.filter((l) => l.kind === 'benefit').map(view),
  };
}

/** A line with a date is about its deadline; one with only words carries a note (a limitation period, a rule, advice). */
export const timeLabel = (l: LineView): 'deadline' | 'note' => (l.dueOn || !l.note ? 'deadline' : 'note');

/** The deadline as one phrase: the date to do it by (民國 in Chinese) and the legal wording, or the wording alone. */
export function deadlineText(l: LineView, t: Translate, locale: Locale): string {
  const by = l.dueOn ? t('notify.followups.public.by', { date: showDate(l.dueOn, locale) }) : '';
  const open = locale === 'en' ? ' (' : '（';
  const close = locale === 'en' ? ')' : '）';
  if (by && l.note) return `${by}${open}${l.note}${close}`;
  return by || l.note || t('notify.followups.public.noDeadline');
}

/** The printable list: a tagged table per group, zh-TW (or en), the CJK subset embedded. */
export async function listPdf(v: ListView, t: Translate): Promise<Buffer> {
  const title = t(`notify.followups.title.${v.guideCode}`);
  const pdf = createPdf({ title, lang: v.locale === 'en' ? 'en' : 'zh-TW' });
  const sep = v.locale === 'en' ? ': ' : '：';
  pdf.h1(title);
  pdf.p(`${t(`notify.followups.eventDate.${v.event}`)}${sep}${showDate(v.eventDate, v.locale)}`, { size: 12 });
  pdf.p(t('notify.followups.public.lead'), { size: 10 });
  const headers = [t('notify.followups.public.item'), t('notify.followups.public.where'), t('notify.followups.public.deadlineOrNote')];
  const row = (l: LineView, box: string) => [`${box}${l.title}${l.link ? `\n${l.link}` : ''}`, l.place, deadlineText(l, t, v.locale)];
  if (v.todo.length > 0) {
    pdf.h2(t('notify.followups.public.todo'));
    pdf.table(
      headers,
      v.todo.map((l) => row(l, '□ ')),
      [3.2, 2.4, 2.4],
    );
  }
  if (v.benefit.length > 0) {
    pdf.h2(t('notify.followups.public.benefit'));
    pdf.table(
      headers,
      v.benefit.map((l) => row(l, '')),
      [3.2, 2.4, 2.4],
    );
  }
  if (v.todo.length + v.benefit.length === 0) pdf.p(t('notify.followups.public.empty'));
  pdf.rule();
  pdf.p(t('notify.followups.public.contact', { office: v.officeName, phone: v.officePhone }));
  pdf.p(`${t('notify.followups.public.issued')}${sep}${showInstant(v.createdAt, v.locale)}`, { size: 9 });
  pdf.p(t('notify.followups.public.snapshot'), { size: 9 });
  return pdf.done();
}
