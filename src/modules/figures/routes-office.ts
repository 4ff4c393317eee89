import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/module.js';

/** One office's figures over any period (filled in by the change that owns it). */
export async function officeRoutes(_app: FastifyInstance, _services: AppServices): Promise<void> {}
