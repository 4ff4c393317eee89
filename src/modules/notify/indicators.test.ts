import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/databases.js';
import type { Executor } from '../../db/index.js';
import type { IndicatorMemo, IndicatorOffice, IndicatorPeriod } from '../../platform/indicators/index.js';
import { monthPeriod, yearPeriod } from '../figures/index.js';
import { notifyIndicators } from './indicators.js';

/**
 * The fixture, counted by hand. Office A is measured; office B shares the
 * county's recipients but not A's closure, and its rows never count for A.
 * Instants are UTC; days are Taipei's (UTC+8), so 2026-10-31T16:10Z is 1 Nov.
 *
 * Calendar: Mon 2026-11-16 a national holiday, Fri 2027-01-01 a holiday;
 *           A only: Wed 2026-12-02 closed (typhoon). Otherwise Monday–Friday.
 * Recipients: R1 ack_days 3, R2 ack_days 5, R3 ack_days 1.
 *
 * Closed cases (guide, closed, consent recipients)
 *   A c1 move-in 11-03 (2) · c2 birth 11-10 (0) · c3 move-in 10-31T16:10Z = 11-01 (2) · c4 move-in 11-20 (none)
 *     c5 transcript 11-12 (not a notifiable guide: never counted) · c6 birth still open (2: not closed, not counted)
 *     c7 move-in 11-30T16:30Z = 12-01 (2) · c8 birth 12-15 (2) · c9 move-in 12-20 (0)
 *   B c10 move-in 11-05 (2) · c11 birth 11-06 (none) · c12 move-in 11-07 (2)
 *   → consentRate A Nov: c1 c2 c3 c4, yes c1 c3 → 2/4 = 50 %; A Dec: c7 c8 c9, yes c7 c8 → 2/3 = 66.7 %;
 *     A 2026: 4/7 = 57.1 %; B Nov: c10 c11 c12 → 2/3 = 66.7 %; B Dec: none → no data.
 *
 * Notices (case×recipient, queued Taipei day → last day; acknowledged) — last day = ack_days-th working day after queuing
 *   A n1 c1×R1 Fri 11-13 → Tue 17, Wed 18, Thu 19 (Mon 16 holiday) = 11-19; acked 11-19 16:00   within (weekend + holiday)
 *     n2 c1×R2 Fri 11-13 → 17 18 19 20 23 = 11-23; acked Tue 11-24                         late
 *     n3 c3×R1 Fri 11-27 → Mon 30, Tue 1, (Wed 2 closed) Thu 3 = 12-03; never acked       Nov: left out (12-03 after Nov); 2026: late
 *     n4 c3×R2 Fri 11-27 → 30, 1, 3, 4, 7 = 12-07; acked Mon 12-07 13:00                    within (only thanks to A's closure)
 *     n5 c6×R1 Mon 11-02 → 3 4 5 = 11-05; acked 11-05T16:30Z = Fri 11-06 00:30             late (UTC says the 5th)
 *     n6 c6×R2 Mon 11-30 → 1 3 4 7 8 = 12-08; failed                                       late at once
 *     n7 c7×R1 10-31T17:00Z = Sun 11-01 → 2 3 4 = 11-04; acked 11-04 17:00                  within
 *     n8 c7×R2 Tue 12-01 → 3 4 7 8 9 = 12-09; acked 12-09                                    within
 *     n12 c7×R3 Fri 12-04 → Mon 12-07; acked Sat 12-05                                      within
 *     n9 c8×R1 Tue 12-29 → 30, 31, (1 Jan holiday) Mon 2027-01-04; never acked             Dec and 2026: left out
 *     n10 c8×R2 Tue 12-22 → 23 24 25 28 29 = 12-29; never acked                             late
 *     n11 c8×R3 12-31T16:30Z = 2027-01-01; acked at once                                   not in 2026
 *   B b1 c10×R1 Fri 11-27 → 30, 1, 2 (B is open on the 2nd) = 12-02; acked Thu 12-03      late
 *     b2 c12×R1 Tue 11-10 → 11 12 13 = 11-13; acked 11-13                                   within
 *   → ackWithinDays A Nov: n1 n2 n4 n5 n6 n7 (n3 out), within n1 n4 n7 → 3/6 = 50 %;
 *     A Dec: n8 n10 n12 (n9 out), within n8 n12 → 2/3 = 66.7 %;
 *     A 2026: n1–n8 n10 n12 (n9 out), within n1 n4 n7 n8 n12 → 5/10 = 50 %; B Nov: 1/2 = 50 %; B Dec: no data.
 *
 * Messages (status, sent)
 *   A m1 sent 11-05 · m2 failed · m3 queued · m4 sent 11-30T16:05Z = 12-01 · m5 sent 10-31T16:00Z = 11-01
 *     m6 sent 12-10 · m8 sent 12-31T15:59Z = 12-31 23:59 · m9 sent 12-31T16:00Z = 2027-01-01
 *   B m7 sent 11-11
 *   → messagesSent A Nov: m1 m5 = 2; A Dec: m4 m6 m8 = 3; A 2026: 5; B Nov: 1; B Dec: 0.
 *
 * Reminders (due, status, resolved)
 *   A r1 11-10 registered 11-09 yes · r2 11-20 registered 11-20 yes (on the day) · r3 11-25 registered 11-28 no (late)
 *     r4 11-30 closed 11-15 no · r5 11-30 open no · r6 12-05 reminded no · r7 12-20 registered 12-01 yes
 *     r8 10-30 registered 10-29 yes (October)
 *   B r9 11-15 registered 11-01 yes
 *   → remindersResolved A Nov: 2/5 = 40 %; A Dec: 1/2 = 50 %; A 2026: 4/8 = 50 %; B Nov: 1/1 = 100 %; B Dec: no data.
 */

const at = '2026-10-01T00:00:00.000Z';

async function officeRow(db: Executor, countyId: number, code: string): Promise<IndicatorOffice> {
  const o = await db
    .insertInto('office')
    .values({ county_id: countyId, code, kind: 'city', name_zh: `${code}所`, name_en: code, address_zh: '', address_en: '', phone: '03-5551234', fax: null, email: null, director_name: null, updated_at: at, parent_id: null, map_url: null, closed_at: null, successor_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: o.id, code, countyId };
}

interface Ctx {
  db: Executor;
  staffId: number;
  recipients: Record<'R1' | 'R2' | 'R3', number>;
}

let caseSeq = 0;
/** A case of `guide` at the office; closedAt null: still open. Returns its id and a consent maker. */
async function caseOf(c: Ctx, office: IndicatorOffice, guide: string, closedAt: string | null) {
  caseSeq++;
  const row = await c.db
    .insertInto('case_file')
    .values({
      office_id: office.id,
      number: `${office.code}-1151101-${caseSeq}`,
      reference: `REF-${caseSeq}`,
      locale: 'zh-Hant',
      lookup_failures: 0,
      lookup_locked_until: null,
      guide_code: guide,
      status: closedAt ? 'closed' : 'review',
      applicant_name: '王小明',
      id_hash: `h${caseSeq}`,
      id_enc: 'x',
      birth_hash: 'b',
      email: null,
      phone: null,
      received_on: '2026-10-01',
      limit_days: 3,
      due_on: '2026-10-06',
      notices: 0,
      ticket_id: null,
      booking_id: null,
      created_by: c.staffId,
      created_at: at,
      updated_at: at,
      closed_at: closedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function consent(c: Ctx, office: IndicatorOffice, caseId: number, recipients: number): Promise<number> {
  const row = await c.db
    .insertInto('notify_consent')
    .values({ case_id: caseId, office_id: office.id, event: 'move', event_date: '2026-11-01', recipients, read_back: 1, slip_code: `S${caseId}`, details_enc: null, recorded_by: c.staffId, recorded_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let noticeSeq = 0;
async function notice(c: Ctx, office: IndicatorOffice, consentId: number, caseId: number, recipient: keyof Ctx['recipients'], queuedAt: string, end: { acked?: string; failed?: string } = {}) {
  noticeSeq++;
  const status = end.acked ? 'acknowledged' : end.failed ? 'failed' : 'sent';
  await c.db
    .insertInto('notify_notice')
    .values({
      consent_id: consentId,
      case_id: caseId,
      office_id: office.id,
      recipient_id: c.recipients[recipient],
      event: 'move',
      status,
      body_enc: null,
      last_error: null,
      ack_token_hash: `t${noticeSeq}`,
      batch_id: null,
      queued_at: queuedAt,
      sent_at: end.failed ? null : queuedAt,
      acked_at: end.acked ?? null,
      failed_at: end.failed ?? null,
      purge_after: null,
      purged_at: null,
    })
    .execute();
}

async function message(c: Ctx, office: IndicatorOffice, name: string, status: 'queued' | 'sent' | 'failed', sentAt: string | null) {
  await c.db
    .insertInto('citizen_message')
    .values({ office_id: office.id, case_id: null, reminder_id: null, purpose: 'followup', channel: 'sms', to_enc: null, body_enc: null, parts: 1, status, last_error: null, provider_id: null, dedupe_key: `${office.code}:${name}`, created_at: '2026-10-31T00:00:00.000Z', sent_at: sentAt })
    .execute();
}

async function reminder(c: Ctx, office: IndicatorOffice, dueOn: string, status: 'open' | 'reminded' | 'registered' | 'closed', resolvedOn: string | null) {
  await c.db
    .insertInto('reminder')
    .values({ office_id: office.id, kind: 'court_judgment', person_name: '林', id_hash: null, id_enc: null, address: '', phone_enc: null, email: null, source_ref: 'J', reported_on: '2026-09-01', due_on: dueOn, status, outcome_note: '', resolved_on: resolvedOn, created_by: c.staffId, created_at: at, updated_at: at })
    .execute();
}

async function fill(db: Executor, countyId: number, a: IndicatorOffice, b: IndicatorOffice) {
  const staff = await db
    .insertInto('staff')
    .values({ username: 'clerk', display_name: '王', email: null, password_hash: 'x', role: 'clerk', county_id: countyId, office_id: a.id, active: 1, must_change_password: 0, created_at: at, updated_at: at, password_changed_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const recipient = async (code: string, ack_days: number) =>
    (
      await db
        .insertInto('notify_recipient')
        .values({ county_id: countyId, code, name: code, name_en: code, sector: 'tax', channel: 'email', email: 'a@example.tw', webhook_url: null, secret_enc: null, events: '["move"]', fields: '["name"]', ack_days, contact_name: '陳', contact_phone: '03-5551234', contact_email: null, active: 1, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const c: Ctx = { db, staffId: staff.id, recipients: { R1: await recipient('R1', 3), R2: await recipient('R2', 5), R3: await recipient('R3', 1) } };

  await db
    .insertInto('calendar_day')
    .values([
      { date: '2026-11-16', off: 1, note: '補假', year: 2026 },
      { date: '2027-01-01', off: 1, note: '開國紀念日', year: 2027 },
    ])
    .execute();
  await db.insertInto('office_closure').values({ office_id: a.id, date: '2026-12-02', reason: '颱風停止上班', created_by: null, created_at: at }).execute();

  const c1 = await caseOf(c, a, 'move-in', '2026-11-03T02:00:00.000Z');
  await consent(c, a, await caseOf(c, a, 'birth', '2026-11-10T03:00:00.000Z'), 0);
  const c3 = await caseOf(c, a, 'move-in', '2026-10-31T16:10:00.000Z');
  await caseOf(c, a, 'move-in', '2026-11-20T03:00:00.000Z');
  await caseOf(c, a, 'transcript', '2026-11-12T03:00:00.000Z');
  const c6 = await caseOf(c, a, 'birth', null);
  const c7 = await caseOf(c, a, 'move-in', '2026-11-30T16:30:00.000Z');
  const c8 = await caseOf(c, a, 'birth', '2026-12-15T03:00:00.000Z');
  await consent(c, a, await caseOf(c, a, 'move-in', '2026-12-20T03:00:00.000Z'), 0);
  const c10 = await caseOf(c, b, 'move-in', '2026-11-05T03:00:00.000Z');
  await caseOf(c, b, 'birth', '2026-11-06T03:00:00.000Z');
  const c12 = await caseOf(c, b, 'move-in', '2026-11-07T03:00:00.000Z');

  const k1 = await consent(c, a, c1, 2);
  const k3 = await consent(c, a, c3, 2);
  const k6 = await consent(c, a, c6, 2);
  const k7 = await consent(c, a, c7, 3);
  const k8 = await consent(c, a, c8, 3);
  const k10 = await consent(c, b, c10, 2);
  const k12 = await consent(c, b, c12, 2);

  await notice(c, a, k1, c1, 'R1', '2026-11-13T02:00:00.000Z', { acked: '2026-11-19T08:00:00.000Z' });
  await notice(c, a, k1, c1, 'R2', '2026-11-13T02:00:00.000Z', { acked: '2026-11-24T01:00:00.000Z' });
  await notice(c, a, k3, c3, 'R1', '2026-11-27T03:00:00.000Z');
  await notice(c, a, k3, c3, 'R2', '2026-11-27T03:00:00.000Z', { acked: '2026-12-07T05:00:00.000Z' });
  await notice(c, a, k6, c6, 'R1', '2026-11-02T02:00:00.000Z', { acked: '2026-11-05T16:30:00.000Z' });
  await notice(c, a, k6, c6, 'R2', '2026-11-30T02:00:00.000Z', { failed: '2026-11-30T09:00:00.000Z' });
  await notice(c, a, k7, c7, 'R1', '2026-10-31T17:00:00.000Z', { acked: '2026-11-04T09:00:00.000Z' });
  await notice(c, a, k7, c7, 'R2', '2026-12-01T02:00:00.000Z', { acked: '2026-12-09T02:00:00.000Z' });
  await notice(c, a, k7, c7, 'R3', '2026-12-04T02:00:00.000Z', { acked: '2026-12-05T02:00:00.000Z' });
  await notice(c, a, k8, c8, 'R1', '2026-12-29T02:00:00.000Z');
  await notice(c, a, k8, c8, 'R2', '2026-12-22T02:00:00.000Z');
  await notice(c, a, k8, c8, 'R3', '2026-12-31T16:30:00.000Z', { acked: '2026-12-31T16:40:00.000Z' });
  await notice(c, b, k10, c10, 'R1', '2026-11-27T03:00:00.000Z', { acked: '2026-12-03T02:00:00.000Z' });
  await notice(c, b, k12, c12, 'R1', '2026-11-10T02:00:00.000Z', { acked: '2026-11-13T02:00:00.000Z' });

  await message(c, a, 'm1', 'sent', '2026-11-05T02:00:00.000Z');
  await message(c, a, 'm2', 'failed', null);
  await message(c, a, 'm3', 'queued', null);
  await message(c, a, 'm4', 'sent', '2026-11-30T16:05:00.000Z');
  await message(c, a, 'm5', 'sent', '2026-10-31T16:00:00.000Z');
  await message(c, a, 'm6', 'sent', '2026-12-10T02:00:00.000Z');
  await message(c, a, 'm8', 'sent', '2026-12-31T15:59:00.000Z');
  await message(c, a, 'm9', 'sent', '2026-12-31T16:00:00.000Z');
  await message(c, b, 'm7', 'sent', '2026-11-11T02:00:00.000Z');

  await reminder(c, a, '2026-11-10', 'registered', '2026-11-09');
  await reminder(c, a, '2026-11-20', 'registered', '2026-11-20');
  await reminder(c, a, '2026-11-25', 'registered', '2026-11-28');
  await reminder(c, a, '2026-11-30', 'closed', '2026-11-15');
  await reminder(c, a, '2026-11-30', 'open', null);
  await reminder(c, a, '2026-12-05', 'reminded', null);
  await reminder(c, a, '2026-12-20', 'registered', '2026-12-01');
  await reminder(c, a, '2026-10-30', 'registered', '2026-10-29');
  await reminder(c, b, '2026-11-15', 'registered', '2026-11-01');
}

const byKey = (key: string) => {
  const d = notifyIndicators.find((i) => i.key === key);
  if (!d) throw new Error(`no indicator ${key}`);
  return d;
};

const nov = monthPeriod(2026, 11);
const dec = monthPeriod(2026, 12);
const year = yearPeriod(2026);

/** key → [office, period, value, base] as counted in the comment above */
const EXPECTED: Record<string, ['A' | 'B', IndicatorPeriod, number | null, number | undefined][]> = {
  'notify.consentRate': [
    ['A', nov, 50, 4],
    ['A', dec, 66.7, 3],
    ['A', year, 57.1, 7],
    ['B', nov, 66.7, 3],
    ['B', dec, null, undefined],
  ],
  'notify.ackWithinDays': [
    ['A', nov, 50, 6],
    ['A', dec, 66.7, 3],
    ['A', year, 50, 10],
    ['B', nov, 50, 2],
    ['B', dec, null, undefined],
  ],
  'notify.messagesSent': [
    ['A', nov, 2, undefined],
    ['A', dec, 3, undefined],
    ['A', year, 5, undefined],
    ['B', nov, 1, undefined],
    ['B', dec, 0, undefined],
  ],
  'notify.remindersResolved': [
    ['A', nov, 40, 5],
    ['A', dec, 50, 2],
    ['A', year, 50, 8],
    ['B', nov, 100, 1],
    ['B', dec, null, undefined],
  ],
};

forEachDatabase((get) => {
  const offices: Record<'A' | 'B', IndicatorOffice> = {} as Record<'A' | 'B', IndicatorOffice>;

  beforeAll(async () => {
    const { db } = get();
    const county = await db.insertInto('county').values({ code: 'tst', name_zh: '測試縣', name_en: 'Test', website: null }).returning('id').executeTakeFirstOrThrow();
    offices.A = await officeRow(db, county.id, 'aaa');
    offices.B = await officeRow(db, county.id, 'bbb');
    await fill(db, county.id, offices.A, offices.B);
  });

  for (const [key, cases] of Object.entries(EXPECTED)) {
    it(`${key}: each office and period as counted by hand`, async () => {
      const def = byKey(key);
      for (const [o, period, value, base] of cases) {
        const got = await def.compute(get().db, offices[o], period);
        expect({ o, period: period.key, value: got.value, base: got.base }).toEqual({ o, period: period.key, value, base });
      }
    });
  }

  it('gives the same figures in a batch, where each year is read once', async () => {
    const memo: IndicatorMemo = new Map();
    for (const [key, cases] of Object.entries(EXPECTED)) {
      for (const [o, period, value, base] of cases) {
        const got = await byKey(key).compute(get().db, offices[o], period, memo);
        expect({ key, o, period: period.key, value: got.value, base: got.base }).toEqual({ key, o, period: period.key, value, base });
      }
    }
    // one read per indicator, office and year touched (2026 only)
    expect(memo.size).toBe(8);
  });

  it('links each figure to the page that lists what it counts, for that office', () => {
    const hrefs = notifyIndicators.map((d) => d.href(offices.A, nov));
    expect(hrefs).toEqual(['/staff/notify?office=aaa', '/staff/notify?office=aaa', '/staff/notify/messages?office=aaa', '/staff/notify/reminders?office=aaa']);
  });
});
