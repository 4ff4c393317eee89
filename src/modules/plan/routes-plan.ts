import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/module.js';

/** The plan itself: list, create from a template, items and measures, hand values, states, revisions, evidence downloads. */
export function planRoutes(_app: FastifyInstance, _s: AppServices): void {}
