import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Role } from '../../shared/codes';
import type { ApiKeyScopes } from '../../shared/schemas/api-key';
import type { DB } from '../db/database';

// The one place that decides who may see and change which customer (DOMAIN §1, ARCHITECTURE rule 4).
// Every query on customer data is narrowed by `customerVisibleTo`; what a viewer may not see is
// answered exactly as if it did not exist.

export interface Viewer {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  teamId: number | null;
  locale: string;
  sessionId: string | null; // null for machine clients
  csrfToken: string | null;
  /** Set when a machine client calls with an API key: it may do only what its scopes allow. */
  apiKey?: { id: number; scopes: ApiKeyScopes };
}

/** Roles that read every customer. */
export const SEES_ALL: readonly Role[] = ['admin', 'risk_officer'];

/**
 * The visibility rule as a WHERE condition on `customers`:
 * an RM sees what they own or what is shared with them; a team lead sees what the team's members
 * own or share, and unowned customers waiting for assignment; risk officers and admins see all.
 */
export function customerVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB, 'customers'>) => {
    if (SEES_ALL.includes(viewer.role)) return sql<boolean>`1 = 1`;
    if (viewer.role === 'rm') {
      // One IN over a UNION rather than `owner_id = ? OR id IN (shares)`: PostgreSQL cannot use an
      // index for an OR with a subquery and scanned every customer; this reads the RM's ~1,000 ids
      // from two indexes on both dialects (bench/, BENCHMARKS.md).
      return eb(
        'customers.id',
        'in',
        eb
          .selectFrom('customers as owned')
          .select('owned.id')
          .where('owned.owner_id', '=', viewer.id)
          .union(
            eb
              .selectFrom('customer_shares')
              .select('customer_shares.customer_id as id')
              .where('customer_shares.user_id', '=', viewer.id),
          ),
      );
    }
    if (viewer.role === 'team_lead' && viewer.teamId !== null) {
      const teamMembers = eb
        .selectFrom('users')
        .select('users.id')
        .where('users.team_id', '=', viewer.teamId);
      // The same IN-over-UNION shape as for an RM, so each branch reads an index.
      return eb(
        'customers.id',
        'in',
        eb
          .selectFrom('customers as owned')
          .select('owned.id')
          .where((w) => w.or([w('owned.owner_id', 'in', teamMembers), w('owned.owner_id', 'is', null)]))
          .union(
            eb
              .selectFrom('customer_shares')
              .select('customer_shares.customer_id as id')
              .where('customer_shares.user_id', 'in', teamMembers),
          ),
      );
    }
    return sql<boolean>`1 = 0`;
  };
}

export function scopeToViewer<O>(query: SelectQueryBuilder<DB, 'customers', O>, viewer: Viewer) {
  return SEES_ALL.includes(viewer.role) ? query : query.where(customerVisibleTo(viewer));
}

/** Risk officers read relationship data but never change it (DOMAIN §1). */
export const canEditCustomers = (viewer: Viewer) => viewer.role !== 'risk_officer';
/** Team leads and admins reassign and share customers. */
export const canAssignCustomers = (viewer: Viewer) => viewer.role === 'team_lead' || viewer.role === 'admin';
/**
 * Full identifiers are for the people who serve or assess the customer; an administrator runs the
 * system and does not need them (separation of duties).
 */
export const canRevealIdentifiers = (viewer: Viewer) => viewer.role !== 'admin';
/** Whose history of changes a viewer may read. */
export const canReadCustomerAudit = (viewer: Viewer) => viewer.role !== 'rm';

/**
 * Prospects (DOMAIN §4) follow the same rule as customers: an RM sees the prospects they own, a
 * team lead the team's and the unowned ones, risk officers and admins all.
 */
export function prospectVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB, 'prospects'>) => {
    if (SEES_ALL.includes(viewer.role)) return sql<boolean>`1 = 1`;
    if (viewer.role === 'rm') return eb('prospects.owner_id', '=', viewer.id);
    if (viewer.role === 'team_lead' && viewer.teamId !== null) {
      return eb.or([
        eb(
          'prospects.owner_id',
          'in',
          eb.selectFrom('users').select('users.id').where('users.team_id', '=', viewer.teamId),
        ),
        eb('prospects.owner_id', 'is', null),
      ]);
    }
    return sql<boolean>`1 = 0`;
  };
}

/** Who works prospects: the people who develop customers, not the risk officers or administrators. */
export const canWorkProspects = (viewer: Viewer) => viewer.role === 'rm' || viewer.role === 'team_lead';

/**
 * Records that belong to a customer or to a prospect (contact records, visit plans), read with both
 * left-joined: visible when the one they belong to is.
 */
export function subjectVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB, 'customers' | 'prospects'>) =>
    SEES_ALL.includes(viewer.role)
      ? sql<boolean>`1 = 1`
      : eb.or([
          customerVisibleTo(viewer)(eb),
          // Left-joined, a missing prospect has a null owner, which would read as "unowned".
          eb.and([eb('prospects.id', 'is not', null), prospectVisibleTo(viewer)(eb)]),
        ]);
}
