import type { Db } from '../db/database';
import type { AppDeps } from '../deps';
import type { Viewer } from './access';

// DOMAIN §9, ARCHITECTURE rule 8: every write records who, when, what before and after, in the
// transaction of the write itself, so a write without its audit entry cannot exist.

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  customerId?: number | null;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
}

export interface AuditContext {
  actor: Pick<Viewer, 'id' | 'username'> | null;
  at: string;
  ip?: string | null;
}

/** Who and when, for the audit entries of one request. */
export const auditContext = (
  deps: Pick<AppDeps, 'clock'>,
  viewer: Viewer,
  ip: string | null,
): AuditContext => ({
  actor: viewer,
  at: deps.clock().toISOString(),
  ip,
});

export async function writeAudit(db: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: ctx.at,
      actor_id: ctx.actor?.id ?? null,
      actor_username: ctx.actor?.username ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      customer_id: entry.customerId ?? null,
      before_json: entry.before ? JSON.stringify(entry.before) : null,
      after_json: entry.after ? JSON.stringify(entry.after) : null,
      reason: entry.reason ?? null,
      ip: ctx.ip ?? null,
    })
    .execute();
}

/** The fields whose values differ, as the before and after halves of an audit entry. */
export function changedFields<T extends object>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[key];
    if (value !== undefined && JSON.stringify(old) !== JSON.stringify(value)) {
      b[key] = old;
      a[key] = value;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
