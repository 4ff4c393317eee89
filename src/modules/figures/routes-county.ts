import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/module.js';

/** The county dashboard (filled in by the change that owns it). */
export async function countyRoutes(_app: FastifyInstance, _services: AppServices): Promise<void> {}
