import { z } from 'zod';
import { absoluteUrl } from '../../config.js';
import type { Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { type OfficeCalendar, taipeiToday } from '../../platform/calendar/index.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { translator } from '../../platform/i18n/index.js';
import { showDate } from '../../platform/layout/dates.js';
import { enqueueMail } from '../../platform/mail/index.js';
import type { JobHandlers } from '../../platform/module.js';
import { calendarService } from '../calendar/index.js';
import { staffDirectory } from '../staff/index.js';
import { BREACH_JOB, EXPIRE_JOB, FOLLOWUP_JOB, type PetitionDeps, REMIND_JOB } from './deps.js';
import { langOf } from './messages.js';
import * as repo from './repo.js';
import { isOpen } from './rules.js';
import type { PetitionSettings } from './settings.js';

/** Midnight at the start of a Taipei day, plus hours. */
const taipei = (day: string, hour = 0) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/**
 * The escalation ladder as jobs due at their moments: a reminder to the
 * handler at 09:00 one working day before the due date; at the breach (the
 * day after the due date) the section chief sees it; some working days
 * later the director does. Each job carries the due date it was made for
 * and does nothing if the petition has moved on (replied, paused, extended).
 */
export async function scheduleDeadline(trx: Executor, p: { id: number; due_on: string | null }, cal: OfficeCalendar, settings: PetitionSettings, now: Date) {
  if (!p.due_on) return;
  const due = p.due_on;
  const jobs: [string, Date, Record<string, unknown>][] = [
    [REMIND_JOB, taipei(cal.previousWorkingDay(due), 9), {}],
    [BREACH_JOB, taipei(due, 24), { level: 1 }],
    [BREACH_JOB, taipei(cal.addWorkingDays(due, settings.directorAfterDays), 24), { level: 2 }],
  ];
  for (const [kind, at, extra] of jobs) {
    await enqueueJob(trx, { kind, payload: { id: p.id, due, ...extra }, runAt: at > now ? at : now, dedupeKey: `${kind}:${p.id}:${due}:${String(extra.level ?? 0)}` }, now);
  }
}

export async function scheduleExpiry(trx: Executor, p: { id: number; confirm_until: string | null }, now: Date) {
  if (p.confirm_until) await enqueueJob(trx, { kind: EXPIRE_JOB, payload: { id: p.id }, runAt: new Date(p.confirm_until), dedupeKey: `${EXPIRE_JOB}:${p.id}` }, now);
}

/** After a citizen writes back, the office has a few working days before it becomes a supervisor's follow-up. */
export async function scheduleFollowupCheck(trx: Executor, p: { id: number; office_id: number }, after: string, cal: OfficeCalendar, settings: PetitionSettings, now: Date) {
  const at = taipei(cal.addWorkingDays(taipeiToday(now), settings.followupDays), 24);
  await enqueueJob(trx, { kind: FOLLOWUP_JOB, payload: { id: p.id, after }, runAt: at, dedupeKey: `${FOLLOWUP_JOB}:${p.id}:${after}` }, now);
}

const duePayload = z.object({ id: z.number(), due: z.string(), level: z.number().optional() });

export function petitionJobs(deps: () => PetitionDeps): JobHandlers {
  return {
    async [REMIND_JOB](raw, ctx) {
      const d = deps();
      const { id, due } = duePayload.parse(raw);
      const p = await repo.petitionById(d.database.db, id);
      if (!p || !isOpen(p.status) || p.status === 'waiting' || p.due_on !== due) return;
      const staff = p.assignee_id ? await staffDirectory.staffContact(d.database.db, p.assignee_id) : undefined;
      await writeTransaction(d.database, async (trx) => {
        await repo.addEvent(trx, { petition_id: id, at: ctx.now.toISOString(), kind: 'reminded', public: false });
        if (staff?.email) {
          // to the handler, in the staff's language (zh-Hant: staff accounts carry no language); an English case says it is answered in English
          const t = translator('zh-Hant');
          const params = { name: staff.display_name, number: p.number ?? '', subject: p.subject, due: showDate(due, 'zh-Hant', true) };
          const lines = [t('petitions.mail.remind', params)];
          if (langOf(p) === 'en') lines.push('', t('petitions.staff.english'));
          lines.push('', absoluteUrl(d.config, `/staff/petitions/${id}`));
          await enqueueMail(trx, { to: staff.email, subject: t('petitions.mail.subject.remind', params), text: lines.join('\n') }, { dedupeKey: `petition-remind:${id}:${due}`, now: ctx.now });
        }
      });
    },
    async [BREACH_JOB](raw, ctx) {
      const d = deps();
      const { id, due, level = 1 } = duePayload.parse(raw);
      const p = await repo.petitionById(d.database.db, id);
      if (!p || !isOpen(p.status) || p.status === 'waiting' || p.due_on !== due || p.escalation >= level) return;
      await writeTransaction(d.database, async (trx) => {
        await repo.updatePetition(trx, id, { escalation: level, updated_at: ctx.now.toISOString() });
        await repo.addEvent(trx, { petition_id: id, at: ctx.now.toISOString(), kind: level === 1 ? 'escalated_chief' : 'escalated_director', public: false });
      });
    },
    async [EXPIRE_JOB](raw, ctx) {
      const d = deps();
      const { id } = z.object({ id: z.number() }).parse(raw);
      await writeTransaction(d.database, async (trx) => {
        // an unconfirmed message is not a petition: drop what it held, keep that it existed
        if (await repo.movePetition(trx, id, ['unconfirmed'], { status: 'expired', body: '', updated_at: ctx.now.toISOString(), confirm_hash: null })) {
          await repo.deleteAttachments(trx, id);
        }
      });
    },
    async [FOLLOWUP_JOB](raw, ctx) {
      const d = deps();
      const { id, after } = z.object({ id: z.number(), after: z.string() }).parse(raw);
      const p = await repo.petitionById(d.database.db, id);
      if (!p) return;
      if (await repo.answeredSince(d.database.db, id, after)) return;
      await repo.insertFollowup(d.database.db, { petition_id: id, office_id: p.office_id, reason: 'no_response', created_at: ctx.now.toISOString() });
    },
  };
}

export async function calendarFor(db: Executor, officeId: number) {
  return calendarService.officeCalendar(db, officeId);
}
