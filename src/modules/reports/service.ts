import { z } from 'zod';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { type FigureDef, figureDef, type Period, parsePeriod, previousPeriod, sameLastYear, talliesFor } from '../figures/index.js';
import type { TemplateLine } from './lines.js';
import * as repo from './repo.js';
import { currentTemplate } from './template.js';

export const STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportState = (typeof STATES)[number];
/** a returned report is edited again like a draft */
export const EDITABLE: readonly ReportState[] = ['draft', 'returned'];
/** the figures shown are the ones frozen at submission */
export const FROZEN: readonly ReportState[] = ['submitted', 'accepted'];

export const asState = (s: string): ReportState => ((STATES as readonly string[]).includes(s) ? (s as ReportState) : 'draft');

export interface ReportOffice {
  id: number;
  countyId: number;
  code: string;
  name: string;
}

export interface LineFigures {
  value: number | null;
  previous: number | null;
  lastYear: number | null;
}

/** A line as frozen at submission: the line itself (labels included) and its three numbers. */
export interface SnapshotLine extends LineFigures {
  line: TemplateLine;
}

export interface Snapshot {
  templateId: number;
  version: number;
  takenAt: string;
  lines: SnapshotLine[];
}

export interface ReportLine extends LineFigures {
  line: TemplateLine;
  /** the figure's definition; null for a hand-entered line */
  def: FigureDef | null;
  note: string;
  /** a frozen figure line whose numbers in the roll-up now differ: what the roll-up says today */
  live: LineFigures | null;
}

export interface ReportModel {
  office: ReportOffice;
  month: Period;
  id: number | null;
  state: ReportState;
  template: { id: number; version: number } | null;
  lines: ReportLine[];
  handValues: Record<string, number>;
  notes: Record<string, string>;
  overallNote: string;
  countyComment: string | null;
  frozenAt: string | null;
  liveDiffers: boolean;
  events: repo.EventRow[];
}

const numbers = z.record(z.string(), z.number());
const texts = z.record(z.string(), z.string());
const figureFields = { value: z.number().nullable(), previous: z.number().nullable(), lastYear: z.number().nullable() };
const snapshotSchema = z.object({
  templateId: z.number(),
  version: z.number(),
  takenAt: z.string(),
  lines: z.array(
    z.object({
      line: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('figure'), key: z.string() }),
        z.object({ kind: z.literal('manual'), key: z.string(), labelZh: z.string(), labelEn: z.string(), unit: z.string() }),
      ]),
      ...figureFields,
    }),
  ),
});
export const parseNumbers = (json: string | null | undefined): Record<string, number> => (json ? numbers.parse(JSON.parse(json)) : {});
export const parseTexts = (json: string | null | undefined): Record<string, string> => (json ? texts.parse(JSON.parse(json)) : {});
export const parseSnapshot = (json: string): Snapshot => snapshotSchema.parse(JSON.parse(json));

/** A month key ('2026-11') as a period, only up to the current month (Taipei); null otherwise. */
export function monthOf(key: string, now: Date): Period | null {
  const p = /^\d{4}-\d{2}$/.test(key) ? parsePeriod(key) : null;
  if (p?.kind !== 'month' || Number(key.slice(0, 4)) < 1912) return null;
  return key <= taipeiToday(now).slice(0, 7) ? p : null;
}

/** The month a report is due for: the one before the current (Taipei) month. */
export function reportMonth(now: Date): Period {
  const today = taipeiToday(now);
  const current = parsePeriod(today.slice(0, 7));
  if (!current) throw new Error(`no month for ${today}`);
  return previousPeriod(current);
}

/**
 * The three numbers of each line: a figure from the office's roll-up for the
 * month, the month before and the same month a year earlier; a hand-entered
 * line from the values the office typed in those months' reports.
 */
export async function lineFigures(db: Executor, officeId: number, month: Period, lines: TemplateLine[], hand: Record<string, Record<string, number>>): Promise<SnapshotLine[]> {
  const prev = previousPeriod(month);
  const ly = sameLastYear(month);
  const [now, before, lastYear] = await Promise.all([talliesFor(db, [officeId], month), talliesFor(db, [officeId], prev), talliesFor(db, [officeId], ly)]);
  const tally = (m: Map<number, Record<string, number>>) => m.get(officeId) ?? {};
  return lines.map((line) => {
    if (line.kind === 'manual') {
      return { line, value: hand[month.key]?.[line.key] ?? null, previous: hand[prev.key]?.[line.key] ?? null, lastYear: hand[ly.key]?.[line.key] ?? null };
    }
    const def = figureDef(line.key);
    return { line, value: def?.value(tally(now)) ?? null, previous: def?.value(tally(before)) ?? null, lastYear: def?.value(tally(lastYear)) ?? null };
  });
}

/** The hand-entered values of the office's reports for the month, the month before and a year earlier. */
async function handOf(db: Executor, officeId: number, month: Period): Promise<{ rows: repo.ReportRow[]; hand: Record<string, Record<string, number>> }> {
  const rows = await repo.reportsOf(db, [officeId], [month.key, previousPeriod(month).key, sameLastYear(month).key]);
  return { rows, hand: Object.fromEntries(rows.map((r) => [r.month, parseNumbers(r.hand_values)])) };
}

const differs = (a: LineFigures, b: LineFigures) => a.value !== b.value || a.previous !== b.previous || a.lastYear !== b.lastYear;

/** One office's report for one month, as its page and its files show it. */
export async function buildReport(db: Executor, office: ReportOffice, month: Period): Promise<ReportModel> {
  const { rows, hand } = await handOf(db, office.id, month);
  const row = rows.find((r) => r.month === month.key);
  const state = row ? asState(row.state) : 'draft';
  const notes = parseTexts(row?.line_notes);
  const base = {
    office,
    month,
    id: row?.id ?? null,
    state,
    handValues: parseNumbers(row?.hand_values),
    notes,
    overallNote: row?.overall_note ?? '',
    countyComment: row?.county_comment ?? null,
    events: row ? await repo.eventsOf(db, row.id) : [],
  };
  const withDef = (l: SnapshotLine, live: LineFigures | null): ReportLine => ({ ...l, def: l.line.kind === 'figure' ? (figureDef(l.line.key) ?? null) : null, note: notes[l.line.key] ?? '', live });
  if (row?.snapshot && FROZEN.includes(state)) {
    const snap = parseSnapshot(row.snapshot);
    const now = await lineFigures(db, office.id, month, snap.lines.map((l) => l.line), hand);
    const lines = snap.lines.map((l, i) => {
      const current = now[i];
      return withDef(l, l.line.kind === 'figure' && current && differs(current, l) ? current : null);
    });
    return { ...base, template: { id: snap.templateId, version: snap.version }, lines, frozenAt: snap.takenAt, liveDiffers: lines.some((l) => l.live !== null) };
  }
  const template = await currentTemplate(db, office.countyId);
  const lines = template ? await lineFigures(db, office.id, month, template.lines, hand) : [];
  return { ...base, template: template ? { id: template.id, version: template.version } : null, lines: lines.map((l) => withDef(l, null)), frozenAt: null, liveDiffers: false };
}

export interface FillInput {
  /** hand-entered values by line key; null clears one */
  values: Record<string, number | null>;
  notes: Record<string, string>;
  /** undefined: left as it is */
  overall?: string | null;
}

const merge = <T>(old: Record<string, T>, given: Record<string, T | null>): Record<string, T> => {
  const out = { ...old };
  for (const [k, v] of Object.entries(given)) {
    if (v === null || v === '') delete out[k];
    else out[k] = v;
  }
  return out;
};

const stateChanged = (state: string) => new AppError('conflict', 'reports.err.stateChanged', { params: { state } });

async function writeFill(trx: Executor, row: repo.ReportRow, input: FillInput, at: string) {
  const values = merge(parseNumbers(row.hand_values), input.values);
  const notes = merge(parseTexts(row.line_notes), input.notes);
  const ok = await repo.writeDraft(trx, row.id, [...EDITABLE], { hand_values: JSON.stringify(values), line_notes: JSON.stringify(notes), overall_note: input.overall === undefined ? row.overall_note : input.overall, updated_at: at });
  if (!ok) throw stateChanged(row.state);
  return values;
}

/** Notes and hand-entered values, while the report is a draft or returned. */
export async function saveFill(database: Database, office: ReportOffice, month: Period, input: FillInput, actor: StaffPrincipal, ip: string | null, now: Date): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const at = now.toISOString();
    const row = await repo.ensureReport(trx, { office_id: office.id, county_id: office.countyId, month: month.key, at });
    if (!EDITABLE.includes(asState(row.state))) throw stateChanged(row.state);
    await writeFill(trx, row, input, at);
    await recordAudit(trx, { actor, action: 'report.save', target: { type: 'business_report', id: row.id }, officeId: office.id, countyId: office.countyId, detail: { month: month.key }, ip }, now);
  });
}

/**
 * Saves what was typed and submits: only after the month has ended, with
 * every hand-entered line filled in. The figures are read from the roll-up
 * inside the same transaction and frozen into the report.
 */
export async function submitReport(database: Database, office: ReportOffice, month: Period, input: FillInput, actor: StaffPrincipal, ip: string | null, now: Date): Promise<void> {
  if (month.to >= taipeiToday(now)) throw new AppError('conflict', 'reports.err.notEnded');
  await writeTransaction(database, async (trx) => {
    const at = now.toISOString();
    const template = await currentTemplate(trx, office.countyId);
    if (!template) throw new AppError('conflict', 'reports.err.noTemplate');
    const row = await repo.ensureReport(trx, { office_id: office.id, county_id: office.countyId, month: month.key, at });
    const from = asState(row.state);
    if (!EDITABLE.includes(from)) throw stateChanged(row.state);
    const values = await writeFill(trx, row, input, at);
    const missing = template.lines.filter((l) => l.kind === 'manual' && values[l.key] === undefined);
    if (missing.length) {
      throw new AppError('validation', 'reports.err.valuesMissing', { fields: missing.map((l) => ({ field: `value.${l.key}`, key: 'reports.err.valueForSubmit' })) });
    }
    const { hand } = await handOf(trx, office.id, month);
    const snapshot: Snapshot = { templateId: template.id, version: template.version, takenAt: at, lines: await lineFigures(trx, office.id, month, template.lines, hand) };
    const ok = await repo.moveReport(trx, row.id, from, { state: 'submitted', template_id: template.id, snapshot: JSON.stringify(snapshot), county_comment: null, updated_at: at });
    if (!ok) throw stateChanged(from);
    await repo.insertEvent(trx, { report_id: row.id, at, action: 'submit', from_state: from, to_state: 'submitted', staff_id: actor.id, staff_name: actor.displayName, comment: null });
    await recordAudit(trx, { actor, action: 'report.submit', target: { type: 'business_report', id: row.id }, officeId: office.id, countyId: office.countyId, detail: { month: month.key, from, version: template.version }, ip }, now);
  });
}

/** The county accepts a submitted report, or returns it with a comment (a return without one is refused beside the field). */
export async function decideReport(
  database: Database,
  office: ReportOffice,
  month: Period,
  decision: 'accept' | 'return',
  comment: string | null,
  actor: StaffPrincipal,
  ip: string | null,
  now: Date,
): Promise<void> {
  if (decision === 'return' && !comment) throw new AppError('validation', 'reports.err.commentRequired', { fields: [{ field: 'comment', key: 'reports.err.commentRequired' }] });
  const to: ReportState = decision === 'accept' ? 'accepted' : 'returned';
  await writeTransaction(database, async (trx) => {
    const at = now.toISOString();
    const row = await repo.reportOf(trx, office.id, month.key);
    if (row?.state !== 'submitted') throw stateChanged(row?.state ?? 'draft');
    const ok = await repo.moveReport(trx, row.id, 'submitted', { state: to, county_comment: comment, updated_at: at });
    if (!ok) throw stateChanged('submitted');
    await repo.insertEvent(trx, { report_id: row.id, at, action: decision, from_state: 'submitted', to_state: to, staff_id: actor.id, staff_name: actor.displayName, comment });
    await recordAudit(trx, { actor, action: `report.${decision}`, target: { type: 'business_report', id: row.id }, officeId: office.id, countyId: office.countyId, detail: { month: month.key }, ip }, now);
  });
}
