import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/module.js';

/** Spot checks and defects, proposals, process reviews, awards. */
export function registerRoutes(_app: FastifyInstance, _s: AppServices): void {}
