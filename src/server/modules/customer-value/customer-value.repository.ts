import { type Insertable, sql } from 'kysely';
import { monthIndex, monthText } from '../../../domain/months';
import { selectArrays, selectColumnsAside } from '../../db/array-rows';
import { bulkInsert } from '../../db/bulk-insert';
import type { Dialect } from '../../db/connect';
import type {
  CustomerRow,
  Db,
  LifecycleHistoryTable,
  ValueRunTable,
  ValueSnapshotTable,
} from '../../db/database';
import { runEach } from '../../db/run-each';
import { executeAside } from '../../db/write-aside';

// All SQL of customer value (issue #7): the figures a run reads per range of customers, the writes of
// what it computed, runs, snapshots and the customers marked for the next incremental run.

/**
 * The latest month with figures, as imports note them in figure_months. Figures written around the
 * application (none noted) are searched in account_monthly itself: keyed (account_id, month), it
 * answers with one index seek per account.
 */
export async function latestFiguresMonth(db: Db): Promise<string | null> {
  const noted = await db
    .selectFrom('figure_months')
    .select((eb) => eb.fn.max('month').as('month'))
    .executeTakeFirst();
  if (noted?.month) return noted.month;
  const row = await sql<{ month: string | null }>`
    SELECT MAX((SELECT MAX(m.month) FROM account_monthly m WHERE m.account_id = a.id)) AS month
    FROM accounts a`.execute(db);
  return row.rows[0]?.month ?? null;
}

/** The first month with figures the imports noted; null when none was noted. */
export async function earliestFiguresMonth(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('figure_months')
    .select((eb) => eb.fn.min('month').as('month'))
    .executeTakeFirst();
  return row?.month ?? null;
}

/** Notes months that now have figures. */
export async function noteFigureMonths(db: Db, months: readonly string[], at: string) {
  if (months.length === 0) return;
  await db
    .insertInto('figure_months')
    .values(months.map((month) => ({ month, noted_at: at })))
    .onConflict((oc) => oc.column('month').doNothing())
    .execute();
}

export async function customerIdBounds(db: Db) {
  const row = await db
    .selectFrom('customers')
    .select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi'), eb.fn.countAll<number>().as('n')])
    .executeTakeFirstOrThrow();
  return { lo: Number(row.lo ?? 0), hi: Number(row.hi ?? 0), n: Number(row.n) };
}

/** In the order customerFacts reads them. */
const FACT_COLUMNS = [
  'id',
  'kind',
  'industry',
  'annual_revenue',
  'financial_assets',
  'need_mask',
  'credit_grade',
  'owner_id',
  'lifecycle_stage',
  'lifecycle_manual',
  'lifecycle_inferred',
  'lifecycle_prev',
  'realized_value',
  'potential_value',
  'model_value',
  'value_as_of',
  'tier_suggested',
  'value_tier',
] as const;

export type Range = { lo: number; hi: number } | { ids: number[] };

export const inRange = (column: string, range: Range) =>
  'ids' in range
    ? sql<boolean>`${sql.ref(column)} IN (${sql.join(range.ids)})`
    : sql<boolean>`${sql.ref(column)} BETWEEN ${range.lo} AND ${range.hi}`;

type FactRow = Pick<CustomerRow, (typeof FACT_COLUMNS)[number]>;

/** One list of values for each of the listed columns. */
type ColumnLists<T extends readonly unknown[]> = { readonly [K in keyof T]: unknown[] };

/**
 * The customers of a range, read aside (array-rows.ts); answers a function that makes them objects of
 * one shape, written out (a loop over the column names makes slower, dictionary-like ones). The value
 * run calls it when the range's turn comes.
 */
export async function customerFacts(db: Db, range: Range): Promise<() => FactRow[]> {
  const read = await selectColumnsAside<ColumnLists<typeof FACT_COLUMNS>>(
    db,
    db.selectFrom('customers').select(FACT_COLUMNS).where(inRange('id', range)).orderBy('id'),
  );
  return () => {
    const { length, columns } = read();
    const [
      id,
      kind,
      industry,
      revenue,
      assets,
      needs,
      grade,
      owner,
      stage,
      manual,
      inferred,
      prev,
      realized,
      potential,
      model,
      asOf,
      suggested,
      tier,
    ] = columns;
    const out: FactRow[] = new Array(length);
    for (let i = 0; i < length; i++)
      out[i] = {
        id: id[i],
        kind: kind[i],
        industry: industry[i],
        annual_revenue: revenue[i],
        financial_assets: assets[i],
        need_mask: needs[i],
        credit_grade: grade[i],
        owner_id: owner[i],
        lifecycle_stage: stage[i],
        lifecycle_manual: manual[i],
        lifecycle_inferred: inferred[i],
        lifecycle_prev: prev[i],
        realized_value: realized[i],
        potential_value: potential[i],
        model_value: model[i],
        value_as_of: asOf[i],
        tier_suggested: suggested[i],
        value_tier: tier[i],
      } as FactRow;
    return out;
  };
}

const ACCOUNT_COLUMNS = ['customer_id', 'product', 'currency', 'opened_on', 'closed_on'] as const;

/** The accounts of a range's customers, read aside; answers a function that gives them. */
export async function accountsOf(db: Db, range: Range) {
  const read = await selectColumnsAside<ColumnLists<typeof ACCOUNT_COLUMNS>>(
    db,
    db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where(inRange('customer_id', range)),
  );
  return () => {
    const { length, columns } = read();
    const [customerId, product, currency, openedOn, closedOn] = columns;
    const out = new Array<{
      customerId: number;
      product: string;
      currency: string;
      openedOn: string;
      closedOn: string | null;
    }>(length);
    for (let i = 0; i < length; i++)
      out[i] = {
        customerId: customerId[i] as number,
        product: product[i] as string,
        currency: currency[i] as string,
        openedOn: openedOn[i] as string,
        closedOn: closedOn[i] as string | null,
      };
    return out;
  };
}

const SUM_COLUMNS = ['id', 'realized', 'rb', 'bb', 'rc', 'bc', 'rb1', 'bb1', 'rc1', 'bc1'] as const;

export interface FigureSums {
  id: number;
  realized: number;
  rb: number;
  bb: number;
  rc: number;
  bc: number;
  rb1: number;
  bb1: number;
  rc1: number;
  bc1: number;
}

/**
 * One pass over the 12 months ending `month` for the customers in range: the realized value and the
 * 3-month sums the lifecycle rule compares, for the month and for the month before (the transitions).
 * `months` are M−11 … M, oldest first. Read from customer_monthly, the per-customer roll-up the
 * database keeps of account_monthly (migration 008): one row per customer and month, in key order.
 */
export async function figureSums(db: Db, range: Range, months: string[]): Promise<() => FigureSums[]> {
  const last = monthIndex(months[months.length - 1]!);
  const m = (k: number) => sql.lit(last - k); // M−k, a constant SQLite compares as an integer
  const within = (from: number, to: number, what: 'avg_balance' | 'contribution') =>
    sql`SUM(CASE WHEN cm.month_index BETWEEN ${m(from)} AND ${m(to)} THEN ${sql.ref(`cm.${what}`)} ELSE 0 END)`;
  const query = sql`
    SELECT cm.customer_id AS id, SUM(cm.contribution) AS realized,
      ${within(2, 0, 'avg_balance')} AS rb, ${within(5, 3, 'avg_balance')} AS bb,
      ${within(2, 0, 'contribution')} AS rc, ${within(5, 3, 'contribution')} AS bc,
      ${within(3, 1, 'avg_balance')} AS rb1, ${within(6, 4, 'avg_balance')} AS bb1,
      ${within(3, 1, 'contribution')} AS rc1, ${within(6, 4, 'contribution')} AS bc1
    FROM customer_monthly cm
    WHERE ${inRange('cm.customer_id', range)} AND cm.month_index BETWEEN ${m(11)} AND ${m(0)}
    GROUP BY cm.customer_id`;
  const read = await selectColumnsAside<ColumnLists<typeof SUM_COLUMNS>>(db, query.compile(db));
  return () => {
    const { length, columns } = read();
    const [id, realized, rb, bb, rc, bc, rb1, bb1, rc1, bc1] = columns;
    const out: FigureSums[] = new Array(length);
    // PostgreSQL sums bigints as numeric, which arrives as text.
    for (let i = 0; i < length; i++)
      out[i] = {
        id: Number(id[i]),
        realized: Number(realized[i]),
        rb: Number(rb[i]),
        bb: Number(bb[i]),
        rc: Number(rc[i]),
        bc: Number(bc[i]),
        rb1: Number(rb1[i]),
        bb1: Number(bb1[i]),
        rc1: Number(rc1[i]),
        bc1: Number(bc1[i]),
      };
    return out;
  };
}

/** What a run writes on a customer. */
export interface ValueUpdate {
  id: number;
  realized_value: number;
  potential_value: number;
  model_value: number;
  value_as_of: string;
  lifecycle_inferred: string;
  lifecycle_prev: string;
  tier_suggested: string;
  /** The value tier to write with the values; null keeps the stored one (the tiers come after). */
  value_tier: string | null;
}

/**
 * Writes the computed columns of many customers; the stage follows the inferred one unless an RM set
 * it by hand. SQLite: one UPDATE by id per customer, prepared once and run for all of them in one call
 * (run-each.ts). PostgreSQL: one UPDATE … FROM the rows as one JSON parameter per 5,000.
 */
export async function writeValues(db: Db, rows: ValueUpdate[], dialect: Dialect) {
  if (dialect === 'postgres') {
    for (let i = 0; i < rows.length; i += 5000) {
      const json = JSON.stringify(rows.slice(i, i + 5000));
      await sql`UPDATE customers c SET realized_value = s.realized_value, potential_value = s.potential_value,
          model_value = s.model_value, value_as_of = s.value_as_of, lifecycle_inferred = s.lifecycle_inferred,
          lifecycle_prev = s.lifecycle_prev, tier_suggested = s.tier_suggested,
          value_tier = COALESCE(s.value_tier, c.value_tier),
          lifecycle_stage = CASE WHEN c.lifecycle_manual = 0 THEN s.lifecycle_inferred ELSE c.lifecycle_stage END
        FROM json_populate_recordset(null::customers, ${json}::json) s WHERE c.id = s.id`.execute(db);
    }
    return;
  }
  // The tier only when a row carries one: a column the UPDATE sets is an index entry SQLite rewrites.
  const withTier = rows.some((r) => r.value_tier !== null);
  await runEach(
    db,
    `UPDATE customers SET realized_value = ?, potential_value = ?, model_value = ?, value_as_of = ?,
      lifecycle_inferred = ?, lifecycle_prev = ?, tier_suggested = ?,
      ${withTier ? 'value_tier = COALESCE(?, value_tier),' : ''}
      lifecycle_stage = CASE WHEN lifecycle_manual = 0 THEN ? ELSE lifecycle_stage END
    WHERE id = ?`,
    rows.map((r) => {
      const list: unknown[] = [
        r.realized_value,
        r.potential_value,
        r.model_value,
        r.value_as_of,
        r.lifecycle_inferred,
        r.lifecycle_prev,
        r.tier_suggested,
      ];
      if (withTier) list.push(r.value_tier);
      list.push(r.lifecycle_inferred, r.id);
      return list;
    }),
  );
}

/**
 * The indexes of the customers' columns a run that rewrites every value moves for most of them: the
 * list's sorting by value (migration 005), its filters by stage (001) and by value tier (005).
 */
const VALUE_INDEXES = [
  ['customers_realized_idx', ['realized_value', 'id']],
  ['customers_potential_idx', ['potential_value', 'id']],
  ['customers_lifecycle_stage_idx', ['lifecycle_stage']],
  ['customers_value_tier_idx', ['value_tier']],
] as const;

export async function dropValueIndexes(db: Db) {
  for (const [name] of VALUE_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}

/** Builds the value indexes that are missing; on SQLite on the driver's reader thread (write-aside.ts). */
export async function createValueIndexes(db: Db) {
  for (const [name, columns] of VALUE_INDEXES) {
    await executeAside(
      db,
      db.schema
        .createIndex(name)
        .ifNotExists()
        .on('customers')
        .columns([...columns]),
    );
  }
}

/** Sets the value tiers of many customers: the ids grouped by their new tier. */
export async function writeTiers(trx: Db, byTier: Map<string, number[]>) {
  for (const [tier, ids] of byTier) {
    for (let i = 0; i < ids.length; i += 10_000) {
      await trx
        .updateTable('customers')
        .set({ value_tier: tier })
        .where('id', 'in', ids.slice(i, i + 10_000))
        .execute();
    }
  }
}

export async function insertHistory(trx: Db, rows: Insertable<LifecycleHistoryTable>[]) {
  await bulkInsert(trx, 'lifecycle_history', rows);
}

/**
 * Every customer's stored figures the tiers and the portfolio analyses read, as arrays: id, owner,
 * realized value, value tier, stage, manual (0/1), inferred stage, stage of the month before.
 */
export function portfolioFacts(db: Db) {
  return selectArrays<
    [number, number | null, number | null, string | null, string, number, string | null, string | null]
  >(
    db,
    db
      .selectFrom('customers')
      .select([
        'id',
        'owner_id',
        'realized_value',
        'value_tier',
        'lifecycle_stage',
        'lifecycle_manual',
        'lifecycle_inferred',
        'lifecycle_prev',
      ]),
  );
}

export function organisation(db: Db) {
  return Promise.all([
    db.selectFrom('users').select(['id', 'team_id', 'display_name']).execute(),
    db.selectFrom('teams').select(['id', 'branch_id', 'name']).execute(),
    db.selectFrom('branches').select(['id', 'name']).execute(),
  ]);
}

export async function replaceSnapshots(trx: Db, asOf: string, rows: Insertable<ValueSnapshotTable>[]) {
  await trx.deleteFrom('value_snapshots').where('as_of', '=', asOf).execute();
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('value_snapshots')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

// ---- runs

export async function insertRun(db: Db, row: Insertable<ValueRunTable>) {
  const r = await db.insertInto('value_runs').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateRun(db: Db, id: number, set: Partial<Omit<ValueRunTable, 'id'>>) {
  await db.updateTable('value_runs').set(set).where('id', '=', id).execute();
}

export function runningRun(db: Db, freshSince: string) {
  return db
    .selectFrom('value_runs')
    .selectAll()
    .where('status', '=', 'running')
    .where('heartbeat_at', '>=', freshSince)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Runs left `running` by a process that stopped: marked failed. */
export async function failStaleRuns(db: Db, staleBefore: string, at: string) {
  await db
    .updateTable('value_runs')
    .set({ status: 'failed', finished_at: at, error: 'interrupted: the process running it stopped' })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', staleBefore)
    .execute();
}

export function getRun(db: Db, id: number) {
  return db
    .selectFrom('value_runs')
    .leftJoin('users', 'users.id', 'value_runs.started_by')
    .selectAll('value_runs')
    .select('users.display_name as started_by_name')
    .where('value_runs.id', '=', id)
    .executeTakeFirst();
}

export function listRuns(db: Db, limit: number) {
  return db
    .selectFrom('value_runs')
    .leftJoin('users', 'users.id', 'value_runs.started_by')
    .selectAll('value_runs')
    .select('users.display_name as started_by_name')
    .orderBy('value_runs.id', 'desc')
    .limit(limit)
    .execute();
}

export function lastFinishedFull(db: Db) {
  return db
    .selectFrom('value_runs')
    .select(['id', 'as_of', 'started_at', 'finished_at'])
    .where('kind', '=', 'full')
    .where('status', '=', 'succeeded')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

// ---- dirty customers

export async function markDirty(db: Db, customerIds: readonly number[], at: string) {
  for (let i = 0; i < customerIds.length; i += 5000) {
    await db
      .insertInto('value_dirty')
      .values(customerIds.slice(i, i + 5000).map((id) => ({ customer_id: id, marked_at: at })))
      .onConflict((oc) => oc.column('customer_id').doNothing())
      .execute();
  }
}

export async function dirtyCount(db: Db) {
  const row = await db
    .selectFrom('value_dirty')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function dirtyIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('value_dirty').select('customer_id').orderBy('customer_id').execute();
  return rows.map((r) => r.customer_id);
}

export async function hasDirty(db: Db) {
  return (await db.selectFrom('value_dirty').select('customer_id').limit(1).executeTakeFirst()) !== undefined;
}

export async function clearDirty(db: Db, ids: readonly number[], markedBefore: string) {
  for (let i = 0; i < ids.length; i += 5000) {
    await db
      .deleteFrom('value_dirty')
      .where('customer_id', 'in', ids.slice(i, i + 5000))
      .where('marked_at', '<=', markedBefore)
      .execute();
  }
}

// ---- one customer

export async function monthlyOfCustomer(db: Db, customerId: number, from: string, to: string) {
  const rows = await db
    .selectFrom('customer_monthly')
    .select(['month_index', 'avg_balance as balance', 'contribution'])
    .where('customer_id', '=', customerId)
    .where('month_index', '>=', monthIndex(from))
    .where('month_index', '<=', monthIndex(to))
    .orderBy('month_index')
    .execute();
  return rows.map((r) => ({
    month: monthText(r.month_index),
    balance: r.balance,
    contribution: r.contribution,
  }));
}

export function accountsOfCustomer(db: Db, customerId: number) {
  return db
    .selectFrom('accounts')
    .select(['product', 'currency', 'opened_on', 'closed_on'])
    .where('customer_id', '=', customerId)
    .execute();
}

// ---- analyses

export function snapshot(db: Db, scope: string, scopeId: number, asOf: string | null) {
  let q = db
    .selectFrom('value_snapshots')
    .selectAll()
    .where('scope', '=', scope)
    .where('scope_id', '=', scopeId);
  if (asOf) q = q.where('as_of', '=', asOf);
  return q.orderBy('as_of', 'desc').limit(1).executeTakeFirst();
}

export function snapshotHistory(db: Db, scope: string, scopeId: number) {
  return db
    .selectFrom('value_snapshots')
    .select(['as_of', 'top20_share', 'customers'])
    .where('scope', '=', scope)
    .where('scope_id', '=', scopeId)
    .orderBy('as_of')
    .execute();
}

// ---- maintenance

/**
 * The customers of the owners with a value tier, not terminated, and the day of the last contact
 * through a qualifying channel (an index seek per customer on interactions (customer_id, occurred_at)).
 */
export function contactFacts(db: Db, ownerIds: readonly number[], channels: readonly string[]) {
  return db
    .selectFrom('customers as c')
    .select((eb) => [
      'c.id',
      'c.code',
      'c.name',
      'c.kind',
      'c.value_tier',
      'c.owner_id',
      'c.created_at',
      eb
        .selectFrom('interactions as i')
        .select((e) => e.fn.max('i.occurred_at').as('last'))
        .whereRef('i.customer_id', '=', 'c.id')
        .where('i.channel', 'in', channels)
        .as('last_contact_at'),
    ])
    .where('c.owner_id', 'in', ownerIds)
    .where('c.value_tier', 'is not', null)
    .where('c.lifecycle_stage', '<>', 'termination')
    .execute();
}

export function formsUsedSince(db: Db, customerId: number, sinceIso: string, channels: readonly string[]) {
  return db
    .selectFrom('interactions')
    .select('maintenance_form')
    .distinct()
    .where('customer_id', '=', customerId)
    .where('occurred_at', '>=', sinceIso)
    .where('channel', 'in', channels)
    .where('maintenance_form', 'is not', null)
    .execute();
}

export function lastContactOf(db: Db, customerId: number, channels: readonly string[]) {
  return db
    .selectFrom('interactions')
    .select((eb) => eb.fn.max('occurred_at').as('last'))
    .where('customer_id', '=', customerId)
    .where('channel', 'in', channels)
    .executeTakeFirst();
}

export function usersOfTeams(db: Db, teamIds: readonly number[] | null) {
  let q = db
    .selectFrom('users')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .select(['users.id', 'users.display_name', 'users.team_id', 'teams.name as team_name'])
    .where('users.role', 'in', ['rm', 'team_lead']);
  if (teamIds) q = q.where('users.team_id', 'in', teamIds.length > 0 ? teamIds : [-1]);
  return q.orderBy('users.display_name').execute();
}

/** After a full run: every mark made before it started is done. */
export async function clearDirtyBefore(db: Db, markedBefore: string) {
  await db.deleteFrom('value_dirty').where('marked_at', '<=', markedBefore).execute();
}
