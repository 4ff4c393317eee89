/**
 * Roles and what each may do. Office roles act on their own office; the
 * county admin on every office of the county; the system admin everywhere.
 */
export const ROLES = ['clerk', 'supervisor', 'director', 'county_admin', 'system_admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export const OFFICE_ROLES: readonly Role[] = ['clerk', 'supervisor', 'director'];

const ALL: readonly Role[] = ROLES;
const SUPERVISOR_UP: readonly Role[] = ['supervisor', 'director', 'county_admin', 'system_admin'];
const ADMINS: readonly Role[] = ['director', 'county_admin', 'system_admin'];

export const CAPABILITIES = {
  'staff.home': ALL,
  'account.self': ALL,
  'audit.view': SUPERVISOR_UP,
  'users.manage': ADMINS,
  'calendar.view': ALL,
  'calendar.import': ['county_admin', 'system_admin'],
  'closures.manage': SUPERVISOR_UP,
  'queue.serve': ALL,
  'queue.supervise': SUPERVISOR_UP,
  'queue.settings': SUPERVISOR_UP,
  'queue.stats': SUPERVISOR_UP,
  'guides.edit': SUPERVISOR_UP,
  'cases.work': ALL,
  'cases.oversee': SUPERVISOR_UP,
  'lostid.view': ALL,
  'booking.work': ALL,
  'booking.manage': SUPERVISOR_UP,
  'booking.stats': SUPERVISOR_UP,
  'petitions.work': ALL,
  'petitions.approve': SUPERVISOR_UP,
  'petitions.stats': SUPERVISOR_UP,
  'surveys.answer': ALL,
  'surveys.manage': SUPERVISOR_UP,
  'surveys.report': SUPERVISOR_UP,
  'content.edit': SUPERVISOR_UP,
  /** the county record, creating offices, the configuration file (go-live) */
  'setup.county': ['county_admin', 'system_admin'],
  /** one office's make-up: details, hours, counters, queue and booking services, guides taken over */
  'setup.office': ADMINS,
  /** work done for a citizen who phones or stands at the counter: bookings, lost-ID reports */
  'intake.work': ALL,
  /** every office side by side, league tables; the county's side of the monthly business report (template, accept, return) */
  'figures.county': ['county_admin', 'system_admin'],
  /** one office's figures over any period */
  'figures.office': SUPERVISOR_UP,
  /** the monthly business report: notes and hand-entered lines */
  'report.fill': SUPERVISOR_UP,
  /** the monthly business report: submit it to the county */
  'report.submit': ADMINS,
  /** the yearly service-quality plan: read it, its monthly reviews and registers; submit a proposal */
  'plan.view': ALL,
  /** the plan's items and measures, hand-entered values, review minutes and action items, spot checks, process reviews, awards, self-scores */
  'plan.edit': SUPERVISOR_UP,
  /** file, publish and close the plan; decide proposals; submit the self-evaluation */
  'plan.submit': ADMINS,
  /** the county's plan; score and return offices' self-evaluations; compare offices item by item */
  'plan.review': ['county_admin', 'system_admin'],
  /** record a citizen's consent to cross-agency notices, follow-up lists, bundled birth applications, the reminders register */
  'notify.work': ALL,
  /** every notice of an office by recipient, batch lists, retries; the after-event checklists */
  'notify.oversee': SUPERVISOR_UP,
  /** the county's registry of recipient agencies */
  'notify.recipients': ['county_admin', 'system_admin'],
  /** import the population statistics, the house-number register and village boundaries */
  'stats.import': ['county_admin', 'system_admin'],
  /** publish house-number renumbering notices (門牌整編) */
  'addresses.manage': SUPERVISOR_UP,
  /** the law quiz and one's own training record */
  'knowledge.view': ALL,
  /** the question bank, quizzes, every colleague's training record and the office's results */
  'knowledge.manage': SUPERVISOR_UP,
  /** the roaming counter in the hall: pre-check a citizen's documents, hand a tagged ticket or a notice slip */
  'precheck.work': ALL,
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

/** Which roles a manager may hand out: never above their own. */
export function assignableRoles(role: Role): Role[] {
  switch (role) {
    case 'system_admin':
      return [...ROLES];
    case 'county_admin':
      return ['clerk', 'supervisor', 'director', 'county_admin'];
    case 'director':
      return ['clerk', 'supervisor'];
    default:
      return [];
  }
}

export interface StaffPrincipal {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  countyId: number | null;
  officeId: number | null;
  mustChangePassword: boolean;
}

/** May this person act on records of that office? */
export function coversOffice(p: StaffPrincipal, office: { id: number; countyId: number }): boolean {
  if (p.role === 'system_admin') return true;
  if (p.role === 'county_admin') return p.countyId === office.countyId;
  return p.officeId === office.id;
}
