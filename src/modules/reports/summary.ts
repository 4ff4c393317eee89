import type { Executor } from '../../db/index.js';
import { figureDef, type Period, talliesFor } from '../figures/index.js';
import type { TemplateLine } from './lines.js';
import * as repo from './repo.js';
import { asState, FROZEN, parseNumbers, parseSnapshot, type ReportOffice, type ReportState } from './service.js';
import { currentTemplate } from './template.js';

export interface SummaryRow {
  office: ReportOffice;
  state: ReportState;
  /** the template version the numbers follow: the submitted one, or the one in force for a draft */
  version: number | null;
  values: (number | null)[];
}

export interface CountySummary {
  month: Period;
  lines: TemplateLine[];
  rows: SummaryRow[];
}

/**
 * Every office's report for a month, one row each: a submitted or accepted
 * report shows its frozen numbers, any other the roll-up and hand-entered
 * values as they stand. The columns are the lines of the template in force,
 * then any line a submitted report has that the template since dropped.
 */
export async function countySummary(db: Executor, countyId: number, offices: ReportOffice[], month: Period): Promise<CountySummary> {
  const template = await currentTemplate(db, countyId);
  const reports = await repo.reportsOf(
    db,
    offices.map((o) => o.id),
    [month.key],
  );
  const lines: TemplateLine[] = [...(template?.lines ?? [])];
  const snapshots = new Map<number, ReturnType<typeof parseSnapshot>>();
  for (const r of reports) {
    if (!r.snapshot || !FROZEN.includes(asState(r.state))) continue;
    const snap = parseSnapshot(r.snapshot);
    snapshots.set(r.office_id, snap);
    for (const l of snap.lines) if (!lines.some((x) => x.key === l.line.key)) lines.push(l.line);
  }
  const tallies = await talliesFor(
    db,
    offices.map((o) => o.id),
    month,
  );
  const rows = offices.map((office): SummaryRow => {
    const report = reports.find((r) => r.office_id === office.id);
    const state = report ? asState(report.state) : 'draft';
    const snap = snapshots.get(office.id);
    if (snap) {
      return { office, state, version: snap.version, values: lines.map((l) => snap.lines.find((s) => s.line.key === l.key)?.value ?? null) };
    }
    const hand = parseNumbers(report?.hand_values);
    const tally = tallies.get(office.id) ?? {};
    const inTemplate = new Set(template?.lines.map((l) => l.key));
    const values = lines.map((l) => {
      if (!inTemplate.has(l.key)) return null;
      return l.kind === 'manual' ? (hand[l.key] ?? null) : (figureDef(l.key)?.value(tally) ?? null);
    });
    return { office, state, version: template?.version ?? null, values };
  });
  return { month, lines, rows };
}
