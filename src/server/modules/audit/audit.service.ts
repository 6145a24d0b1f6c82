import { maskEmail, maskIdNumber, maskPhone } from '../../../domain/masking';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { requireVisibleCustomer } from '../customers/customers.service';
import { type AuditFilter, listAudit } from './audit.repository';

// Audit entries keep the full before/after; what leaves the server is masked like everything else
// (DOMAIN §9), so reading the audit log is not a way around the audited reveal.
const MASKERS: Record<string, (v: string) => string | null> = {
  idNumber: (v) =>
    maskIdNumber(v.length === 18 && /^[0-9]{17}[0-9X]$/.test(v) ? 'individual' : 'corporate', v),
  phone: (v) => maskPhone(v),
  email: (v) => maskEmail(v),
};

function maskJson(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  const value = JSON.parse(json) as Record<string, unknown>;
  for (const [key, mask] of Object.entries(MASKERS)) {
    if (typeof value[key] === 'string') value[key] = mask(value[key]);
  }
  return value;
}

export async function browseAudit(deps: AppDeps, filter: AuditFilter, page: number, pageSize: number) {
  const { rows, total } = await listAudit(deps.db, filter, page, pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorUsername: r.actor_username,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      customerId: r.customer_id,
      before: maskJson(r.before_json),
      after: maskJson(r.after_json),
      reason: r.reason,
      ip: r.ip,
    })),
    total,
    page,
    pageSize,
  };
}

/** One customer's trail, for the roles allowed to read it (see access.ts). */
export async function customerAudit(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  page: number,
  pageSize: number,
) {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  return browseAudit(deps, { customerId }, page, pageSize);
}
