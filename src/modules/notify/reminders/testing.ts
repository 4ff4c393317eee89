import { Agent, csrfOf } from '../../../../test/app.js';
import type { Db } from '../../../db/index.js';
import { DEMO_PASSWORD } from '../../staff/index.js';

/** Test helpers of the reminders register (imported by its tests only). */
export async function signedIn(app: ConstructorParameters<typeof Agent>[0], user = 'clerk.zhubei') {
  const a = new Agent(app);
  await a.signIn(user, DEMO_PASSWORD);
  return a;
}

export const ENTRY = { kind: 'hospital_birth', name: '陳怡君', idNumber: 'A223456781', address: '新竹縣竹北市光明六路10號5樓', phone: '0912-345-678', email: '', sourceRef: '出生通報第1150412號', eventDate: '115/11/01' };

/** Adds an entry through the form; returns its id (from the redirect). */
export async function addEntry(a: Agent, fields: Record<string, string> = {}, office = ''): Promise<number> {
  const page = await a.get(`/staff/notify/reminders/new${office ? `?office=${office}` : ''}`);
  const r = await a.post('/staff/notify/reminders', { _csrf: csrfOf(page.body), ...ENTRY, ...(office ? { office } : {}), ...fields });
  if (r.statusCode !== 303) throw new Error(`add failed: ${r.statusCode} ${r.body.slice(0, 400)}`);
  return Number(String(r.headers.location).split('/').pop());
}

export const reminderRow = (db: Db, id: number) => db.selectFrom('reminder').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export const contactsOf = (db: Db, id: number) => db.selectFrom('reminder_contact').selectAll().where('reminder_id', '=', id).orderBy('id').execute();
export const auditOf = (db: Db, id: number) =>
  db.selectFrom('audit_log').select(['action', 'detail']).where('target_type', '=', 'reminder').where('target_id', '=', String(id)).where('action', '!=', 'notify.reminders.view').orderBy('id').execute();
