import { CompiledQuery } from 'kysely';
import { type Database, type DialectName, type Executor, writeTransaction } from '../db/index.js';
import { daysBetween, eachDay, formatRocDate, type IsoDate, weekday } from '../platform/calendar/index.js';
import type { Vault } from '../platform/identity/index.js';
import { bookingsOfDay } from './activity-bookings.js';
import { type DayContext, dayWeight, type Row, type Serials, STANDARD_DAY_WEIGHT, type TicketDraft, ticketsOfDay } from './activity-day.js';
import { type ActivityOffice, openHoursOn } from './activity-offices.js';
import { normal, streamOf } from './activity-random.js';
import { casesOfDay, lostIdsOfDay, type Numbered, petitionsOfDay, searchesOfDay, surveysOfDay } from './activity-records.js';

export { type ActivityOffice, activityOffices } from './activity-offices.js';

/** Per queue ticket: how many bookings, cases, petitions, questionnaires, lost-ID reports and site searches come with it. */
export interface ActivityRates {
  bookings: number;
  cases: number;
  petitions: number;
  surveys: number;
  lostIds: number;
  searches: number;
}
/** The county benchmark's proportions (issue 15): 1,000,000 tickets a year come with 200,000 bookings, 50,000 cases, 10,000 petitions, 100,000 questionnaires. */
export const DEFAULT_RATES: ActivityRates = { bookings: 0.2, cases: 0.05, petitions: 0.01, surveys: 0.1, lostIds: 0.01, searches: 0.5 };

export interface ActivityOptions {
  offices: ActivityOffice[];
  from: IsoDate;
  to: IsoDate;
  /** multiplies every office's tickets per day (and so everything else) */
  scale?: number;
  /** the same seed on the same database state gives the same rows */
  seed: number;
  rates?: Partial<ActivityRates>;
  /** personal fields encrypted and hashed as the app does, so staff pages open them; without it they are random hex (benchmarks) */
  vault?: Pick<Vault, 'hash' | 'encrypt'> | null;
  progress?: (month: string, counts: ActivityCounts) => void;
}

export interface ActivityCounts {
  tickets: number;
  bookings: number;
  cases: number;
  petitions: number;
  questionnaires: number;
  answers: number;
  lostIds: number;
  searches: number;
}

const MONTH_FACTOR = [1.12, 0.9, 1.0, 0.95, 0.98, 1.0, 1.08, 1.05, 1.0, 0.95, 0.97, 1.05];
const WEEKDAY_FACTOR = [0.6, 1.12, 1.0, 1.0, 0.97, 0.93, 0.6];

/**
 * Writes realistic raw activity for the offices over [from, to]: queue
 * tickets, bookings, cases, petitions, questionnaires with answers, lost-ID
 * reports and site searches, only on the days each office is open and, for
 * what happens at the office, within its hours. Straight into the raw
 * tables, a month per transaction, many rows per statement: a county's year
 * is minutes, a demo's history seconds. Running numbers come from the
 * offices' day sequences and codes from the tables' serials, so a second
 * run on the same database adds to it without a clash. It writes no
 * ticket or case events, no booking seats and no roll-up: run `rebuild`.
 */
export async function generateActivity(database: Database, opts: ActivityOptions): Promise<ActivityCounts> {
  const rates = { ...DEFAULT_RATES, ...opts.rates };
  const scale = opts.scale ?? 1;
  const serials = await serialBases(database.db);
  const counts: ActivityCounts = { tickets: 0, bookings: 0, cases: 0, petitions: 0, questionnaires: 0, answers: 0, lostIds: 0, searches: 0 };
  const officeTraits = new Map(
    opts.offices.map((o) => {
      const rng = streamOf(opts.seed, 'office', o.id);
      // a small office keeps shorter lines; satisfaction differs a little from office to office
      return [o.id, { waitBase: (3.5 + 4 * rng()) * (0.6 + 0.4 * Math.min(1, o.ticketsPerDay / 60)), satisfaction: 4.3 + 0.3 * rng() }];
    }),
  );
  const countyPerDay = opts.offices.reduce((s, o) => s + o.ticketsPerDay, 0) * scale;
  for (const days of byMonth(opts.from, opts.to)) {
    const month = emptyMonth();
    for (const office of opts.offices) {
      const traits = officeTraits.get(office.id)!;
      for (const day of days) {
        const hours = openHoursOn(office, day);
        if (!hours) continue;
        const rng = streamOf(opts.seed, office.id, day);
        const ctx: DayContext = { office, day, hours, rng, volume: 0, serials, vault: opts.vault ?? null, horizon: opts.to, waitBase: traits.waitBase };
        ctx.volume = office.ticketsPerDay * scale * volumeFactor(office, day) * (dayWeight(hours) / STANDARD_DAY_WEIGHT) * Math.exp(0.08 * normal(rng));
        const bookings = bookingsOfDay(ctx, rates.bookings);
        month.bookings.push(...bookings.rows);
        month.tickets.push({ office: office.id, day, drafts: ticketsOfDay(ctx, bookings.checkIns) });
        month.cases.push({ office: office.id, day, rows: casesOfDay(ctx, rates.cases) });
        month.petitions.push({ office: office.id, day, rows: petitionsOfDay(ctx, rates.petitions) });
        month.surveys.push(...surveysOfDay(ctx, rates.surveys, traits.satisfaction));
        month.lostIds.push(...lostIdsOfDay(ctx, rates.lostIds));
      }
    }
    const first = opts.offices[0];
    for (const day of days) {
      const open = first ? first.calendar.isWorkingDay(day) : weekday(day) % 6 !== 0;
      month.searches.push(...searchesOfDay(streamOf(opts.seed, 'search', day), day, countyPerDay * rates.searches * (open ? 1 : 0.4)));
    }
    await writeMonth(database, month, counts);
    opts.progress?.(days[0]!.slice(0, 7), { ...counts });
  }
  return counts;
}

/** Busier on Mondays, after long holidays, before the Lunar New Year and in the summer moving season; noise is added by the caller. */
function volumeFactor(office: ActivityOffice, day: IsoDate): number {
  const gap = daysBetween(office.calendar.previousWorkingDay(day), day);
  return (WEEKDAY_FACTOR[weekday(day)] ?? 1) * (MONTH_FACTOR[Number(day.slice(5, 7)) - 1] ?? 1) * (gap > 3 ? 1.2 : 1);
}

function byMonth(from: IsoDate, to: IsoDate): IsoDate[][] {
  const out: IsoDate[][] = [];
  for (const day of eachDay(from, to)) {
    const last = out[out.length - 1];
    if (last && last[0]!.slice(0, 7) === day.slice(0, 7)) last.push(day);
    else out.push([day]);
  }
  return out;
}

interface Month {
  tickets: { office: number; day: IsoDate; drafts: TicketDraft[] }[];
  bookings: Row[];
  cases: { office: number; day: IsoDate; rows: Numbered[] }[];
  petitions: { office: number; day: IsoDate; rows: Numbered[] }[];
  surveys: { row: Row; answers: Row[] }[];
  lostIds: Row[];
  searches: Row[];
}
const emptyMonth = (): Month => ({ tickets: [], bookings: [], cases: [], petitions: [], surveys: [], lostIds: [], searches: [] });

/** The largest id of each table: serials above it were never used by an earlier run (ids only grow: AUTOINCREMENT, identity). */
async function serialBases(db: Executor): Promise<Serials> {
  const max = async (table: 'ticket' | 'booking' | 'case_file' | 'petition' | 'lost_id_report') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
  return { ticket: await max('ticket'), booking: await max('booking'), case: await max('case_file'), petition: await max('petition'), lost: await max('lost_id_report') };
}

const COLUMNS = {
  ticket: ['office_id', 'service_id', 'day', 'prefix', 'number', 'label', 'priority', 'channel', 'status', 'code', 'counter_id', 'staff_id', 'issued_at', 'queue_at', 'called_at', 'last_called_at', 'target_counter_id', 'started_at', 'finished_at', 'recall_count', 'transfer_count', 'waited_ms', 'served_ms', 'booking_id'],
  booking: ['office_id', 'booking_service_id', 'code', 'token', 'status', 'day', 'starts', 'ends', 'name', 'id_hash', 'id_enc', 'birth_hash', 'phone', 'email', 'partner_name', 'partner_id_hash', 'partner_id_enc', 'details', 'locale', 'channel', 'ticket_id', 'petition_id', 'assigned_staff_id', 'due_on', 'created_at', 'updated_at', 'checked_in_at', 'ended_at', 'end_reason', 'placed_by', 'referral', 'referral_note'],
  case_file: ['office_id', 'number', 'reference', 'locale', 'lookup_failures', 'lookup_locked_until', 'guide_code', 'status', 'applicant_name', 'id_hash', 'id_enc', 'birth_hash', 'email', 'phone', 'received_on', 'limit_days', 'due_on', 'notices', 'ticket_id', 'booking_id', 'created_by', 'created_at', 'updated_at', 'closed_at'],
  petition: ['office_id', 'number', 'view_token', 'channel', 'status', 'subject', 'category', 'body', 'language', 'name', 'email', 'phone', 'address', 'wants_reply', 'read_back', 'password_hash', 'confirm_hash', 'confirm_until', 'class', 'limit_days', 'received_on', 'due_on', 'extended_reason', 'assignee_id', 'escalation', 'reply_body', 'replied_at', 'replied_on', 'decline_ground', 'transfer_to', 'rating', 'rating_comment', 'rated_at', 'rate_until', 'booking_id', 'created_by', 'created_at', 'updated_at', 'closed_at', 'superior_agency', 'superior_doc_no', 'superior_due_on'],
  survey_response: ['survey_id', 'version_id', 'office_id', 'channel', 'visit_hash', 'service_code', 'counter_number', 'wait_minutes', 'gender', 'age_band', 'identity', 'day', 'created_at'],
  survey_answer: ['response_id', 'question', 'score', 'choice', 'text'],
  lost_id_report: ['reference', 'id_hash', 'id_enc', 'name_enc', 'birth_hash', 'address_enc', 'contact_enc', 'revoke_hash', 'status', 'office_id', 'reported_at', 'ended_at', 'ended_by', 'channel', 'created_by'],
  search_log: ['query', 'locale', 'results', 'at'],
} as const;

/** One month in one transaction: its running numbers are taken from the day sequences first, then every row goes in, many per statement. */
async function writeMonth(database: Database, month: Month, counts: ActivityCounts): Promise<void> {
  const dialect = database.dialect;
  const ticketRows: Row[] = [];
  const caseRows: Row[] = [];
  const petitionRows: Row[] = [];
  await writeTransaction(database, async (trx) => {
    const needs = new Sequences();
    for (const d of month.tickets) for (const t of d.drafts) needs.add(d.office, d.day, String(t.row.prefix));
    for (const d of month.cases) for (let i = 0; i < d.rows.length; i++) needs.add(d.office, d.day, 'CASE');
    for (const d of month.petitions) for (let i = 0; i < d.rows.length; i++) needs.add(d.office, d.day, 'PETITION');
    const firsts = await needs.reserve(trx, dialect);
    for (const d of month.tickets) {
      for (const t of d.drafts) {
        const n = firsts.take(d.office, d.day, String(t.row.prefix));
        ticketRows.push({ ...t.row, number: n, label: `${t.row.prefix}${String(n).padStart(3, '0')}` });
      }
    }
    for (const d of month.cases) {
      for (const c of [...d.rows].sort((a, b) => a.atMs - b.atMs)) {
        caseRows.push({ ...c.row, number: `${d.office}-${formatRocDate(d.day, 'compact')}-${String(firsts.take(d.office, d.day, 'CASE')).padStart(4, '0')}` });
      }
    }
    for (const d of month.petitions) {
      for (const p of [...d.rows].sort((a, b) => a.atMs - b.atMs)) {
        petitionRows.push({ ...p.row, number: `P${d.office}-${formatRocDate(d.day, 'compact')}-${String(firsts.take(d.office, d.day, 'PETITION')).padStart(3, '0')}` });
      }
    }
    await insertRows(trx, dialect, 'booking', COLUMNS.booking, month.bookings);
    await insertRows(trx, dialect, 'ticket', COLUMNS.ticket, ticketRows);
    await insertRows(trx, dialect, 'case_file', COLUMNS.case_file, caseRows);
    await insertRows(trx, dialect, 'petition', COLUMNS.petition, petitionRows);
    const responseIds = await insertRows(
      trx,
      dialect,
      'survey_response',
      COLUMNS.survey_response,
      month.surveys.map((s) => s.row),
      true,
    );
    const answers = month.surveys.flatMap((s, i) => s.answers.map((a) => ({ ...a, response_id: responseIds[i] ?? null })));
    await insertRows(trx, dialect, 'survey_answer', COLUMNS.survey_answer, answers);
    await insertRows(trx, dialect, 'lost_id_report', COLUMNS.lost_id_report, month.lostIds);
    await insertRows(trx, dialect, 'search_log', COLUMNS.search_log, month.searches);
    counts.answers += answers.length;
  });
  counts.tickets += ticketRows.length;
  counts.bookings += month.bookings.length;
  counts.cases += caseRows.length;
  counts.petitions += petitionRows.length;
  counts.questionnaires += month.surveys.length;
  counts.lostIds += month.lostIds.length;
  counts.searches += month.searches.length;
}

/** How many numbers each office-day sequence must give, then the first of each, taken from `queue_sequence` as the app takes them. */
class Sequences {
  private readonly need = new Map<string, { office: number; day: IsoDate; name: string; count: number }>();
  private readonly next = new Map<string, number>();

  add(office: number, day: IsoDate, name: string): void {
    const key = `${office}|${day}|${name}`;
    const e = this.need.get(key);
    if (e) e.count++;
    else this.need.set(key, { office, day, name, count: 1 });
  }

  /** One upsert per batch raises each sequence by its count; what it returns, less the count, is where this run's numbers start. */
  async reserve(trx: Executor, dialect: DialectName): Promise<this> {
    const rows = [...this.need.values()];
    const per = 5000;
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const params = chunk.flatMap((r) => [r.office, r.day, r.name, r.count]);
      const text = `insert into queue_sequence (office_id, day, prefix, last) values ${placeholders(dialect, chunk.length, 4)} on conflict (office_id, day, prefix) do update set last = queue_sequence.last + excluded.last returning office_id, day, prefix, last`;
      const res = await trx.executeQuery<{ office_id: number; day: string; prefix: string; last: number }>(CompiledQuery.raw(text, params));
      for (const r of res.rows) {
        const key = `${Number(r.office_id)}|${r.day}|${r.prefix}`;
        this.next.set(key, Number(r.last) - (this.need.get(key)?.count ?? 0) + 1);
      }
    }
    return this;
  }

  take(office: number, day: IsoDate, name: string): number {
    const key = `${office}|${day}|${name}`;
    const n = this.next.get(key);
    if (n === undefined) throw new Error(`no number reserved for ${key}`);
    this.next.set(key, n + 1);
    return n;
  }
}

const placeholderCache = new Map<string, string>();
function placeholders(dialect: DialectName, rows: number, columns: number): string {
  const key = `${dialect}|${rows}|${columns}`;
  let text = placeholderCache.get(key);
  if (!text) {
    const tuples: string[] = [];
    for (let r = 0, p = 0; r < rows; r++) tuples.push(`(${Array.from({ length: columns }, () => (dialect === 'postgres' ? `$${++p}` : '?')).join(',')})`);
    text = tuples.join(',');
    placeholderCache.set(key, text);
  }
  return text;
}

/**
 * Many rows per INSERT, as plain SQL with bound parameters: building the
 * query through Kysely costs more than the database's own work at this
 * volume. At most 30,000 parameters per statement, under SQLite's 32,766
 * and PostgreSQL's 65,535. Returns the new ids in the order of `rows`
 * (ids are given in insertion order; RETURNING's order is not promised,
 * so they are sorted).
 */
async function insertRows(trx: Executor, dialect: DialectName, table: string, columns: readonly string[], rows: Row[], returning = false): Promise<number[]> {
  const per = Math.max(1, Math.floor(30_000 / columns.length));
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const r of chunk) for (const c of columns) params.push(r[c] ?? null);
    const text = `insert into ${table} (${columns.join(', ')}) values ${placeholders(dialect, chunk.length, columns.length)}${returning ? ' returning id' : ''}`;
    const res = await trx.executeQuery<{ id: number }>(CompiledQuery.raw(text, params));
    if (returning) ids.push(...res.rows.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}
