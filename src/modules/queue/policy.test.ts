import { describe, expect, it } from 'vitest';
import { pickNext } from './policy.js';

const now = new Date('2026-11-24T02:00:00Z');
const ago = (min: number) => ({ id: min, queueAt: new Date(now.getTime() - min * 60_000).toISOString() });
const ctx = { priorityFirst: false, callsSincePriority: 0, now };

describe('call-next policy', () => {
  it('takes whichever line has someone when the other is empty', () => {
    expect(pickNext({ priority: undefined, normal: undefined }, { mode: 'weight', minutes: 15 }, ctx)).toBeUndefined();
    expect(pickNext({ priority: ago(1), normal: undefined }, { mode: 'weight', minutes: 15 }, ctx)?.line).toBe('priority');
    expect(pickNext({ priority: undefined, normal: ago(1) }, { mode: 'weight', minutes: 15 }, ctx)?.line).toBe('normal');
  });

  it('weight: a priority ticket counts as having waited N minutes longer', () => {
    const rule = { mode: 'weight' as const, minutes: 15 };
    // waited 2 + 15 = 17 minutes against 16: priority goes first
    expect(pickNext({ priority: ago(2), normal: ago(16) }, rule, ctx)?.line).toBe('priority');
  });

  it('weight: exact boundary and both sides', () => {
    const rule = { mode: 'weight' as const, minutes: 15 };
    expect(pickNext({ priority: ago(2), normal: ago(17) }, rule, ctx)?.line).toBe('priority'); // 17 ≥ 17
    expect(pickNext({ priority: ago(2), normal: ago(18) }, rule, ctx)?.line).toBe('normal');
    expect(pickNext({ priority: ago(0), normal: ago(14) }, rule, ctx)?.line).toBe('priority');
    expect(pickNext({ priority: ago(0), normal: ago(40) }, { mode: 'weight', minutes: 0 }, ctx)?.line).toBe('normal');
  });

  it('every n-th call takes a priority ticket', () => {
    const rule = { mode: 'every_n' as const, n: 3 };
    const seq: string[] = [];
    let since = 0;
    for (let i = 0; i < 9; i++) {
      const line = pickNext({ priority: ago(1), normal: ago(30) }, rule, { ...ctx, callsSincePriority: since })!.line;
      seq.push(line);
      since = line === 'priority' ? 0 : since + 1;
    }
    expect(seq).toEqual(['normal', 'normal', 'priority', 'normal', 'normal', 'priority', 'normal', 'normal', 'priority']);
  });

  it('the priority counter (博愛窗口) always takes priority first', () => {
    expect(pickNext({ priority: ago(0), normal: ago(60) }, { mode: 'every_n', n: 5 }, { ...ctx, priorityFirst: true })?.line).toBe('priority');
  });
});
