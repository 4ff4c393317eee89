import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/module.js';

/** The monthly review pack (所務會議) and its action items. */
export function reviewRoutes(_app: FastifyInstance, _s: AppServices): void {}
