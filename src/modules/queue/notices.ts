import { can, type StaffPrincipal } from '../../platform/auth/roles.js';
import { toTaipeiIsoDate } from '../../platform/calendar/index.js';
import type { AppServices, StaffNotice } from '../../platform/module.js';
import { activeAlert, peakState } from './peak.js';
import { readQueueSettings } from './settings.js';
import { buildSnapshot } from './snapshot.js';

/** A peak alert reaches supervisors of the office and the support staff named in its settings. */
export async function peakNotices(staff: StaffPrincipal, s: AppServices): Promise<StaffNotice[]> {
  if (staff.officeId === null) return [];
  const db = s.database.db;
  const now = s.clock();
  const day = toTaipeiIsoDate(now);
  if (!(await activeAlert(db, staff.officeId, day))) return [];
  const settings = await readQueueSettings(db, staff.officeId);
  if (!can(staff.role, 'queue.supervise') && !settings.supportStaff.includes(staff.username)) return [];
  const state = peakState(await buildSnapshot(db, staff.officeId, day, now), settings, now);
  return [{ key: 'queue.office.alert', params: { waiting: state.waiting, minutes: state.oldestMinutes }, href: can(staff.role, 'queue.supervise') ? '/staff/queue/office' : '/staff/queue' }];
}
