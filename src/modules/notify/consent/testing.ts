import type { Database, Executor } from '../../../db/index.js';
import type { Role, StaffPrincipal } from '../../../platform/auth/roles.js';
import type { Vault } from '../../../platform/identity/index.js';
import type { LifeEvent, NoticeField, Sector } from '../../../platform/life-events.js';
import { casesService } from '../../cases/index.js';

/** Test fixtures for the consent area: a few agencies, a checklist, a closed case. Not used by the app. */

interface AgencyFixture {
  code: string;
  name: string;
  sector: Sector;
  events: LifeEvent[];
  fields: NoticeField[];
  active?: boolean;
}

export const AGENCIES: AgencyFixture[] = [
  { code: 'land-zhubei', name: '竹北地政事務所', sector: 'land', events: ['move', 'name_change', 'death'], fields: ['id_number', 'address'] },
  { code: 'tax-hsinchu', name: '新竹縣政府稅務局', sector: 'tax', events: ['move', 'death'], fields: ['id_number', 'birth_date', 'address'] },
  { code: 'water-3', name: '台灣自來水公司第三區管理處', sector: 'water', events: ['move'], fields: ['address', 'phone'] },
  { code: 'nhi', name: '衛生福利部中央健康保險署', sector: 'health', events: ['birth', 'move', 'marriage'], fields: ['id_number', 'spouse_name'] },
  { code: 'old-telecom', name: '舊電信公司', sector: 'telecom', events: ['move'], fields: ['address'], active: false },
];

export async function seedAgencies(db: Executor, countyId: number, now: Date): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const a of AGENCIES) {
    const row = await db
      .insertInto('notify_recipient')
      .values({
        county_id: countyId,
        code: a.code,
        name: a.name,
        name_en: a.code,
        sector: a.sector,
        channel: 'email',
        email: `${a.code}@example.gov.tw`,
        webhook_url: null,
        secret_enc: null,
        events: JSON.stringify(a.events),
        fields: JSON.stringify(a.fields),
        ack_days: 7,
        contact_name: '承辦人',
        contact_phone: '03-5550101',
        contact_email: null,
        active: a.active === false ? 0 : 1,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[a.code] = row.id;
  }
  return ids;
}

/** A county checklist of two lines for a guide. */
export async function seedChecklist(db: Executor, guideCode: string, now: Date): Promise<void> {
  const base = { guide_code: guideCode, office_id: null, kind: 'todo' as const, place_en: 'Agency', deadline_note_en: '', link: null, updated_by: null, updated_at: now.toISOString() };
  await db
    .insertInto('followup_item')
    .values([
      { ...base, position: 1, title: '變更駕照地址', title_en: "Driving licence's address", place: '監理站', deadline_days: 30, deadline_note: '30 日內' },
      { ...base, position: 2, title: '變更健保投保資料', title_en: 'Health insurance', place: '健保署', deadline_days: null, deadline_note: '' },
    ])
    .execute();
}

export async function staffOf(db: Executor, username: string): Promise<StaffPrincipal> {
  const s = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return { id: s.id, username: s.username, displayName: s.display_name, role: s.role as Role, countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
}

/** A case of the guide, approved and (unless told otherwise) closed, at the clerk's office. */
export async function closedCase(
  deps: { database: Database; vault: Vault; clock: () => Date; baseUrl: string },
  clerk: StaffPrincipal,
  guideCode: string,
  opts: { email?: string; phone?: string; close?: boolean } = {},
): Promise<number> {
  const c = await casesService.openCase(deps, { officeId: clerk.officeId ?? 0, guideCode, applicantName: '林美玲', idNumber: 'A223456781', birthDate: '1985-03-14', email: opts.email, phone: opts.phone }, clerk, null);
  await casesService.moveCase(deps, c.id, 'approved', null, clerk, null);
  if (opts.close !== false) await casesService.moveCase(deps, c.id, 'closed', null, clerk, null);
  return c.id;
}
