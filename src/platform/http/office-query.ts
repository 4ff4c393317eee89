import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

const officeCode = z.string().trim().max(40).optional().catch(undefined);

/**
 * The office code a staff page was asked about: ?office= on a GET, the hidden
 * `office` field on a POST (the page's office riding along on its forms).
 * Whether the person covers that office is for staffOfficeFor to decide.
 */
export function askedOfficeCode(req: FastifyRequest, body?: Record<string, unknown>): string | undefined {
  const fromBody = (body ?? (req.body as Record<string, unknown> | undefined))?.office;
  const raw = typeof fromBody === 'string' && fromBody ? fromBody : (req.query as { office?: unknown } | undefined)?.office;
  return officeCode.parse(typeof raw === 'string' ? raw : undefined) || undefined;
}
