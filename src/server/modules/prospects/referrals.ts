import type { ProspectDetail, ReferrerInput } from '../../../shared/schemas/prospect';
import type { Db, ProspectTable } from '../../db/database';
import type { Viewer } from '../../http/access';
import { AppError, invalidField } from '../../http/errors';
import type { ProspectWithOwner } from './prospects.repository';
import * as repo from './prospects.repository';

// Who introduced a prospect (DOMAIN §4 item 3): the referrer as the API names it, and the referral
// network's one rule the books must keep: nobody is introduced, directly or through others, by
// someone they introduced.

export async function referrerOf(
  db: Db,
  viewer: Viewer,
  row: ProspectWithOwner,
): Promise<ProspectDetail['referrer']> {
  const kind = row.referrer_kind as ReferrerInput['kind'] | null;
  if (kind === null) return null;
  const hidden = { kind, id: null, name: '', code: null, hidden: true };
  if (kind === 'person') return { kind, id: null, name: row.referrer_name ?? '', code: null, hidden: false };
  if (kind === 'customer' && row.referrer_customer_id !== null) {
    if (!(await repo.isCustomerVisible(db, viewer, row.referrer_customer_id))) return hidden;
    const c = await repo.findCustomerRef(db, row.referrer_customer_id);
    return c ? { kind, id: c.id, name: c.name, code: c.code, hidden: false } : hidden;
  }
  if (kind === 'contact' && row.referrer_contact_id !== null) {
    const c = await repo.findContactRef(db, row.referrer_contact_id);
    if (!c || !(await repo.isCustomerVisible(db, viewer, c.customer_id))) return hidden;
    return { kind, id: c.id, name: c.name, code: null, hidden: false };
  }
  if (kind === 'prospect' && row.referrer_prospect_id !== null) {
    if (!(await repo.isProspectVisible(db, viewer, row.referrer_prospect_id))) return hidden;
    const p = await repo.findProspectRef(db, row.referrer_prospect_id);
    return p ? { kind, id: p.id, name: p.name, code: p.code, hidden: false } : hidden;
  }
  return hidden;
}

export type ReferralNode = { kind: 'prospect' | 'customer'; id: number };
const MAX_WALK = 10_000;

/** Who introduced a node of the network: prospects and customers, as far as the books tell. */
async function introducers(db: Db, node: ReferralNode): Promise<ReferralNode[]> {
  if (node.kind === 'prospect') {
    const p = await repo.findProspectRef(db, node.id);
    if (!p) return [];
    const up: ReferralNode[] = [];
    if (p.referrer_kind === 'customer' && p.referrer_customer_id !== null)
      up.push({ kind: 'customer', id: p.referrer_customer_id });
    if (p.referrer_kind === 'prospect' && p.referrer_prospect_id !== null)
      up.push({ kind: 'prospect', id: p.referrer_prospect_id });
    return up;
  }
  const { links, converted } = await repo.introducersOfCustomer(db, node.id);
  const up: ReferralNode[] = links.map((id) => ({ kind: 'customer', id }));
  for (const c of converted) {
    if (c.referrer_customer_id !== null) up.push({ kind: 'customer', id: c.referrer_customer_id });
    if (c.referrer_prospect_id !== null) up.push({ kind: 'prospect', id: c.referrer_prospect_id });
  }
  return up;
}

/**
 * Whether naming `referrer` as the prospect's introducer would close a cycle (A introduced B who
 * introduced A): whether the referrer's own chain of introducers leads back to the prospect. A
 * converted prospect and its customer are one node. `knownIntroducers` answers for the prospects
 * whose introducers the caller knows better than the books (an import's rows not written yet, under
 * ids of its own); undefined leaves a prospect to the books.
 */
export async function closesReferralCycle(
  db: Db,
  self: { prospectId: number; customerId: number | null },
  referrer: ReferralNode,
  knownIntroducers?: (prospectId: number) => ReferralNode[] | undefined,
): Promise<boolean> {
  const same = (n: ReferralNode) =>
    (n.kind === 'prospect' && n.id === self.prospectId) ||
    (n.kind === 'customer' && n.id === self.customerId);
  const seen = new Set<string>();
  const queue: ReferralNode[] = [referrer];
  while (queue.length > 0 && seen.size < MAX_WALK) {
    const node = queue.shift()!;
    const key = `${node.kind}:${node.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (same(node)) return true;
    const known = node.kind === 'prospect' ? knownIntroducers?.(node.id) : undefined;
    if (known) {
      queue.push(...known);
      continue;
    }
    if (node.kind === 'prospect') {
      const p = await repo.findProspectRef(db, node.id);
      if (p?.customer_id != null) queue.push({ kind: 'customer', id: p.customer_id });
    }
    queue.push(...(await introducers(db, node)));
  }
  return false;
}

/** Refuses a referrer that would close a referral cycle: the network stays a graph of who came first. */
export async function assertNoCycle(
  db: Db,
  prospectId: number,
  customerId: number | null,
  referrer: ReferralNode,
) {
  if (await closesReferralCycle(db, { prospectId, customerId }, referrer)) {
    throw new AppError(
      'referral_cycle',
      409,
      'This referrer was itself introduced, directly or through others, by this prospect',
      [{ path: 'body.referrer', message: 'would make a referral cycle (A introduced B who introduced A)' }],
    );
  }
}

export type ReferrerColumns = Pick<
  ProspectTable,
  'referrer_kind' | 'referrer_customer_id' | 'referrer_contact_id' | 'referrer_prospect_id' | 'referrer_name'
>;

const NO_REFERRER: ReferrerColumns = {
  referrer_kind: null,
  referrer_customer_id: null,
  referrer_contact_id: null,
  referrer_prospect_id: null,
  referrer_name: null,
};

/** The referrer's columns, checked: the viewer must see the one named, and it must not close a cycle. */
export async function referrerColumns(
  db: Db,
  viewer: Viewer,
  input: ReferrerInput | null | undefined,
  self: { id: number; customerId: number | null } | null,
): Promise<ReferrerColumns> {
  if (!input) return NO_REFERRER;
  const notVisible = (what: string) => invalidField('referrer.id', `is not a ${what} you can see`);
  switch (input.kind) {
    case 'person':
      return { ...NO_REFERRER, referrer_kind: 'person', referrer_name: input.name! };
    case 'customer': {
      if (!(await repo.isCustomerVisible(db, viewer, input.id!))) throw notVisible('customer');
      const c = await repo.findCustomerRef(db, input.id!);
      if (self) await assertNoCycle(db, self.id, self.customerId, { kind: 'customer', id: input.id! });
      return {
        ...NO_REFERRER,
        referrer_kind: 'customer',
        referrer_customer_id: c!.id,
        referrer_name: c!.name,
      };
    }
    case 'contact': {
      const c = await repo.findContactRef(db, input.id!);
      if (!c || !(await repo.isCustomerVisible(db, viewer, c.customer_id)))
        throw notVisible('contact person');
      return { ...NO_REFERRER, referrer_kind: 'contact', referrer_contact_id: c.id, referrer_name: c.name };
    }
    case 'prospect': {
      if (self && input.id === self.id)
        throw invalidField('referrer.id', 'a prospect does not introduce itself');
      if (!(await repo.isProspectVisible(db, viewer, input.id!))) throw notVisible('prospect');
      const p = await repo.findProspectRef(db, input.id!);
      if (self) await assertNoCycle(db, self.id, self.customerId, { kind: 'prospect', id: input.id! });
      return {
        ...NO_REFERRER,
        referrer_kind: 'prospect',
        referrer_prospect_id: p!.id,
        referrer_name: p!.name,
      };
    }
  }
}
