import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Database, Executor } from '../../db/index.js';
import { isUniqueViolation, writeTransaction } from '../../db/index.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { fields } from '../../platform/http/forms.js';
import { bookingVisit } from '../booking/index.js';
import { ticketCode, ticketVisit } from '../queue/index.js';
import { PROFILE, type Questionnaire } from './definition.js';
import * as repo from './repo.js';

export interface Visit {
  /** sha256 of the visit link: one answer per visit, without keeping the link */
  hash: string;
  officeId: number;
  serviceCode: string | null;
  counterNumber: number | null;
  waitMinutes: number | null;
}

export const visitHash = (kind: 'ticket' | 'booking', code: string) => createHash('sha256').update(`${kind}:${code}`).digest('hex');

/** A served ticket: which service, at which counter, after how long. Nothing about who. */
export async function visitFromTicket(db: Executor, code: string): Promise<Visit | null> {
  const t = await ticketVisit(db, code);
  if (!t || t.status !== 'done') return null;
  return { hash: visitHash('ticket', code), officeId: t.office_id, serviceCode: t.service_code, counterNumber: t.counter_number, waitMinutes: t.waited_ms === null ? null : Math.round(t.waited_ms / 60_000) };
}

/** A booking that came: its queue ticket says the rest. */
export async function visitFromBooking(db: Executor, token: string): Promise<Visit | null> {
  const b = await bookingVisit(db, token);
  if (!b || (b.status !== 'checked_in' && b.status !== 'served')) return null;
  const t = b.ticket_id ? await ticketCode(db, b.ticket_id) : undefined;
  const fromTicket = t ? await visitFromTicket(db, t.code) : null;
  return { hash: visitHash('booking', token), officeId: b.office_id, serviceCode: fromTicket?.serviceCode ?? b.queue_service_code ?? null, counterNumber: fromTicket?.counterNumber ?? null, waitMinutes: fromTicket?.waitMinutes ?? null };
}

/** The answer form for a version: scale 1–5, one of the options, several of them, a short text; profile optional. */
export function answerSchema(q: Questionnaire) {
  const shape: Record<string, z.ZodType> = {};
  for (const question of q.questions) {
    const values = question.type === 'scale' ? ['1', '2', '3', '4', '5'] : question.options.map((o) => o.value);
    let field: z.ZodType;
    if (question.type === 'text') field = fields.optionalText(500);
    else if (question.type === 'multi') {
      const list = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
      field = list.pipe(z.array(z.enum(values as [string, ...string[]], { error: 'err.choice' })).min(question.required ? 1 : 0, 'surveys.err.required'));
    } else {
      const one = z.enum(values as [string, ...string[]], { error: question.required ? 'surveys.err.required' : 'err.choice' });
      field = question.required ? one : z.union([z.literal(''), one]).optional();
    }
    shape[question.key] = field;
  }
  shape.gender = z.enum(PROFILE.gender).optional().catch(undefined);
  shape.age = z.enum(PROFILE.age).optional().catch(undefined);
  shape.identity = z.enum(PROFILE.identity).optional().catch(undefined);
  return z.object(shape);
}

export interface RespondInput {
  surveyId: number;
  versionId: number;
  officeId: number;
  channel: 'kiosk' | 'web' | 'ticket' | 'booking';
  visit: Visit | null;
  questionnaire: Questionnaire;
  answers: Record<string, unknown>;
  now: Date;
}

/** One response and its answers, in one transaction; a second answer for the same visit is refused. */
export async function respond(database: Database, input: RespondInput): Promise<number> {
  const a = input.answers;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  try {
    return await writeTransaction(database, async (trx) => {
      const responseId = await repo.insertResponse(trx, {
          survey_id: input.surveyId,
          version_id: input.versionId,
          office_id: input.officeId,
          channel: input.channel,
          visit_hash: input.visit?.hash ?? null,
          service_code: input.visit?.serviceCode ?? null,
          counter_number: input.visit?.counterNumber ?? null,
          wait_minutes: input.visit?.waitMinutes ?? null,
          gender: str(a.gender),
          age_band: str(a.age),
          identity: str(a.identity),
          day: taipeiToday(input.now),
        created_at: input.now.toISOString(),
      });
      type AnswerRow = { response_id: number; question: string; score: number | null; choice: string | null; text: string | null };
      const rows = input.questionnaire.questions.flatMap((q): AnswerRow[] => {
        const v = a[q.key];
        if (q.type === 'scale') return str(v) ? [{ response_id: responseId, question: q.key, score: Number(v), choice: null, text: null }] : [];
        if (q.type === 'text') return str(v) ? [{ response_id: responseId, question: q.key, score: null, choice: null, text: String(v) }] : [];
        const list = Array.isArray(v) ? v : str(v) ? [v] : [];
        return list.map((c) => ({ response_id: responseId, question: q.key, score: null, choice: String(c), text: null }));
      });
      await repo.insertAnswers(trx, rows);
      return responseId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'surveys.err.answered', { cause: err });
    throw err;
  }
}
