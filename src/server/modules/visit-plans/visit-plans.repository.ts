import type { Insertable } from 'kysely';
import type { VisitPlanListQuery } from '../../../shared/schemas/visit-plan';
import type { Db, VisitObjectiveTable, VisitPlanTable } from '../../db/database';
import { pageOf } from '../../db/paging';
import { updateVersioned } from '../../db/versioned';
import { subjectVisibleTo, type Viewer } from '../../http/access';

// Visit plans are read through their customer or prospect, so the viewer's scope applies (ARCHITECTURE
// rule 4).

function withNames(db: Db) {
  return db
    .selectFrom('visit_plans')
    .leftJoin('customers', 'customers.id', 'visit_plans.customer_id')
    .leftJoin('prospects', 'prospects.id', 'visit_plans.prospect_id')
    .innerJoin('users as owner', 'owner.id', 'visit_plans.owner_id')
    .leftJoin('users as decider', 'decider.id', 'visit_plans.decided_by')
    .selectAll('visit_plans')
    .select([
      'customers.code as customer_code',
      'customers.name as customer_name',
      'prospects.code as prospect_code',
      'prospects.name as prospect_name',
      'prospects.kind as prospect_kind',
      'owner.display_name as owner_name',
      'owner.team_id as owner_team_id',
      'decider.display_name as decided_by_name',
    ]);
}

export type PlanWithNames = NonNullable<Awaited<ReturnType<typeof findVisiblePlan>>>;

export function findVisiblePlan(db: Db, viewer: Viewer, id: number) {
  return withNames(db).where('visit_plans.id', '=', id).where(subjectVisibleTo(viewer)).executeTakeFirst();
}

export async function listPlans(
  db: Db,
  viewer: Viewer,
  query: VisitPlanListQuery & { fromAt?: string; toAt?: string },
) {
  let q = withNames(db).where(subjectVisibleTo(viewer));
  if (query.status) q = q.where('visit_plans.status', '=', query.status);
  if (query.customerId !== undefined) q = q.where('visit_plans.customer_id', '=', query.customerId);
  if (query.prospectId !== undefined) q = q.where('visit_plans.prospect_id', '=', query.prospectId);
  if (query.ownerId !== undefined) q = q.where('visit_plans.owner_id', '=', query.ownerId);
  if (query.fromAt) q = q.where('visit_plans.starts_at', '>=', query.fromAt);
  if (query.toAt) q = q.where('visit_plans.starts_at', '<', query.toAt);
  return pageOf(
    q,
    (x) => x.orderBy('visit_plans.starts_at', 'desc').orderBy('visit_plans.id', 'desc'),
    query.page,
    query.pageSize,
  );
}

/** Plans of one owner starting in [from, to), soonest first (the day page, the calendar). */
export function plansOfOwnerBetween(db: Db, ownerId: number, fromAt: string, toAt: string) {
  return withNames(db)
    .where('visit_plans.owner_id', '=', ownerId)
    .where('visit_plans.starts_at', '>=', fromAt)
    .where('visit_plans.starts_at', '<', toAt)
    .where('visit_plans.status', 'not in', ['cancelled'])
    .orderBy('visit_plans.starts_at')
    .execute();
}

export function objectivesOf(db: Db, planIds: number[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('visit_objectives')
    .selectAll()
    .where('plan_id', 'in', planIds)
    .orderBy('plan_id')
    .orderBy('position')
    .execute();
}

export async function insertPlan(db: Db, row: Insertable<VisitPlanTable>) {
  const { id } = await db.insertInto('visit_plans').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function replaceObjectives(
  db: Db,
  planId: number,
  rows: Omit<Insertable<VisitObjectiveTable>, 'plan_id'>[],
) {
  await db.deleteFrom('visit_objectives').where('plan_id', '=', planId).execute();
  if (rows.length > 0) {
    await db
      .insertInto('visit_objectives')
      .values(rows.map((r) => ({ ...r, plan_id: planId })))
      .execute();
  }
}

export async function setOutcome(
  db: Db,
  planId: number,
  objectiveId: number,
  outcome: string,
  actual: number | null,
) {
  await db
    .updateTable('visit_objectives')
    .set({ outcome, actual })
    .where('id', '=', objectiveId)
    .where('plan_id', '=', planId)
    .execute();
}

/** Updates when the version (and, when given, the status) still match; answers whether it did. */
export const updatePlan = (
  db: Db,
  id: number,
  expectedVersion: number,
  set: Parameters<typeof updateVersioned<'visit_plans'>>[4],
) => updateVersioned(db, 'visit_plans', id, expectedVersion, set);

export function contactsOfCustomer(db: Db, customerId: number, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contacts')
    .select(['id', 'name'])
    .where('customer_id', '=', customerId)
    .where('id', 'in', ids)
    .execute();
}

/** The team leads of a team, who approve its plans. */
export function teamLeads(db: Db, teamId: number) {
  return db
    .selectFrom('users')
    .select(['id'])
    .where('team_id', '=', teamId)
    .where('role', '=', 'team_lead')
    .where('active', '=', 1)
    .execute();
}

export async function teamNeedsApproval(db: Db, teamId: number | null) {
  if (teamId === null) return false;
  const row = await db
    .selectFrom('teams')
    .select('plans_need_approval')
    .where('id', '=', teamId)
    .executeTakeFirst();
  return row?.plans_need_approval === 1;
}

export function interactionOfPlan(db: Db, planId: number) {
  return db
    .selectFrom('interactions')
    .select('id')
    .where('plan_id', '=', planId)
    .orderBy('id')
    .executeTakeFirst();
}

export function memoTasksOf(db: Db, planId: number) {
  return db
    .selectFrom('tasks')
    .select('id')
    .where('plan_id', '=', planId)
    .where('source', '=', 'memo')
    .orderBy('id')
    .execute();
}
