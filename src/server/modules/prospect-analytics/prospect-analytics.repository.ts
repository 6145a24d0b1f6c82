import type { Db } from '../../db/database';
import { customerVisibleTo, prospectVisibleTo, type Viewer } from '../../http/access';

// All Kysely code of the pipeline analytics and the referral network. Every query is narrowed by the
// viewer's scope (access.ts): prospects by `prospectVisibleTo`, customers by `customerVisibleTo`, a
// contact person by the customer it belongs to. Merged duplicates are never counted.

export interface AnalyticsFilter {
  fromAt: string;
  toAt: string;
  ownerId?: number | undefined;
  teamId?: number | undefined;
  source?: string | undefined;
}

/** The ids of the prospects the viewer sees that were created in the period and match the filter. */
function prospectsInPeriod(db: Db, viewer: Viewer, f: AnalyticsFilter) {
  let q = db
    .selectFrom('prospects')
    .select('prospects.id')
    .where(prospectVisibleTo(viewer))
    .where('prospects.merged_into_kind', 'is', null)
    .where('prospects.created_at', '>=', f.fromAt)
    .where('prospects.created_at', '<', f.toAt);
  if (f.ownerId !== undefined) q = q.where('prospects.owner_id', '=', f.ownerId);
  if (f.teamId !== undefined) {
    const teamId = f.teamId;
    q = q.where('prospects.owner_id', 'in', (eb) =>
      eb.selectFrom('users').select('users.id').where('users.team_id', '=', teamId),
    );
  }
  if (f.source !== undefined) q = q.where('prospects.source', '=', f.source);
  return q;
}

/** The prospects of the period with their owner and the owner's team. */
export function analyticsProspects(db: Db, viewer: Viewer, f: AnalyticsFilter) {
  return db
    .selectFrom('prospects')
    .leftJoin('users as owner', 'owner.id', 'prospects.owner_id')
    .leftJoin('teams', 'teams.id', 'owner.team_id')
    .select([
      'prospects.id',
      'prospects.source',
      'prospects.status',
      'prospects.created_at',
      'prospects.owner_id',
      'owner.display_name as owner_name',
      'teams.id as team_id',
      'teams.name as team_name',
    ])
    .where('prospects.id', 'in', prospectsInPeriod(db, viewer, f))
    .orderBy('prospects.id')
    .execute();
}

/** The stage history of the same prospects, oldest first per prospect. */
export function analyticsHistory(db: Db, viewer: Viewer, f: AnalyticsFilter) {
  return db
    .selectFrom('prospect_stage_history')
    .select(['prospect_id', 'to_status', 'changed_at'])
    .where('prospect_id', 'in', prospectsInPeriod(db, viewer, f))
    .orderBy('prospect_id')
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}

const visibleCustomers = (db: Db, viewer: Viewer) =>
  db.selectFrom('customers').select('customers.id').where(customerVisibleTo(viewer));
const visibleProspects = (db: Db, viewer: Viewer) =>
  db.selectFrom('prospects').select('prospects.id').where(prospectVisibleTo(viewer));
/** Contact persons belong to customers: one is in scope with its customer. */
const visibleContacts = (db: Db, viewer: Viewer) =>
  db
    .selectFrom('contacts')
    .select('contacts.id')
    .where('contacts.customer_id', 'in', visibleCustomers(db, viewer));

/**
 * The prospects introduced by someone where either end is in the viewer's scope (or the same named key
 * person introduced one in it), with both ends described and flagged visible or not. The most recent
 * first, at most `limit`.
 */
export function referredProspects(db: Db, viewer: Viewer, limit: number) {
  const customersSeen = visibleCustomers(db, viewer);
  const prospectsSeen = visibleProspects(db, viewer);
  const contactsSeen = visibleContacts(db, viewer);
  const personsSeen = db
    .selectFrom('prospects')
    .select('prospects.referrer_name')
    .where(prospectVisibleTo(viewer))
    .where('prospects.referrer_kind', '=', 'person');
  return db
    .selectFrom('prospects as p')
    .leftJoin('customers as pc', 'pc.id', 'p.customer_id')
    .leftJoin('customers as rc', 'rc.id', 'p.referrer_customer_id')
    .leftJoin('prospects as rp', 'rp.id', 'p.referrer_prospect_id')
    .leftJoin('customers as rpc', 'rpc.id', 'rp.customer_id')
    .leftJoin('contacts as rct', 'rct.id', 'p.referrer_contact_id')
    .leftJoin('customers as rctc', 'rctc.id', 'rct.customer_id')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.status',
      'p.customer_id',
      'pc.name as customer_name',
      'p.created_at',
      'p.referrer_kind',
      'p.referrer_customer_id',
      'rc.name as referrer_customer_name',
      'p.referrer_prospect_id',
      'rp.name as referrer_prospect_name',
      'rp.status as referrer_prospect_status',
      'rp.customer_id as referrer_prospect_customer_id',
      'rpc.name as referrer_prospect_customer_name',
      'p.referrer_contact_id',
      'rct.name as referrer_contact_name',
      'rctc.id as referrer_contact_customer_id',
      'rctc.name as referrer_contact_customer_name',
      'p.referrer_name',
      eb.case().when('p.id', 'in', prospectsSeen).then(1).else(0).end().as('visible'),
      eb.case().when('p.customer_id', 'in', customersSeen).then(1).else(0).end().as('customer_visible'),
      eb.case().when('rc.id', 'in', customersSeen).then(1).else(0).end().as('referrer_customer_visible'),
      eb.case().when('rp.id', 'in', prospectsSeen).then(1).else(0).end().as('referrer_prospect_visible'),
      eb
        .case()
        .when('rp.customer_id', 'in', customersSeen)
        .then(1)
        .else(0)
        .end()
        .as('referrer_prospect_customer_visible'),
      eb.case().when('rct.id', 'in', contactsSeen).then(1).else(0).end().as('referrer_contact_visible'),
    ])
    .where('p.merged_into_kind', 'is', null)
    .where('p.referrer_kind', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('p.id', 'in', prospectsSeen),
        eb('p.customer_id', 'in', customersSeen),
        eb('p.referrer_customer_id', 'in', customersSeen),
        eb('p.referrer_prospect_id', 'in', prospectsSeen),
        eb('rp.customer_id', 'in', customersSeen),
        eb('p.referrer_contact_id', 'in', contactsSeen),
        eb.and([eb('p.referrer_kind', '=', 'person'), eb('p.referrer_name', 'in', personsSeen)]),
      ]),
    )
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}

/** Customer-to-customer introductions (customer_links of kind referral) touching the viewer's scope. */
export function customerReferrals(db: Db, viewer: Viewer, limit: number) {
  const customersSeen = visibleCustomers(db, viewer);
  return db
    .selectFrom('customer_links as l')
    .innerJoin('customers as f', 'f.id', 'l.from_customer_id')
    .innerJoin('customers as t', 't.id', 'l.to_customer_id')
    .select((eb) => [
      'l.from_customer_id',
      'f.name as from_name',
      'l.to_customer_id',
      't.name as to_name',
      'l.created_at',
      eb.case().when('f.id', 'in', customersSeen).then(1).else(0).end().as('from_visible'),
      eb.case().when('t.id', 'in', customersSeen).then(1).else(0).end().as('to_visible'),
    ])
    .where('l.kind', '=', 'referral')
    .where((eb) =>
      eb.or([eb('l.from_customer_id', 'in', customersSeen), eb('l.to_customer_id', 'in', customersSeen)]),
    )
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The prospect each of these customers was converted from (its status, and whether the viewer sees
 * that prospect), so a customer in the network shows as the converted prospect it is.
 */
export async function conversionsOf(db: Db, viewer: Viewer, customerIds: readonly number[]) {
  const rows: { customer_id: number | null; status: string; visible: number }[] = [];
  const ids = [...new Set(customerIds)];
  // Bounded IN lists: SQLite and PostgreSQL cap the parameters of one statement.
  for (let i = 0; i < ids.length; i += 1000) {
    rows.push(
      ...(await db
        .selectFrom('prospects')
        .select((eb) => [
          'prospects.customer_id',
          'prospects.status',
          eb.case().when(prospectVisibleTo(viewer)(eb)).then(1).else(0).end().as('visible'),
        ])
        .where('prospects.customer_id', 'in', ids.slice(i, i + 1000))
        .where('prospects.merged_into_kind', 'is', null)
        .execute()),
    );
  }
  return rows;
}
