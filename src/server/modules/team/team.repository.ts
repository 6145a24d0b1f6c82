import type { Db } from '../../db/database';

// Figures of one team over a period, for its lead (issue #5 part 8).

export function teamById(db: Db, id: number) {
  return db.selectFrom('teams').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function members(db: Db, teamId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('team_id', '=', teamId)
    .where('role', 'in', ['rm', 'team_lead'])
    .where('active', '=', 1)
    .orderBy('username')
    .execute();
}

export function planStatuses(db: Db, ownerIds: number[], fromAt: string, toAt: string) {
  return db
    .selectFrom('visit_plans')
    .select((eb) => ['owner_id', 'status', eb.fn.countAll<number>().as('n')])
    .where('owner_id', 'in', ownerIds)
    .where('starts_at', '>=', fromAt)
    .where('starts_at', '<', toAt)
    .groupBy(['owner_id', 'status'])
    .execute();
}

export function objectiveOutcomes(db: Db, ownerIds: number[], fromAt: string, toAt: string) {
  return db
    .selectFrom('visit_objectives')
    .innerJoin('visit_plans', 'visit_plans.id', 'visit_objectives.plan_id')
    .select((eb) => ['visit_plans.owner_id', 'visit_objectives.outcome', eb.fn.countAll<number>().as('n')])
    .where('visit_plans.owner_id', 'in', ownerIds)
    .where('visit_plans.status', '=', 'completed')
    .where('visit_plans.starts_at', '>=', fromAt)
    .where('visit_plans.starts_at', '<', toAt)
    .groupBy(['visit_plans.owner_id', 'visit_objectives.outcome'])
    .execute();
}

/** Every contact with a customer the members recorded in the period (not prospects): who, which, when. */
export function contacts(db: Db, recorderIds: number[], fromAt: string, toAt: string) {
  return db
    .selectFrom('interactions')
    .select(['recorded_by', 'customer_id', 'occurred_at'])
    .where('customer_id', 'is not', null)
    .$narrowType<{ customer_id: number }>()
    .where('recorded_by', 'in', recorderIds)
    .where('occurred_at', '>=', fromAt)
    .where('occurred_at', '<', toAt)
    .execute();
}

export function customersOwned(db: Db, ownerIds: number[]) {
  return db
    .selectFrom('customers')
    .select((eb) => ['owner_id', eb.fn.countAll<number>().as('n')])
    .where('owner_id', 'in', ownerIds)
    .groupBy('owner_id')
    .execute();
}
