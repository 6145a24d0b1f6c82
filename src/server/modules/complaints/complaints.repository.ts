import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { z } from 'zod';
import type { complaintListQuery } from '../../../shared/schemas/complaint';
import type { ComplaintTable, DB, Db } from '../../db/database';
import { pageOf } from '../../db/paging';
import { customerVisibleTo, type Viewer } from '../../http/access';

// All Kysely code of complaints, suggestions and praise (DOMAIN §5). A case is seen by whoever sees
// its customer (access.ts); instants are ISO strings in UTC, so comparing them as text orders them.

export type ComplaintListQuery = z.output<typeof complaintListQuery>;

function withNames(db: Db) {
  return db
    .selectFrom('complaints')
    .innerJoin('customers', 'customers.id', 'complaints.customer_id')
    .leftJoin('users as assignee', 'assignee.id', 'complaints.assignee_id')
    .leftJoin('users as escalated', 'escalated.id', 'complaints.escalated_to')
    .leftJoin('users as resolver', 'resolver.id', 'complaints.resolved_by')
    .leftJoin('users as creator', 'creator.id', 'complaints.created_by')
    .selectAll('complaints')
    .select([
      'customers.code as customer_code',
      'customers.name as customer_name',
      'assignee.display_name as assignee_name',
      'escalated.display_name as escalated_to_name',
      'resolver.display_name as resolved_by_name',
      'creator.display_name as created_by_name',
    ]);
}

export type ComplaintWithNames = NonNullable<Awaited<ReturnType<typeof findVisibleComplaint>>>;

/** Open after its deadline, or resolved after it (the rule of domain/complaints.ts, as SQL). */
const breachedAt = (now: string) => (eb: ExpressionBuilder<DB, 'complaints'>) =>
  eb.and([
    eb('complaints.deadline_at', 'is not', null),
    eb.or([
      eb.and([eb('complaints.resolved_at', 'is', null), eb('complaints.deadline_at', '<', now)]),
      eb.and([
        eb('complaints.resolved_at', 'is not', null),
        eb('complaints.resolved_at', '>', eb.ref('complaints.deadline_at')),
      ]),
    ]),
  ]);

/** The case when the viewer sees its customer; otherwise nothing, as if it did not exist. */
export function findVisibleComplaint(db: Db, viewer: Viewer, id: number) {
  return withNames(db).where('complaints.id', '=', id).where(customerVisibleTo(viewer)).executeTakeFirst();
}

export function listComplaints(db: Db, viewer: Viewer, query: ComplaintListQuery, now: string) {
  let q = withNames(db).where(customerVisibleTo(viewer));
  if (query.status) q = q.where('complaints.status', '=', query.status);
  if (query.kind) q = q.where('complaints.kind', '=', query.kind);
  if (query.category) q = q.where('complaints.category', '=', query.category);
  if (query.severity) q = q.where('complaints.severity', '=', query.severity);
  if (query.customerId !== undefined) q = q.where('complaints.customer_id', '=', query.customerId);
  if (query.assigneeId !== undefined) q = q.where('complaints.assignee_id', '=', query.assigneeId);
  if (query.breached === 'true') q = q.where(breachedAt(now));
  if (query.breached === 'false') q = q.where((eb) => eb.not(breachedAt(now)(eb)));
  const dir = query.order;
  return pageOf(
    q,
    (x) =>
      query.sort === 'deadlineAt'
        ? // Praise has no deadline: last in either direction, on both dialects.
          x
            .orderBy(sql`case when complaints.deadline_at is null then 1 else 0 end`)
            .orderBy('complaints.deadline_at', dir)
            .orderBy('complaints.id', dir)
        : x.orderBy('complaints.received_at', dir).orderBy('complaints.id', dir),
    query.page,
    query.pageSize,
  );
}

/** The customer's cases, newest first (the caller has checked the customer is visible). */
export function listCustomerComplaints(db: Db, customerId: number) {
  return withNames(db)
    .where('complaints.customer_id', '=', customerId)
    .orderBy('complaints.received_at', 'desc')
    .orderBy('complaints.id', 'desc')
    .execute();
}

export async function insertComplaint(db: Db, row: Insertable<ComplaintTable>) {
  const { id } = await db.insertInto('complaints').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates when the version still matches, moving it on; answers whether it did. */
export async function updateComplaint(
  db: Db,
  id: number,
  expectedVersion: number,
  set: Omit<Updateable<ComplaintTable>, 'id' | 'customer_id' | 'version'>,
) {
  const result = await db
    .updateTable('complaints')
    .set({ ...set, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- people

export function findUser(db: Db, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'team_id', 'active', 'locale'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export const isCustomerVisible = async (db: Db, viewer: Viewer, customerId: number) =>
  (await db
    .selectFrom('customers')
    .select('customers.id')
    .where('customers.id', '=', customerId)
    .where(customerVisibleTo(viewer))
    .executeTakeFirst()) !== undefined;

// ---- the day page's alerts

const alertCases = (db: Db, viewer: Viewer) =>
  withNames(db)
    .where('complaints.status', '=', 'open')
    .where('complaints.deadline_at', 'is not', null)
    .where((eb) =>
      eb.or([eb('complaints.assignee_id', '=', viewer.id), eb('complaints.escalated_to', '=', viewer.id)]),
    )
    .where(customerVisibleTo(viewer));

/** Open cases with a deadline assigned or escalated to the viewer, earliest deadline first. */
export async function listAlerts(db: Db, viewer: Viewer, now: string, soon: string, limit: number) {
  const base = alertCases(db, viewer);
  const [rows, counts] = await Promise.all([
    base.orderBy('complaints.deadline_at').orderBy('complaints.id').limit(limit).execute(),
    base
      .clearSelect()
      .select((eb) => [
        eb.fn
          .sum<number | string | null>(
            eb.case().when('complaints.deadline_at', '<', now).then(1).else(0).end(),
          )
          .as('breached'),
        eb.fn
          .sum<number | string | null>(
            eb
              .case()
              .when(
                eb.and([eb('complaints.deadline_at', '>=', now), eb('complaints.deadline_at', '<=', soon)]),
              )
              .then(1)
              .else(0)
              .end(),
          )
          .as('due_soon'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, breached: Number(counts.breached ?? 0), dueSoon: Number(counts.due_soon ?? 0) };
}

// ---- the dashboard

/**
 * The facts of every case received in [start, end) whose customer the viewer sees, with the branch
 * of the customer owner's team; optionally of one branch only.
 */
export function dashboardCases(db: Db, viewer: Viewer, start: string, end: string, branchId?: number) {
  let q = db
    .selectFrom('complaints')
    .innerJoin('customers', 'customers.id', 'complaints.customer_id')
    .leftJoin('users as owner', 'owner.id', 'customers.owner_id')
    .leftJoin('teams', 'teams.id', 'owner.team_id')
    .leftJoin('branches', 'branches.id', 'teams.branch_id')
    .select([
      'complaints.kind',
      'complaints.category',
      'complaints.status',
      'complaints.received_at',
      'complaints.deadline_at',
      'complaints.resolved_at',
      'complaints.escalated_at',
      'complaints.fix_satisfaction',
      'branches.id as branch_id',
      'branches.name as branch_name',
    ])
    .where('complaints.received_at', '>=', start)
    .where('complaints.received_at', '<', end)
    .where(customerVisibleTo(viewer));
  if (branchId !== undefined) q = q.where('branches.id', '=', branchId);
  return q.execute();
}

export type DashboardCase = Awaited<ReturnType<typeof dashboardCases>>[number];

// ---- escalation

/** Open cases past their deadline not yet escalated (optionally only some), oldest deadline first. */
export function overdueCases(db: Db, now: string, ids?: readonly number[]) {
  let q = db
    .selectFrom('complaints')
    .innerJoin('customers', 'customers.id', 'complaints.customer_id')
    .leftJoin('users as assignee', 'assignee.id', 'complaints.assignee_id')
    .select([
      'complaints.id',
      'complaints.customer_id',
      'complaints.kind',
      'complaints.subject',
      'complaints.deadline_at',
      'complaints.assignee_id',
      'assignee.team_id as assignee_team_id',
      'assignee.display_name as assignee_name',
      'customers.name as customer_name',
    ])
    .where('complaints.status', '=', 'open')
    .where('complaints.escalated_at', 'is', null)
    .where('complaints.deadline_at', 'is not', null)
    .where('complaints.deadline_at', '<', now);
  if (ids) q = q.where('complaints.id', 'in', ids.length > 0 ? ids : [0]);
  return q.orderBy('complaints.deadline_at').orderBy('complaints.id').execute();
}

export type OverdueCase = Awaited<ReturnType<typeof overdueCases>>[number];

/** The active team leads of these teams, and the active administrators (lowest id first). */
export function escalationTargets(db: Db, teamIds: readonly number[]) {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'team_id', 'display_name'])
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([
        eb('role', '=', 'admin'),
        eb.and([eb('role', '=', 'team_lead'), eb('team_id', 'in', teamIds.length > 0 ? teamIds : [0])]),
      ]),
    )
    .orderBy('id')
    .execute();
}

/**
 * Marks the case escalated unless someone did already (another instance's sweep, on PostgreSQL) or
 * it is no longer open and overdue; answers whether this call did. The version is left alone: no
 * field an editor changes is touched, so an edit prepared before the escalation still applies.
 */
export async function markEscalated(db: Db, id: number, now: string, escalatedTo: number | null) {
  const result = await db
    .updateTable('complaints')
    .set({ escalated_at: now, escalated_to: escalatedTo, updated_at: now })
    .where('id', '=', id)
    .where('escalated_at', 'is', null)
    .where('status', '=', 'open')
    .where('deadline_at', '<', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
