import { type ExpressionBuilder, sql } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { DB } from '../../db/schema.js';

/**
 * The audit log: append-only (the database refuses UPDATE and DELETE on it).
 * Record inside the same transaction as the change it describes, so the log
 * and the data never disagree. Never put a national ID, password or token
 * in `detail`: use record ids and masked values.
 */
export interface AuditEntry {
  actor: { id: number; username: string } | null;
  action: string;
  target?: { type: string; id: string | number };
  officeId?: number | null;
  countyId?: number | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export async function recordAudit(db: Executor, e: AuditEntry, now = new Date()): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor_staff_id: e.actor?.id ?? null,
      actor_label: e.actor?.username ?? 'system',
      action: e.action,
      target_type: e.target?.type ?? null,
      target_id: e.target ? String(e.target.id) : null,
      office_id: e.officeId ?? null,
      county_id: e.countyId ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
      ip: e.ip ?? null,
    })
    .execute();
}

export interface AuditQuery {
  from?: string | undefined; // YYYY-MM-DD, Taipei
  to?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  /** limit to these offices (null = everything, for system admins) */
  officeIds: number[] | null;
  countyId: number | null;
  page: number;
  pageSize: number;
}

export interface AuditRow {
  id: number;
  at: string;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: string | null;
  ip: string | null;
}

/** Taipei midnight as a UTC instant string. */
function taipeiDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}


/** The rows a person may see: their offices' and, for a county admin, the county's own (null: everything). */
function scopeOf(q: Pick<AuditQuery, 'officeIds' | 'countyId'>) {
  if (q.officeIds === null) return null;
  const ids = q.officeIds;
  const countyId = q.countyId;
  return (eb: ExpressionBuilder<DB, 'audit_log'>) =>
    eb.or([ids.length > 0 ? eb('office_id', 'in', ids) : sql<boolean>`1 = 0`, countyId !== null ? eb('county_id', '=', countyId) : sql<boolean>`1 = 0`]);
}

/** Every action that occurs in the rows a person may see: the filter's choices. */
export async function auditActions(db: Executor, q: Pick<AuditQuery, 'officeIds' | 'countyId'>): Promise<string[]> {
  const scope = scopeOf(q);
  let query = db.selectFrom('audit_log').select('action').distinct();
  if (scope) query = query.where(scope);
  const rows = await query.orderBy('action').execute();
  return rows.map((r) => r.action);
}

export async function searchAudit(db: Executor, q: AuditQuery): Promise<{ rows: AuditRow[]; hasNext: boolean }> {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_label', 'action', 'target_type', 'target_id', 'detail', 'ip'])
    .orderBy('id', 'desc');
  if (q.from) query = query.where('at', '>=', taipeiDayStart(q.from));
  if (q.to) query = query.where('at', '<', new Date(new Date(taipeiDayStart(q.to)).getTime() + 86_400_000).toISOString());
  // a whole action (auth.login) matches itself only; an area (auth) every action of it
  const action = q.action?.replace(/\.+$/, '');
  if (action) query = action.includes('.') ? query.where('action', '=', action) : query.where('action', 'like', `${action.replace(/[%_]/g, '')}.%`);
  if (q.actor) query = query.where('actor_label', '=', q.actor);
  const scope = scopeOf(q);
  if (scope) query = query.where(scope);
  const rows = await query
    .limit(q.pageSize + 1)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    hasNext: rows.length > q.pageSize,
    rows: rows.slice(0, q.pageSize).map((r) => ({
      id: r.id,
      at: r.at,
      actorLabel: r.actor_label,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      detail: r.detail,
      ip: r.ip,
    })),
  };
}
