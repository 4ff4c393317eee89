import type { PriorityRule } from './settings.js';

/**
 * Which ticket a counter calls next. The candidates are the heads of two
 * lines among the counter's services, each in order of waiting: the
 * priority line (博愛) and the ordinary line. Pure, so its effect is tested
 * on its own; the repo fetches and locks the two heads.
 */
export interface Candidate {
  id: number;
  queueAt: string; // ISO instant: place in line
}

export interface CounterContext {
  /** 博愛窗口: priority first, always */
  priorityFirst: boolean;
  /** ordinary calls since this counter last took a priority ticket */
  callsSincePriority: number;
  now: Date;
}

export function pickNext(
  heads: { priority: Candidate | undefined; normal: Candidate | undefined },
  rule: PriorityRule,
  ctx: CounterContext,
): { ticket: Candidate; line: 'priority' | 'normal' } | undefined {
  const { priority, normal } = heads;
  if (!priority && !normal) return undefined;
  if (!priority) return { ticket: normal!, line: 'normal' };
  if (!normal) return { ticket: priority, line: 'priority' };
  if (ctx.priorityFirst) return { ticket: priority, line: 'priority' };
  if (rule.mode === 'every_n') {
    return ctx.callsSincePriority + 1 >= rule.n ? { ticket: priority, line: 'priority' } : { ticket: normal, line: 'normal' };
  }
  const waited = (c: Candidate) => ctx.now.getTime() - new Date(c.queueAt).getTime();
  return waited(priority) + rule.minutes * 60_000 >= waited(normal) ? { ticket: priority, line: 'priority' } : { ticket: normal, line: 'normal' };
}
