import type { Executor } from '../../db/index.js';

/** A ticket of the demo's history the pre-check may have led to (read by the demo, not by this module). */
export interface HistoryTicket {
  id: number;
  officeId: number;
  serviceCode: string;
  day: string;
  issuedAt: string;
}

// the guide a hall volunteer would have checked for each queue service
const GUIDE_OF: Record<string, { code: string; docs: { zh: string; en: string }[] }> = {
  registration: { code: 'move-in', docs: [{ zh: '申請人國民身分證', en: "Applicant's ID card" }, { zh: '戶口名簿', en: 'Household certificate' }] },
  'id-card': { code: 'id-card', docs: [{ zh: '戶口名簿', en: 'Household certificate' }, { zh: '相片', en: 'Photo' }] },
  transcript: { code: 'transcript', docs: [{ zh: '申請人國民身分證', en: "Applicant's ID card" }, { zh: '印章', en: 'Seal' }] },
};

/**
 * The demo's history of pre-checks: one ticket in seven of the services a
 * guide maps to was pre-checked, and beside every third of those a check
 * that ended in a slip, so the plan's indicators have months to show.
 */
export async function seedPrecheckHistory(db: Executor, tickets: HistoryTicket[], staffOf: (officeId: number) => number | undefined, serviceIdOf: (officeId: number, code: string) => number | undefined): Promise<number> {
  const rows = [];
  let n = 0;
  for (const t of tickets) {
    const guide = GUIDE_OF[t.serviceCode];
    const staff = staffOf(t.officeId);
    const serviceId = serviceIdOf(t.officeId, t.serviceCode);
    if (!guide || staff === undefined || serviceId === undefined || t.id % 7 !== 0) continue;
    n++;
    const base = { office_id: t.officeId, guide_code: guide.code, service_id: serviceId, note: null, day: t.day, created_by: staff };
    rows.push({ ...base, outcome: 'ticket', ticket_id: t.id, ticket_label: null, checked: JSON.stringify(guide.docs), missing: '[]', created_at: t.issuedAt });
    if (n % 3 === 0) rows.push({ ...base, outcome: 'slip', ticket_id: null, ticket_label: null, checked: JSON.stringify(guide.docs.slice(1)), missing: JSON.stringify(guide.docs.slice(0, 1)), created_at: t.issuedAt });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('pre_check').values(rows.slice(i, i + 500)).execute();
  return rows.length;
}

/** The demo history's pre-checks, read from its served tickets (src/demo/seed.ts, history only). */
export async function seedPrecheckFromTickets(db: Executor): Promise<number> {
  const tickets = await db.selectFrom('ticket').innerJoin('service', 'service.id', 'ticket.service_id').select(['ticket.id', 'ticket.office_id', 'service.code', 'ticket.day', 'ticket.issued_at']).where('ticket.status', '=', 'done').execute();
  const clerks = await db.selectFrom('staff').select(['id', 'office_id']).where('role', '=', 'clerk').execute();
  const services = await db.selectFrom('service').select(['id', 'office_id', 'code']).execute();
  return seedPrecheckHistory(
    db,
    tickets.map((t) => ({ id: t.id, officeId: t.office_id, serviceCode: t.code, day: t.day, issuedAt: t.issued_at })),
    (o) => clerks.find((c) => c.office_id === o)?.id,
    (o, code) => services.find((x) => x.office_id === o && x.code === code)?.id,
  );
}
