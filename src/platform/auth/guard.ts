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

/**
 * Where sign-in may send a person back to: only a staff page of this site,
 * by an allow-list of shapes rather than a list of tricks to refuse. The
 * path is /staff or /staff/… in unreserved characters and slashes; the query
 * letters, digits and = & . _ ~ % -. No backslash, no control or wide
 * space (browsers strip or fold them: /%09/evil.example became
 * //evil.example, or an invalid Location header and a 500), no scheme, no
 * '//' host. The value arrives decoded once (query string or form); it is
 * decoded once more and must still fit, so %2F%2F, %5C or %0A hidden in an
 * encoded query do not come out in a second decoding somewhere. Anything
 * else goes to the staff home. The Location is the value as checked.
 */
const NEXT_SHAPE = /^\/staff(?:\/[A-Za-z0-9._~\-/]*)?(?:\?[A-Za-z0-9=&._~%-]*)?$/;
const STAFF_HOME = '/staff';

export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 500 || !NEXT_SHAPE.test(next)) return STAFF_HOME;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return STAFF_HOME;
  }
  if (!NEXT_SHAPE.test(decoded) || decoded.includes('//')) return STAFF_HOME;
  return next;
}
