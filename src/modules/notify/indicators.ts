import type { Executor } from '../../db/index.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { dayOf, instantRange, share } from '../../platform/figures/index.js';
import { type ModuleCatalog, registerCatalog } from '../../platform/i18n/index.js';
import { type IndicatorDef, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorValue, registerIndicators, rowsOver } from '../../platform/indicators/index.js';
import { EVENT_OF_GUIDE } from '../../platform/life-events.js';
import { calendarService } from '../calendar/index.js';
import { closedCasesOfGuides } from '../cases/index.js';

/**
 * Cross-agency notices, for the plan. Every figure is dated by a Taipei
 * day of the office's own rows (a case's closing, a notice's queuing, a
 * message's sending, a reminder's legal deadline) and judged from what the
 * rows hold, never from today's date: the same data gives the same figure
 * whenever it is asked.
 */

/** Case ids are asked in slices: a year of a busy office's cases is more parameters than a statement may carry. */
const SLICE = 500;

async function consentedCases(db: Executor, caseIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < caseIds.length; i += SLICE) {
    const rows = await db
      .selectFrom('notify_consent')
      .select('case_id')
      .where('case_id', 'in', caseIds.slice(i, i + SLICE))
      .where('recipients', '>', 0)
      .execute();
    for (const r of rows) out.add(r.case_id);
  }
  return out;
}

/**
 * Of the cases of a guide that has notices (a move, a name change, a death,
 * a birth, a marriage) closed in the period, the share whose citizen chose
 * at least one agency. A recorded refusal and a case closed with no
 * consent at all both count against it: the counter should have asked.
 */
async function consentRate(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const read = async (from: IsoDate, to: IsoDate) => {
    const { start, end } = instantRange(from, to);
    const cases = await closedCasesOfGuides(db, [office.id], Object.keys(EVENT_OF_GUIDE), start, end);
    const consented = await consentedCases(
      db,
      cases.map((c) => c.id),
    );
    return cases.map((c) => ({ day: dayOf(c.closed_at), consented: consented.has(c.id) }));
  };
  const rows = await rowsOver(memo, `notify.closedCases|${office.id}`, period, read, (r) => r.day >= period.from && r.day <= period.to);
  return rows.length === 0 ? { value: null } : { value: share(rows.filter((r) => r.consented).length, rows.length), base: rows.length };
}

interface NoticeDue {
  day: IsoDate;
  /** the last day to acknowledge: the recipient's ack_days-th working day after the day it was queued */
  due: IsoDate;
  acked: IsoDate | null;
  /** delivery gave up: it will never be acknowledged (unless staff send it again) */
  failed: boolean;
}

/** The office's notices queued in [from, to], each with its last day to acknowledge on the office calendar. */
async function noticesDue(db: Executor, officeId: number, from: IsoDate, to: IsoDate): Promise<NoticeDue[]> {
  const { start, end } = instantRange(from, to);
  const rows = await db
    .selectFrom('notify_notice as n')
    .innerJoin('notify_recipient as r', 'r.id', 'n.recipient_id')
    .select(['n.queued_at', 'n.acked_at', 'n.status', 'r.ack_days'])
    .where('n.office_id', '=', officeId)
    .where('n.queued_at', '>=', start)
    .where('n.queued_at', '<', end)
    .execute();
  if (rows.length === 0) return [];
  const cal = await calendarService.officeCalendar(db, officeId);
  // a year holds thousands of notices but a few hundred (day, ack_days) pairs: each deadline is walked once
  const dues = new Map<string, IsoDate>();
  return rows.map((r) => {
    const day = dayOf(r.queued_at);
    const key = `${day}|${r.ack_days}`;
    let due = dues.get(key);
    if (due === undefined) {
      due = cal.addWorkingDays(day, r.ack_days);
      dues.set(key, due);
    }
    return { day, due, acked: r.acked_at === null ? null : dayOf(r.acked_at), failed: r.status === 'failed' };
  });
}

/**
 * Of the notices queued in the period, the share the agency acknowledged
 * by its last day. A notice not acknowledged whose last day comes after the
 * period is left out (it may still be answered in time); one whose last day
 * has passed counts as late, and so does a failed one at once (nobody will
 * answer a notice that never arrived).
 */
async function ackWithinDays(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const read = (from: IsoDate, to: IsoDate) => noticesDue(db, office.id, from, to);
  const rows = await rowsOver(memo, `notify.noticesDue|${office.id}`, period, read, (r) => r.day >= period.from && r.day <= period.to);
  const judged = rows.filter((r) => r.acked !== null || r.failed || r.due <= period.to);
  if (judged.length === 0) return { value: null };
  return { value: share(judged.filter((r) => r.acked !== null && r.acked <= r.due).length, judged.length), base: judged.length };
}

/** E-mails and texts to citizens sent in the period (by the day they went out); failed and waiting ones do not count. */
async function messagesSent(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const read = async (from: IsoDate, to: IsoDate) => {
    const { start, end } = instantRange(from, to);
    const rows = await db
      .selectFrom('citizen_message')
      .select('sent_at')
      .where('office_id', '=', office.id)
      .where('status', '=', 'sent')
      .where('sent_at', '>=', start)
      .where('sent_at', '<', end)
      .execute();
    return rows.map((r) => ({ day: dayOf(r.sent_at!) }));
  };
  const rows = await rowsOver(memo, `notify.messagesSent|${office.id}`, period, read, (r) => r.day >= period.from && r.day <= period.to);
  return { value: rows.length };
}

/**
 * Of the people on the reminder register whose legal deadline falls in the
 * period, the share who registered by it. Every deadline in the period has
 * passed at its end, so none is left out; a reminder closed another way
 * (moved away, the court's case withdrawn) counts against it.
 */
async function remindersResolved(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const read = (from: IsoDate, to: IsoDate) =>
    db.selectFrom('reminder').select(['due_on', 'status', 'resolved_on']).where('office_id', '=', office.id).where('due_on', '>=', from).where('due_on', '<=', to).execute();
  const rows = await rowsOver(memo, `notify.remindersDue|${office.id}`, period, read, (r) => r.due_on >= period.from && r.due_on <= period.to);
  if (rows.length === 0) return { value: null };
  const inTime = rows.filter((r) => r.status === 'registered' && r.resolved_on !== null && r.resolved_on <= r.due_on).length;
  return { value: share(inTime, rows.length), base: rows.length };
}

const page = (path: string) => (office: IndicatorOffice) => `${path}?office=${encodeURIComponent(office.code)}`;

export const notifyIndicators: IndicatorDef[] = [
  { key: 'notify.consentRate', titleKey: 'notify.indicators.consentRate', unit: 'percent', better: 'higher', href: page('/staff/notify'), compute: consentRate },
  { key: 'notify.ackWithinDays', titleKey: 'notify.indicators.ackWithinDays', unit: 'percent', better: 'higher', href: page('/staff/notify'), compute: ackWithinDays },
  { key: 'notify.messagesSent', titleKey: 'notify.indicators.messagesSent', unit: 'count', better: 'higher', additive: true, href: page('/staff/notify/messages'), compute: messagesSent },
  { key: 'notify.remindersResolved', titleKey: 'notify.indicators.remindersResolved', unit: 'percent', better: 'higher', href: page('/staff/notify/reminders'), compute: remindersResolved },
];

export const notifyIndicatorsCatalog: ModuleCatalog = {
  'zh-Hant': {
    'notify.indicators.consentRate': '跨機關通報同意率',
    'notify.indicators.consentRate.desc':
      '期間內結案的遷入、遷出、住址變更、更名、死亡、出生及結婚登記案件中，民眾同意通報至少一個機關的比率；民眾表示不通報及結案時未記錄意願的案件都計入分母。',
    'notify.indicators.ackWithinDays': '通報如期回覆率',
    'notify.indicators.ackWithinDays.desc':
      '期間內建立的跨機關通報中，受通報機關在期限內回覆已收到的比率；期限為建立日（不含當日）後該機關約定的工作天數，依本所行事曆計算。尚未回覆且期限在期間結束之後者不計；期限已過仍未回覆者及無法送達者計為逾期。',
    'notify.indicators.messagesSent': '民眾通知發送則數',
    'notify.indicators.messagesSent.desc': '期間內已寄出的電子郵件及簡訊則數（依寄出日），發送失敗及尚待發送者不計。',
    'notify.indicators.remindersResolved': '主動提醒如期登記率',
    'notify.indicators.remindersResolved.desc': '法定登記期限在期間內的主動提醒對象中，於期限內完成登記的比率；以其他原因結案者計入分母。',
  },
  en: {
    'notify.indicators.consentRate': 'Change notice consent rate',
    'notify.indicators.consentRate.desc':
      'Of move-in, move-out, address change, name change, death, birth and marriage cases closed in the period, the share where the citizen chose at least one agency to notify; a refusal and a case closed with no choice recorded both count in the base.',
    'notify.indicators.ackWithinDays': 'Notices acknowledged in time',
    'notify.indicators.ackWithinDays.desc':
      "Of notices queued in the period, the share the agency acknowledged by its last day: the agency's agreed number of working days after the day queued (not counted), on the office's calendar. A notice not yet acknowledged whose last day is after the period's end is left out; one past its last day unanswered, or one that could not be delivered, counts as late.",
    'notify.indicators.messagesSent': 'Messages sent to citizens',
    'notify.indicators.messagesSent.desc': 'E-mails and text messages sent in the period, by the day sent; failed and waiting ones are not counted.',
    'notify.indicators.remindersResolved': 'Reminders registered in time',
    'notify.indicators.remindersResolved.desc': 'Of people on the reminder register whose legal deadline falls in the period, the share who registered by the deadline; reminders closed for another reason count in the base.',
  },
};

let registered = false;

/** The plan's notify indicators and their words; index.ts calls it once (a second call does nothing). */
export function registerNotifyIndicators(): void {
  if (registered) return;
  registered = true;
  registerIndicators(notifyIndicators);
  registerCatalog(notifyIndicatorsCatalog);
}
