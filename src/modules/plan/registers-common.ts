import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { principal } from '../../platform/auth/guard.js';
import { coversOffice, type StaffPrincipal } from '../../platform/auth/roles.js';
import { type IsoDate, isIsoDate, parseRocDate, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { OfficeInfo } from '../../platform/http/context.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';
import { type OfficeChoice, officeChoice } from '../../platform/layout/OfficePicker.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import type { Actor } from './create.js';

/**
 * What the four registers (抽查, 提案, 流程檢討, 獎項) share: which office and
 * year a page is about, the form fields they all use, and who did it.
 */

export interface RegisterScope {
  office: OfficeInfo;
  choice: OfficeChoice;
  year: number;
  /** Taipei today, from the app's clock */
  today: IsoDate;
}

/** Years a register can be asked about: ROC year 1 up to next year. */
export const FIRST_YEAR = 1912;

export function yearOf(raw: unknown, today: IsoDate): number {
  const current = Number(today.slice(0, 4));
  const y = z.coerce.number().int().min(FIRST_YEAR).max(current + 1).catch(current).parse(typeof raw === 'string' ? raw : undefined);
  return y;
}

/** The office (one the person covers: ?office= on a GET, the hidden field on a POST) and the year (?year= or the form's). */
export async function registerScope(db: Db, req: FastifyRequest, now: Date, body?: Record<string, unknown>): Promise<RegisterScope> {
  const office = await staffOfficeFor(db, req, askedOfficeCode(req, body));
  const offices = await staffOffices(db, req);
  const today = taipeiToday(now);
  const fromBody = body?.year;
  const year = yearOf(typeof fromBody === 'string' && fromBody ? fromBody : (req.query as { year?: unknown } | undefined)?.year, today);
  return { office, choice: officeChoice(offices, office.code), year, today };
}

/** A register's row belongs to an office this person covers, else it is not there for them (404, not 403). */
export async function coveredOffice(db: Db, req: FastifyRequest, officeId: number): Promise<OfficeInfo> {
  const staff = principal(req);
  const office = (await staffOffices(db, req)).find((o) => o.id === officeId);
  if (!office || !coversOffice(staff, office)) throw notFound();
  return office;
}

export const notFound = () => new AppError('not_found', 'error.notFound.title');

export const actorOf = (staff: StaffPrincipal): Actor => ({ id: staff.id, name: staff.displayName });

/** An id from the address; anything else is a page that is not there. */
export function idParam(params: unknown, name = 'id'): number {
  const raw = (params as Record<string, unknown> | undefined)?.[name];
  const id = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

const one = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** A whole number as people type it (full-width digits, thousands commas), within [min, max]. */
export const intField = (min: number, max: number) =>
  z.preprocess(
    (v) => {
      const s = one(v);
      return typeof s === 'string' ? s.normalize('NFKC').replace(/[,\s]/g, '') : s;
    },
    z
      .string({ error: 'err.required' })
      .min(1, 'err.required')
      .regex(/^\d{1,9}$/, 'plan.reg.err.integer')
      .transform(Number)
      .pipe(z.number().min(min, 'plan.reg.err.min').max(max, 'plan.reg.err.max')),
  );

/** A date as people type it (ISO or 民國), from ROC year 1 up to today. */
export const pastDate = (today: () => IsoDate) =>
  z.preprocess(
    one,
    z
      .string({ error: 'err.required' })
      .trim()
      .min(1, 'err.required')
      .max(30, 'err.date')
      .transform((v, ctx) => {
        const iso = isIsoDate(v) ? v : parseRocDate(v);
        if (!iso || iso < '1912-01-01') {
          ctx.addIssue({ code: 'custom', message: 'err.date' });
          return z.NEVER;
        }
        if (iso > today()) {
          ctx.addIssue({ code: 'custom', message: 'plan.reg.err.future' });
          return z.NEVER;
        }
        return iso;
      }),
  );

/** The same, left empty: null. */
export const optionalPastDate = (today: () => IsoDate) =>
  z.preprocess((v) => {
    const s = one(v);
    return typeof s === 'string' && s.trim() === '' ? undefined : s;
  }, pastDate(today).optional());

/** Text of at most `max` characters; empty is ''. */
export const freeText = (max: number) =>
  z.preprocess(
    (v) => one(v) ?? '',
    z.string({ error: 'err.invalid' }).trim().max(max, 'err.tooLong'),
  );

export const requiredText = (max: number) =>
  z.preprocess(one, z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(max, 'err.tooLong'));

/** Taipei midnight of 1 January of `year` and of the next year, as UTC instants: created_at (an instant) falls inside a Taipei year between them. */
export function taipeiYearInstants(year: number): [string, string] {
  const start = (y: number) => new Date(`${String(y).padStart(4, '0')}-01-01T00:00:00+08:00`).toISOString();
  return [start(year), start(year + 1)];
}
