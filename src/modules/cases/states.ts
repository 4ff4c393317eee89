/**
 * The life of a case. Waiting for documents (補正) stops the clock; the due
 * date is always recomputed from the received day, the limit and the pauses.
 */
export const CASE_STATES = ['received', 'review', 'waiting_docs', 'site_survey', 'approved', 'rejected', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const NEXT: Record<CaseState, CaseState[]> = {
  received: ['review', 'waiting_docs', 'site_survey', 'approved', 'rejected'],
  review: ['waiting_docs', 'site_survey', 'approved', 'rejected'],
  waiting_docs: ['review', 'rejected'],
  site_survey: ['review', 'approved', 'rejected'],
  approved: ['closed'],
  rejected: ['closed'],
  closed: [],
};

export const OPEN_STATES: CaseState[] = ['received', 'review', 'waiting_docs', 'site_survey'];

export function isCaseState(v: unknown): v is CaseState {
  return typeof v === 'string' && (CASE_STATES as readonly string[]).includes(v);
}

export function canMove(from: CaseState, to: CaseState): boolean {
  return NEXT[from].includes(to);
}
