/**
 * The rows bench/notify delivers: one office, five webhook recipients, and
 * per case a closed move-in case, its consent, one notice per recipient
 * with a sealed body, and one DELIVER_JOB per notice — written straight
 * into the tables in batches (the backlog), or one case per transaction as
 * the counter would (the paced phase). Beside each notice it keeps the JSON
 * document the delivery handler posts, for the bare client to post the same.
 */
import { randomBytes } from 'node:crypto';
import { type Database, type Executor, writeTransaction } from '../src/db/index.js';
import { generateIdNumber, type Vault } from '../src/platform/identity/index.js';
import { ackTokenHash, DELIVER_JOB, MAX_DELIVERY_ATTEMPTS, type NoticeBody, newAckToken, sealBody } from '../src/modules/notify/body.js';

export const RECIPIENTS = ['land', 'tax', 'motor', 'health', 'water'] as const;
const BATCH_CASES = 200;
const STAMP = '2026-11-24T02:00:00.000Z';

export interface BenchNotice {
  id: number;
  recipient: string;
  /** what the delivery handler posts for it (send.ts noticeDocument), for the bare client */
  json: string;
}

export interface BenchOffice {
  officeId: number;
  staffId: number;
  /** recipient code → id and signing secret */
  recipients: Map<string, { id: number; secret: string }>;
}

/** The county, the office, a clerk and the five recipients, each posting to `<baseUrl>/r/<code>`. */
export async function prepareOffice(db: Executor, vault: Vault, baseUrl: string): Promise<BenchOffice> {
  const county = await db.insertInto('county').values({ code: 'bench', name_zh: '測試縣', name_en: 'Bench County', website: null }).returning('id').executeTakeFirstOrThrow();
  const office = await db
    .insertInto('office')
    .values({ county_id: county.id, code: 'bench', kind: 'city', name_zh: '測試戶政事務所', name_en: 'Bench', address_zh: '', address_en: '', phone: '03-5551234', fax: null, email: null, director_name: null, updated_at: STAMP, parent_id: null, map_url: null, closed_at: null, successor_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const staff = await db
    .insertInto('staff')
    .values({ username: 'bench', display_name: '測試', email: null, password_hash: 'x', role: 'clerk', county_id: county.id, office_id: office.id, active: 1, must_change_password: 0, created_at: STAMP, updated_at: STAMP, password_changed_at: STAMP })
    .returning('id')
    .executeTakeFirstOrThrow();
  const recipients = new Map<string, { id: number; secret: string }>();
  for (const code of RECIPIENTS) {
    const secret = randomBytes(32).toString('base64url');
    const r = await db
      .insertInto('notify_recipient')
      .values({
        county_id: county.id,
        code,
        name: `${code} 機關`,
        name_en: code,
        sector: code,
        channel: 'webhook',
        email: null,
        webhook_url: `${baseUrl}/r/${code}`,
        secret_enc: vault.encrypt(secret),
        events: '["move"]',
        fields: '["name","id_number","event_date","address"]',
        ack_days: 3,
        contact_name: '陳',
        contact_phone: '03-5551234',
        contact_email: null,
        active: 1,
        created_at: STAMP,
        updated_at: STAMP,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    recipients.set(code, { id: r.id, secret });
  }
  return { officeId: office.id, staffId: staff.id, recipients };
}

/** Checksum-valid ID numbers from a seeded sequence: the same run after run. */
function idNumber(n: number): string {
  let x = n + 1;
  return generateIdNumber(() => {
    x = (x * 48_271) % 2_147_483_647;
    return x / 2_147_483_647;
  });
}

/** Closed move-in cases numbered from `first`; returns their ids in order. */
export async function insertCases(db: Executor, o: BenchOffice, first: number, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += BATCH_CASES) {
    const rows = Array.from({ length: Math.min(BATCH_CASES, count - i) }, (_, j) => {
      const n = first + i + j;
      return {
        office_id: o.officeId,
        number: `bench-1151124-${n}`,
        reference: `BENCH-${n}`,
        locale: 'zh-Hant',
        lookup_failures: 0,
        lookup_locked_until: null,
        guide_code: 'move-in',
        status: 'closed',
        applicant_name: '王小明',
        id_hash: `bench-${n}`,
        id_enc: 'x',
        birth_hash: 'x',
        email: null,
        phone: null,
        received_on: '2026-11-24',
        limit_days: 1,
        due_on: '2026-11-25',
        notices: 0,
        ticket_id: null,
        booking_id: null,
        created_by: o.staffId,
        created_at: STAMP,
        updated_at: STAMP,
        closed_at: STAMP,
      };
    });
    const made = await db.insertInto('case_file').values(rows).returning(['id', 'number']).execute();
    const byNumber = new Map(made.map((r) => [r.number, r.id]));
    for (const r of rows) ids.push(byNumber.get(r.number)!);
  }
  return ids;
}

function noticeFor(vault: Vault, caseNumber: string, n: number) {
  const token = newAckToken();
  const body: NoticeBody = {
    token,
    office: { code: 'bench', name: '測試戶政事務所' },
    caseNumber,
    event: 'move',
    fields: { name: '王小明', id_number: idNumber(n), event_date: '2026-11-24', address: '新竹縣竹北市光明六路10號3樓' },
  };
  return { body, sealed: sealBody(vault, body), hash: ackTokenHash(token) };
}

/** The document send.ts posts: the same keys in the same order. */
const documentOf = (publicBaseUrl: string, id: number, body: NoticeBody) =>
  JSON.stringify({ notice: id, event: body.event, office: body.office, caseNumber: body.caseNumber, fields: body.fields, ackUrl: `${publicBaseUrl}/notify/ack/${body.token}` });

/** Consents, notices and jobs for the cases, with `queuedAt` (the job due then too); batched, each batch its own transaction. */
async function queueCases(database: Database, vault: Vault, o: BenchOffice, caseIds: number[], queuedAt: string, publicBaseUrl: string, batch: number): Promise<BenchNotice[]> {
  const out: BenchNotice[] = [];
  for (let i = 0; i < caseIds.length; i += batch) {
    const slice = caseIds.slice(i, i + batch);
    await writeTransaction(database, async (trx) => {
      const consents = await trx
        .insertInto('notify_consent')
        .values(slice.map((caseId) => ({ case_id: caseId, office_id: o.officeId, event: 'move', event_date: '2026-11-24', recipients: RECIPIENTS.length, read_back: 1, slip_code: `s${caseId}`, details_enc: null, recorded_by: o.staffId, recorded_at: queuedAt })))
        .returning(['id', 'case_id'])
        .execute();
      const bodies = new Map<string, NoticeBody>();
      const notices = consents.flatMap((c) =>
        RECIPIENTS.map((code) => {
          const made = noticeFor(vault, `bench-1151124-${c.case_id}`, c.case_id);
          const recipientId = o.recipients.get(code)!.id;
          bodies.set(`${c.case_id}|${recipientId}`, made.body);
          return {
            consent_id: c.id,
            case_id: c.case_id,
            office_id: o.officeId,
            recipient_id: recipientId,
            event: 'move',
            status: 'queued' as const,
            body_enc: made.sealed,
            last_error: null,
            ack_token_hash: made.hash,
            batch_id: null,
            queued_at: queuedAt,
            sent_at: null,
            acked_at: null,
            failed_at: null,
            purge_after: null,
            purged_at: null,
          };
        }),
      );
      const ids = await trx.insertInto('notify_notice').values(notices).returning(['id', 'case_id', 'recipient_id']).execute();
      await trx
        .insertInto('job')
        .values(
          ids.map((n) => ({
            kind: DELIVER_JOB,
            payload: JSON.stringify({ noticeId: n.id }),
            status: 'pending',
            run_at: queuedAt,
            attempts: 0,
            max_attempts: MAX_DELIVERY_ATTEMPTS,
            locked_until: null,
            last_error: null,
            dedupe_key: `notify:${n.id}`,
            created_at: queuedAt,
            updated_at: queuedAt,
          })),
        )
        .execute();
      const codeOf = new Map([...o.recipients].map(([code, r]) => [r.id, code]));
      for (const n of ids) out.push({ id: n.id, recipient: codeOf.get(n.recipient_id)!, json: documentOf(publicBaseUrl, n.id, bodies.get(`${n.case_id}|${n.recipient_id}`)!) });
    });
  }
  return out;
}

/** The backlog: every case's consent, notices and jobs in batches of 200 cases. */
export const queueBacklog = (database: Database, vault: Vault, o: BenchOffice, caseIds: number[], queuedAt: string, publicBaseUrl: string) =>
  queueCases(database, vault, o, caseIds, queuedAt, publicBaseUrl, BATCH_CASES);

/** One case as the counter records it: its consent, five notices and five jobs in one transaction, queued at `now`. */
export const queueOneCase = (database: Database, vault: Vault, o: BenchOffice, caseId: number, now: Date, publicBaseUrl: string) =>
  queueCases(database, vault, o, [caseId], now.toISOString(), publicBaseUrl, 1);
