import { type Insertable, sql } from 'kysely';
import type { Dialect } from '../../db/connect';
import type { CustomerLinkTable, Db } from '../../db/database';
import { scopeToViewer, type Viewer } from '../../http/access';

const otherColumns = [
  'other.id as other_id',
  'other.code as other_code',
  'other.name as other_name',
] as const;
const linkColumns = ['l.id', 'l.kind', 'l.note', 'l.created_at'] as const;

/** The customer's links both ways, each with the customer at the other end. */
export async function listLinks(db: Db, customerId: number) {
  const outgoing = await db
    .selectFrom('customer_links as l')
    .innerJoin('customers as other', 'other.id', 'l.to_customer_id')
    .select([...linkColumns, ...otherColumns])
    .where('l.from_customer_id', '=', customerId)
    .execute();
  const incoming = await db
    .selectFrom('customer_links as l')
    .innerJoin('customers as other', 'other.id', 'l.from_customer_id')
    .select([...linkColumns, ...otherColumns])
    .where('l.to_customer_id', '=', customerId)
    .execute();
  return [
    ...outgoing.map((r) => ({ ...r, direction: 'outgoing' as const })),
    ...incoming.map((r) => ({ ...r, direction: 'incoming' as const })),
  ];
}

export type LinkWithOther = Awaited<ReturnType<typeof listLinks>>[number];

/** Which of these customers the viewer may see (access.ts decides). */
export async function visibleCustomerIds(db: Db, viewer: Viewer, ids: readonly number[]) {
  if (ids.length === 0) return new Set<number>();
  const rows = await scopeToViewer(db.selectFrom('customers'), viewer)
    .select('customers.id')
    .where('customers.id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The link if it touches this customer, at either end. */
export function findLink(db: Db, customerId: number, linkId: number) {
  return db
    .selectFrom('customer_links')
    .selectAll()
    .where('id', '=', linkId)
    .where((eb) => eb.or([eb('from_customer_id', '=', customerId), eb('to_customer_id', '=', customerId)]))
    .executeTakeFirst();
}

/** A link of this kind from one to the other, or (when `eitherWay`) the other way round too. */
export function findLinkBetween(db: Db, fromId: number, toId: number, kind: string, eitherWay: boolean) {
  return db
    .selectFrom('customer_links')
    .select('id')
    .where('kind', '=', kind)
    .where((eb) =>
      eb.or([
        eb.and([eb('from_customer_id', '=', fromId), eb('to_customer_id', '=', toId)]),
        ...(eitherWay
          ? [eb.and([eb('from_customer_id', '=', toId), eb('to_customer_id', '=', fromId)])]
          : []),
      ]),
    )
    .executeTakeFirst();
}

/** Whether `start` introduced `target`, directly or through a chain of referrals. */
export async function referralChainExists(db: Db, start: number, target: number) {
  const row = await db
    .withRecursive('reach(customer_id)', (qb) =>
      qb
        .selectFrom('customer_links')
        .select('customer_links.to_customer_id as customer_id')
        .where('customer_links.from_customer_id', '=', start)
        .where('customer_links.kind', '=', 'referral')
        // UNION, not UNION ALL: a customer already reached is not walked again.
        .union((eb) =>
          eb
            .selectFrom('customer_links')
            .innerJoin('reach', 'reach.customer_id', 'customer_links.from_customer_id')
            .select('customer_links.to_customer_id as customer_id')
            .where('customer_links.kind', '=', 'referral'),
        ),
    )
    .selectFrom('reach')
    .select('reach.customer_id')
    .where('reach.customer_id', '=', target)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Serialises link writes, so the duplicate and cycle checks that precede an insert still hold when it
 * happens. SQLite writes already run one at a time (BEGIN IMMEDIATE); PostgreSQL takes a
 * transaction-scoped advisory lock.
 */
export async function lockLinkWrites(db: Db, dialect: Dialect) {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('customer_links'))`.execute(db);
}

export async function insertLink(db: Db, row: Insertable<CustomerLinkTable>) {
  const { id } = await db.insertInto('customer_links').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function deleteLink(db: Db, linkId: number) {
  const result = await db.deleteFrom('customer_links').where('id', '=', linkId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
