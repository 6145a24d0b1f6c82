import { LINK_KINDS } from '../../../shared/codes';
import type { Link, LinkCreate } from '../../../shared/schemas/link';
import type { AppDeps } from '../../deps';
import { canEditCustomers, type Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { conflict, forbidden, invalidField, notFound } from '../../http/errors';
import { requireEditableCustomer, requireVisibleCustomer } from '../customers/customers.service';
import { presentLink } from './links.presenter';
import * as repo from './links.repository';

// Links between customers (DOMAIN §2). A link belongs to both customers: it is added only between two
// customers the viewer sees, removed only by someone who sees both, and audited in the history of each.

const kindOrder = (kind: string) => LINK_KINDS.codes.indexOf(kind as Link['kind']);

export async function listLinks(deps: AppDeps, viewer: Viewer, customerId: number): Promise<Link[]> {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  const rows = await repo.listLinks(deps.db, customerId);
  const visible = await repo.visibleCustomerIds(
    deps.db,
    viewer,
    rows.map((r) => r.other_id),
  );
  const canEdit = canEditCustomers(viewer);
  return rows
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.id - b.id)
    .map((r) => presentLink(r, visible.has(r.other_id), canEdit && visible.has(r.other_id)));
}

function auditView(link: {
  from_customer_id: number;
  to_customer_id: number;
  kind: string;
  note: string | null;
}) {
  return {
    fromCustomerId: link.from_customer_id,
    toCustomerId: link.to_customer_id,
    kind: link.kind,
    note: link.note,
  };
}

export async function createLink(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  input: LinkCreate,
  ip: string | null,
): Promise<Link> {
  await requireEditableCustomer(deps.db, viewer, customerId);
  const toId = input.toCustomerId;
  if (toId === customerId) throw invalidField('toCustomerId', 'must be another customer');
  const ctx = auditContext(deps, viewer, ip);
  const row = {
    from_customer_id: customerId,
    to_customer_id: toId,
    kind: input.kind,
    note: input.note || null,
    created_at: ctx.at,
    created_by: viewer.id,
  };
  const id = await deps.db.transaction().execute(async (trx) => {
    await repo.lockLinkWrites(trx, deps.dialect);
    // A customer the viewer may not see is answered exactly like a missing one.
    if (!(await repo.visibleCustomerIds(trx, viewer, [toId])).has(toId)) {
      throw invalidField('toCustomerId', 'no such customer');
    }
    // Group and household links have no direction: B–A repeats A–B.
    if (await repo.findLinkBetween(trx, customerId, toId, input.kind, input.kind !== 'referral')) {
      throw conflict('These customers are already linked this way', [
        { path: 'toCustomerId', message: 'is already linked to this customer this way' },
      ]);
    }
    // A referral says who introduced whom; nobody is introduced, even through others, by someone
    // they introduced themselves.
    if (input.kind === 'referral' && (await repo.referralChainExists(trx, toId, customerId))) {
      throw invalidField(
        'toCustomerId',
        'introduced this customer, directly or through others: the referral would close a cycle',
      );
    }
    const id = await repo.insertLink(trx, row);
    for (const side of [customerId, toId]) {
      await writeAudit(trx, ctx, {
        action: 'create',
        entity: 'customer_link',
        entityId: id,
        customerId: side,
        after: auditView(row),
      });
    }
    return id;
  });
  const created = (await repo.listLinks(deps.db, customerId)).find((l) => l.id === id)!;
  return presentLink(created, true, true);
}

export async function deleteLink(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  linkId: number,
  ip: string | null,
): Promise<void> {
  await requireEditableCustomer(deps.db, viewer, customerId);
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const link = await repo.findLink(trx, customerId, linkId);
    if (!link) throw notFound('Link');
    const otherId = link.from_customer_id === customerId ? link.to_customer_id : link.from_customer_id;
    if (!(await repo.visibleCustomerIds(trx, viewer, [otherId])).has(otherId)) {
      throw forbidden(
        'The linked customer is outside your portfolio: someone who sees both may remove the link',
      );
    }
    if (!(await repo.deleteLink(trx, linkId))) throw notFound('Link');
    for (const side of [link.from_customer_id, link.to_customer_id]) {
      await writeAudit(trx, ctx, {
        action: 'delete',
        entity: 'customer_link',
        entityId: linkId,
        customerId: side,
        before: auditView(link),
      });
    }
  });
}
