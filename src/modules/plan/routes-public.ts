import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/module.js';

/** The office's published plan and its live progress (/o/:office/plan). */
export function publicPlanRoutes(_app: FastifyInstance, _s: AppServices): void {}
