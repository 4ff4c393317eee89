import type { Database, Executor } from '../../db/index.js';
import { isUniqueViolation, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import * as repo from './repo.js';
import type { CountyInput, DayHours, HoursException, NewOffice, OfficeDetails } from './validate.js';

/**
 * The county and office administration (issue 13): every change in one
 * transaction with its audit row, which holds only the fields that changed.
 * A rule that refuses a value says which field, so the form shows the
 * message beside it and nothing is stored.
 */

export interface Actor {
  id: number;
  username: string;
}

export interface Change {
  actor: Actor;
  ip?: string | null;
  now: Date;
}

type Plain = Record<string, unknown>;

/** Only what changed, before and after. */
export function changed(before: Plain, after: Plain): { before: Plain; after: Plain } {
  const b: Plain = {};
  const a: Plain = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a };
}

export function fieldError(field: string, key: string, params?: Record<string, string | number>): AppError {
  const fe: FieldError = params ? { field, key, params } : { field, key };
  return new AppError('validation', key, { fields: [fe] });
}

type OfficeRow = NonNullable<Awaited<ReturnType<typeof repo.findOfficeById>>>;

// --- the county ---

export async function saveCounty(database: Database, countyId: number, input: CountyInput, c: Change): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const county = await repo.findCountyById(trx, countyId);
    if (!county) throw new AppError('not_found', 'error.notFound.title');
    const after = {
      code: input.code,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      phone: input.phone,
      email: input.email,
      address_zh: input.addressZh,
      address_en: input.addressEn,
      site_name_zh: input.siteNameZh,
      site_name_en: input.siteNameEn,
      logo_text: input.logoText,
      english: input.english === '1' ? 1 : 0,
    };
    const diff = changed(county, after);
    if (Object.keys(diff.after).length === 0) return;
    try {
      await repo.updateCounty(trx, countyId, { ...after, updated_at: c.now.toISOString() });
    } catch (err) {
      if (isUniqueViolation(err)) throw fieldError('code', 'offices.err.codeTaken');
      throw err;
    }
    await recordAudit(trx, { actor: c.actor, action: 'offices.county.update', target: { type: 'county', id: countyId }, countyId, detail: diff, ip: c.ip ?? null }, c.now);
  });
}

// --- offices ---

function detailColumns(d: OfficeDetails, parentId: number | null) {
  return {
    kind: d.kind,
    parent_id: parentId,
    name_zh: d.nameZh,
    name_en: d.nameEn,
    address_zh: d.addressZh,
    address_en: d.addressEn,
    phone: d.phone ?? '',
    fax: d.fax,
    email: d.email,
    director_name: d.director,
    villages: d.villages.join('\n'),
    map_url: d.mapUrl,
  };
}

/** A branch office's parent: an open, non-branch office of the same county, not itself. */
async function parentId(trx: Executor, countyId: number, code: string | null, selfId: number | null): Promise<number | null> {
  if (!code) return null;
  const parent = await repo.findOfficeByCode(trx, code);
  if (!parent || parent.county_id !== countyId || parent.active !== 1 || parent.kind === 'branch' || parent.id === selfId) throw fieldError('parent', 'offices.err.parent');
  return parent.id;
}

/** A code free to take: never one in use, never one a deactivated office had (printed notices still carry it). */
async function checkCodeFree(trx: Executor, code: string): Promise<void> {
  const taken = await repo.findOfficeByCode(trx, code);
  if (!taken) return;
  if (taken.active === 1) throw fieldError('code', 'offices.err.codeTaken');
  throw fieldError('code', 'offices.err.codeRetired', { name: taken.name_zh });
}

/** The usual week a new office starts with (Monday to Friday 08:00–17:00, open through lunch); staff change it next. */
const FIRST_WEEK = [1, 2, 3, 4, 5].map((wd) => ({ weekday: wd, opens: '08:00', closes: '17:00', note_zh: null, note_en: null, lunch_open: 1, lunch_from: null, lunch_to: null, evening_closes: null }));

export async function createOffice(database: Database, countyId: number, input: NewOffice, c: Change): Promise<{ id: number; code: string }> {
  return writeTransaction(database, async (trx) => {
    await checkCodeFree(trx, input.code);
    const values = { ...detailColumns(input, await parentId(trx, countyId, input.parent, null)), code: input.code, county_id: countyId, active: 1, updated_at: c.now.toISOString() };
    let id: number;
    try {
      id = await repo.insertOffice(trx, values);
    } catch (err) {
      // two people creating the same code at once: the unique index is the backstop
      if (isUniqueViolation(err)) throw fieldError('code', 'offices.err.codeTaken');
      throw err;
    }
    await repo.replaceHours(trx, id, FIRST_WEEK);
    await recordAudit(
      trx,
      { actor: c.actor, action: 'offices.office.create', target: { type: 'office', id }, officeId: id, countyId, detail: { before: {}, after: { ...values, villages: input.villages } }, ip: c.ip ?? null },
      c.now,
    );
    return { id, code: input.code };
  });
}

/** In the caller's transaction: the form and the configuration file both come here. */
export async function updateOfficeIn(trx: Executor, office: OfficeRow, input: OfficeDetails, c: Change): Promise<boolean> {
  const after = detailColumns(input, await parentId(trx, office.county_id, input.parent, office.id));
  if (after.kind === 'branch' && office.kind !== 'branch') {
    // an office that has branch offices of its own cannot become one
    const own = await repo.openThingsOfOffice(trx, office.id);
    if (own.branches > 0) throw fieldError('kind', 'offices.err.hasBranches');
  }
  const diff = changed(office, after);
  if (Object.keys(diff.after).length === 0) return false;
  await repo.updateOffice(trx, office.id, { ...after, updated_at: c.now.toISOString() });
  await recordAudit(trx, { actor: c.actor, action: 'offices.office.update', target: { type: 'office', id: office.id }, officeId: office.id, countyId: office.county_id, detail: diff, ip: c.ip ?? null }, c.now);
  return true;
}

export async function updateOffice(database: Database, officeId: number, input: OfficeDetails, c: Change): Promise<boolean> {
  return writeTransaction(database, async (trx) => {
    const office = await repo.findOfficeById(trx, officeId);
    if (!office) throw new AppError('not_found', 'error.notFound.title');
    return updateOfficeIn(trx, office, input, c);
  });
}

// --- hours ---

const hoursColumns = (d: DayHours) => ({
  weekday: d.weekday,
  opens: d.opens,
  closes: d.closes,
  lunch_open: d.lunchOpen ? 1 : 0,
  lunch_from: d.lunchOpen ? null : d.lunchFrom,
  lunch_to: d.lunchOpen ? null : d.lunchTo,
  evening_closes: d.eveningCloses,
  note_zh: d.noteZh,
  note_en: d.noteEn ?? d.noteZh,
});

/** The audit's view of a week: one entry per weekday, so before/after show the days that changed. */
function weekMap(rows: ReturnType<typeof hoursColumns>[]): Plain {
  const out: Plain = {};
  for (const wd of [0, 1, 2, 3, 4, 5, 6]) {
    const r = rows.find((x) => x.weekday === wd);
    out[`weekday${wd}`] = r ? { opens: r.opens, closes: r.closes, lunch_open: r.lunch_open, lunch_from: r.lunch_from, lunch_to: r.lunch_to, evening_closes: r.evening_closes, note_zh: r.note_zh, note_en: r.note_en } : null;
  }
  return out;
}

export async function saveHoursIn(trx: Executor, office: OfficeRow, days: DayHours[], c: Change): Promise<boolean> {
  const before = (await repo.hoursOf(trx, [office.id])).map((h) => ({
    weekday: h.weekday,
    opens: h.opens,
    closes: h.closes,
    lunch_open: h.lunch_open,
    lunch_from: h.lunch_from,
    lunch_to: h.lunch_to,
    evening_closes: h.evening_closes,
    note_zh: h.note_zh,
    note_en: h.note_en,
  }));
  const rows = days.map(hoursColumns);
  const diff = changed(weekMap(before), weekMap(rows));
  if (Object.keys(diff.after).length === 0) return false;
  await repo.replaceHours(trx, office.id, rows);
  // the footer's "last updated" follows the office record, and the hours are part of it
  await repo.updateOffice(trx, office.id, { updated_at: c.now.toISOString() });
  await recordAudit(trx, { actor: c.actor, action: 'offices.hours.update', target: { type: 'office', id: office.id }, officeId: office.id, countyId: office.county_id, detail: diff, ip: c.ip ?? null }, c.now);
  return true;
}

export async function saveHours(database: Database, officeId: number, days: DayHours[], c: Change): Promise<boolean> {
  return writeTransaction(database, async (trx) => {
    const office = await repo.findOfficeById(trx, officeId);
    if (!office) throw new AppError('not_found', 'error.notFound.title');
    return saveHoursIn(trx, office, days, c);
  });
}

export async function saveException(database: Database, officeId: number, e: HoursException, c: Change): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const office = await repo.findOfficeById(trx, officeId);
    if (!office) throw new AppError('not_found', 'error.notFound.title');
    const old = await repo.exceptionOn(trx, officeId, e.date);
    const after = { date: e.date, closed: e.closed ? 1 : 0, opens: e.opens, closes: e.closes, reason_zh: e.reasonZh, reason_en: e.reasonEn ?? e.reasonZh };
    const diff = changed(old ?? {}, after);
    if (Object.keys(diff.after).length === 0) return;
    await repo.upsertException(trx, { ...after, office_id: officeId, updated_at: c.now.toISOString() });
    await recordAudit(
      trx,
      { actor: c.actor, action: 'offices.exception.save', target: { type: 'office', id: officeId }, officeId, countyId: office.county_id, detail: { ...diff, date: e.date }, ip: c.ip ?? null },
      c.now,
    );
  });
}

export async function removeException(database: Database, officeId: number, id: number, c: Change): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const office = await repo.findOfficeById(trx, officeId);
    const old = await repo.exceptionById(trx, officeId, id);
    if (!office || !old) throw new AppError('not_found', 'error.notFound.title');
    await repo.deleteException(trx, officeId, id);
    const before = { date: old.date, closed: old.closed, opens: old.opens, closes: old.closes, reason_zh: old.reason_zh, reason_en: old.reason_en };
    await recordAudit(trx, { actor: c.actor, action: 'offices.exception.remove', target: { type: 'office', id: officeId }, officeId, countyId: office.county_id, detail: { before, after: {} }, ip: c.ip ?? null }, c.now);
  });
}

// --- deactivation ---

/**
 * What an office still has running, for the confirmation page. The offices
 * module counts what it owns (counters, queue services, branch offices);
 * other modules add theirs through `OpenWork` (waiting tickets, future
 * bookings, open cases) — the seam the app wires when they offer a count.
 * Nothing is ended: deactivation only closes the public pages.
 */
export interface OpenItem {
  key: string;
  n: number;
}
export type OpenWork = (officeId: number) => Promise<OpenItem[]>;

export async function openThings(db: Executor, officeId: number, others: OpenWork[] = []): Promise<OpenItem[]> {
  const own = await repo.openThingsOfOffice(db, officeId);
  const more = (await Promise.all(others.map((f) => f(officeId)))).flat();
  return [
    { key: 'offices.open.counters', n: own.counters },
    { key: 'offices.open.services', n: own.services },
    { key: 'offices.open.branches', n: own.branches },
    ...more,
  ];
}

/** The offices a deactivated office may send people to: open ones of its county, not itself. */
export async function successorChoices(db: Executor, office: OfficeRow) {
  return (await repo.listOffices(db, office.county_id)).filter((o) => o.active === 1 && o.id !== office.id);
}

export async function deactivateOffice(database: Database, officeId: number, successorCode: string, c: Change): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const office = await repo.findOfficeById(trx, officeId);
    if (!office) throw new AppError('not_found', 'error.notFound.title');
    if (office.active !== 1) throw new AppError('conflict', 'offices.err.alreadyClosed');
    const successor = (await successorChoices(trx, office)).find((o) => o.code === successorCode);
    if (!successor) throw fieldError('successor', 'offices.err.successor');
    const at = c.now.toISOString();
    await repo.updateOffice(trx, office.id, { active: 0, closed_at: at, successor_id: successor.id, updated_at: at });
    await recordAudit(
      trx,
      {
        actor: c.actor,
        action: 'offices.office.deactivate',
        target: { type: 'office', id: office.id },
        officeId: office.id,
        countyId: office.county_id,
        detail: { before: { active: 1, successor_id: office.successor_id }, after: { active: 0, successor_id: successor.id, successor: successor.code } },
        ip: c.ip ?? null,
      },
      c.now,
    );
  });
}

/** Undo a deactivation made in error: the office serves again, under the same code. */
export async function reactivateOffice(database: Database, officeId: number, c: Change): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const office = await repo.findOfficeById(trx, officeId);
    if (!office) throw new AppError('not_found', 'error.notFound.title');
    if (office.active === 1) return;
    await repo.updateOffice(trx, office.id, { active: 1, closed_at: null, successor_id: null, updated_at: c.now.toISOString() });
    await recordAudit(
      trx,
      { actor: c.actor, action: 'offices.office.reactivate', target: { type: 'office', id: office.id }, officeId: office.id, countyId: office.county_id, detail: { before: { active: 0, successor_id: office.successor_id }, after: { active: 1, successor_id: null } }, ip: c.ip ?? null },
      c.now,
    );
  });
}
