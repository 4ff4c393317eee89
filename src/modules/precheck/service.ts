import { type Database, type Db, writeTransaction } from '../../db/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { guidesService } from '../guides/index.js';
import { officesService } from '../offices/index.js';
import { cancelTicket, issueTicket, ticketCode } from '../queue/index.js';
import * as repo from './repo.js';

/**
 * The roaming pre-check: a volunteer or clerk in the hall ticks the
 * documents a citizen brought against the guide of the service. All there:
 * a queue ticket, issued by the queue's own code (hours, caps, numbering),
 * linked to the check so the counter sees the list. Something missing: a
 * one-time notice slip of exactly what was not ticked. No personal data.
 */
export interface PrecheckDeps {
  database: Database;
  events: EventBus;
  clock: () => Date;
}

export interface Doc {
  zh: string;
  en: string;
  basis?: string | undefined;
}

export interface PrecheckService {
  guideCode: string;
  name: string;
  serviceId: number;
  serviceName: string;
  documents: { text: string; basis: string | null }[];
}

/** The office's guides that map to one of its queue services: what a pre-check can be made for. */
export async function servicesOf(db: Db, officeId: number, locale: Locale): Promise<PrecheckService[]> {
  const [{ guides }, services] = await Promise.all([guidesService.officeGuideList(db, officeId, locale), officesService.servicesOfOffices(db, [officeId])]);
  const out: PrecheckService[] = [];
  for (const g of guides) {
    const s = services.find((x) => x.code === g.serviceCode);
    if (s) out.push({ guideCode: g.code, name: g.name, serviceId: s.id, serviceName: locale === 'en' ? s.name_en : s.name_zh, documents: g.documents });
  }
  return out;
}

export async function serviceOf(db: Db, officeId: number, guideCode: string, locale: Locale): Promise<PrecheckService> {
  const found = (await servicesOf(db, officeId, locale)).find((s) => s.guideCode === guideCode);
  if (!found) throw new AppError('not_found', 'error.notFound.title');
  return found;
}

export type PrecheckResult = { outcome: 'ticket'; id: number; label: string; code: string } | { outcome: 'slip'; id: number };

/**
 * Records a check. `have` holds the indexes of the guide's documents ticked;
 * an index that is not one of them is a validation error. The ticket is
 * issued first (its caps decide, in its own transaction); the check that
 * names it follows, and if that ever fails the ticket is cancelled again.
 */
export async function precheck(
  deps: PrecheckDeps,
  input: { officeId: number; guideCode: string; have: number[]; note: string | null },
  staff: StaffPrincipal,
): Promise<PrecheckResult> {
  const db = deps.database.db;
  const svc = await serviceOf(db, input.officeId, input.guideCode, 'zh-Hant');
  const docs: Doc[] = await guidesService.guideDocuments(db, input.guideCode, input.officeId);
  if (input.have.some((i) => i < 0 || i >= docs.length)) throw new AppError('validation', 'err.choice', { fields: [{ field: 'have', key: 'err.choice' }] });
  const ticked = new Set(input.have);
  const checked = docs.filter((_, i) => ticked.has(i));
  const missing = docs.filter((_, i) => !ticked.has(i));
  const now = deps.clock();
  const row = {
    office_id: input.officeId,
    guide_code: input.guideCode,
    service_id: svc.serviceId,
    checked: JSON.stringify(checked),
    missing: JSON.stringify(missing),
    note: input.note,
    day: toTaipeiIsoDate(now),
    created_by: staff.id,
    created_at: now.toISOString(),
  };
  if (missing.length > 0 || input.note) {
    const id = await writeTransaction(deps.database, (trx) => repo.insertPreCheck(trx, { ...row, outcome: 'slip', ticket_id: null, ticket_label: null }));
    return { outcome: 'slip', id };
  }
  const ticket = await issueTicket(deps, { officeId: input.officeId, serviceId: svc.serviceId, priority: false, channel: 'kiosk' });
  try {
    const id = await writeTransaction(deps.database, (trx) => repo.insertPreCheck(trx, { ...row, outcome: 'ticket', ticket_id: ticket.id, ticket_label: ticket.label }));
    return { outcome: 'ticket', id, label: ticket.label, code: ticket.code };
  } catch (err) {
    await cancelTicket(deps, ticket.code);
    throw err;
  }
}

export interface StoredCheck {
  id: number;
  officeId: number;
  guideCode: string;
  outcome: 'ticket' | 'slip';
  ticketId: number | null;
  ticketLabel: string | null;
  day: string;
  checked: Doc[];
  missing: Doc[];
  note: string | null;
  createdAt: string;
}

const docsOf = (json: string): Doc[] => guidesService.parseDocs(json);

export async function storedCheck(db: Db, id: number): Promise<StoredCheck> {
  const r = await repo.preCheckById(db, id);
  if (!r) throw new AppError('not_found', 'error.notFound.title');
  return {
    id: r.id,
    officeId: r.office_id,
    guideCode: r.guide_code,
    outcome: r.outcome === 'ticket' ? 'ticket' : 'slip',
    ticketId: r.ticket_id,
    ticketLabel: r.ticket_label,
    day: r.day,
    checked: docsOf(r.checked),
    missing: docsOf(r.missing),
    note: r.note,
    createdAt: r.created_at,
  };
}

/** For the counter console: the ticked list of a ticket that was pre-checked, or null. */
export async function checklistOfTicket(db: Db, ticketId: number, locale: Locale): Promise<{ items: string[]; note: string | null } | null> {
  const r = await repo.preCheckOfTicket(db, ticketId);
  if (!r) return null;
  return { items: docsOf(r.checked).map((d) => (locale === 'en' ? d.en : d.zh)), note: r.note };
}

/** The follow code of a ticket (for the link the person can open on a phone). */
export async function ticketFollowCode(db: Db, ticketId: number): Promise<string | null> {
  return (await ticketCode(db, ticketId))?.code ?? null;
}
