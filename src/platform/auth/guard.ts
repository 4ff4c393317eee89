import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { can, type Capability, type StaffPrincipal } from './roles.js';

/**
 * preHandler for staff pages. Not signed in: GET goes to the sign-in page
 * (and back afterwards), anything else is refused. Signed in without the
 * capability: 403. A forced password change comes before anything else.
 */
export function requireStaff(capability: Capability = 'staff.home') {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const staff = req.staff;
    if (!staff) {
      if (req.method === 'GET') {
        const next = encodeURIComponent(req.url);
        const expired = req.sessionExpired ? '&expired=1' : '';
        return reply.redirect(`/staff/login?next=${next}${expired}`, 303);
      }
      throw new AppError('unauthenticated', 'staff.login.expired');
    }
    if (staff.mustChangePassword && !req.url.startsWith('/staff/account') && !req.url.startsWith('/staff/logout')) {
      return reply.redirect('/staff/account', 303);
    }
    if (!can(staff.role, capability)) throw new AppError('forbidden', 'error.forbidden.title');
  };
}

export function principal(req: FastifyRequest): StaffPrincipal {
  if (!req.staff) throw new AppError('unauthenticated', 'staff.login.expired');
  return req.staff;
}

/** Only same-site relative paths are followed after sign-in. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/staff';
  return next;
}
