import type { Db } from '../../db/database';

export interface AuditFilter {
  actorId?: number | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  customerId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  return q;
}

export async function listAudit(db: Db, f: AuditFilter, page: number, pageSize: number) {
  const rows = await filtered(db, f)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const { total } = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}
