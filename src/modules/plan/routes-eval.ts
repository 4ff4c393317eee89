import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/module.js';

/** Self-evaluation, the county's review and the county's comparison of offices item by item. */
export function evalRoutes(_app: FastifyInstance, _s: AppServices): void {}
