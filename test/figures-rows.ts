/**
 * Raw rows for the roll-up tests, written straight into the tables each
 * module keeps (tickets, bookings, cases, petitions, questionnaires, lost-ID
 * reports, searches), with only the columns the figures read chosen and the
 * rest filled with harmless values. Times are given in Taipei and stored as
 * the UTC ISO text the modules store.
 */
import path from 'node:path';
import type { Insertable } from 'kysely';
import type { DB, Executor } from '../src/db/index.js';
import { seedDemo } from '../src/demo/seed.js';
import { type DatabaseKind, freshDatabase } from './databases.js';

/** The project's root (the demo reads the office calendar CSVs under seed/). */
export const ROOT = path.resolve(import.meta.dirname, '..');

/** A fresh database with the demo county, without the app (the roll-up tests need no routes). */
export async function demoCounty(kind: DatabaseKind, now: Date) {
  const database = await freshDatabase(kind);
  await seedDemo(database, ROOT, now);
  return database;
}

export type OfficeCode = 'zhubei' | 'jianshi';

export interface DemoIds {
  office: Record<OfficeCode, number>;
  /** queue service id by office and code */
  service: Record<OfficeCode, Record<string, { id: number; prefix: string }>>;
  /** booking service id by office and code */
  bookingService: Record<OfficeCode, Record<string, number>>;
  staffId: number;
  surveys: Record<'service' | 'staff', { surveyId: number; versionId: number }>;
}

/** The ids of what seedDemo made, read once per database. */
export async function demoIds(db: Executor): Promise<DemoIds> {
  const offices = await db.selectFrom('office').select(['id', 'code']).execute();
  const office = Object.fromEntries(offices.map((o) => [o.code, o.id])) as Record<OfficeCode, number>;
  const services = await db.selectFrom('service').select(['id', 'office_id', 'code', 'queue_prefix']).execute();
  const bookingServices = await db.selectFrom('booking_service').select(['id', 'office_id', 'code']).execute();
  const codeOf = (id: number) => offices.find((o) => o.id === id)?.code as OfficeCode;
  const service = { zhubei: {}, jianshi: {} } as DemoIds['service'];
  for (const s of services) service[codeOf(s.office_id)][s.code] = { id: s.id, prefix: s.queue_prefix };
  const bookingService = { zhubei: {}, jianshi: {} } as DemoIds['bookingService'];
  for (const s of bookingServices) bookingService[codeOf(s.office_id)][s.code] = s.id;
  const staff = await db.selectFrom('staff').select('id').where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow();
  const surveys = await db.selectFrom('survey').select(['id', 'kind', 'current_version_id']).execute();
  const survey = (kind: string) => {
    const s = surveys.find((x) => x.kind === kind);
    if (!s?.current_version_id) throw new Error(`no ${kind} survey in the demo`);
    return { surveyId: s.id, versionId: s.current_version_id };
  };
  return { office, service, bookingService, staffId: staff.id, surveys: { service: survey('service'), staff: survey('staff') } };
}

/** The demo seeds a year of synthetic questionnaires; the hand-counted tests start without them. */
export async function clearDemoQuestionnaires(db: Executor): Promise<void> {
  await db.deleteFrom('survey_answer').execute();
  await db.deleteFrom('survey_response').execute();
}

/** '2026-10-05', '09:40' in Taipei → the stored UTC instant. */
export const taipei = (day: string, hhmm = '10:00', seconds = '00') => new Date(`${day}T${hhmm}:${seconds}+08:00`).toISOString();

let seq = 0;
const next = () => `${process.pid}-${Date.now().toString(36)}-${++seq}`;
const numbers = new Map<string, number>();

export interface TicketSpec {
  office: OfficeCode;
  day: string;
  /** issued at, Taipei HH:MM */
  at: string;
  service?: string;
  channel?: 'kiosk' | 'phone' | 'booking' | 'counter';
  status?: 'waiting' | 'done' | 'no_show' | 'cancelled';
  waitMs?: number | null;
  serveMs?: number | null;
  transfers?: number;
}

export function ticketRow(ids: DemoIds, t: TicketSpec): Insertable<DB['ticket']> {
  const svc = ids.service[t.office][t.service ?? 'registration'];
  if (!svc) throw new Error(`no service ${t.service}`);
  const key = `${t.office}|${t.day}|${svc.prefix}`;
  const number = (numbers.get(key) ?? 0) + 1;
  numbers.set(key, number);
  const issued = taipei(t.day, t.at);
  return {
    office_id: ids.office[t.office],
    service_id: svc.id,
    day: t.day,
    prefix: svc.prefix,
    number,
    label: `${svc.prefix}${String(number).padStart(3, '0')}`,
    priority: 0,
    channel: t.channel ?? 'kiosk',
    status: t.status ?? 'done',
    code: `t-${next()}`,
    counter_id: null,
    staff_id: null,
    issued_at: issued,
    queue_at: issued,
    called_at: null,
    last_called_at: null,
    target_counter_id: null,
    started_at: null,
    finished_at: null,
    recall_count: 0,
    transfer_count: t.transfers ?? 0,
    waited_ms: t.waitMs ?? null,
    served_ms: t.serveMs ?? null,
    booking_id: null,
  };
}

export interface BookingSpec {
  office: OfficeCode;
  service?: string;
  day: string;
  status: 'booked' | 'pending' | 'applied' | 'checked_in' | 'served' | 'cancelled' | 'closed' | 'no_show' | 'not_drawn' | 'rejected';
  /** true: booked by staff for a caller; false: online by the citizen */
  byStaff?: boolean;
  createdAt: string;
  updatedAt?: string;
}

export function bookingRow(ids: DemoIds, b: BookingSpec): Insertable<DB['booking']> {
  const service = ids.bookingService[b.office][b.service ?? 'registration'];
  if (!service) throw new Error(`no booking service ${b.service}`);
  const id = next();
  return {
    office_id: ids.office[b.office],
    booking_service_id: service,
    code: `b-${id}`,
    token: `bt-${id}`,
    status: b.status,
    day: b.day,
    starts: '10:00',
    ends: '10:15',
    name: '測試',
    id_hash: `h-${id}`,
    id_enc: 'x',
    birth_hash: 'x',
    phone: '0912000000',
    email: null,
    partner_name: null,
    partner_id_hash: null,
    partner_id_enc: null,
    details: '{}',
    locale: 'zh-Hant',
    channel: b.byStaff ? 'phone' : 'web',
    ticket_id: null,
    petition_id: null,
    assigned_staff_id: null,
    due_on: null,
    created_at: b.createdAt,
    updated_at: b.updatedAt ?? b.createdAt,
    checked_in_at: null,
    ended_at: null,
    end_reason: null,
    placed_by: b.byStaff ? ids.staffId : null,
    referral: null,
    referral_note: null,
  };
}

export interface CaseSpec {
  office: OfficeCode;
  guide?: string;
  receivedOn: string;
  dueOn: string;
  limitDays: number;
  notices?: number;
  closedAt?: string | null;
  updatedAt: string;
  pauses?: [string, string | null][];
}

export async function insertCase(db: Executor, ids: DemoIds, c: CaseSpec): Promise<number> {
  const id = next();
  const row = await db
    .insertInto('case_file')
    .values({
      office_id: ids.office[c.office],
      number: `c-${id}`,
      reference: `r-${id}`,
      locale: 'zh-Hant',
      lookup_failures: 0,
      lookup_locked_until: null,
      guide_code: c.guide ?? 'birth',
      status: c.closedAt ? 'closed' : 'review',
      applicant_name: '測試',
      id_hash: `h-${id}`,
      id_enc: 'x',
      birth_hash: 'x',
      email: null,
      phone: null,
      received_on: c.receivedOn,
      limit_days: c.limitDays,
      due_on: c.dueOn,
      notices: c.notices ?? 0,
      ticket_id: null,
      booking_id: null,
      created_by: ids.staffId,
      created_at: taipei(c.receivedOn, '09:00'),
      updated_at: c.updatedAt,
      closed_at: c.closedAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [from, to] of c.pauses ?? []) await db.insertInto('case_pause').values({ case_id: row.id, from_date: from, to_date: to }).execute();
  return row.id;
}

export interface PetitionSpec {
  office: OfficeCode;
  receivedOn: string | null;
  dueOn?: string | null;
  repliedOn?: string | null;
  rating?: number | null;
  channel?: string;
  category?: string;
  updatedAt: string;
  pauses?: [string, string | null][];
}

export async function insertPetition(db: Executor, ids: DemoIds, p: PetitionSpec): Promise<number> {
  const id = next();
  const row = await db
    .insertInto('petition')
    .values({
      office_id: ids.office[p.office],
      number: p.receivedOn ? `p-${id}` : null,
      view_token: `pv-${id}`,
      channel: p.channel ?? 'web',
      status: p.receivedOn === null ? 'unconfirmed' : p.repliedOn ? 'replied' : 'received',
      subject: '測試',
      category: p.category ?? 'service',
      body: '測試',
      language: 'zh-Hant',
      name: '測試',
      email: null,
      phone: null,
      address: null,
      wants_reply: 1,
      read_back: 0,
      password_hash: null,
      confirm_hash: null,
      confirm_until: null,
      class: 'simple',
      limit_days: 6,
      received_on: p.receivedOn,
      due_on: p.dueOn ?? null,
      extended_reason: null,
      assignee_id: null,
      escalation: 0,
      reply_body: p.repliedOn ? '回覆' : null,
      replied_at: p.repliedOn ? taipei(p.repliedOn, '15:00') : null,
      replied_on: p.repliedOn ?? null,
      decline_ground: null,
      transfer_to: null,
      rating: p.rating ?? null,
      rating_comment: null,
      rated_at: null,
      rate_until: null,
      booking_id: null,
      created_by: null,
      created_at: p.receivedOn ? taipei(p.receivedOn, '09:00') : p.updatedAt,
      updated_at: p.updatedAt,
      closed_at: null,
      superior_agency: null,
      superior_doc_no: null,
      superior_due_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [from, to] of p.pauses ?? []) await db.insertInto('petition_pause').values({ petition_id: row.id, from_date: from, to_date: to }).execute();
  return row.id;
}

export const SERVICE_QUESTIONS = ['courtesy', 'speed', 'clarity', 'wait', 'facilities'] as const;
export const STAFF_QUESTIONS = ['workload', 'support', 'training'] as const;

export interface ResponseSpec {
  office: OfficeCode;
  kind?: 'service' | 'staff';
  /** the day of the visit the questionnaire is about */
  day: string;
  createdAt: string;
  /** one score a scale question, in the order of SERVICE_QUESTIONS (or STAFF_QUESTIONS); null: left blank */
  scores: (number | null)[];
}

export async function insertResponse(db: Executor, ids: DemoIds, r: ResponseSpec): Promise<number> {
  const kind = r.kind ?? 'service';
  const s = ids.surveys[kind];
  const row = await db
    .insertInto('survey_response')
    .values({
      survey_id: s.surveyId,
      version_id: s.versionId,
      office_id: ids.office[r.office],
      channel: 'kiosk',
      visit_hash: null,
      service_code: 'registration',
      counter_number: 1,
      wait_minutes: 5,
      gender: 'female',
      age_band: '30s',
      identity: 'general',
      day: r.day,
      created_at: r.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const questions = kind === 'service' ? SERVICE_QUESTIONS : STAFF_QUESTIONS;
  const answers: Insertable<DB['survey_answer']>[] = r.scores.map((score, i) => ({ response_id: row.id, question: questions[i] ?? `q${i}`, score, choice: null, text: null }));
  // a free-text answer and a choice, as real questionnaires carry: neither is a scale answer
  if (kind === 'service') answers.push({ response_id: row.id, question: 'heard', score: null, choice: '1', text: null }, { response_id: row.id, question: 'other', score: null, choice: null, text: '很好' });
  if (answers.length) await db.insertInto('survey_answer').values(answers).execute();
  return row.id;
}

export function lostIdRow(ids: DemoIds, l: { office: OfficeCode; reportedAt: string; channel: 'web' | 'phone' }): Insertable<DB['lost_id_report']> {
  const id = next();
  return {
    reference: `l-${id}`,
    id_hash: `h-${id}`,
    id_enc: 'x',
    name_enc: 'x',
    birth_hash: 'x',
    address_enc: 'x',
    contact_enc: 'x',
    revoke_hash: `rv-${id}`,
    status: 'active',
    office_id: ids.office[l.office],
    reported_at: l.reportedAt,
    ended_at: null,
    ended_by: null,
    channel: l.channel,
    created_by: null,
  };
}

export const searchRow = (at: string, results: number): Insertable<DB['search_log']> => ({ query: '戶籍謄本', locale: 'zh-Hant', results, at });

/** Inserts rows in chunks: thousands of rows without thousands of round trips. */
export async function insertRows<T extends 'ticket' | 'booking' | 'lost_id_report' | 'search_log'>(db: Executor, table: T, rows: Insertable<DB[T]>[], chunk = 200): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    // biome-ignore lint/suspicious/noExplicitAny: one generic insert over four tables
    await db.insertInto(table).values(rows.slice(i, i + chunk) as any).execute();
  }
}

/** A small seeded generator (Park–Miller), so a generated data set is the same every run. */
export function seeded(seed: number) {
  let x = seed % 2147483647 || 1;
  const rand = () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
  return {
    rand,
    int: (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1)),
    pick: <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T,
  };
}
