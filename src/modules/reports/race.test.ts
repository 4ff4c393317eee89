import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import type { Role, StaffPrincipal } from '../../platform/auth/roles.js';
import { monthPeriod } from '../figures/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { decideReport, type ReportOffice, submitReport } from './service.js';
import { saveTemplate } from './template.js';

/**
 * Two clicks at once on the same report: an accept and a return, two
 * submits. Every state change is a conditional UPDATE on the state it
 * expects, so exactly one goes through and the other is told the state
 * changed. On PostgreSQL the two run on separate pooled connections.
 */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] business report races`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let office: ReportOffice;
    let director: StaffPrincipal;
    let county: StaffPrincipal;
    const eventsOf = async (month: string) =>
      t.database.db
        .selectFrom('business_report_event')
        .innerJoin('business_report', 'business_report.id', 'business_report_event.report_id')
        .select(['action', 'to_state'])
        .where('business_report.office_id', '=', office.id)
        .where('business_report.month', '=', month)
        .orderBy('business_report_event.id')
        .execute();
    const stateOf = async (month: string) =>
      (await t.database.db.selectFrom('business_report').select('state').where('office_id', '=', office.id).where('month', '=', month).executeTakeFirst())?.state;

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const db = t.database.db;
      const o = await db.selectFrom('office').select(['id', 'county_id', 'code', 'name_zh']).where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      office = { id: o.id, countyId: o.county_id, code: o.code, name: o.name_zh };
      const who = async (username: string): Promise<StaffPrincipal> => {
        const s = await db.selectFrom('staff').select(['id', 'username', 'display_name', 'role', 'county_id', 'office_id']).where('username', '=', username).executeTakeFirstOrThrow();
        return { id: s.id, username: s.username, displayName: s.display_name, role: s.role as Role, countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
      };
      director = await who('director.zhubei');
      county = await who('county');
      await saveTemplate(t.database, office.countyId, [{ kind: 'figure', key: 'tickets' }], county, null, now);
      for (let m = 1; m <= 10; m++) await submitReport(t.database, office, monthPeriod(2026, m), { values: {}, notes: {} }, director, null, now);
    });
    afterAll(async () => t?.dispose());

    it('lets one of an accept and a return at once through (service calls, eight reports at once)', async () => {
      const months = [1, 2, 3, 4, 5, 6, 7, 10].map((m) => monthPeriod(2026, m));
      const results = await Promise.allSettled(
        months.flatMap((month) => [
          decideReport(t.database, office, month, 'accept', null, county, null, now),
          decideReport(t.database, office, month, 'return', '請更正', county, null, now),
        ]),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(months.length);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict', messageKey: 'reports.err.stateChanged' });
      for (const month of months) {
        const events = await eventsOf(month.key);
        expect(events).toHaveLength(2);
        expect(events[0]).toEqual({ action: 'submit', to_state: 'submitted' });
        expect(await stateOf(month.key)).toBe(events[1]!.to_state);
      }
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['report.accept', 'report.return']).execute();
      expect(audit).toHaveLength(months.length);
    });

    it('lets one of two clicks at once through over HTTP, and tells the other', async () => {
      const a = new Agent(t.app);
      const b = new Agent(t.app);
      await a.signIn('county', DEMO_PASSWORD);
      await b.signIn('county', DEMO_PASSWORD);
      const url = '/staff/reports/zhubei/2026-09';
      const [pa, pb] = await Promise.all([a.get(url), b.get(url)]);
      const [ra, rb] = await Promise.all([
        a.post(`${url}/decide`, { _csrf: csrfOf(pa.body), decision: 'accept', comment: '' }),
        b.post(`${url}/decide`, { _csrf: csrfOf(pb.body), decision: 'return', comment: '請補充說明' }),
      ]);
      expect([ra.statusCode, rb.statusCode].sort()).toEqual([303, 409]);
      const loser = ra.statusCode === 409 ? ra : rb;
      expect(loser.body).toContain('這份報表的狀態剛剛改變了');
      const events = await eventsOf('2026-09');
      expect(events.map((e) => e.action)).toEqual(['submit', ra.statusCode === 303 ? 'accept' : 'return']);
    });

    it('lets one of two submits at once through', async () => {
      const month = monthPeriod(2025, 8);
      const results = await Promise.allSettled([
        submitReport(t.database, office, month, { values: {}, notes: {} }, director, null, now),
        submitReport(t.database, office, month, { values: {}, notes: {} }, director, null, now),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((await eventsOf('2025-08')).map((e) => e.action)).toEqual(['submit']);
      expect(await stateOf('2025-08')).toBe('submitted');
    });
  });
}
