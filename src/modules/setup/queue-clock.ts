import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import { demoOffsetOf } from '../../platform/http/demo-clock.js';
import { nextOpening } from './opening.js';
import type { QueueClock } from './views/QueueClockNotice.js';

/**
 * What the kiosk and wait page show about time: when closed, the next
 * opening; and the browser's demo offset, which the view shows only on the
 * demo (ctx.demo) — the offset itself never moves a non-demo clock
 * (req.now() ignores it there).
 */
export async function queueClock(db: Db, req: FastifyRequest, officeId: number, closedNow: boolean): Promise<QueueClock> {
  const now = req.now();
  return {
    closed: closedNow ? { next: await nextOpening(db, officeId, now) } : null,
    demoOffsetMs: demoOffsetOf(req, true),
  };
}
