import type { Db } from '../../db/database';

// The day page's reads: each by the owner's or recorder's index, so an RM with thousands of customers
// and tens of thousands of contacts is answered from a few index ranges. Visits, tasks and contacts
// may concern a customer or a prospect (DOMAIN §4).

export function plansStartingBetween(db: Db, ownerId: number, fromAt: string, toAt: string, limit: number) {
  return db
    .selectFrom('visit_plans')
    .leftJoin('customers', 'customers.id', 'visit_plans.customer_id')
    .leftJoin('prospects', 'prospects.id', 'visit_plans.prospect_id')
    .select([
      'visit_plans.id',
      'visit_plans.status',
      'visit_plans.starts_at',
      'visit_plans.place',
      'customers.id as customer_id',
      'customers.code as customer_code',
      'customers.name as customer_name',
      'prospects.id as prospect_id',
      'prospects.code as prospect_code',
      'prospects.name as prospect_name',
    ])
    .where('visit_plans.owner_id', '=', ownerId)
    .where('visit_plans.starts_at', '>=', fromAt)
    .where('visit_plans.starts_at', '<', toAt)
    .where('visit_plans.status', '!=', 'cancelled')
    .orderBy('visit_plans.starts_at')
    .limit(limit)
    .execute();
}

function openTasks(db: Db, ownerId: number) {
  return db
    .selectFrom('tasks')
    .leftJoin('customers', 'customers.id', 'tasks.customer_id')
    .leftJoin('prospects', 'prospects.id', 'tasks.prospect_id')
    .where('tasks.owner_id', '=', ownerId)
    .where('tasks.status', '=', 'open');
}

export async function openTasksDue(
  db: Db,
  ownerId: number,
  range: { before?: string; on?: string },
  limit: number,
) {
  let q = openTasks(db, ownerId);
  if (range.before) q = q.where('tasks.due_on', '<', range.before);
  if (range.on) q = q.where('tasks.due_on', '=', range.on);
  const [rows, count] = await Promise.all([
    q
      .select([
        'tasks.id',
        'tasks.title',
        'tasks.due_on',
        'tasks.status',
        'tasks.source',
        'customers.id as customer_id',
        'customers.code as customer_code',
        'customers.name as customer_name',
        'prospects.id as prospect_id',
        'prospects.code as prospect_code',
        'prospects.name as prospect_name',
      ])
      .orderBy('tasks.due_on')
      .orderBy('tasks.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Completed visits of the owner whose memo items are still open, with how many. */
export async function memosAwaitingFollowUp(db: Db, ownerId: number, limit: number) {
  const q = db
    .selectFrom('tasks')
    .innerJoin('visit_plans', 'visit_plans.id', 'tasks.plan_id')
    .leftJoin('customers', 'customers.id', 'visit_plans.customer_id')
    .leftJoin('prospects', 'prospects.id', 'visit_plans.prospect_id')
    .where('visit_plans.owner_id', '=', ownerId)
    .where('tasks.source', '=', 'memo')
    .where('tasks.status', '=', 'open');
  const [rows, count] = await Promise.all([
    q
      .select((eb) => [
        'visit_plans.id',
        'visit_plans.completed_at',
        'customers.id as customer_id',
        'customers.code as customer_code',
        'customers.name as customer_name',
        'prospects.id as prospect_id',
        'prospects.code as prospect_code',
        'prospects.name as prospect_name',
        eb.fn.countAll<number>().as('open_items'),
        eb.fn.min('tasks.due_on').as('next_due'),
      ])
      .groupBy([
        'visit_plans.id',
        'visit_plans.completed_at',
        'customers.id',
        'customers.code',
        'customers.name',
        'prospects.id',
        'prospects.code',
        'prospects.name',
      ])
      .orderBy('next_due')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.count<number>('visit_plans.id').distinct().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function recentInteractions(db: Db, recordedBy: number, limit: number) {
  return db
    .selectFrom('interactions')
    .leftJoin('customers', 'customers.id', 'interactions.customer_id')
    .leftJoin('prospects', 'prospects.id', 'interactions.prospect_id')
    .select([
      'interactions.id',
      'interactions.channel',
      'interactions.occurred_at',
      'interactions.summary',
      'customers.id as customer_id',
      'customers.code as customer_code',
      'customers.name as customer_name',
      'prospects.id as prospect_id',
      'prospects.code as prospect_code',
      'prospects.name as prospect_name',
    ])
    .where('interactions.recorded_by', '=', recordedBy)
    .orderBy('interactions.occurred_at', 'desc')
    .orderBy('interactions.id', 'desc')
    .limit(limit)
    .execute();
}

export async function plansToApprove(db: Db, teamId: number, limit: number) {
  const q = db
    .selectFrom('visit_plans')
    .innerJoin('users', 'users.id', 'visit_plans.owner_id')
    .leftJoin('customers', 'customers.id', 'visit_plans.customer_id')
    .leftJoin('prospects', 'prospects.id', 'visit_plans.prospect_id')
    .where('users.team_id', '=', teamId)
    .where('visit_plans.status', '=', 'pending_approval');
  const [rows, count] = await Promise.all([
    q
      .select([
        'visit_plans.id',
        'visit_plans.starts_at',
        'users.display_name as owner_name',
        'customers.id as customer_id',
        'customers.code as customer_code',
        'customers.name as customer_name',
        'prospects.id as prospect_id',
        'prospects.code as prospect_code',
        'prospects.name as prospect_name',
      ])
      .orderBy('visit_plans.starts_at')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
