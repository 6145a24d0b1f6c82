import { type Insertable, sql, type Updateable } from 'kysely';
import { DEPOSIT_PRODUCTS, LOAN_PRODUCTS, type PortfolioScope } from '../../../shared/codes';
import { bankDayStart } from '../../../shared/schemas/common';
import type { Db, ExitPlanEventTable, ExitPlanStepTable, ExitPlanTable } from '../../db/database';
import { pageOf } from '../../db/paging';
import { customerVisibleTo, type Viewer } from '../../http/access';
import { inRange, type Range } from '../customer-value/customer-value.repository';
import { inPortfolio } from '../loyalty/loyalty.repository';

/** Plans that are under way: a customer has at most one. */
const ACTIVE_STATUSES = ['draft', 'submitted', 'approved', 'executing'] as const;

const planColumns = [
  'exit_plans.id',
  'exit_plans.customer_id',
  'customers.code as customer_code',
  'customers.name as customer_name',
  'customers.kind as customer_kind',
  'customers.owner_id',
  'customers.version as customer_version',
  'owner.display_name as owner_name',
  'owner.team_id as owner_team_id',
  'exit_plans.status',
  'exit_plans.content',
  'exit_plans.willingness',
  'exit_plans.scope',
  'exit_plans.business_lines',
  'exit_plans.object',
  'exit_plans.means',
  'exit_plans.reasons',
  'exit_plans.reason_note',
  'exit_plans.triggers_json',
  'exit_plans.target_date',
  'exit_plans.review_stage',
  'exit_plans.asset_balance',
  'exit_plans.liability_balance',
  'exit_plans.completed_on',
  'exit_plans.created_by',
  'creator.display_name as created_by_name',
  'exit_plans.version',
  'exit_plans.created_at',
  'exit_plans.updated_at',
] as const;

const visiblePlans = (db: Db, viewer: Viewer) =>
  db
    .selectFrom('exit_plans')
    .innerJoin('customers', 'customers.id', 'exit_plans.customer_id')
    .leftJoin('users as owner', 'owner.id', 'customers.owner_id')
    .innerJoin('users as creator', 'creator.id', 'exit_plans.created_by')
    .where(customerVisibleTo(viewer));

export const findPlan = (db: Db, viewer: Viewer, id: number) =>
  visiblePlans(db, viewer).select(planColumns).where('exit_plans.id', '=', id).executeTakeFirst();

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export interface PlanFilter {
  status?: string;
  customerId?: number;
  /** submitted plans at this review stage (and, for a team lead, of their team) */
  stage?: 'team_lead' | 'risk';
}

export function listPlans(db: Db, viewer: Viewer, f: PlanFilter, page: number, pageSize: number) {
  let q = visiblePlans(db, viewer).select([
    ...planColumns,
    (eb) =>
      eb
        .selectFrom('exit_plan_steps')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('exit_plan_steps.plan_id', '=', 'exit_plans.id')
        .as('steps_total'),
    (eb) =>
      eb
        .selectFrom('exit_plan_steps')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('exit_plan_steps.plan_id', '=', 'exit_plans.id')
        .where('exit_plan_steps.done_on', 'is not', null)
        .as('steps_done'),
  ]);
  if (f.status) q = q.where('exit_plans.status', '=', f.status);
  if (f.customerId !== undefined) q = q.where('exit_plans.customer_id', '=', f.customerId);
  if (f.stage)
    q = q.where('exit_plans.status', '=', 'submitted').where('exit_plans.review_stage', '=', f.stage);
  return pageOf(
    q,
    (x) => x.orderBy('exit_plans.updated_at', 'desc').orderBy('exit_plans.id', 'desc'),
    page,
    pageSize,
  );
}

export const activePlanOf = (db: Db, customerId: number) =>
  db
    .selectFrom('exit_plans')
    .select(['id', 'status'])
    .where('customer_id', '=', customerId)
    .where('status', 'in', ACTIVE_STATUSES as unknown as string[])
    .executeTakeFirst();

export const listSteps = (db: Db, planId: number) =>
  db
    .selectFrom('exit_plan_steps')
    .innerJoin('users', 'users.id', 'exit_plan_steps.owner_id')
    .select([
      'exit_plan_steps.id',
      'exit_plan_steps.kind',
      'exit_plan_steps.title',
      'exit_plan_steps.owner_id',
      'users.display_name as owner_name',
      'exit_plan_steps.due_on',
      'exit_plan_steps.done_on',
      'exit_plan_steps.note',
    ])
    .where('exit_plan_steps.plan_id', '=', planId)
    .orderBy('exit_plan_steps.position')
    .execute();

export const listEvents = (db: Db, planId: number) =>
  db
    .selectFrom('exit_plan_events')
    .leftJoin('users', 'users.id', 'exit_plan_events.by_user')
    .select([
      'exit_plan_events.action',
      'exit_plan_events.from_status',
      'exit_plan_events.to_status',
      'exit_plan_events.note',
      'exit_plan_events.by_user',
      'users.display_name as by_name',
      'exit_plan_events.at',
    ])
    .where('exit_plan_events.plan_id', '=', planId)
    .orderBy('exit_plan_events.id')
    .execute();

export async function insertPlan(db: Db, row: Insertable<ExitPlanTable>) {
  const { id } = await db.insertInto('exit_plans').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Writes when the version is the one read, moving it on; false when it is not. */
export async function updatePlan(db: Db, id: number, version: number, set: Updateable<ExitPlanTable>) {
  const res = await db
    .updateTable('exit_plans')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function replaceSteps(
  db: Db,
  planId: number,
  steps: Omit<Insertable<ExitPlanStepTable>, 'plan_id'>[],
) {
  await db.deleteFrom('exit_plan_steps').where('plan_id', '=', planId).execute();
  if (steps.length > 0) {
    await db
      .insertInto('exit_plan_steps')
      .values(steps.map((s) => ({ ...s, plan_id: planId })))
      .execute();
  }
}

export const updateStep = (db: Db, planId: number, stepId: number, set: Updateable<ExitPlanStepTable>) =>
  db
    .updateTable('exit_plan_steps')
    .set(set)
    .where('plan_id', '=', planId)
    .where('id', '=', stepId)
    .executeTakeFirst();

export const insertEvent = (db: Db, row: Insertable<ExitPlanEventTable>) =>
  db.insertInto('exit_plan_events').values(row).execute();

export const deletePlan = async (db: Db, id: number) => {
  await db.deleteFrom('exit_plan_events').where('plan_id', '=', id).execute();
  await db.deleteFrom('exit_plan_steps').where('plan_id', '=', id).execute();
  await db.deleteFrom('exit_plans').where('id', '=', id).execute();
};

/** Active users among the ids. */
export async function activeUsers(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return new Set<number>();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', ids as number[])
    .where('active', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The customer's loan and deposit balances (fen) in the latest month with figures. */
export async function balancesOf(db: Db, customerId: number) {
  const row = await db
    .selectFrom('account_monthly as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select([
      sql<
        number | null
      >`sum(CASE WHEN a.product IN (${sql.join(LOAN_PRODUCTS)}) THEN m.avg_balance ELSE 0 END)`.as('asset'),
      sql<
        number | null
      >`sum(CASE WHEN a.product IN (${sql.join(DEPOSIT_PRODUCTS)}) THEN m.avg_balance ELSE 0 END)`.as(
        'liability',
      ),
    ])
    .where('a.customer_id', '=', customerId)
    .where(
      'm.month',
      '=',
      db
        .selectFrom('account_monthly as m2')
        .innerJoin('accounts as a2', 'a2.id', 'm2.account_id')
        .select((eb) => eb.fn.max('m2.month').as('month'))
        .where('a2.customer_id', '=', customerId),
    )
    .executeTakeFirst();
  return { asset: Number(row?.asset ?? 0), liability: Number(row?.liability ?? 0) };
}

/** Customers whose whole exit was completed, with the day (the earliest, should there be several). */
export async function completedWholeExits(db: Db, range: Range) {
  const rows = await db
    .selectFrom('exit_plans')
    .select(['customer_id', (eb) => eb.fn.min('completed_on').as('completed_on')])
    .where(inRange('customer_id', range))
    .where('status', '=', 'completed')
    .where('content', '=', 'customer')
    .where('scope', '=', 'whole')
    .groupBy('customer_id')
    .execute();
  return new Map(rows.map((r) => [r.customer_id, r.completed_on as string]));
}

/** The plans of a portfolio's customers, created in the period, for the exit report. */
export function reportPlans(db: Db, scope: PortfolioScope, scopeId: number, from?: string, to?: string) {
  let q = db
    .selectFrom('exit_plans')
    .innerJoin('customers as c', 'c.id', 'exit_plans.customer_id')
    .select([
      'exit_plans.status',
      'exit_plans.scope',
      'exit_plans.means',
      'exit_plans.reasons',
      'exit_plans.asset_balance',
      'exit_plans.liability_balance',
      'exit_plans.completed_on',
    ])
    .where(inPortfolio(scope, scopeId));
  if (from) q = q.where('exit_plans.created_at', '>=', bankDayStart(from));
  if (to) q = q.where('exit_plans.created_at', '<', bankDayStart(to, 1));
  return q.execute();
}

export function candidateCounts(db: Db, scope: PortfolioScope, scopeId: number) {
  return db
    .selectFrom('exit_candidates')
    .innerJoin('customers as c', 'c.id', 'exit_candidates.customer_id')
    .select(['exit_candidates.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inPortfolio(scope, scopeId))
    .groupBy('exit_candidates.status')
    .execute();
}

/** Special-mention customers the viewer sees, with their loan balance and where they stand on exit. */
export function watchList(db: Db, viewer: Viewer, q: string | undefined, page: number, pageSize: number) {
  let query = db
    .selectFrom('customers')
    .leftJoin('users as owner', 'owner.id', 'customers.owner_id')
    .leftJoin('exit_candidates', 'exit_candidates.customer_id', 'customers.id')
    .where('customers.loan_class', '=', 'special_mention')
    .where(customerVisibleTo(viewer))
    .select((eb) => [
      'customers.id',
      'customers.code',
      'customers.name',
      'customers.kind',
      'customers.credit_grade',
      'customers.owner_id',
      'owner.display_name as owner_name',
      'exit_candidates.rules',
      eb
        .selectFrom('risk_flags')
        .select((f) => f.fn.countAll<number>().as('n'))
        .whereRef('risk_flags.customer_id', '=', 'customers.id')
        .where('risk_flags.cleared_on', 'is', null)
        .as('active_flags'),
      eb
        .selectFrom('exit_plans')
        .select((p) => p.fn.max('exit_plans.id').as('id'))
        .whereRef('exit_plans.customer_id', '=', 'customers.id')
        .as('plan_id'),
    ]);
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('customers.name', 'like', sql<string>`${like} escape '\\'`),
        eb('customers.code', 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  return pageOf(query, (x) => x.orderBy('customers.id'), page, pageSize);
}

/** Loan balances (fen) of the customers in the latest month each has figures for. */
export async function loanBalances(db: Db, customerIds: readonly number[]) {
  if (customerIds.length === 0) return new Map<number, number>();
  const rows = await db
    .selectFrom('account_monthly as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['a.customer_id', 'm.month', (eb) => eb.fn.sum<number>('m.avg_balance').as('balance')])
    .where('a.customer_id', 'in', customerIds as number[])
    .where('a.product', 'in', LOAN_PRODUCTS as string[])
    .groupBy(['a.customer_id', 'm.month'])
    .execute();
  const latest = new Map<number, { month: string; balance: number }>();
  for (const r of rows) {
    const seen = latest.get(r.customer_id);
    if (!seen || r.month > seen.month)
      latest.set(r.customer_id, { month: r.month, balance: Number(r.balance) });
  }
  return new Map([...latest].map(([id, v]) => [id, v.balance]));
}

export const planStatuses = async (db: Db, ids: readonly number[]) => {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom('exit_plans')
    .select(['id', 'status'])
    .where('id', 'in', ids as number[])
    .execute();
  return new Map(rows.map((r) => [r.id, r.status]));
};
